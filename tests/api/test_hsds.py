"""The HSDS 3 read API over HTTP on both stores: the seed's services, each with its
organisation and evidence, paged as HSDS pages, valid against the specification's schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import jsonschema_rs

from tests.support.paths import SEEDS

SCHEMAS = Path(__file__).resolve().parent.parent / "support" / "hsds"
SEED_WORDS = "".join(next((SEEDS / "documents").glob("*.txt")).read_text(encoding="utf-8").split())
"""The seed document with no white space (a quote may span its line breaks)."""


def _validator(name: str) -> Any:
    return jsonschema_rs.validator_for(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))


def _all_services(api: httpx.Client) -> list[dict[str, Any]]:
    records, page = [], 1
    while True:
        answer = api.get("/hsds/services", params={"page": page, "per_page": 30}).json()
        records += answer["contents"]
        if answer["last_page"]:
            return records
        page += 1


def test_the_seed_services_are_served_with_organisation_and_evidence(api: httpx.Client) -> None:
    services = _all_services(api)
    assert len(services) >= 40
    assert len({s["id"] for s in services}) == len(services)
    owners = {s["organization_id"] for s in services}
    for owner in owners:
        assert api.get(f"/hsds/organizations/{owner}").status_code == 200
    for service in services:
        assert service["organization"]["id"] == service["organization_id"]
        assert service["tsunagari"]["evidence"], service["tsunagari"]["id"]
        for evidence in service["tsunagari"]["evidence"]:
            assert "".join(evidence["quote"].split()) in SEED_WORDS
    by_owner: dict[str, int] = {}
    for service in services:
        by_owner[service["tsunagari"]["organization"]] = by_owner.get(
            service["tsunagari"]["organization"], 0) + 1
    assert by_owner["ota-techno-park"] == 5 and by_owner["esuhai"] == 5
    assert {"jetro", "smrj", "jica", "mofa", "tpa", "hida", "kobe-asia-center",
            "the-support-vietnam", "vie-pan-techno-park", "ha-nam"} <= set(by_owner)


def test_records_validate_against_the_hsds_schemas(api: httpx.Client) -> None:
    services, organisations = _validator("service.json"), _validator("organization.json")
    for record in api.get("/hsds/services", params={"per_page": 100}).json()["contents"]:
        errors = [e.message for e in services.iter_errors(record)]
        assert not errors, (record["tsunagari"]["id"], errors[:3])
    for entity_id in ("jetro", "ota-techno-park", "ha-nam"):
        record = api.get(f"/hsds/organizations/{entity_id}").json()
        errors = [e.message for e in organisations.iter_errors(record)]
        assert not errors, (entity_id, errors[:3])
        assert record["services"] and record["organization_identifiers"][0]["identifier"] == entity_id


def test_pages_follow_on_and_say_where_they_stand(api: httpx.Client) -> None:
    first = api.get("/hsds/services", params={"per_page": 10}).json()
    second = api.get("/hsds/services", params={"per_page": 10, "page": 2}).json()
    assert (first["page_number"], first["size"], first["first_page"], first["last_page"]) == (
        1, 10, True, False)
    assert first["total_pages"] == -(-first["total_items"] // 10)
    assert not {r["id"] for r in first["contents"]} & {r["id"] for r in second["contents"]}
    beyond = api.get("/hsds/services", params={"per_page": 10, "page": 999}).json()
    assert beyond["contents"] == [] and beyond["last_page"] and not beyond["empty"]
    for bad in ({"page": 0}, {"per_page": 101}, {"lang": "fr"}):
        assert api.get("/hsds/services", params=bad).status_code == 422


def test_filters_languages_and_ids(api: httpx.Client) -> None:
    land = api.get("/hsds/services", params={"taxonomy_term_id": "land", "per_page": 100}).json()
    assert land["total_items"] > 0
    assert all("land" in s["tsunagari"]["needs"] for s in land["contents"])
    ota = api.get("/hsds/services", params={"organization_id": "ota-techno-park"}).json()
    assert ota["total_items"] == 5
    found = api.get("/hsds/services", params={"search": "F/S", "per_page": 100}).json()
    assert "jetro-fs-local-additional-survey" in {s["tsunagari"]["id"] for s in found["contents"]}
    by_word = api.get("/hsds/services/jetro-fs-local-additional-survey").json()
    by_uuid = api.get(f"/hsds/services/{by_word['id']}", params={"lang": "ja"}).json()
    assert by_uuid["id"] == by_word["id"]
    assert by_uuid["name"] == by_word["tsunagari"]["name_ja"] != by_word["name"]
    assert by_word["fees_description"] and "500,000" in by_word["fees_description"]
    missing = api.get("/hsds/services/no-such-service")
    assert missing.status_code == 404 and "no-such-service" in missing.json()["detail"]


def test_the_root_names_the_hsds_version(api: httpx.Client) -> None:
    assert api.get("/hsds").json()["version"].startswith("3.")


def test_organisations_are_found_by_search(api: httpx.Client) -> None:
    answer = api.get("/hsds/organizations", params={"search": "JETRO"}).json()
    assert answer["total_items"] >= 1
    assert any(o["tsunagari"]["id"] == "jetro" for o in answer["contents"])
