"""Where the API's reads run: on the event loop for the embedded store, in the thread pool
for a store that waits on a server; and the name index follows the graph's changes."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx

from tests.support.servers import LiveServer
from tests.support.waiting import eventually
from tsunagari.api.settings import Settings
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.loaders.synth import MIN_NODES, synthesize

SIZE = MIN_NODES


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class RemoteLike:
    """A store that is not the embedded one (as Neo4j is not), noting where it is read."""

    def __init__(self, store: NetworkxStore) -> None:
        self._store = store
        self.read_on_loop: list[bool] = []

    def counts(self) -> tuple[int, int]:
        self.read_on_loop.append(_on_event_loop())
        return self._store.counts()

    def version(self) -> int:
        self.read_on_loop.append(_on_event_loop())
        return self._store.version()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def _store(tmp_path: Path) -> NetworkxStore:
    store = NetworkxStore(tmp_path / "graph.sqlite3")
    store.apply(synthesize(SIZE, seed=1))
    return store


def test_reads_of_a_store_that_waits_run_off_the_event_loop(tmp_path: Path) -> None:
    store = RemoteLike(_store(tmp_path))
    with (LiveServer(store, Settings(data_dir=tmp_path)) as server,  # type: ignore[arg-type]
          httpx.Client(base_url=server.url) as client):
        store.read_on_loop.clear()
        assert client.get("/healthz").status_code == 200
        assert client.get("/v1/search", params={"q": "JETRO"}).status_code == 200
    assert store.read_on_loop and not any(store.read_on_loop)


def test_reads_of_the_embedded_store_run_on_the_event_loop(tmp_path: Path) -> None:
    store = _store(tmp_path)
    on_loop: list[bool] = []
    counts = store.counts

    def noted_counts() -> tuple[int, int]:
        on_loop.append(_on_event_loop())
        return counts()

    store.counts = noted_counts  # type: ignore[method-assign]
    with (LiveServer(store, Settings(data_dir=tmp_path)) as server,
          httpx.Client(base_url=server.url) as client):
        assert client.get("/healthz").json()["entities"] == SIZE
    assert on_loop == [True]


def test_search_follows_a_change_made_beside_the_api(tmp_path: Path) -> None:
    """A change that does not go through the API (a load from the command line) reaches
    search once the views are rebuilt in the background; the API's own writes are read at
    once (tests/api/test_live_views.py)."""
    store = _store(tmp_path)
    added = synthesize(SIZE, seed=2)
    known = {entity.id for entity in store.entities()}
    newcomer = next(e for e in added.entities if e.id not in known and e.name_en)
    with (LiveServer(store, Settings(data_dir=tmp_path)) as server,
          httpx.Client(base_url=server.url) as client):

        def found() -> list[str]:
            answer = client.get("/v1/search", params={"q": newcomer.name_en, "limit": 100})
            return [hit["id"] for hit in answer.json()["results"]]

        assert newcomer.id not in found()
        store.apply(added)
        assert eventually(lambda: newcomer.id in found())
        store.retract(added.document.id)
        assert eventually(lambda: newcomer.id not in found())
