"""Shared fixtures: the seed, stores on temporary files (each test of the contract suite runs
on the embedded store and on a real Neo4j), a live HTTP server, the markers of a run.

Helpers live in tests/support/; this file only turns them into fixtures.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.desk_questions import REPORT
from tests.support.neo4j_servers import Neo4jServers, wipe
from tests.support.paths import SEED_DOCUMENT_ID, SEEDS
from tests.support.servers import LiveServer, WriteApi
from tests.support.targets import Target
from tsunagari.api.audit import AuditLog
from tsunagari.api.auth import Role, TokenStore
from tsunagari.api.settings import Settings
from tsunagari.graph import GraphStore
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.graph.neo4j import Neo4jStore
from tsunagari.loaders import Document, MergeJournal, ReviewQueue, Writes, load_seeds


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_document() -> Document:
    return Document.read(SEEDS / "documents" / f"{SEED_DOCUMENT_ID}.txt")


BACKENDS = ["networkx", "neo4j"]
"""Every store the contract suite runs on; tests using the store fixtures run once per store."""


@pytest.fixture(scope="session")
def neo4j_servers() -> Iterator[Neo4jServers]:
    servers = Neo4jServers()
    yield servers
    servers.stop()


@pytest.fixture
def scratch_neo4j(neo4j_servers: Neo4jServers) -> Iterator[Neo4jStore]:
    """The scratch Neo4j database, empty (the seed is put back on a shared server)."""
    store = neo4j_servers.store(neo4j_servers.scratch_uri)
    wipe(store)
    yield store
    if neo4j_servers.shared:
        wipe(store)
        load_seeds(store, SEEDS)
    store.close()


@pytest.fixture(params=BACKENDS)
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Target:
    """An empty store of each backend for `tsunagari` processes (the scratch Neo4j database)."""
    if request.param == "neo4j":
        request.getfixturevalue("scratch_neo4j")
        servers: Neo4jServers = request.getfixturevalue("neo4j_servers")
        return Target("neo4j", tmp_path / "data", servers.scratch_uri)
    return Target("networkx", tmp_path / "data")


@pytest.fixture(params=BACKENDS)
def empty_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each backend, for tests that write."""
    if request.param == "neo4j":
        yield request.getfixturevalue("scratch_neo4j")
        return
    store = NetworkxStore(tmp_path / "graph.sqlite3")
    yield store
    store.close()


@pytest.fixture
def write_path(empty_store: GraphStore, tmp_path: Path) -> Iterator[Writes]:
    """The write path over an empty store of each backend, its files in tmp_path."""
    opened = (ReviewQueue(tmp_path / "review.sqlite3"), MergeJournal(tmp_path / "merges.sqlite3"),
              AuditLog(tmp_path / "audit.sqlite3"))
    yield Writes(empty_store, *opened, tmp_path / "documents")
    for file in opened:
        file.close()


@pytest.fixture(scope="session", params=BACKENDS)
def seed_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GraphStore]:
    """The seed graph on each backend, loaded once; tests must not write to it."""
    if request.param == "networkx":
        store: GraphStore = NetworkxStore(tmp_path_factory.mktemp("seed") / "tsunagari.sqlite3")
    else:
        servers: Neo4jServers = request.getfixturevalue("neo4j_servers")
        store = servers.store(servers.seed_uri)
        wipe(store)
    load_seeds(store, SEEDS)
    yield store
    store.close()


@pytest.fixture(scope="session")
def nx_seed_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NetworkxStore]:
    """The seed graph in the embedded store alone (for the CLI, which opens its file)."""
    store = NetworkxStore(tmp_path_factory.mktemp("nxseed") / "tsunagari.sqlite3")
    load_seeds(store, SEEDS)
    yield store
    store.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that runs on Neo4j (the store fixtures' Neo4j half, or a test that
    asks for the servers), so that `-m "not neo4j"` leaves them out and the run counts them."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_neo4j = callspec is not None and "neo4j" in callspec.params.values()
        if on_neo4j or "neo4j_servers" in getattr(item, "fixturenames", ()):
            item.add_marker("neo4j")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print how many tests ran against a real Neo4j."""
    counts = {
        outcome: sum(
            1 for report in terminalreporter.stats.get(outcome, [])
            if getattr(report, "when", "call") == "call" and "neo4j" in report.keywords
        )
        for outcome in ("passed", "failed", "skipped")
    }
    terminalreporter.write_line(
        f"tests run against Neo4j: {counts['passed']} passed, {counts['failed']} failed, "
        f"{counts['skipped']} skipped"
    )
    for line in REPORT:
        terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def api(seed_store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """An HTTP client of the seed graph served over loopback."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("api"), seeds_dir=SEEDS)
    with LiveServer(seed_store, settings) as server, httpx.Client(
        base_url=server.url, timeout=30
    ) as client:
        yield client


@pytest.fixture
def writes(empty_store: GraphStore, tmp_path: Path) -> Iterator[WriteApi]:
    """The seed graph behind a live API whose data directory has two write tokens: a desk
    token ("desk-osaka") and an admin token ("admin-osaka")."""
    load_seeds(empty_store, SEEDS)
    settings = Settings(data_dir=tmp_path, seeds_dir=SEEDS)
    tokens = TokenStore(settings.tokens_path)
    token, admin_token = tokens.create("desk-osaka"), tokens.create("admin-osaka", Role.ADMIN)
    tokens.close()
    with LiveServer(empty_store, settings) as server, httpx.Client(
        base_url=server.url, timeout=60
    ) as client:
        yield WriteApi(client, token, admin_token, empty_store, tmp_path)


