"""One entity with everything the graph says of it."""

from __future__ import annotations

from dataclasses import dataclass

from tsunagari.graph import Entity, GraphStore, Relation
from tsunagari.queries.projection import Projection


@dataclass
class EntityView:
    """An entity, its relations (by type, then id) and the entities at their other ends."""

    entity: Entity
    relations: list[Relation]
    neighbours: list[Entity]


def entity_view(store: GraphStore, entity_id: str) -> EntityView | None:
    """The entity's view, or None when there is no such entity (read in one go)."""
    found = store.surroundings(entity_id)
    if found is None:
        return None
    return _view(entity_id, *found)


def entity_view_in(projection: Projection, entity_id: str) -> EntityView | None:
    """The same view, from the projection of the graph (no store asked)."""
    entity = projection.entities.get(entity_id)
    if entity is None:
        return None
    relations = projection.touching.get(entity_id, [])
    others = [projection.entities[other] for r in relations
              if (other := r.other(entity_id)) in projection.entities]
    return _view(entity_id, entity, relations, others)


def _view(entity_id: str, entity: Entity, relations: list[Relation],
          others: list[Entity]) -> EntityView:
    """Relations by type and id, neighbours in the order of their first relation."""
    relations = sorted(relations, key=lambda r: (r.type, r.id))
    by_id = {other.id: other for other in others}
    neighbours = {r.other(entity_id): by_id[r.other(entity_id)] for r in relations
                  if r.other(entity_id) in by_id}
    return EntityView(entity, relations, list(neighbours.values()))
