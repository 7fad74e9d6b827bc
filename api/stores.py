"""Opening the configured store: the one place that knows the concrete store classes."""

from __future__ import annotations

from tsunagari.api.settings import Settings
from tsunagari.graph.networkx_store import NetworkxStore
from tsunagari.graph.store import GraphStore


def open_store(settings: Settings) -> GraphStore:
    """The store the settings name, ready to use."""
    return NetworkxStore(settings.sqlite_path)
