"""Entities, relations and their evidence as the API answers them."""

from __future__ import annotations

from pydantic import BaseModel, Field


class EvidenceOut(BaseModel):
    document: str
    locator: str = Field(description="L<line>[-<line>]:c<start>-<end> in the original file")
    quote: str
    line_start: int
    line_end: int


class ServiceOut(BaseModel):
    """What an organisation offers (aligned with the Open Referral HSDS `service`)."""

    id: str
    organization: str
    name_ja: str
    name_en: str
    description_ja: str
    description_en: str
    program: str = Field(description="The programme (an entity id) the service is the offer of, or ''")
    needs: list[str]
    stages: list[str]
    entry_points: list[str]
    eligibility_ja: str
    eligibility_en: str
    cost_ja: str
    cost_en: str
    languages: list[str]
    area_served: list[str]
    how_to_apply_ja: str
    how_to_apply_en: str
    valid_from: str | None
    valid_to: str | None
    source_date: str = Field(description="When the document said it (YYYY-MM)")
    assured_date: str = Field(description="When a person last checked it (YYYY-MM-DD), or ''")
    assured_by: str
    evidence: list[EvidenceOut]


class EntityOut(BaseModel):
    id: str
    type: str
    labels: list[str]
    name_ja: str
    name_en: str
    aliases: list[str]
    country: str
    sectors: list[str]
    description: str = Field(description="In English")
    description_ja: str = Field(description="In Japanese")
    actor: bool = Field(description="False for a source of data, an author, a publisher or a "
                                    "survey: named, but never in a chain or a hub ranking")


class RelationOut(BaseModel):
    id: str
    type: str
    family: str
    source: str
    target: str
    evidence: list[EvidenceOut]
    since: str | None
    until: str | None
    stage: str | None
    entry_point: str | None
    confidence: float
    status: str


class EntityDetail(EntityOut):
    evidence: list[EvidenceOut]
    services: list[ServiceOut] = Field(description="What the organisation offers")
    relations: list[RelationOut]
    neighbours: dict[str, EntityOut] = Field(
        description="The entities at the other end of the relations, by id"
    )


class SearchHit(EntityOut):
    score: float
    matched: str = Field(description="The name that matched")
    match: str = Field(description="exact, normalised, contained or fuzzy")


class SearchResults(BaseModel):
    results: list[SearchHit]
