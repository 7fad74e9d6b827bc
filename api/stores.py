"""Opening the configured store: the one place that knows the concrete store classes."""

from __future__ import annotations

from neo4j import Driver, GraphDatabase

from tsunagari.api.settings import Settings
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.graph.neo4j import Neo4jStore
from tsunagari.graph.store import GraphStore


def open_store(settings: Settings) -> GraphStore:
    """The store the settings name, ready to use (the neo4j driver is made here)."""
    if settings.backend == "neo4j":
        return Neo4jStore(neo4j_driver(settings), settings.neo4j_database,
                          native_paths=settings.neo4j_native_paths)
    return NetworkxStore(settings.sqlite_path)


def answers_from_memory(store: GraphStore) -> bool:
    """Whether the store's reads are answered from this process's memory (the embedded
    store) rather than by a server they wait on."""
    return isinstance(store, NetworkxStore)


def neo4j_driver(settings: Settings) -> Driver:
    """A driver for the configured server; no authentication when no password is set."""
    auth = (settings.neo4j_user, settings.neo4j_password) if settings.neo4j_password else None
    return GraphDatabase.driver(
        settings.neo4j_uri,
        auth=auth,
        notifications_min_severity="OFF",
        max_transaction_retry_time=settings.neo4j_retry_seconds,
        connection_timeout=settings.neo4j_connect_seconds,
        connection_acquisition_timeout=settings.neo4j_connect_seconds,
    )
