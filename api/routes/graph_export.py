"""GET /v1/graph: the whole graph as JSON or GraphML."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from tsunagari.api.deps import get_settings, get_store
from tsunagari.api.limits import check_export_size
from tsunagari.api.problems import problem_responses
from tsunagari.api.schemas import GraphJson
from tsunagari.api.settings import Settings
from tsunagari.graph.store import GraphStore
from tsunagari.queries.export import graph_graphml, graph_json

router = APIRouter(prefix="/v1", tags=["graph"])


@router.get(
    "/graph",
    response_model=GraphJson,
    responses={200: {"content": {"application/graphml+xml": {"schema": {"type": "string"}}}},
               **problem_responses(422)},
)
def whole_graph(
    format: Annotated[Literal["json", "graphml"], Query()] = "json",
    store: GraphStore = Depends(get_store),
    settings: Settings = Depends(get_settings),
) -> GraphJson | Response:
    """Every entity and relation; `format=graphml` for graph tools. A graph larger than
    TSUNAGARI_MAX_EXPORT_ELEMENTS is refused (422): export it with the CLI."""
    check_export_size(store, settings.max_export_elements)
    if format == "graphml":
        return Response(
            graph_graphml(store),
            media_type="application/graphml+xml",
            headers={"Content-Disposition": 'attachment; filename="tsunagari.graphml"'},
        )
    return GraphJson(**graph_json(store))
