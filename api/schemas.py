"""Pydantic shapes of the HTTP API (DESIGN.md: API)."""

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


class Health(BaseModel):
    status: str
    backend: str
    entities: int
    relations: int
    version: int


class GraphJson(BaseModel):
    nodes: list[EntityOut]
    edges: list[RelationOut]


class DocumentOut(BaseModel):
    id: str
    title: str
    sha256: str
    path: str
    loaded_at: str
    entity_count: int
    relation_count: int


class DocumentList(BaseModel):
    documents: list[DocumentOut]


class DocumentDetail(DocumentOut):
    entities: list[str]
    relations: list[str]


class Problem(BaseModel):
    """An error as problem JSON (RFC 9457). Some add members: a question not understood
    adds `recognised` and `suggestions`."""

    type: str = Field(description="Always about:blank: the title and status say it all")
    title: str
    status: int
    detail: str = Field(description="What is wrong, in words, naming the offending input")


class StepOut(BaseModel):
    entity: EntityOut
    via: RelationOut | None = Field(description="The relation that leads here; null first")
    direction: str | None = Field(
        description="forward: the previous step is the relation's source; backward: its target"
    )


class Explanation(BaseModel):
    ja: str
    en: str


class ChainOut(BaseModel):
    score: float
    hops: int
    steps: list[StepOut]
    explanation: Explanation


class ConnectOut(BaseModel):
    from_: EntityOut = Field(alias="from", serialization_alias="from")
    to: EntityOut
    sector: str | None
    complete: bool = Field(description="False when the search stopped at its time budget")
    chains: list[ChainOut]

    model_config = {"populate_by_name": True}


class PathsOut(BaseModel):
    source: EntityOut
    target: EntityOut
    complete: bool
    chains: list[ChainOut]


class ParsedQuestion(BaseModel):
    from_: EntityOut = Field(alias="from", serialization_alias="from")
    to: EntityOut
    sector: str | None
    stage: str | None
    entry_point: str | None
    recognised: list[str]

    model_config = {"populate_by_name": True}


class AskOut(BaseModel):
    parsed: ParsedQuestion
    complete: bool
    chains: list[ChainOut]


class NeighboursOut(BaseModel):
    entity: EntityOut
    depth: int
    truncated: bool
    nodes: list[EntityOut]
    edges: list[RelationOut]


class Bridge(BaseModel):
    kind: str = Field(description="country or community")
    id: str
    name: str
    neighbours: int


class HubOut(BaseModel):
    entity: EntityOut
    score: float
    bridges: list[Bridge]
    roles: dict[str, int] = Field(description="Brokerage roles (Gould-Fernandez) and counts")


class HubsOut(BaseModel):
    metric: str
    hubs: list[HubOut]


class SupportItemOut(BaseModel):
    entity: EntityOut
    stages: list[str]
    entry_points: list[str]
    relations: list[RelationOut]


class SupportOut(BaseModel):
    results: list[SupportItemOut]
