"""The embedded store: the merged graph in memory (networkx), every document's contribution
in SQLite beside it."""

from tsunagari.graph.embedded.fact_log import FactLog
from tsunagari.graph.embedded.networkx_store import NetworkxStore

__all__ = ["FactLog", "NetworkxStore"]
