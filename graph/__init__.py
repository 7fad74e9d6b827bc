"""The graph: its model (entities, relations, evidence), the vocabulary that is its
allow-list, the `GraphStore` protocol and the two stores (embedded and Neo4j).

This layer imports no other folder of tsunagari; what loaders and queries share (text
forms, sectors, limits) lives here too.
"""

from tsunagari.graph.model import (
    Contribution,
    DocumentRecord,
    Entity,
    Evidence,
    Relation,
    relation_ends,
    relation_id,
)
from tsunagari.graph.store import ApplyReport, GraphStore, NativePaths, StoreUnavailable
from tsunagari.graph.vocabulary import EntityType, EntryPoint, Family, RelationType, Stage, Status

__all__ = [
    "ApplyReport", "Contribution", "DocumentRecord", "Entity", "EntityType", "EntryPoint",
    "Evidence", "Family", "GraphStore", "NativePaths", "Relation", "RelationType", "Stage",
    "Status", "StoreUnavailable", "relation_ends", "relation_id",
]
