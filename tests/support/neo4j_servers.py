"""Real Neo4j servers for the tests: started by the suite from Maven Central jars, or an
existing one named by `TSUNAGARI_NEO4J_URI`."""

from __future__ import annotations

import os

import pytest

from tsunagari.api.settings import Settings
from tsunagari.api.stores import neo4j_driver
from tsunagari.graph.neo4j import Neo4jServer, Neo4jStore, missing_tools


class Neo4jServers:
    """Two real Neo4j servers (Community holds one database each): the seed graph, and a
    scratch database wiped before every writing test. `TSUNAGARI_NEO4J_URI` names an
    existing server to use for both instead (the scratch tests then reload the seed after)."""

    def __init__(self) -> None:
        self._started: list[Neo4jServer] = []
        self.scratch: Neo4jServer | None = None
        external = os.environ.get("TSUNAGARI_NEO4J_URI")
        self.shared = bool(external)
        if external:
            self.seed_uri = external
            return
        missing = missing_tools()
        if missing and os.environ.get("CI") != "true":
            pytest.skip("Neo4j tests skipped, cannot run Neo4j here: " + "; ".join(missing))
        for _ in range(2):
            server = Neo4jServer()
            server.start()
            self._started.append(server)
        self.scratch = self._started[1]
        self.seed_uri = self._started[0].uri

    @property
    def scratch_uri(self) -> str:
        return self.scratch.uri if self.scratch else self.seed_uri

    def store(self, uri: str) -> Neo4jStore:
        settings = Settings(neo4j_uri=uri, neo4j_password=os.environ.get(
            "TSUNAGARI_NEO4J_PASSWORD", ""))
        return Neo4jStore(neo4j_driver(settings), settings.neo4j_database)

    def stop(self) -> None:
        for server in self._started:
            server.stop()


def wipe(store: Neo4jStore) -> None:
    store.driver.execute_query("MATCH (n) DETACH DELETE n")
