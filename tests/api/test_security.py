"""Security over HTTP: headers on every answer, CORS only for the origins configured, and
no answer, however bad the request, that shows a stack trace or a path of the server."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from tests.support.paths import ROOT
from tests.support.servers import LiveServer
from tsunagari.api.auth import TokenStore
from tsunagari.api.middleware.security_headers import SECURITY_HEADERS
from tsunagari.api.settings import Settings
from tsunagari.graph.embedded import NetworkxStore

ORIGIN = "https://desk.example.jp"
PAGE_POLICY = "default-src 'self'"


@dataclass
class Guarded:
    client: httpx.Client
    token: str
    data_dir: Path
    port: int


def fail_with_a_path() -> None:
    """A route that fails unexpectedly, its error naming a file of the server."""
    raise RuntimeError(f"cannot open {Path(__file__).resolve()}")


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Guarded]:
    """A live API over an empty scratch store, with one CORS origin, request bodies of at
    most 1 kB, and one route that fails (to reach the handler of unexpected errors)."""
    data_dir = tmp_path_factory.mktemp("guarded")
    store = NetworkxStore(data_dir / "tsunagari.sqlite3")
    settings = Settings(data_dir=data_dir, cors_origins=[ORIGIN], max_request_bytes=1024)
    tokens = TokenStore(settings.tokens_path)
    token = tokens.create("desk-osaka")
    tokens.close()
    live = LiveServer(store, settings)
    app: FastAPI = live.server.config.app
    app.add_api_route("/v1/fail", fail_with_a_path, include_in_schema=False)
    # A fresh connection for each request: after an unexpected error the server closes its
    # connection, and a client reusing it could see a reset instead of the next answer.
    with live, httpx.Client(base_url=live.url, timeout=30,
                            headers={"Connection": "close"}) as client:
        yield Guarded(client, token, data_dir, live.port)
    store.close()


def bad_requests(guarded: Guarded) -> dict[str, httpx.Response]:
    """One answer of each kind of error the API gives, by what was sent."""
    client, auth = guarded.client, {"Authorization": f"Bearer {guarded.token}"}
    json_type = {**auth, "Content-Type": "application/json"}
    return {
        "unknown path (404)": client.get("/v1/nowhere"),
        "unknown entity (404)": client.get("/v1/entities/no-such-entity"),
        "wrong method (405)": client.post("/healthz"),
        "invalid parameter (422)": client.get("/v1/search", params={"q": "x", "limit": "many"}),
        "unknown parameter (422)": client.get("/v1/search", params={"q": "x", "lmit": 3}),
        "unknown name (422)": client.get("/v1/connect", params={"from": "Narnia", "to": "Oz"}),
        "no token (401)": client.put("/v1/entities/x", json={}),
        "wrong token (403)": client.put("/v1/entities/x", json={},
                                        headers={"Authorization": "Bearer wrong"}),
        "malformed JSON (422)": client.put("/v1/entities/x", content=b'{"type": ',
                                          headers=json_type),
        "body not UTF-8 (400)": client.put("/v1/entities/x", content=b'{"type": "\xff"}',
                                          headers=json_type),
        "body not JSON (422)": client.put("/v1/entities/x", content=b"type=NPO", headers={
            **auth, "Content-Type": "application/x-www-form-urlencoded"}),
        "lone surrogate (422)": client.post("/v1/documents", content=b'{"text": "\\ud800"}',
                                           headers=json_type),
        "body too large (413)": client.post("/v1/documents", json={"text": "x" * 2000},
                                           headers=auth),
        "unexpected error (500)": client.get("/v1/fail"),
    }


def test_errors_are_problem_json_with_their_status(guarded: Guarded) -> None:
    for sent, response in bad_requests(guarded).items():
        expected = int(sent.rsplit("(", 1)[1].rstrip(")"))
        assert response.status_code == expected, (sent, response.text)
        assert response.headers["content-type"] == "application/problem+json", sent
        assert response.json()["status"] == expected, sent


def test_no_answer_shows_a_trace_or_a_server_path(guarded: Guarded) -> None:
    leaks = ["Traceback", 'File "', str(ROOT), str(guarded.data_dir), "site-packages", ".py"]
    answers = {sent: response.text for sent, response in bad_requests(guarded).items()}
    answers["malformed HTTP (400)"] = raw_exchange(guarded.port, b"NOT HTTP AT ALL\r\n\r\n")
    for sent, text in answers.items():
        assert not [leak for leak in leaks if leak in text], (sent, text)


def raw_exchange(port: int, request: bytes) -> str:
    """What the server answers to bytes that are not an HTTP request."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(4096):
            received += chunk
    assert received.startswith(b"HTTP/1.1 400"), received
    return received.decode("utf-8", "replace")


def test_every_answer_carries_the_security_headers(guarded: Guarded) -> None:
    client = guarded.client
    answers = {"page": client.get("/"), "script": client.get("/web/app.js"),
               "read": client.get("/healthz"), "openapi": client.get("/openapi.json"),
               **bad_requests(guarded)}
    for name, response in answers.items():
        for header, value in SECURITY_HEADERS.items():
            if header == "Content-Security-Policy" and name == "page":
                continue
            assert response.headers.get(header) == value, (name, header)
    page_policy = answers["page"].headers["content-security-policy"]
    assert page_policy.startswith(PAGE_POLICY) and "frame-ancestors 'none'" in page_policy


def test_cors_answers_the_configured_origin_only(guarded: Guarded) -> None:
    client = guarded.client
    preflight = client.options("/v1/entities/x", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    assert "PUT" in preflight.headers["access-control-allow-methods"]
    read = client.get("/healthz", headers={"Origin": ORIGIN})
    assert read.headers["access-control-allow-origin"] == ORIGIN
    other = client.get("/healthz", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers
    refused = client.options("/v1/entities/x", headers={
        "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "PUT"})
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers


def test_without_configured_origins_no_cors_headers(api: httpx.Client) -> None:
    read = api.get("/healthz", headers={"Origin": ORIGIN})
    assert read.status_code == 200
    assert not [h for h in read.headers if h.startswith("access-control-")]
    preflight = api.options("/healthz", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 405
    assert not [h for h in preflight.headers if h.startswith("access-control-")]


def test_origins_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TSUNAGARI_CORS_ORIGINS", f"{ORIGIN}, http://localhost:5173")
    assert Settings().cors_origins == [ORIGIN, "http://localhost:5173"]
    monkeypatch.setenv("TSUNAGARI_CORS_ORIGINS", "")
    assert Settings().cors_origins == []
    monkeypatch.setenv("TSUNAGARI_CORS_ORIGINS", "desk.example.jp/path")
    with pytest.raises(ValueError, match="not an origin"):
        Settings()
