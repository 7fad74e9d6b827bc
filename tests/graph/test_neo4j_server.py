"""The real Neo4j 5.26 server that the project starts itself, without Docker.

Under ``CI=true`` a Neo4j that cannot start fails these tests; elsewhere they are skipped,
with the reason, when Java 17 or Maven is missing (see `Neo4jServers` in conftest).
"""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from neo4j import Driver, GraphDatabase

from tests.support.neo4j_servers import Neo4jServers
from tsunagari.graph.neo4j import (
    Neo4jServer,
    Neo4jUnavailable,
    neo4j_version,
)

pytestmark = pytest.mark.neo4j


@pytest.fixture
def server(neo4j_servers: Neo4jServers) -> Neo4jServer:
    """The suite's scratch server (the launcher's own tests may restart it)."""
    if neo4j_servers.scratch is None:
        pytest.skip("TSUNAGARI_NEO4J_URI names an existing server; the launcher is not used")
    return neo4j_servers.scratch


@pytest.fixture
def driver(server: Neo4jServer) -> Iterator[Driver]:
    with GraphDatabase.driver(server.uri) as bolt:
        yield bolt


def count_nodes(driver: Driver, marker: str) -> int:
    records, _, _ = driver.execute_query(
        "MATCH (n:Probe {marker: $marker}) RETURN count(n) AS n", marker=marker
    )
    return int(records[0]["n"])


def test_bolt_on_loopback_runs_cypher(server: Neo4jServer, driver: Driver) -> None:
    assert urlsplit(server.uri).hostname == "127.0.0.1"
    records, _, _ = driver.execute_query("RETURN 1 AS one")
    assert records[0]["one"] == 1

    marker = uuid.uuid4().hex
    driver.execute_query("CREATE (:Probe {marker: $marker, name: 'つながり'})", marker=marker)
    records, _, _ = driver.execute_query(
        "MATCH (n:Probe {marker: $marker}) RETURN n.name AS name", marker=marker
    )
    assert [record["name"] for record in records] == ["つながり"]


def test_is_neo4j_5_26(driver: Driver) -> None:
    assert driver.get_server_info().agent == f"Neo4j/{neo4j_version()}"
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions RETURN name, versions[0] AS version"
    )
    assert records[0]["name"] == "Neo4j Kernel"
    assert records[0]["version"].startswith("5.26.")


def test_restart_keeps_port_and_data(server: Neo4jServer) -> None:
    marker = uuid.uuid4().hex
    uri = server.uri
    with GraphDatabase.driver(uri) as bolt:
        bolt.execute_query("CREATE (:Probe {marker: $marker})", marker=marker)

    server.restart()

    assert server.uri == uri
    with GraphDatabase.driver(uri) as bolt:
        assert count_nodes(bolt, marker) == 1


def test_busy_port_fails_with_the_launcher_output(server: Neo4jServer) -> None:
    port = urlsplit(server.uri).port
    assert port is not None
    other = Neo4jServer()
    with pytest.raises(Neo4jUnavailable, match="Address already in use"):
        other.start(port=port)
    assert not other.data_dir.exists()


@pytest.mark.usefixtures("server")
def test_stop_frees_the_port_and_keeps_a_given_data_dir(tmp_path: Path) -> None:
    marker = uuid.uuid4().hex
    with Neo4jServer().start(data_dir=tmp_path) as first:
        with GraphDatabase.driver(first.uri) as bolt:
            bolt.execute_query("CREATE (:Probe {marker: $marker})", marker=marker)
        port = urlsplit(first.uri).port
        first.stop()
        with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=5):
            pass

    assert (tmp_path / "data" / "databases").is_dir()
    with Neo4jServer().start(data_dir=tmp_path) as second, GraphDatabase.driver(second.uri) as bolt:
        assert count_nodes(bolt, marker) == 1
