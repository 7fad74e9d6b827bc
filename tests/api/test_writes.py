"""Protected writes over HTTP: upload, proposals, accept and reject, retract, audit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support.documents import SECOND_DOCUMENT
from tests.support.servers import WriteApi, state
from tsunagari.api.auth import Caller, Role, TokenStore
from tsunagari.api.cli.commands import store_of, writes_of
from tsunagari.api.settings import Settings
from tsunagari.loaders.curated import read_annotation


@pytest.mark.parametrize(
    ("headers", "body", "status"),
    [
        ({}, {"text": SECOND_DOCUMENT}, 401),
        ({"Authorization": "Basic abc"}, {"text": SECOND_DOCUMENT}, 401),
        ({"Authorization": "Bearer not-a-token"}, {"text": SECOND_DOCUMENT}, 403),
        (None, {"title": "no text"}, 422),
        (None, {"text": ""}, 422),
        (None, {"text": "ok", "id": "../etc/passwd"}, 422),
        (None, {"text": "a\x00b"}, 422),
        (None, {"text": "x" * 9_000_000}, 413),
    ],
)
def test_bad_writes_change_nothing(
    writes: WriteApi, headers: dict[str, str] | None, body: dict, status: int
) -> None:
    before = state(writes)
    response = writes.client.post("/v1/documents", json=body,
                                  headers=writes.auth() if headers is None else headers)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    if status == 401:
        assert response.headers["www-authenticate"] == "Bearer"
    assert state(writes) == before
    assert writes.client.get("/v1/audit", headers=writes.auth()).json()["entries"] == []


def test_other_writes_need_a_token_too(writes: WriteApi) -> None:
    seed = "000_4a12a5157f8c4e5f"
    before = state(writes)
    refusals = [
        (writes.client.delete(f"/v1/documents/{seed}"), 401),
        (writes.client.delete(f"/v1/documents/{seed}", headers=writes.auth("wrong")), 403),
        (writes.client.post("/v1/documents/x/proposals/entity:y/accept"), 401),
        (writes.client.get("/v1/audit"), 401),
    ]
    for response, status in refusals:
        assert response.status_code == status, response.text
        problem = response.json()
        assert problem["status"] == status and problem["title"] in ("Unauthorized", "Forbidden")
        assert ("Bearer" in problem["detail"]) == (status == 401), problem
    assert state(writes) == before
    assert writes.client.get(f"/v1/documents/{seed}").json()["entities"], "the seed is still there"


def test_upload_review_accept_and_query(writes: WriteApi) -> None:
    client, auth = writes.client, writes.auth()
    uploaded = client.post("/v1/documents", json={"text": SECOND_DOCUMENT, "id": "sakai-2025",
                                                   "title": "堺市の海外展開支援"}, headers=auth)
    assert uploaded.status_code == 201, uploaded.text
    proposals = client.get("/v1/documents/sakai-2025/proposals").json()["proposals"]
    by_name = {
        (p["entity"].get("name_ja") or p["entity"].get("name_en")): p
        for p in proposals if p["kind"] == "entity"
    }
    assert by_name["近畿経済産業局"]["existing"] and by_name["近畿経済産業局"]["entity"]["id"] == "kinki-meti"
    new_names = {name for name, p in by_name.items() if not p["existing"]}
    assert {"堺市産業振興センター", "浪速信用金庫"} <= new_names
    assert all(p["status"] == "proposed" for p in proposals)
    assert all(p[p["kind"]]["evidence"] for p in proposals), "every proposal carries its quote"

    before_entities = client.get("/healthz").json()["entities"]
    for proposal in proposals:
        if proposal["kind"] == "relation":
            accepted = client.post(
                f"/v1/documents/sakai-2025/proposals/{proposal['id']}/accept", headers=auth)
            assert accepted.status_code == 200, accepted.text
    after = client.get("/healthz").json()
    assert after["entities"] > before_entities

    center = by_name["堺市産業振興センター"]["entity"]["id"]
    entity = client.get(f"/v1/entities/{center}").json()
    assert entity["name_ja"] == "堺市産業振興センター"
    assert all(r["status"] == "accepted" for r in entity["relations"])
    chains = client.get("/v1/connect", params={"from": center, "to": "Vietnam"}).json()["chains"]
    assert chains, "the new organisation should reach Vietnam through the accepted relations"
    assert chains[0]["steps"][0]["entity"]["id"] == center

    entries = client.get("/v1/audit", headers=auth).json()["entries"]
    assert {e["token"] for e in entries} == {"desk-osaka"}
    assert {e["action"] for e in entries} == {"upload", "accepted"}

    exported = yaml.safe_load(client.get("/v1/documents/sakai-2025/annotation").text)
    assert exported["document"] == "sakai-2025"
    assert {e["id"] for e in exported["entities"]} >= {center, "kinki-meti"}


def test_reject_and_retract_take_facts_out(writes: WriteApi) -> None:
    client, auth = writes.client, writes.auth()
    seed_counts = client.get("/healthz").json()
    client.post("/v1/documents", json={"text": SECOND_DOCUMENT, "id": "sakai-2025"}, headers=auth)
    proposals = client.get("/v1/documents/sakai-2025/proposals").json()["proposals"]
    new = {p["entity"]["id"] for p in proposals if p["kind"] == "entity" and not p["existing"]}
    relation = next(p for p in proposals if p["kind"] == "relation"
                    and new & {p["relation"]["source"], p["relation"]["target"]})
    client.post(f"/v1/documents/sakai-2025/proposals/{relation['id']}/accept", headers=auth)
    assert client.get("/healthz").json()["relations"] > seed_counts["relations"]
    rejected = client.post(f"/v1/documents/sakai-2025/proposals/{relation['id']}/reject",
                           headers=auth)
    assert rejected.status_code == 200
    assert client.get("/healthz").json()["relations"] == seed_counts["relations"]

    client.post(f"/v1/documents/sakai-2025/proposals/{relation['id']}/accept", headers=auth)
    retracted = client.delete("/v1/documents/sakai-2025", headers=writes.admin())
    assert retracted.status_code == 200
    after = client.get("/healthz").json()
    assert (after["entities"], after["relations"]) == (
        seed_counts["entities"], seed_counts["relations"])
    assert client.get("/v1/documents/sakai-2025/proposals").status_code == 404


def test_unknown_proposal_and_bad_edit(writes: WriteApi) -> None:
    client, auth = writes.client, writes.auth()
    client.post("/v1/documents", json={"text": SECOND_DOCUMENT, "id": "sakai-2025"}, headers=auth)
    missing = client.post("/v1/documents/sakai-2025/proposals/entity:nobody/accept", headers=auth)
    assert missing.status_code == 404
    proposals = client.get("/v1/documents/sakai-2025/proposals").json()["proposals"]
    entity = next(p for p in proposals if p["kind"] == "entity" and not p["existing"])
    bad = client.post(f"/v1/documents/sakai-2025/proposals/{entity['id']}/accept",
                      json={"edits": {"type": "Castle"}}, headers=auth)
    assert bad.status_code == 422 and "Castle" in bad.json()["detail"]
    good = client.post(f"/v1/documents/sakai-2025/proposals/{entity['id']}/accept",
                       json={"edits": {"type": "NPO", "name_en": "Edited name"}}, headers=auth)
    assert good.status_code == 200
    stored = client.get(f"/v1/entities/{entity['entity']['id']}").json()
    assert stored["type"] == "NPO" and stored["name_en"] == "Edited name"


def test_curated_document_ids_cannot_be_overwritten(writes: WriteApi) -> None:
    response = writes.client.post(
        "/v1/documents", json={"text": "x", "id": "000_4a12a5157f8c4e5f"}, headers=writes.auth())
    assert response.status_code == 409


def test_exported_annotation_loads_back_as_the_same_facts(writes: WriteApi) -> None:
    client, auth = writes.client, writes.auth()
    client.post("/v1/documents", json={"text": SECOND_DOCUMENT, "id": "sakai-2025"}, headers=auth)
    proposals = client.get("/v1/documents/sakai-2025/proposals").json()["proposals"]
    for proposal in proposals[:6]:
        client.post(f"/v1/documents/sakai-2025/proposals/{proposal['id']}/accept", headers=auth)
    annotation = writes.data_dir / "sakai-2025.yaml"
    annotation.write_text(client.get("/v1/documents/sakai-2025/annotation").text, encoding="utf-8")
    loaded = read_annotation(annotation, writes.data_dir / "documents")
    entity_ids, relation_ids = writes.store.document_facts("sakai-2025")
    assert sorted(e.id for e in loaded.entities) == entity_ids
    assert sorted(r.id for r in loaded.relations) == relation_ids


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tsunagari.api.cli.commands", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, timeout=120,
    )


def test_cli_token_and_extract(tmp_path: Path) -> None:
    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return _cli(tmp_path, *args)

    created = cli("token", "create", "desk-kobe")
    assert created.returncode == 0 and len(created.stdout.strip()) >= 40
    store = TokenStore(Settings(data_dir=tmp_path).tokens_path)
    assert store.holder(created.stdout.strip()) == Caller("desk-kobe", Role.DESK)
    assert created.stdout.strip() not in (tmp_path / "tokens.sqlite3").read_bytes().decode(
        "latin-1")
    store.close()
    document = tmp_path / "report.txt"
    document.write_text(SECOND_DOCUMENT, encoding="utf-8")
    extracted = cli("extract", str(document))
    assert extracted.returncode == 0, extracted.stderr
    assert "堺市産業振興センター" in extracted.stdout and "PARTNERS_WITH" in extracted.stdout
    as_json = cli("extract", "--json", str(document))
    proposed = json.loads(as_json.stdout)
    ids = {entity["id"] for entity in proposed["entities"]}
    assert {"id", "type", "name_ja", "name_en", "aliases", "confidence", "evidence"} <= set(
        proposed["entities"][0])
    for relation in proposed["relations"]:
        assert {relation["source"], relation["target"]} <= ids
        assert relation["evidence"][0]["quote"] in extracted.stdout  # the table cuts no quote
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    refused = cli("extract", str(binary))
    assert refused.returncode == 2 and "scan.txt" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_accept_every_proposal_above_a_confidence_after_a_preview(writes: WriteApi) -> None:
    client, auth = writes.client, writes.auth()
    client.post("/v1/documents", json={"text": SECOND_DOCUMENT, "id": "sakai-2025"}, headers=auth)
    proposals = client.get("/v1/documents/sakai-2025/proposals").json()["proposals"]
    least = sorted(p["confidence"] for p in proposals if p["kind"] == "relation")[-2]
    above = {p["id"] for p in proposals if p["confidence"] >= least}
    assert 0 < len(above) < len(proposals)
    url = "/v1/documents/sakai-2025/proposals/accept-confident"
    before = state(writes)

    preview = client.post(url, json={"min_confidence": least, "preview": True}, headers=auth)
    assert preview.status_code == 200, preview.text
    assert {p["id"] for p in preview.json()["proposals"]} == above
    assert preview.json()["graph"] is None and state(writes) == before
    assert all(p["status"] == "proposed"
               for p in client.get("/v1/documents/sakai-2025/proposals").json()["proposals"])

    accepted = client.post(url, json={"min_confidence": least}, headers=auth).json()
    assert {p["id"] for p in accepted["proposals"]} == above
    assert accepted["graph"]["relations_added"]
    now = {p["id"]: p for p in client.get("/v1/documents/sakai-2025/proposals").json()["proposals"]}
    for relation in (now[pid] for pid in above if pid.startswith("relation")):
        ends = {f"entity:{relation['relation'][end]}" for end in ("source", "target")}
        assert all(now[end]["status"] == "accepted" for end in ends & now.keys())
    assert all(p["status"] == "proposed" for pid, p in now.items()
               if p["confidence"] < least and p["kind"] == "relation")
    entries = client.get("/v1/audit", headers=auth).json()["entries"]
    assert entries[0]["action"] == "accept-confident"

    again = client.post(url, json={"min_confidence": least}, headers=auth).json()
    assert again["proposals"] == [] and again["graph"] is None
    assert client.post(url, json={"min_confidence": 1.5}, headers=auth).status_code == 422
    assert client.post("/v1/documents/nothing-here/proposals/accept-confident",
                       json={"min_confidence": 0.5}, headers=auth).status_code == 404
    assert client.post(url, json={"min_confidence": 0.5}).status_code == 401


def test_cli_accepts_every_proposal_above_a_confidence(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    with store_of(settings) as store, writes_of(settings, store) as writes:
        writes.submit("desk-test", SECOND_DOCUMENT, document_id="sakai-2025")
        proposals = writes.queue.proposals("sakai-2025")
    above = sorted(p.pid for p in proposals if p.confidence >= 0.5)
    assert above and len(above) < len(proposals)
    preview = _cli(tmp_path, "review", "sakai-2025", "--accept-above", "0.5", "--preview")
    assert preview.returncode == 0, preview.stderr
    assert f"would accept (0.50 or more): {', '.join(above)}" in preview.stdout
    accepted = _cli(tmp_path, "review", "sakai-2025", "--accept-above", "0.5")
    assert accepted.returncode == 0, accepted.stderr
    assert "accepted (0.50 or more)" in accepted.stdout and "relations +" in accepted.stdout
    with store_of(settings) as store, writes_of(settings, store) as writes:
        decided = {p.pid: p.status for p in writes.queue.proposals("sakai-2025")}
    assert all(decided[pid] == "accepted" for pid in above)
    assert "--accept-above" in _cli(tmp_path, "review", "--help").stdout
    refused = _cli(tmp_path, "review", "sakai-2025", "--accept-above", "2")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
