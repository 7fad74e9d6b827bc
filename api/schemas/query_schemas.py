"""Answers to the questions: chains (connect, paths, ask), neighbours, hubs, the support menu."""

from __future__ import annotations

from pydantic import BaseModel, Field

from tsunagari.api.schemas.entity_schemas import EntityOut, RelationOut


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
