"""Every limit of the API, over HTTP: at the limit an answer, past it a 4xx problem JSON
naming what was too much (README: Limits)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.documents import SECOND_DOCUMENT
from tests.support.paths import SEEDS
from tests.support.servers import LiveServer
from tsunagari.api.auth import Role, TokenStore
from tsunagari.api.params import MAX_AUDIT_ENTRIES, MAX_RELATION_IDS, MAX_SEARCH_RESULTS
from tsunagari.api.settings import Settings
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.graph.limits import MAX_CHAINS as MAX_K
from tsunagari.graph.limits import MAX_HOPS
from tsunagari.loaders import load_seeds
from tsunagari.queries.desk import MAX_QUESTION_LENGTH
from tsunagari.queries.hubs import MAX_HUBS
from tsunagari.queries.views import MAX_DEPTH, MAX_NODES, MAX_SUPPORT_ITEMS

CONNECT = {"from": "Osaka", "to": "Dong Nai"}
PATHS = {"source": "jetro", "target": "jica"}
PAST_A_LIMIT = [
    ("/v1/search", {"q": "x" * 201}, "q"),
    ("/v1/search", {"q": "osaka", "limit": MAX_SEARCH_RESULTS + 1}, "limit"),
    ("/v1/entities/" + "x" * 201, {}, "entity_id"),
    ("/v1/connect", {"from": "x" * 201, "to": "Dong Nai"}, "from"),
    ("/v1/connect", {**CONNECT, "sector": "x" * 101}, "sector"),
    ("/v1/connect", {**CONNECT, "k": MAX_K + 1}, "k"),
    ("/v1/connect", {**CONNECT, "max_hops": MAX_HOPS + 1}, "max_hops"),
    ("/v1/ask", {"q": "x" * (MAX_QUESTION_LENGTH + 1)}, "q"),
    ("/v1/paths", {**PATHS, "k": MAX_K + 1}, "k"),
    ("/v1/paths", {**PATHS, "max_hops": MAX_HOPS + 1}, "max_hops"),
    ("/v1/entities/jetro/neighbours", {"depth": MAX_DEPTH + 1}, "depth"),
    ("/v1/entities/jetro/neighbours", {"limit": MAX_NODES + 1}, "limit"),
    ("/v1/hubs", {"limit": MAX_HUBS + 1}, "limit"),
    ("/v1/support", {"limit": MAX_SUPPORT_ITEMS + 1}, "limit"),
    ("/v1/graph/view", {"center": "jetro", "depth": MAX_DEPTH + 1}, "depth"),
]
AT_A_LIMIT = [
    # (path, parameters at their bound, the list the answer holds, its longest allowed length)
    ("/v1/search", {"q": "osaka", "limit": MAX_SEARCH_RESULTS}, "results", MAX_SEARCH_RESULTS),
    ("/v1/connect", {**CONNECT, "k": MAX_K, "max_hops": MAX_HOPS}, "chains", MAX_K),
    ("/v1/paths", {**PATHS, "k": MAX_K, "max_hops": MAX_HOPS}, "chains", MAX_K),
    ("/v1/entities/jetro/neighbours", {"depth": MAX_DEPTH, "limit": MAX_NODES}, "nodes", MAX_NODES),
    ("/v1/hubs", {"limit": MAX_HUBS}, "hubs", MAX_HUBS),
    ("/v1/support", {"limit": MAX_SUPPORT_ITEMS}, "results", MAX_SUPPORT_ITEMS),
    ("/v1/graph/view", {"center": "jetro", "depth": MAX_DEPTH}, "nodes", MAX_NODES),
]


@pytest.mark.parametrize(("path", "params", "name"), PAST_A_LIMIT)
def test_past_each_limit_a_422_names_the_parameter(
    api: httpx.Client, path: str, params: dict, name: str
) -> None:
    response = api.get(path, params=params)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"].startswith(f"{name}:"), response.json()


@pytest.mark.parametrize(("path", "params", "field", "most"), AT_A_LIMIT)
def test_at_each_limit_the_answer_comes(
    api: httpx.Client, path: str, params: dict, field: str, most: int
) -> None:
    response = api.get(path, params=params)
    assert response.status_code == 200, response.text
    answered = response.json()[field]
    assert 0 < len(answered) <= most, (field, len(answered))
    if field == "chains":
        assert all(chain["hops"] <= MAX_HOPS for chain in answered)
        assert len(answered) > 5, "a search at the widest bounds finds more than the default k"


def test_long_names_and_questions_at_their_limit_are_read(api: httpx.Client) -> None:
    padded = "Osaka" + " " * 195
    assert api.get("/v1/search", params={"q": padded}).json()["results"][0]["id"] == "osaka-pref"
    question = "who connects an Osaka machinist to Dong Nai?"
    answer = api.get("/v1/ask", params={"q": question.ljust(MAX_QUESTION_LENGTH)})
    assert answer.status_code == 200 and answer.json()["chains"]


def test_relation_ids_of_a_view_are_limited(api: httpx.Client) -> None:
    ids = ",".join(f"r{n}" for n in range(MAX_RELATION_IDS + 1))
    response = api.get("/v1/graph/view", params={"relations": ids})
    assert response.status_code == 422
    assert f"at most {MAX_RELATION_IDS}" in response.json()["detail"]


@pytest.fixture(scope="module")
def small_limits(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, str]]:
    """A live API over a scratch embedded store holding the seed graph, with small limits:
    request bodies of 4 kB, exports of 50 elements, a query budget of one microsecond; one
    admin token (its test documents are retracted)."""
    data_dir = tmp_path_factory.mktemp("limits")
    store = NetworkxStore(data_dir / "tsunagari.sqlite3")
    load_seeds(store, SEEDS)
    settings = Settings(data_dir=data_dir, seeds_dir=SEEDS, max_request_bytes=4096,
                        max_export_elements=50, query_budget_seconds=1e-6)
    tokens = TokenStore(settings.tokens_path)
    token = tokens.create("admin-osaka", Role.ADMIN)
    tokens.close()
    with LiveServer(store, settings) as server, httpx.Client(base_url=server.url,
                                                             timeout=60) as client:
        yield client, token
    store.close()


def chunks(body: bytes) -> Iterator[bytes]:
    for start in range(0, len(body), 1000):
        yield body[start:start + 1000]


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
@pytest.mark.parametrize(("method", "path"), [
    ("POST", "/v1/documents"), ("PUT", "/v1/entities/x"), ("POST", "/v1/relations"),
    ("POST", "/v1/entities/jetro/merge"), ("POST", "/v1/documents/d/proposals/p/accept"),
    ("GET", "/v1/search?q=osaka"),
])
def test_a_body_above_the_request_limit_is_refused_unread(
    small_limits: tuple[httpx.Client, str], method: str, path: str, declared: bool
) -> None:
    client, token = small_limits
    before = client.get("/healthz").json()
    body = b'{"text": "' + b"x" * 5000 + b'"}'
    content: bytes | Iterator[bytes] = body if declared else chunks(body)
    response = client.request(method, path, content=content, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    assert response.status_code == 413, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "4096 bytes" in response.json()["detail"]
    assert client.get("/healthz").json() == before


def test_a_body_within_the_request_limit_is_read(small_limits: tuple[httpx.Client, str]) -> None:
    client, token = small_limits
    text = SECOND_DOCUMENT.splitlines()[2]
    response = client.post("/v1/documents", json={"text": text, "id": "within-limit"},
                           headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201, response.text
    assert response.json()["document"]["id"] == "within-limit"
    retracted = client.delete("/v1/documents/within-limit",
                              headers={"Authorization": f"Bearer {token}"})
    assert retracted.status_code == 200, retracted.text
    assert client.get("/v1/documents/within-limit/proposals").status_code == 404


def upload_three(client: httpx.Client, token: str, prefix: str) -> dict[str, str]:
    """Upload three documents, `prefix`-0 to -2, to fill the audit log; the write headers."""
    auth = {"Authorization": f"Bearer {token}"}
    for number in range(3):
        answer = client.post("/v1/documents", headers=auth,
                             json={"text": f"大阪府の文書{number}", "id": f"{prefix}-{number}"})
        assert answer.status_code == 201, answer.text
    return auth


def test_the_audit_log_answers_at_most_its_limit(small_limits: tuple[httpx.Client, str]) -> None:
    client, token = small_limits
    auth = upload_three(client, token, "audited")
    newest = client.get("/v1/audit", params={"limit": 2}, headers=auth).json()["entries"]
    assert [e["target"] for e in newest] == ["audited-2", "audited-1"]
    everything = client.get("/v1/audit", params={"limit": MAX_AUDIT_ENTRIES}, headers=auth)
    assert [e["target"] for e in everything.json()["entries"]][:3] == [
        "audited-2", "audited-1", "audited-0"]
    refused = client.get("/v1/audit", params={"limit": MAX_AUDIT_ENTRIES + 1}, headers=auth)
    assert refused.status_code == 422 and refused.json()["detail"].startswith("limit:")


def test_the_audit_log_is_read_in_pages(small_limits: tuple[httpx.Client, str]) -> None:
    client, token = small_limits
    auth = upload_three(client, token, "paged")
    newest = client.get("/v1/audit", params={"limit": 1}, headers=auth).json()
    assert [e["target"] for e in newest["entries"]] == ["paged-2"]
    following = client.get(newest["next"], headers=auth).json()
    assert [e["target"] for e in following["entries"]] == ["paged-1"]
    walked, link = [], "/v1/audit?limit=2"
    while link:
        page = client.get(link, headers=auth).json()
        assert len(page["entries"]) <= 2
        walked += page["entries"]
        link = page["next"]
    assert walked == client.get("/v1/audit", params={"limit": MAX_AUDIT_ENTRIES},
                                headers=auth).json()["entries"]
    assert [e["id"] for e in walked] == sorted((e["id"] for e in walked), reverse=True)


@pytest.mark.parametrize("params", [{}, {"format": "graphml"}])
def test_a_graph_above_the_export_limit_is_refused(
    small_limits: tuple[httpx.Client, str], params: dict
) -> None:
    client, _ = small_limits
    response = client.get("/v1/graph", params=params)
    assert response.status_code == 422
    assert "TSUNAGARI_MAX_EXPORT_ELEMENTS" in response.json()["detail"]
    part = client.get("/v1/graph/view", params={"center": "jetro"})
    assert part.status_code == 200 and part.json()["nodes"]
    whole = client.get("/v1/graph/view")  # bounded by its own size, not by the export's
    assert whole.status_code == 200 and 0 < len(whole.json()["nodes"]) <= MAX_NODES


def test_a_search_past_its_time_budget_says_it_is_incomplete(
    small_limits: tuple[httpx.Client, str]
) -> None:
    client, _ = small_limits
    response = client.get("/v1/connect", params={**CONNECT, "max_hops": MAX_HOPS})
    assert response.status_code == 200, response.text
    assert response.json()["complete"] is False


def test_limits_are_in_the_openapi_document(api: httpx.Client) -> None:
    operations = api.get("/openapi.json").json()["paths"]
    connect = {p["name"]: p["schema"] for p in operations["/v1/connect"]["get"]["parameters"]}
    assert connect["k"]["maximum"] == MAX_K and connect["max_hops"]["maximum"] == MAX_HOPS
    assert connect["from"]["maxLength"] == 200
    upload = operations["/v1/documents"]["post"]["responses"]
    assert upload["413"]["content"]["application/problem+json"]["schema"] == {
        "$ref": "#/components/schemas/Problem"}


def test_settings_reject_limits_below_one(tmp_path: Path) -> None:
    for field in ("max_request_bytes", "max_export_elements", "query_budget_seconds"):
        with pytest.raises(ValueError, match=field):
            Settings(data_dir=tmp_path, **{field: 0})
