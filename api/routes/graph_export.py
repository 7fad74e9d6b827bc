"""GET /v1/graph: the whole graph as JSON or GraphML."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from tsunagari.api.deps import get_store
from tsunagari.api.schemas import GraphJson
from tsunagari.graph.store import GraphStore
from tsunagari.queries.export import graph_graphml, graph_json

router = APIRouter(prefix="/v1", tags=["graph"])


@router.get(
    "/graph",
    response_model=GraphJson,
    responses={200: {"content": {"application/graphml+xml": {}}}},
)
def whole_graph(
    format: Annotated[Literal["json", "graphml"], Query()] = "json",
    store: GraphStore = Depends(get_store),
) -> GraphJson | Response:
    """Every entity and relation; `format=graphml` for graph tools."""
    if format == "graphml":
        return Response(
            graph_graphml(store),
            media_type="application/graphml+xml",
            headers={"Content-Disposition": 'attachment; filename="tsunagari.graphml"'},
        )
    return GraphJson(**graph_json(store))
