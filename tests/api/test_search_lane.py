"""The search lane (api/search_lane.py) answers exactly what FastAPI's route answers, and
leaves to the route whatever it does not take."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from fastapi import FastAPI
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.servers import LiveServer
from tsunagari.api.middleware import search_lane
from tsunagari.api.middleware.security_headers import SECURITY_HEADERS
from tsunagari.api.settings import Settings
from tsunagari.graph.embedded import NetworkxStore

NAMES = ["q", "type", "limit", "lmit", "Q"]
VALUES = ["", " ", "osaka", "Osaka", "JETRO", "ドンナイ", "Đồng Nai", "dong nai", "x" * 200,
          "x" * 201, "0", "1", "010", "1.0", "-1", "100", "101", " 5", "5 ", "+5", "1_0", "\u0663",
          "5e0", "Place", "place", "NPO", "Castle"]
pairs = st.lists(st.tuples(st.sampled_from(NAMES),
                           st.sampled_from(VALUES) | st.text(max_size=12)), max_size=4)


@pytest.fixture(scope="module")
def clients(nx_seed_store: NetworkxStore, tmp_path_factory: pytest.TempPathFactory,
            ) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    """A client of the app with the lane, and one of an app whose searches all go through
    FastAPI (as for a store that is not the embedded one), both on the seed graph."""
    data_dir: Path = tmp_path_factory.mktemp("lane")
    with (LiveServer(nx_seed_store, Settings(data_dir=data_dir)) as lane,
          LiveServer(nx_seed_store, Settings(data_dir=data_dir)) as framework,
          httpx.Client(base_url=lane.url) as lane_client,
          httpx.Client(base_url=framework.url) as framework_client):
        framework_app = framework.server.config.app
        assert isinstance(framework_app, FastAPI)
        framework_app.state.reads_in_memory = False
        yield lane_client, framework_client


def _answer(client: httpx.Client, query: str) -> tuple[int, dict[str, str], bytes]:
    response = client.get(f"/v1/search?{query}")
    headers = {name: response.headers.get(name, "")
               for name in ("content-type", "content-length", *SECURITY_HEADERS)}
    return response.status_code, headers, response.content


@settings(max_examples=300, deadline=None)
@given(pairs)
def test_the_lane_answers_as_the_route_does(
    clients: tuple[httpx.Client, httpx.Client], pairs: list[tuple[str, str]]
) -> None:
    query = "&".join(f"{quote(name)}={quote(value)}" for name, value in pairs)
    lane, framework = clients
    assert _answer(lane, query) == _answer(framework, query)


@pytest.mark.parametrize(
    ("query", "taken"),
    [("q=osaka", True), ("q=osaka&limit=3&type=Place", True), ("q=osaka&limit=0", False),
     ("q=osaka&lmit=3", False), ("", False), ("q=%20", False)],
)
def test_the_lane_takes_well_formed_searches_only(
    clients: tuple[httpx.Client, httpx.Client], monkeypatch: pytest.MonkeyPatch,
    query: str, taken: bool,
) -> None:
    answered: list[str] = []
    search = search_lane.search_results

    def noted(*args: object) -> object:
        answered.append(query)
        return search(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(search_lane, "search_results", noted)
    lane, _ = clients
    response = lane.get(f"/v1/search?{query}")
    assert answered == ([query] if taken else [])
    assert (response.status_code == 200) is taken
