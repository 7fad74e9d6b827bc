"""The query API over HTTP: connect, ask, paths, neighbours, hubs, support."""

from __future__ import annotations

import httpx
import pytest

from tests.support.processes import run_cli
from tsunagari.graph.embedded import NetworkxStore


def ids(chains: list[dict]) -> list[list[str]]:
    return [[step["entity"]["id"] for step in chain["steps"]] for chain in chains]


def test_ask_in_english_and_japanese_gives_the_same_chains(api: httpx.Client) -> None:
    english = api.get("/v1/ask", params={"q": "who connects an Osaka machinist to Dong Nai?"})
    japanese = api.get("/v1/ask", params={"q": "大阪の金属加工の町工場をドンナイ省につなぐのは？"})
    assert english.status_code == japanese.status_code == 200
    en, ja = english.json(), japanese.json()
    assert en["parsed"]["from"]["id"] == ja["parsed"]["from"]["id"] == "osaka-pref"
    assert en["parsed"]["to"]["id"] == "dong-nai" and en["parsed"]["sector"] == "machining"
    assert ids(en["chains"]) == ids(ja["chains"]) and en["chains"]
    for chain in en["chains"]:
        assert chain["hops"] == len(chain["steps"]) - 1
        assert chain["steps"][0]["via"] is None
        for step in chain["steps"][1:]:
            assert step["via"]["evidence"][0]["quote"]
            assert step["direction"] in ("forward", "backward", "undirected")
        assert chain["explanation"]["ja"] and chain["explanation"]["en"]


def test_connect_with_filters(api: httpx.Client) -> None:
    body = api.get("/v1/connect", params={"from": "大田区", "to": "Thailand",
                                          "entry_point": "land", "k": 3}).json()
    assert body["from"]["id"] == "ota-city" and body["to"]["id"] == "thailand"
    assert len(body["chains"]) <= 3
    assert any("ota-techno-park" in chain for chain in ids(body["chains"]))
    assert body["complete"] is True


def test_paths_and_neighbours(api: httpx.Client) -> None:
    body = api.get("/v1/paths", params={"source": "kinki-meti",
                                        "target": "dong-nai-kansai-desk"}).json()
    assert ids(body["chains"])[0] == ["kinki-meti", "kansai-vietnam-council", "dong-nai-kansai-desk"]
    around = api.get("/v1/entities/kansai-vietnam-council/neighbours", params={"depth": 1}).json()
    assert around["entity"]["id"] == "kansai-vietnam-council"
    assert "kinki-meti" in {n["id"] for n in around["nodes"]}


def test_hubs_and_support(api: httpx.Client) -> None:
    top = api.get("/v1/hubs", params={"metric": "betweenness", "limit": 5}).json()
    assert top["metric"] == "betweenness"
    assert {"jica", "jetro"} <= {h["entity"]["id"] for h in top["hubs"]}
    assert all(h["bridges"] for h in top["hubs"][:3])
    menu = api.get("/v1/support", params={"country": "Vietnam", "stage": "post-entry",
                                          "entry_point": "people"}).json()
    assert menu["results"]
    assert all(r["stage"] == "post-entry" for item in menu["results"] for r in item["relations"])


@pytest.mark.parametrize(
    ("path", "params", "mentions"),
    [
        ("/v1/connect", {"from": "Osaka", "to": "Dong Nai", "k": 0}, "k: Input should be greater"),
        ("/v1/connect", {"from": "Osaka", "to": "Dong Nai", "max_hops": 50}, "max_hops"),
        ("/v1/connect", {"from": "Osaka", "to": "Narnia"}, "Narnia"),
        ("/v1/connect", {"from": "Osaka"}, "to"),
        ("/v1/connect", {"from": "Osaka", "to": "Dong Nai", "stage": "later"}, "stage"),
        ("/v1/ask", {"q": ""}, "q"),
        ("/v1/ask", {"q": "   "}, "empty"),
        ("/v1/ask", {"q": "x" * 600}, "q"),
        ("/v1/paths", {"source": "jetro", "target": "jetro"}, "same entity"),
        ("/v1/hubs", {"metric": "fame"}, "metric"),
        ("/v1/hubs", {"limit": 0}, "limit"),
        ("/v1/hubs", {"region": "jetro"}, "not a place"),
        ("/v1/support", {"entry_point": "sky"}, "entry_point"),
        ("/v1/entities/jetro/neighbours", {"depth": 9}, "depth"),
    ],
)
def test_bad_queries_get_422_problem_json(
    api: httpx.Client, path: str, params: dict, mentions: str
) -> None:
    response = api.get(path, params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert mentions in response.json()["detail"]


def test_unparsable_question_lists_what_was_recognised(api: httpx.Client) -> None:
    response = api.get("/v1/ask", params={"q": "hello, is anyone there"})
    assert response.status_code == 422
    body = response.json()
    assert body["title"] == "Question not understood"
    assert body["recognised"] == []
    assert len(body["suggestions"]) >= 3
    assert "質問" in body["messages"]["ja"] and body["messages"]["en"] == body["detail"]
    for suggestion in body["suggestions"]:
        assert api.get("/v1/ask", params={"q": suggestion["ja"]}).status_code == 200


def test_cli_ask_connect_and_hubs(nx_seed_store: NetworkxStore) -> None:
    data_dir = nx_seed_store.path.parent
    asked = run_cli(data_dir, "ask", "who connects an Osaka machinist to Dong Nai?")
    assert asked.returncode == 0, asked.stderr
    assert "大阪府 (Osaka Prefecture)" in asked.stdout and "「" in asked.stdout
    connected = run_cli(data_dir, "connect", "大田区", "タイ", "--entry-point", "land", "-k", "2")
    assert "オオタ・テクノパーク" in connected.stdout
    ranked = run_cli(data_dir, "hubs", "--limit", "3")
    assert "jica" in ranked.stdout and "JP:" in ranked.stdout
    refused = run_cli(data_dir, "connect", "Narnia", "Osaka")
    assert refused.returncode == 2 and "Narnia" in refused.stderr
    assert "Traceback" not in refused.stderr
