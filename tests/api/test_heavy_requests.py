"""Work a request without a token can ask for is bounded, over HTTP, on a synthetic national
network of 20,000 entities: the whole graph view is cut to its most connected entities,
exports are streamed, heavy requests beyond their lane's slots are answered 503 with
Retry-After (a query after waiting at most its budget), and listings come in pages."""

from __future__ import annotations

import io
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import replace
from xml.etree import ElementTree

import httpx
import pytest

from tests.support.servers import LiveServer
from tsunagari.api.params import DEFAULT_PAGE, MAX_PAGE
from tsunagari.api.settings import Settings
from tsunagari.graph import Contribution
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.loaders import Proposals, ReviewQueue
from tsunagari.loaders.extract import ProposedEntity, ProposedRelation
from tsunagari.loaders.synth import synthesize, synthetic_text
from tsunagari.queries.views import MAX_NODES

ENTITIES = 20_000
EXPORTS = 8
"""The export lane's slots on the test server."""
PROPOSALS = 10_000
UPLOAD = "national-upload"
HEAVY_QUESTION = {"from": "pref-13", "to": "vn-province-01", "max_hops": 6}
"""A whole prefecture to a whole province: thousands of candidate chains, a search that
runs until its budget."""


@pytest.fixture(scope="module")
def network() -> Contribution:
    return synthesize(ENTITIES, seed=1)


@pytest.fixture(scope="module")
def national(network: Contribution, tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[httpx.Client]:
    """A live API over the network, with a document of 10,000 proposals in review, eight
    export slots, and one query slot with a 50 ms budget (the wait for it as long)."""
    data_dir = tmp_path_factory.mktemp("national")
    settings = Settings(data_dir=data_dir, max_concurrent_exports=EXPORTS,
                        max_concurrent_queries=1, query_budget_seconds=0.05)
    store = NetworkxStore(settings.sqlite_path)
    store.apply(network)
    queue = ReviewQueue(settings.review_path)
    queue.put(replace(network.document, id=UPLOAD), Proposals(
        UPLOAD,
        [ProposedEntity(e, existing=False, confidence=0.5)
         for e in network.entities[:PROPOSALS // 2]],
        [ProposedRelation(r, confidence=0.5) for r in network.relations[:PROPOSALS // 2]],
    ), synthetic_text(network))
    queue.close()
    with LiveServer(store, settings) as server, httpx.Client(base_url=server.url,
                                                             timeout=120) as client:
        yield client
    store.close()


def test_the_whole_view_of_a_national_network_draws_its_most_connected_entities(
    national: httpx.Client,
) -> None:
    view = national.get("/v1/graph/view").raise_for_status().json()
    drawn = {node["id"] for node in view["nodes"]}
    assert len(drawn) == MAX_NODES
    assert view["truncated"] is True and view["total"] > MAX_NODES
    assert all(edge["from"] in drawn and edge["to"] in drawn for edge in view["edges"])
    graph = national.get("/v1/graph").json()
    degree = Counter(end for edge in graph["edges"] for end in (edge["source"], edge["target"]))
    assert {entity for entity, _ in degree.most_common(10)} <= drawn


def test_exports_are_streamed_piece_by_piece(national: httpx.Client, network: Contribution
                                             ) -> None:
    for params in ({}, {"format": "graphml"}):
        with national.stream("GET", "/v1/graph", params=params) as response:
            assert response.status_code == 200
            assert response.headers["transfer-encoding"] == "chunked"
            assert "content-length" not in response.headers
            chunks = list(response.iter_raw())
        assert len(chunks) > 10
        body = b"".join(chunks)
        if params:
            tags = Counter(element.tag.rpartition("}")[2]
                           for _, element in ElementTree.iterparse(io.BytesIO(body)))
            assert tags["node"] == len(network.entities)
            assert tags["edge"] == len(network.relations)
        else:
            whole = httpx.Response(200, content=body).json()
            assert [n["id"] for n in whole["nodes"]] == sorted(e.id for e in network.entities)
            assert len(whole["edges"]) == len(network.relations)


def test_an_export_beyond_the_lane_is_refused_with_retry_after(national: httpx.Client) -> None:
    """Eight exports whose client does not read hold the eight slots; the ninth is a 503
    with Retry-After at once; when one of the eight ends, an export is answered again."""
    with ExitStack() as held:
        readers = [held.enter_context(httpx.Client(base_url=str(national.base_url), timeout=120))
                   for _ in range(EXPORTS)]
        streams = [held.enter_context(reader.stream("GET", "/v1/graph")) for reader in readers]
        assert [s.status_code for s in streams] == [200] * EXPORTS
        refused = national.get("/v1/graph", params={"format": "graphml"})
        _assert_busy(refused, "exports")
        assert national.get("/v1/graph/view", params={"center": "pref-13"}).status_code == 200
    assert _eventually_answered(national, "/v1/graph")


def test_a_query_that_cannot_start_within_its_budget_is_answered_503(
    national: httpx.Client,
) -> None:
    """With one query slot and a 50 ms budget, of eight heavy questions asked at once the
    first holds the slot for its whole budget: those that wait longer are refused."""
    national.get("/v1/connect", params=HEAVY_QUESTION).raise_for_status()  # the projection
    start = threading.Barrier(8)
    answers: list[httpx.Response] = []

    def ask() -> None:
        with httpx.Client(base_url=str(national.base_url), timeout=120) as client:
            start.wait()
            answers.append(client.get("/v1/connect", params=HEAVY_QUESTION))

    askers = [threading.Thread(target=ask) for _ in range(8)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join()
    statuses = Counter(answer.status_code for answer in answers)
    assert set(statuses) == {200, 503} and statuses[200] >= 1, statuses
    for answer in answers:
        if answer.status_code == 503:
            _assert_busy(answer, "queries")
        else:
            assert answer.json()["chains"]
    assert national.get("/v1/connect", params=HEAVY_QUESTION).status_code == 200


def test_ten_thousand_proposals_are_listed_in_bounded_pages(national: httpx.Client) -> None:
    first = national.get(f"/v1/documents/{UPLOAD}/proposals").json()
    assert len(first["proposals"]) == DEFAULT_PAGE and first["next"]
    listed: list[str] = []
    link: str | None = f"/v1/documents/{UPLOAD}/proposals?limit={MAX_PAGE}"
    pages = 0
    while link:
        page = national.get(link).raise_for_status().json()
        assert 0 < len(page["proposals"]) <= MAX_PAGE
        listed += [p["id"] for p in page["proposals"]]
        link, pages = page["next"], pages + 1
    assert pages == PROPOSALS // MAX_PAGE
    assert len(listed) == len(set(listed)) == PROPOSALS
    assert listed == sorted(listed) and listed[:DEFAULT_PAGE] == [
        p["id"] for p in first["proposals"]]
    too_many = national.get(f"/v1/documents/{UPLOAD}/proposals", params={"limit": MAX_PAGE + 1})
    assert too_many.status_code == 422 and too_many.json()["detail"].startswith("limit:")


def test_documents_are_listed_in_pages(api: httpx.Client) -> None:
    everything = api.get("/v1/documents").json()
    assert len(everything["documents"]) == 2 and everything["next"] is None
    first = api.get("/v1/documents", params={"limit": 1}).json()
    assert first["documents"] == everything["documents"][:1]
    second = api.get(first["next"]).json()
    assert second == {"documents": everything["documents"][1:], "next": None}


def _assert_busy(response: httpx.Response, what: str) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) >= 1
    problem = response.json()
    assert problem["title"] == "Server busy"
    assert what in problem["detail"] and problem["messages"]["ja"]


def _eventually_answered(client: httpx.Client, path: str) -> bool:
    """Whether `path` is answered 200 within a few tries (a slot is freed once the server has
    seen its client go)."""
    for _ in range(50):
        with client.stream("GET", path) as response:
            if response.status_code == 200:
                return True
        time.sleep(0.1)
    return False
