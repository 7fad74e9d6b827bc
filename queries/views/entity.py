"""One entity with everything the graph says of it."""

from __future__ import annotations

from dataclasses import dataclass

from tsunagari.graph import Entity, GraphStore, Relation


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
    entity, relations, others = found
    relations = sorted(relations, key=lambda r: (r.type, r.id))
    by_id = {other.id: other for other in others}
    neighbours = {r.other(entity_id): by_id[r.other(entity_id)] for r in relations
                  if r.other(entity_id) in by_id}
    return EntityView(entity, relations, list(neighbours.values()))
