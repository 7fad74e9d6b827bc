"""HTTP as a client expects it: the methods a path allows, where a new document is, the
rules of a body stated in the schema, redirects that name no host the request claimed,
and documentation pages that need nothing from elsewhere."""

from __future__ import annotations

import http.client
import re

import httpx
import pytest

from tests.support.servers import WriteApi
from tsunagari.api.errors import INVALID_REQUEST


@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("PATCH", "/v1/entities/jetro", "DELETE, GET, PUT"),
    ("POST", "/v1/entities/jetro", "DELETE, GET, PUT"),
    ("DELETE", "/v1/search?q=JETRO", "GET"),
    ("PUT", "/v1/documents", "GET, POST"),
])
def test_a_method_not_allowed_names_every_method_the_path_allows(
    api: httpx.Client, method: str, path: str, allowed: str
) -> None:
    answer = api.request(method, path)
    assert answer.status_code == 405
    assert answer.headers["allow"] == allowed
    problem = answer.json()
    assert allowed in problem["detail"] and method in problem["detail"]
    assert allowed in problem["messages"]["ja"] and "使えません" in problem["messages"]["ja"]


def test_a_new_document_is_where_its_location_says(writes: WriteApi) -> None:
    """Before any proposal is accepted, the document is found at its `Location`, which
    leads to its review."""
    answer = writes.client.post(
        "/v1/documents", headers=writes.auth(),
        json={"id": "located-doc", "title": "所在", "text": "大阪府はドンナイ省と連携する。"})
    assert answer.status_code == 201
    location = answer.headers["location"]
    assert location == "/v1/documents/located-doc"
    document = writes.client.get(location)
    assert document.status_code == 200
    detail = document.json()
    assert (detail["id"], detail["title"], detail["entities"]) == ("located-doc", "所在", [])
    review = writes.client.get(detail["proposals"])
    assert review.status_code == 200
    proposed = {p["id"] for p in review.json()["proposals"]}
    assert proposed == {p["id"] for p in answer.json()["proposals"]} and proposed
    loaded = writes.client.get("/v1/documents/seed-document-that-is-loaded")
    assert loaded.status_code == 404


def test_the_schema_states_that_an_entity_needs_a_name(api: httpx.Client,
                                                      writes: WriteApi) -> None:
    schema = api.get("/openapi.json").json()["components"]["schemas"]["EntityEdit"]
    required_names = [(option["required"], option["properties"]) for option in schema["anyOf"]]
    assert required_names == [(["name_ja"], {"name_ja": {"minLength": 1}}),
                              (["name_en"], {"name_en": {"minLength": 1}})]
    nameless = writes.client.put("/v1/entities/nameless-npo", headers=writes.auth(),
                                 json={"type": "NPO", "name_en": "", "source": "test"})
    assert nameless.status_code == 422
    assert nameless.json()["title"] == INVALID_REQUEST
    assert "name_ja or name_en" in nameless.json()["detail"]
    assert writes.client.get("/v1/entities/nameless-npo").status_code == 404


@pytest.mark.parametrize(("path", "location"), [
    ("/v1/search/?q=JETRO", "/v1/search?q=JETRO"),
    ("/v1/entities/jetro/", "/v1/entities/jetro"),
    ("//evil.example/", "/evil.example"),
])
def test_a_trailing_slash_redirects_without_the_claimed_host(
    api: httpx.Client, path: str, location: str
) -> None:
    """The path is sent as written (a client library would tidy `//evil.example/`)."""
    connection = http.client.HTTPConnection(api.base_url.host, api.base_url.port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "evil.example"})
        answer = connection.getresponse()
        assert answer.status == 307
        assert answer.getheader("location") == location
    finally:
        connection.close()
    if location.startswith("/v1/"):
        assert api.get(location).status_code == 200


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_the_documentation_pages_load_everything_from_the_app(api: httpx.Client,
                                                              path: str) -> None:
    page = api.get(path)
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"#]+)"', page.text)
    assert assets
    for asset in assets:
        assert asset.startswith("/") and not asset.startswith("//"), asset
        served = api.get(asset)
        assert served.status_code == 200 and len(served.content) > 1000, asset
    policy = page.headers["content-security-policy"]
    script_sources = re.search(r"script-src ([^;]*)", policy)
    assert script_sources is not None
    assert "'unsafe-inline'" not in script_sources.group(1)
    assert "http" not in policy
    redoc = api.get("/docs/assets/redoc.standalone.js").content
    assert b"https://cdn.redoc.ly" not in redoc
