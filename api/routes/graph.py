"""The whole graph (/v1/graph, JSON or GraphML, streamed) and the views the page draws
(/v1/graph/view).

A view is a neighbourhood, a set of relations (the chains of an answer) or the whole network
cut to its most connected entities, answered as the nodes, edges and options (pyvis's)
vis-network draws.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Response
from fastapi.responses import StreamingResponse
from pydantic import TypeAdapter
from pyvis.network import Network

from tsunagari.api.deps import EXPORT_SLOT, VIEW_SLOT, Cache, Config, Store
from tsunagari.api.errors import problem_responses
from tsunagari.api.params import MAX_RELATION_IDS, NAME_LENGTH
from tsunagari.api.schemas import EntityOut, GraphJson, GraphView, LegendEntry, RelationOut
from tsunagari.graph import Entity, EntityType, Family, GraphStore, Relation
from tsunagari.graph.vocabulary import SYMMETRIC_TYPES
from tsunagari.queries import PROJECTION, Projection, neighbours
from tsunagari.queries.projection import LOCATING_TYPES
from tsunagari.queries.views import (
    MAX_DEPTH,
    MAX_NODES,
    graphml_chunks,
    in_chunks,
    sorted_entities,
    sorted_relations,
)

router = APIRouter(prefix="/v1", tags=["graph"])

TYPE_STYLE: dict[EntityType, tuple[str, str]] = {
    EntityType.MUNICIPALITY: ("#3f6fb5", "dot"),
    EntityType.GOVERNMENT_AGENCY: ("#d1495b", "dot"),
    EntityType.FINANCIAL_INSTITUTION: ("#e0a526", "dot"),
    EntityType.NPO: ("#e17aa8", "dot"),
    EntityType.SUPPORT_CENTER: ("#f07f2d", "dot"),
    EntityType.INDUSTRIAL_PARK: ("#4f9a4a", "square"),
    EntityType.TRAINING_INSTITUTION: ("#4aa8a3", "dot"),
    EntityType.FIRM: ("#8a6a52", "dot"),
    EntityType.PROGRAM: ("#9a6cc2", "triangle"),
    EntityType.PERSON: ("#2d4a6b", "star"),
    EntityType.PLACE: ("#a3a9b1", "diamond"),
}
"""Colour and vis-network shape of each entity type."""

FAMILY_STYLE: dict[Family, dict[str, Any]] = {
    Family.SUPPORTS: {"color": "#6b7686", "dashes": False, "width": 1.6},
    Family.PARTNERS_WITH: {"color": "#8d96a3", "dashes": [6, 4], "width": 1.3},
    Family.LOCATED_IN: {"color": "#b9bfc7", "dashes": [2, 4], "width": 1.0},
}
"""Line of each relation family."""
ENTITY_LIST = TypeAdapter(list[EntityOut])
RELATION_LIST = TypeAdapter(list[RelationOut])


@router.get(
    "/graph",
    response_model=GraphJson,
    responses={200: {"content": {"application/graphml+xml": {"schema": {"type": "string"}}}},
               **problem_responses(422)},
    dependencies=[EXPORT_SLOT],
)
def whole_graph(
    store: Store, settings: Config, format: Annotated[Literal["json", "graphml"], Query()] = "json",
) -> Response:
    """Every entity and relation; `format=graphml` for graph tools. The answer is streamed, a
    few hundred elements at a time. A graph larger than TSUNAGARI_MAX_EXPORT_ELEMENTS is
    refused (422): export it with the CLI. At most TSUNAGARI_MAX_CONCURRENT_EXPORTS are
    answered at once; one more gets 503 with Retry-After."""
    check_export_size(store, settings.max_export_elements)
    entities, relations = sorted_entities(store), sorted_relations(store)
    if format == "graphml":
        return StreamingResponse(
            graphml_chunks(entities, relations),
            media_type="application/graphml+xml",
            headers={"Content-Disposition": 'attachment; filename="tsunagari.graphml"'},
        )
    return StreamingResponse(_json_chunks(entities, relations), media_type="application/json")


def _json_chunks(entities: list[Entity], relations: list[Relation]) -> Iterator[bytes]:
    """The JSON of `GraphJson`, a few hundred elements a chunk."""
    yield b'{"nodes":['
    yield from _json_items(ENTITY_LIST, (e.to_dict() for e in entities))
    yield b'],"edges":['
    yield from _json_items(RELATION_LIST, (r.to_dict() for r in relations))
    yield b"]}"


def _json_items(adapter: TypeAdapter[Any], records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """The records as the items of `adapter`'s list type, in JSON without the brackets."""
    separator = b""
    for chunk in in_chunks(records):
        yield separator + adapter.dump_json(adapter.validate_python(chunk))[1:-1]
        separator = b","


@router.get("/graph/view", response_model=GraphView, responses=problem_responses(404, 422),
            dependencies=[VIEW_SLOT])
def graph_view(
    cache: Cache,
    store: Store,
    center: Annotated[str | None, Query(
        max_length=NAME_LENGTH,
        description="Draw the neighbourhood of this entity (any name or id)",
    )] = None,
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH, description="Neighbourhood depth")] = 1,
    relations: Annotated[str | None, Query(
        max_length=4_000,
        description=f"Draw these relations (comma-separated ids, at most {MAX_RELATION_IDS})",
    )] = None,
    lang: Annotated[Literal["ja", "en"], Query(description="Language of the labels")] = "en",
) -> GraphView:
    """A graph ready for vis-network: a neighbourhood, given relations, or (neither) the whole
    network, cut to its MAX_NODES most connected entities (`truncated` and `total` say so).
    At most TSUNAGARI_MAX_CONCURRENT_VIEWS are built at once; one more gets 503."""
    if center and relations:
        raise HTTPException(422, "give center or relations, not both")
    projection = cache.get(PROJECTION)
    if center:
        hood = neighbours(store, center, depth=depth, cache=cache)
        return _view(projection, hood.entities, hood.relations, lang, hood.truncated)
    known = _accepted_relations(projection)
    if relations:
        chosen = _relations_by_id(known, relations)
        ends = dict.fromkeys(end for r in chosen for end in (r.source, r.target))
        return _view(projection, [projection.entities[e] for e in ends], chosen, lang, False)
    network = [e for e in projection.entities.values() if _in_network(projection, e)]
    drawn = {e.id: e for e in sorted(network, key=lambda e: (-_degree(projection, e), e.id))
             [:MAX_NODES]}
    kept = [r for r in known.values() if r.source in drawn and r.target in drawn]
    return _view(projection, sorted(drawn.values(), key=lambda e: e.id),
                 sorted(kept, key=lambda r: r.id), lang, len(network) > len(drawn),
                 total=len(network))


def _degree(projection: Projection, entity: Entity) -> int:
    return len(projection.hops.get(entity.id, ()))


def _in_network(projection: Projection, entity: Entity) -> bool:
    """Whether the whole view draws an entity: every organisation, and the places where one
    stands or that take part in a relation beyond where they lie (the reference places no
    organisation stands in, the municipalities of all Japan, are left out)."""
    if not entity.is_pure_place:
        return True
    if any(not projection.entities[other].is_pure_place
           for other in projection.within(entity.id) if other in projection.entities):
        return True
    return any(hop.relation.type not in LOCATING_TYPES for hop in projection.hops_of(entity.id))


def check_export_size(store: GraphStore, max_elements: int) -> None:
    """Refuse (422) to answer the whole graph when it has more entities and relations
    than `max_elements`; the CLI exports any size."""
    entities, relations = store.counts()
    if entities + relations > max_elements:
        raise HTTPException(
            422,
            f"the graph has {entities} entities and {relations} relations, more than the "
            f"{max_elements} one answer may hold (TSUNAGARI_MAX_EXPORT_ELEMENTS); export it with "
            "`tsunagari export`, or ask for a part (/v1/entities/{id}/neighbours)",
        )


def _accepted_relations(projection: Projection) -> dict[str, Relation]:
    return {hop.relation.id: hop.relation for hops in projection.hops.values() for hop in hops}


def _relations_by_id(known: dict[str, Relation], ids: str) -> list[Relation]:
    wanted = list(dict.fromkeys(i.strip() for i in ids.split(",") if i.strip()))
    if len(wanted) > MAX_RELATION_IDS:
        raise HTTPException(422, f"relations: at most {MAX_RELATION_IDS} ids (got {len(wanted)})")
    missing = [i for i in wanted if i not in known]
    if missing:
        raise HTTPException(404, f"no accepted relation with id {', '.join(map(repr, missing))}")
    return [known[i] for i in wanted]


def _view(
    projection: Projection,
    entities: list[Entity],
    relations: list[Relation],
    lang: str,
    truncated: bool,
    total: int | None = None,
) -> GraphView:
    """The view vis-network draws: nodes and edges as pyvis's `Network` gives them (built
    here in one pass: pyvis checks each node and edge against lists of all before it), and
    pyvis's options."""
    drawn = dict.fromkeys(e.type for e in entities)
    return GraphView(
        nodes=[_node(projection, entity, lang) for entity in entities],
        edges=[_edge(relation) for relation in relations],
        options=_options(len(entities)),
        legend=[LegendEntry(type=t.value, color=TYPE_STYLE[t][0], shape=TYPE_STYLE[t][1])
                for t in TYPE_STYLE if t in drawn],
        truncated=truncated,
        total=total,
    )


def _node(projection: Projection, entity: Entity, lang: str) -> dict[str, Any]:
    color, shape = TYPE_STYLE[entity.type]
    return {
        "id": entity.id,
        "label": (entity.name_en if lang == "en" else entity.name_ja) or entity.display_name,
        "shape": shape,
        "color": color,
        "size": round(9 + 3 * math.sqrt(_degree(projection, entity)), 1),
        "type": entity.type.value,
        "name_ja": entity.name_ja,
        "name_en": entity.name_en,
    }


def _edge(relation: Relation) -> dict[str, Any]:
    return {
        "id": relation.id,
        "from": relation.source,
        "to": relation.target,
        "arrows": "" if relation.type in SYMMETRIC_TYPES else "to",
        "type": relation.type,
        "family": relation.family,
        "quote": relation.evidence[0].quote if relation.evidence else "",
        **FAMILY_STYLE[Family(relation.family)],
    }


def _options(size: int) -> dict[str, Any]:
    network = Network(directed=True)
    _set_options(network, size)
    options: dict[str, Any] = json.loads(network.options.to_json())
    return options


def _set_options(network: Network, size: int) -> None:
    network.force_atlas_2based(
        gravity=-70, central_gravity=0.015, spring_length=120, spring_strength=0.05,
        damping=0.55, overlap=0.35,
    )
    network.set_edge_smooth("continuous")
    network.toggle_hide_edges_on_drag(size > 150)
    stabilization = network.options.physics.stabilization
    stabilization.iterations = 250 if size > 150 else 400
    stabilization.updateInterval = 10
    interaction = network.options.interaction
    interaction.hover = True
    interaction.tooltipDelay = 120
    interaction.keyboard = {"enabled": True, "bindToWindow": False}
    network.options.layout = {"randomSeed": 7, "improvedLayout": size <= 100}
    network.options.nodes = {
        "borderWidth": 1.5,
        "widthConstraint": {"maximum": 180},
        "font": {"size": 13, "color": "#1d2430", "strokeWidth": 3, "strokeColor": "#ffffff"},
        "scaling": {"label": {"drawThreshold": 7}},
    }
    network.options.edges.arrowStrikethrough = False
    network.options.edges.selectionWidth = 1.5
