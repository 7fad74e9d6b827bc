"""Shared fixtures: the seed paths, stores on temporary files, a live HTTP server."""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
import uvicorn

from tsunagari.api.app import create_app
from tsunagari.api.auth import TokenStore
from tsunagari.api.settings import Settings
from tsunagari.api.stores import neo4j_driver
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.graph.neo4j import Neo4jServer, Neo4jStore, missing_tools
from tsunagari.graph.store import GraphStore
from tsunagari.loaders.curated import load_seeds
from tsunagari.loaders.sources import Document

if TYPE_CHECKING:
    from tests.targets import Target

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_DOCUMENT_ID = "000_4a12a5157f8c4e5f"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_document() -> Document:
    return Document.read(SEEDS / "documents" / f"{SEED_DOCUMENT_ID}.txt")


BACKENDS = ["networkx", "neo4j"]
"""Every store the contract suite runs on; tests using the store fixtures run once per store."""


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


@pytest.fixture(scope="session")
def neo4j_servers() -> Iterator[Neo4jServers]:
    servers = Neo4jServers()
    yield servers
    servers.stop()


def wipe(store: Neo4jStore) -> None:
    store.driver.execute_query("MATCH (n) DETACH DELETE n")


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
    from tests.targets import Target

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
    """Mark every test that runs on Neo4j, so that the run can count them."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec and "neo4j" in callspec.params.values():
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """The real app served by uvicorn on a loopback port, in a thread."""

    def __init__(self, store: GraphStore, settings: Settings | None = None) -> None:
        settings = settings or Settings(data_dir=Path(tempfile.mkdtemp(prefix="tsunagari-")))
        self.port = free_port()
        config = uvicorn.Config(
            create_app(store, settings), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def api(seed_store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """An HTTP client of the seed graph served over loopback."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("api"), seeds_dir=SEEDS)
    with LiveServer(seed_store, settings) as server, httpx.Client(
        base_url=server.url, timeout=30
    ) as client:
        yield client


@dataclass
class WriteApi:
    client: httpx.Client
    token: str
    store: GraphStore
    data_dir: Path

    def auth(self, token: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {token or self.token}"}


@pytest.fixture
def writes(empty_store: GraphStore, tmp_path: Path) -> Iterator[WriteApi]:
    """The seed graph behind a live API whose data directory has one write token."""
    load_seeds(empty_store, SEEDS)
    settings = Settings(data_dir=tmp_path, seeds_dir=SEEDS)
    tokens = TokenStore(settings.tokens_path)
    token = tokens.create("desk-osaka")
    tokens.close()
    with LiveServer(empty_store, settings) as server, httpx.Client(
        base_url=server.url, timeout=60
    ) as client:
        yield WriteApi(client, token, empty_store, tmp_path)


def state(api: WriteApi) -> tuple[object, ...]:
    health = api.client.get("/healthz").json()
    documents = api.client.get("/v1/documents").json()
    return health["entities"], health["relations"], health["version"], documents
