"""Reads that survive writes: while a write's views are rebuilt (made slow here on purpose),
readers keep being answered from the views before it; the write answers once its views are
built, and from then on every read sees it."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from tests.support.servers import WriteApi
from tsunagari.graph.store import GraphStore
from tsunagari.queries.projection import Projection

NEW_NAME = "つながり試験デスク"
SOURCE = {"source": "電話確認 2026-12 (desk note)"}


@pytest.fixture
def held_rebuild(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """While the returned event is clear, a projection rebuilt after a write waits for it."""
    release = threading.Event()
    release.set()
    rebuilding = threading.Event()
    build = Projection._build

    def held(store: GraphStore) -> Projection:
        rebuilding.set()
        release.wait(60)
        return build(store)

    monkeypatch.setattr(Projection, "_build", staticmethod(held))
    release.rebuilding = rebuilding  # type: ignore[attr-defined]
    yield release
    release.set()


def test_readers_keep_answering_during_a_rebuild_and_the_writer_reads_its_write(
    writes: WriteApi, held_rebuild: threading.Event
) -> None:
    client, auth = writes.client, writes.auth()
    before = client.get("/v1/connect", params={"from": "Osaka", "to": "Dong Nai"})
    assert before.status_code == 200 and before.json()["chains"]
    hubs_before = client.get("/v1/hubs").json()
    assert client.get("/v1/search", params={"q": NEW_NAME}).json()["results"] == []

    held_rebuild.clear()
    held_rebuild.rebuilding.clear()  # type: ignore[attr-defined]
    written: dict[str, int] = {}

    def write() -> None:
        answer = client.put("/v1/entities/tsunagari-test-desk", headers=auth, json={
            "type": "SupportCenter", "name_ja": NEW_NAME, "country": "jp", **SOURCE})
        written["status"] = answer.status_code
        related = client.post("/v1/relations", headers=auth, json={
            "type": "PARTNERS_WITH", "from": "tsunagari-test-desk", "to": "jetro", **SOURCE})
        written["relation"] = related.status_code

    writer = threading.Thread(target=write)
    writer.start()
    assert held_rebuild.rebuilding.wait(30), "the write did not rebuild the views"  # type: ignore[attr-defined]
    # The rebuild is held: every read below is answered from the views before the write.
    for _ in range(20):
        chains = client.get("/v1/connect", params={"from": "Osaka", "to": "Dong Nai"})
        assert chains.status_code == 200 and chains.json()["chains"] == before.json()["chains"]
        assert client.get("/v1/search", params={"q": NEW_NAME}).json()["results"] == []
        assert client.get("/v1/hubs").json() == hubs_before
    assert writer.is_alive(), "the write answered before its views were built"
    held_rebuild.set()
    writer.join(60)
    assert written == {"status": 200, "relation": 201}

    found = client.get("/v1/search", params={"q": NEW_NAME}).json()["results"]
    assert [hit["id"] for hit in found][:1] == ["tsunagari-test-desk"]
    chains = client.get("/v1/paths", params={"source": NEW_NAME, "target": "jetro"}).json()
    assert chains["chains"][0]["steps"][0]["entity"]["id"] == "tsunagari-test-desk"


def test_hubs_say_the_version_their_scores_are_of(writes: WriteApi) -> None:
    client = writes.client
    version = client.get("/healthz").json()["version"]
    assert client.get("/v1/hubs").json()["as_of_version"] == version
