"""Roles of tokens (desk and admin, with an organisation), and the undoing of a retraction:
over HTTP on both stores, and from the command line."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

import httpx
from click.testing import CliRunner, Result

from tests.support.documents import SECOND_DOCUMENT
from tests.support.paths import SEED_DOCUMENT_ID, SEEDS
from tests.support.servers import LiveServer, WriteApi, state
from tests.support.targets import snapshot_of
from tsunagari.api.auth import Caller, Role, TokenStore
from tsunagari.api.cli.commands import main
from tsunagari.api.settings import Settings
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.loaders import load_seeds

SOURCE = {"source": "電話確認 2026-11 (desk note)"}
WATCHED = ("kinki-meti", "jetro", "osaka-pref")
"""Entities of the seed document whose every detail a restore must bring back."""


def cli(data_dir: Path, *args: str) -> Result:
    """`tsunagari --data-dir DATA_DIR ARGS`, run in this process."""
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), *args])


def assert_needs_admin(response: httpx.Response, operation: str) -> None:
    assert response.status_code == 403, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert (problem["required_role"], problem["role"]) == ("admin", "desk")
    assert operation in problem["detail"] and "--role admin" in problem["detail"]
    assert problem["messages"]["en"] == problem["detail"]
    assert "ロールのトークンが必要です" in problem["messages"]["ja"]


def seen(api: WriteApi) -> dict[str, Any]:
    """What a reader sees of the seed document: counts, the document, some entities whole."""
    client = api.client
    return {
        "health": {k: v for k, v in client.get("/healthz").json().items() if k != "version"},
        "document": client.get(f"/v1/documents/{SEED_DOCUMENT_ID}").json(),
        "entities": [client.get(f"/v1/entities/{e}").json() for e in WATCHED],
        "graph": client.get("/v1/graph").json(),
    }


def test_a_desk_token_cannot_retract_merge_or_restore(writes: WriteApi) -> None:
    before = state(writes)
    assert_needs_admin(writes.client.delete(f"/v1/documents/{SEED_DOCUMENT_ID}",
                                            headers=writes.auth()),
                       "DELETE /v1/documents/{document_id}")
    assert_needs_admin(writes.client.post("/v1/entities/jetro/merge", headers=writes.auth(),
                                          json={"drop": "jica", **SOURCE}),
                       "POST /v1/entities/{entity_id}/merge")
    assert_needs_admin(writes.client.post(f"/v1/documents/{SEED_DOCUMENT_ID}/restore",
                                          headers=writes.auth()),
                       "POST /v1/documents/{document_id}/restore")
    assert state(writes) == before
    assert len(writes.client.get(f"/v1/documents/{SEED_DOCUMENT_ID}").json()["entities"]) > 200
    assert writes.client.get("/v1/audit", headers=writes.auth()).json()["entries"] == []


def test_an_admin_retracts_the_seed_and_restores_it(writes: WriteApi) -> None:
    client, admin = writes.client, writes.admin()
    before = seen(writes)
    retracted = client.delete(f"/v1/documents/{SEED_DOCUMENT_ID}", headers=admin)
    assert retracted.status_code == 200, retracted.text
    assert len(retracted.json()["graph"]["entities_removed"]) > 200
    assert client.get(f"/v1/documents/{SEED_DOCUMENT_ID}").status_code == 404
    assert client.get("/v1/entities/kinki-meti").status_code == 404

    restored = client.post(f"/v1/documents/{SEED_DOCUMENT_ID}/restore", headers=admin)
    assert restored.status_code == 200, restored.text
    assert sorted(restored.json()["graph"]["entities_added"]) == sorted(
        retracted.json()["graph"]["entities_removed"])
    assert seen(writes) == before
    evidence = before["entities"][0]["relations"][0]["evidence"][0]
    assert evidence["document"] == SEED_DOCUMENT_ID and evidence["quote"]

    again = client.post(f"/v1/documents/{SEED_DOCUMENT_ID}/restore", headers=admin)
    assert again.status_code == 409 and "not retracted" in again.json()["detail"]
    never = client.post("/v1/documents/never-loaded/restore", headers=admin)
    assert never.status_code == 404 and "never-loaded" in never.json()["detail"]
    entries = client.get("/v1/audit", headers=admin).json()["entries"]
    assert [(e["action"], e["token"], e["target"]) for e in entries] == [
        ("restore", "admin-osaka", SEED_DOCUMENT_ID), ("retract", "admin-osaka", SEED_DOCUMENT_ID)]
    assert len(entries[0]["changes"]["entities_added"]) > 200


def test_a_restored_review_keeps_its_decisions(writes: WriteApi) -> None:
    client, desk, admin = writes.client, writes.auth(), writes.admin()
    client.post("/v1/documents", json={"text": SECOND_DOCUMENT, "id": "sakai-2025"}, headers=desk)
    proposals = client.get("/v1/documents/sakai-2025/proposals").json()["proposals"]
    relations = [p for p in proposals if p["kind"] == "relation"]
    client.post(f"/v1/documents/sakai-2025/proposals/{relations[0]['id']}/accept", headers=desk)
    client.post(f"/v1/documents/sakai-2025/proposals/{relations[1]['id']}/reject", headers=desk)
    reviewed = client.get("/v1/documents/sakai-2025/proposals").json()
    document = client.get("/v1/documents/sakai-2025").json()
    accepted = client.get(f"/v1/entities/{relations[0]['relation']['source']}").json()
    graph = client.get("/v1/graph").json()

    assert client.delete("/v1/documents/sakai-2025", headers=admin).status_code == 200
    assert client.get("/v1/documents/sakai-2025/proposals").status_code == 404
    assert client.post("/v1/documents/sakai-2025/restore", headers=admin).status_code == 200
    assert client.get("/v1/documents/sakai-2025/proposals").json() == reviewed
    assert {p["status"] for p in reviewed["proposals"]} == {"accepted", "rejected", "proposed"}
    assert client.get("/v1/documents/sakai-2025").json() == document
    assert client.get(f"/v1/entities/{accepted['id']}").json() == accepted
    assert client.get("/v1/graph").json() == graph


def test_the_cli_retracts_and_restores_a_document(tmp_path: Path) -> None:
    store = NetworkxStore(Settings(data_dir=tmp_path).sqlite_path)
    load_seeds(store, SEEDS)
    before = snapshot_of(store)
    store.close()
    retracted = cli(tmp_path, "load", "--retract", SEED_DOCUMENT_ID)
    assert retracted.exit_code == 0, retracted.stderr
    restored = cli(tmp_path, "load", "--restore", SEED_DOCUMENT_ID)
    assert restored.exit_code == 0, restored.stderr
    assert f"{SEED_DOCUMENT_ID}: entities +" in restored.stdout
    store = NetworkxStore(Settings(data_dir=tmp_path).sqlite_path)
    assert snapshot_of(store) == before
    kinki = store.entity("kinki-meti")
    store.close()
    assert kinki is not None and {e.document for e in kinki.evidence} == {SEED_DOCUMENT_ID}
    refused = cli(tmp_path, "load", "--restore", SEED_DOCUMENT_ID)
    assert refused.exit_code == 2 and "nothing to restore" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_token_create_takes_a_role_and_an_organisation(nx_seed_store: NetworkxStore) -> None:
    data_dir = nx_seed_store.path.parent
    created = cli(data_dir, "token", "create", "jetro-admin", "--role", "admin", "--org", "jetro")
    assert created.exit_code == 0, created.stderr
    tokens = TokenStore(Settings(data_dir=data_dir).tokens_path)
    assert tokens.holder(created.stdout.strip()) == Caller("jetro-admin", Role.ADMIN, "jetro")
    tokens.close()
    listed = cli(data_dir, "token", "list")
    assert listed.exit_code == 0, listed.stderr
    row = next(line for line in listed.stdout.splitlines() if "jetro-admin" in line)
    assert "admin" in row and "jetro" in row and created.stdout.strip() not in listed.stdout

    refusals = {
        ("--role", "root"): "'root' is not one of 'desk', 'admin'",
        ("--org", "narnia"): "'narnia' is not an entity of the graph",
        ("--org", "vietnam"): "is a Place, not an organisation",
    }
    for option, message in refusals.items():
        refused = cli(data_dir, "token", "create", "bad", *option)
        assert refused.exit_code == 2 and message in refused.stderr, refused.stderr
        assert "Traceback" not in refused.stderr
    assert "bad" not in cli(data_dir, "token", "list").stdout


def test_token_files_made_before_roles_keep_working(tmp_path: Path) -> None:
    """A token file of the earlier layout (name, hash, time) is migrated in place: its
    tokens still write, with the least role."""
    settings = Settings(data_dir=tmp_path)
    with sqlite3.connect(settings.tokens_path) as db:
        db.execute("CREATE TABLE tokens (name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, "
                   "created_at TEXT NOT NULL)")
        db.execute("INSERT INTO tokens VALUES (?, ?, ?)", (
            "desk-old", hashlib.sha256(b"an-old-token").hexdigest(), "2026-01-05T09:00:00+00:00"))
    db.close()
    store = NetworkxStore(settings.sqlite_path)
    with LiveServer(store, settings) as server, httpx.Client(base_url=server.url) as client:
        auth = {"Authorization": "Bearer an-old-token"}
        written = client.put("/v1/entities/sakai-monozukuri", headers=auth,
                             json={"type": "NPO", "name_ja": "堺ものづくり協会", **SOURCE})
        assert written.status_code == 200, written.text
        assert_needs_admin(client.delete("/v1/documents/staff-edits", headers=auth),
                           "DELETE /v1/documents/{document_id}")
        assert client.get("/v1/audit", headers=auth).json()["entries"][0]["token"] == "desk-old"
    store.close()
    tokens = TokenStore(settings.tokens_path)
    listed = tokens.tokens()
    tokens.close()
    assert [(t.name, t.role, t.org, t.created_at) for t in listed] == [
        ("desk-old", Role.DESK, None, "2026-01-05T09:00:00+00:00")]
