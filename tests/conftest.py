"""Shared fixtures: the seed paths, stores on temporary files, a live HTTP server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from tsunagari.api.app import create_app
from tsunagari.api.settings import Settings
from tsunagari.graph.networkx_store import NetworkxStore
from tsunagari.loaders.documents import Document
from tsunagari.loaders.load import load_seeds

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_DOCUMENT_ID = "000_4a12a5157f8c4e5f"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_document() -> Document:
    return Document.read(SEEDS / "documents" / f"{SEED_DOCUMENT_ID}.txt")


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[NetworkxStore]:
    store = NetworkxStore(tmp_path / "graph.sqlite3")
    yield store
    store.close()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NetworkxStore]:
    """The seed graph, loaded once; tests must not write to it."""
    store = NetworkxStore(tmp_path_factory.mktemp("seed") / "tsunagari.sqlite3")
    load_seeds(store, SEEDS)
    yield store
    store.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """The real app served by uvicorn on a loopback port, in a thread."""

    def __init__(self, store: NetworkxStore, settings: Settings) -> None:
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
def api(seed_store: NetworkxStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """An HTTP client of the seed graph served over loopback."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("api"), seeds_dir=SEEDS)
    with LiveServer(seed_store, settings) as server, httpx.Client(
        base_url=server.url, timeout=30
    ) as client:
        yield client
