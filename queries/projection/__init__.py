"""The traversal projection: adjacency, places and sectors of every entity, built once per
graph version, and its compact breadth-first form (`Reach`)."""

from tsunagari.queries.projection.hop_table import Hop
from tsunagari.queries.projection.projection import (
    LOCATING_TYPES,
    MAX_UPDATED,
    PROJECTION,
    TYPE_WEIGHT,
    GraphArrays,
    Projection,
    relation_weights,
)
from tsunagari.queries.projection.reach import Distances, Reach, distinct

__all__ = [
    "LOCATING_TYPES", "MAX_UPDATED", "PROJECTION", "TYPE_WEIGHT", "Distances", "GraphArrays", "Hop",
    "Projection", "Reach", "distinct", "relation_weights",
]
