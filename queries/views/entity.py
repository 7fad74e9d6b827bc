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
    """The entity's view, or None when there is no such entity."""
    entity = store.entity(entity_id)
    if entity is None:
        return None
    relations = sorted(store.relations_of(entity_id), key=lambda r: (r.type, r.id))
    neighbours: dict[str, Entity] = {}
    for relation in relations:
        other = store.entity(relation.other(entity_id))
        if other is not None:
            neighbours[other.id] = other
    return EntityView(entity, relations, list(neighbours.values()))
