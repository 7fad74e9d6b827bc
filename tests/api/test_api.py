"""The read API over HTTP, on the seed graph."""

from __future__ import annotations

import io

import httpx
import networkx as nx
import pytest

from tests.support.paths import SEED_DOCUMENT_ID
from tsunagari.graph.store import GraphStore
from tsunagari.loaders.sources import Document


def test_healthz_reports_the_graph(api: httpx.Client, seed_store: GraphStore) -> None:
    body = api.get("/healthz").json()
    assert body["status"] == "ok" and body["backend"] == seed_store.backend
    assert (body["entities"], body["relations"]) == seed_store.counts()
    assert body["entities"] > 100 and body["relations"] > 200


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Dong Nai", "dong-nai"),
        ("Đồng Nai", "dong-nai"),
        ("dongnai", "dong-nai"),
        ("ドンナイ省", "dong-nai"),
        ("JETRO", "jetro"),
        ("ジェトロ", "jetro"),
        ("Osaka", "osaka-pref"),
        ("大阪府", "osaka-pref"),
        ("Kinki METI", "kinki-meti"),
        ("近畿経済産業局", "kinki-meti"),
        ("kinki-meti", "kinki-meti"),
        ("JICA", "jica"),
        ("MOBIO", "mobio"),
        ("ホーチミン", "ho-chi-minh-city"),
        ("Ho Chi Minh City", "ho-chi-minh-city"),
        ("Hải Phòng", "haiphong"),
        ("Ota Techno Park", "ota-techno-park"),
        ("A社", "firm-a"),
    ],
)
def test_search_finds_an_entity_by_each_of_its_names(
    api: httpx.Client, query: str, expected: str
) -> None:
    results = api.get("/v1/search", params={"q": query}).json()["results"]
    assert results, query
    assert results[0]["id"] == expected, [r["id"] for r in results[:3]]


def test_search_filters_by_type(api: httpx.Client) -> None:
    results = api.get("/v1/search", params={"q": "osaka", "type": "Place", "limit": 5}).json()
    assert results["results"]
    assert all("Place" in r["labels"] for r in results["results"])


def test_search_tolerates_a_typo(api: httpx.Client) -> None:
    results = api.get("/v1/search", params={"q": "Kitakyusyu"}).json()["results"]
    assert "kitakyushu-city" in [r["id"] for r in results[:3]]


def test_entity_view_has_relations_with_quotes_from_the_document(
    api: httpx.Client, seed_document: Document
) -> None:
    body = api.get("/v1/entities/kinki-meti").json()
    assert body["name_ja"] == "近畿経済産業局"
    secretariat = [r for r in body["relations"] if r["type"] == "SECRETARIAT_OF"]
    assert secretariat and secretariat[0]["target"] == "kansai-vietnam-council"
    assert secretariat[0]["family"] == "SUPPORTS"
    assert "kansai-vietnam-council" in body["neighbours"]
    for relation in body["relations"]:
        for evidence in relation["evidence"]:
            assert evidence["document"] == SEED_DOCUMENT_ID
            assert seed_document.locate(evidence["quote"]) is not None
            assert evidence["locator"].startswith(f"L{evidence['line_start']}")


def test_municipality_is_both_actor_and_place(api: httpx.Client) -> None:
    body = api.get("/v1/entities/osaka-pref").json()
    assert body["type"] == "Municipality"
    assert "Place" in body["labels"]


def test_whole_graph_as_json_and_graphml(api: httpx.Client) -> None:
    health = api.get("/healthz").json()
    graph = api.get("/v1/graph").json()
    assert len(graph["nodes"]) == health["entities"]
    assert len(graph["edges"]) == health["relations"]
    ids = {n["id"] for n in graph["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    response = api.get("/v1/graph", params={"format": "graphml"})
    assert response.headers["content-type"].startswith("application/graphml+xml")
    parsed = nx.read_graphml(io.BytesIO(response.content))
    assert parsed.number_of_nodes() == health["entities"]
    assert parsed.number_of_edges() == health["relations"]


def test_documents_and_the_facts_they_support(api: httpx.Client) -> None:
    documents = api.get("/v1/documents").json()["documents"]
    # The reference places load as their own document beside the seed document.
    assert [d["id"] for d in documents] == [SEED_DOCUMENT_ID, "reference-places"]
    detail = api.get(f"/v1/documents/{SEED_DOCUMENT_ID}").json()
    assert "kinki-meti" in detail["entities"]
    assert "kinki-meti--secretariat-of--kansai-vietnam-council" in detail["relations"]
    assert detail["relation_count"] == len(detail["relations"])


@pytest.mark.parametrize(
    ("path", "params", "status", "mentions"),
    [
        ("/v1/entities/no-such-entity", {}, 404, "no-such-entity"),
        ("/v1/documents/nothing-here", {}, 404, "nothing-here"),
        ("/v1/search", {}, 422, "q"),
        ("/v1/search", {"q": ""}, 422, "q"),
        ("/v1/search", {"q": "   "}, 422, "white space"),
        ("/v1/search", {"q": "osaka", "limit": 0}, 422, "limit"),
        ("/v1/search", {"q": "osaka", "limit": 10**9}, 422, "limit"),
        ("/v1/search", {"q": "osaka", "limit": "many"}, 422, "limit"),
        ("/v1/search", {"q": "x" * 500}, 422, "q"),
        ("/v1/search", {"q": "osaka", "type": "Castle"}, 422, "type"),
        ("/v1/graph", {"format": "xml"}, 422, "format"),
        ("/v1/nowhere", {}, 404, "Not Found"),
    ],
)
def test_bad_requests_get_problem_json(
    api: httpx.Client, path: str, params: dict, status: int, mentions: str
) -> None:
    response = api.get(path, params=params)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert set(body) == {"type", "title", "status", "detail"}
    assert mentions in body["detail"]


def test_openapi_documents_every_route(api: httpx.Client) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    for path in ("/healthz", "/v1/search", "/v1/entities/{entity_id}", "/v1/graph",
                 "/v1/documents", "/v1/documents/{document_id}"):
        assert path in paths


def test_every_operation_with_input_documents_its_validation_problem(api: httpx.Client) -> None:
    """A refused parameter or body is answered as problem JSON; the schema must say so, or a
    client generated from it cannot read the refusal."""
    undocumented = [
        f"{method.upper()} {path}"
        for path, item in api.get("/openapi.json").json()["paths"].items()
        for method, operation in item.items()
        if (operation.get("parameters") or operation.get("requestBody"))
        and "application/problem+json"
        not in operation["responses"].get("422", {}).get("content", {})
    ]
    assert not undocumented
