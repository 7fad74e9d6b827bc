"""Entities, relations and their evidence as the API answers them."""

from __future__ import annotations

from pydantic import BaseModel, Field


class EvidenceOut(BaseModel):
    document: str
    locator: str = Field(description="L<line>[-<line>]:c<start>-<end> in the original file")
    quote: str
    line_start: int
    line_end: int


class EntityOut(BaseModel):
    id: str
    type: str
    labels: list[str]
    name_ja: str
    name_en: str
    aliases: list[str]
    country: str
    sectors: list[str]
    description: str


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
