"""One entity with everything the graph says of it."""

from __future__ import annotations

from typing import Any

from tsunagari.graph.store import GraphStore


def entity_view(store: GraphStore, entity_id: str) -> dict[str, Any] | None:
    """The entity, its evidence, its relations (by type, then id) and its neighbours."""
    entity = store.entity(entity_id)
    if entity is None:
        return None
    relations = sorted(store.relations_of(entity_id), key=lambda r: (r.type, r.id))
    neighbours = {}
    for relation in relations:
        other = store.entity(relation.other(entity_id))
        if other is not None:
            neighbours[other.id] = other.to_dict()
    return {
        **entity.to_dict(),
        "evidence": [e.to_dict() for e in entity.evidence],
        "relations": [r.to_dict() for r in relations],
        "neighbours": neighbours,
    }
