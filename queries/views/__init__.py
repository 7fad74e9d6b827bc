"""Views of the graph for reading: one entity, a neighbourhood, the support menu, exports."""

from tsunagari.queries.views.entity import EntityView, entity_view
from tsunagari.queries.views.graph_export import (
    graph_json,
    graphml_chunks,
    in_chunks,
    sorted_entities,
    sorted_relations,
)
from tsunagari.queries.views.neighbours import MAX_DEPTH, MAX_NODES, Neighbourhood, neighbours
from tsunagari.queries.views.support import MAX_SUPPORT_ITEMS, SupportItem, support

__all__ = [
    "MAX_DEPTH", "MAX_NODES", "MAX_SUPPORT_ITEMS", "EntityView", "Neighbourhood", "SupportItem",
    "entity_view", "graph_json", "graphml_chunks", "in_chunks", "neighbours", "sorted_entities",
    "sorted_relations", "support",
]
