"""Views of the graph for reading: one entity, a neighbourhood, the support menu, exports."""

from tsunagari.queries.views.entity import EntityView, entity_view, entity_view_in
from tsunagari.queries.views.graph_export import (
    graph_json,
    graphml_chunks,
    in_chunks,
    sorted_entities,
    sorted_relations,
)
from tsunagari.queries.views.hsds_records import (
    HSDS_VERSION,
    Directory,
    Page,
    directory,
    hsds_id,
    matching,
    organisation_record,
    organisations_matching,
    page_of,
    places_of,
    service_record,
)
from tsunagari.queries.views.hsds_tables import hsds_files
from tsunagari.queries.views.neighbours import MAX_DEPTH, MAX_NODES, Neighbourhood, neighbours
from tsunagari.queries.views.support import MAX_SUPPORT_ITEMS, SupportItem, support

__all__ = [
    "HSDS_VERSION", "Directory", "Page", "directory", "hsds_files", "hsds_id", "matching",
    "organisation_record", "organisations_matching", "page_of", "places_of", "service_record",
    "MAX_DEPTH", "MAX_NODES", "MAX_SUPPORT_ITEMS", "EntityView", "Neighbourhood", "SupportItem",
    "entity_view", "entity_view_in", "graph_json", "graphml_chunks", "in_chunks", "neighbours",
    "sorted_entities", "sorted_relations", "support",
]
