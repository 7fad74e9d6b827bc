"""The whole graph, and graph views drawn by the page."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from tsunagari.api.schemas.entity_schemas import EntityOut, RelationOut


class GraphJson(BaseModel):
    nodes: list[EntityOut]
    edges: list[RelationOut]


class LegendEntry(BaseModel):
    type: str
    color: str
    shape: str


class GraphView(BaseModel):
    nodes: list[dict[str, Any]] = Field(
        description="vis-network nodes: id, label, color, shape, size, type, name_ja, name_en"
    )
    edges: list[dict[str, Any]] = Field(
        description="vis-network edges: id (the relation id), from, to, arrows, color, dashes, "
        "width, type, family, quote"
    )
    options: dict[str, Any] = Field(description="vis-network options")
    legend: list[LegendEntry] = Field(description="The entity types drawn, with their style")
    truncated: bool = Field(description="True when a neighbourhood or the whole network was cut "
                                        "at its size limit")
    total: int | None = Field(
        default=None,
        description="How many entities the whole network holds, of which `nodes` are the most "
                    "connected (null for a neighbourhood or given relations)")
