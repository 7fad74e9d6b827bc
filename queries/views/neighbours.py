"""The neighbourhood of an entity: everything within a few hops, with the relations between."""

from __future__ import annotations

from dataclasses import dataclass

from tsunagari.graph.model import Entity, Relation
from tsunagari.graph.store import GraphStore
from tsunagari.queries.cache import VersionedCache, cached
from tsunagari.queries.projection import PROJECTION
from tsunagari.queries.query_errors import check_range
from tsunagari.queries.resolve import resolve_entity

MAX_DEPTH = 3
MAX_NODES = 500


@dataclass
class Neighbourhood:
    """Entities within `depth` hops of a centre and the relations among them."""

    centre: Entity
    depth: int
    entities: list[Entity]
    relations: list[Relation]
    truncated: bool


def neighbours(
    store: GraphStore,
    entity: str,
    depth: int = 1,
    limit: int = MAX_NODES,
    cache: VersionedCache | None = None,
) -> Neighbourhood:
    """Breadth-first neighbourhood (nearest first), at most `limit` entities."""
    check_range("depth", depth, 1, MAX_DEPTH)
    check_range("limit", limit, 1, MAX_NODES)
    centre = resolve_entity(store, entity, "entity", cache)
    projection = cached(store, cache, PROJECTION)
    order = [centre.id]
    seen = {centre.id}
    frontier = [centre.id]
    truncated = False
    for _ in range(depth):
        next_frontier = []
        for node in frontier:
            for hop in projection.hops_of(node):
                if hop.neighbour in seen:
                    continue
                if len(order) >= limit:
                    truncated = True
                    break
                seen.add(hop.neighbour)
                order.append(hop.neighbour)
                next_frontier.append(hop.neighbour)
        frontier = next_frontier
    relations = {
        hop.relation.id: hop.relation
        for node in order
        for hop in projection.hops_of(node)
        if hop.neighbour in seen
    }
    return Neighbourhood(
        centre,
        depth,
        [projection.entities[i] for i in order],
        sorted(relations.values(), key=lambda r: r.id),
        truncated,
    )
