"""Where a document id is chosen (an upload, a curated annotation loaded by `tsunagari load`),
a reserved id is refused (422) and an id already stored, or one that reads the same, is a
conflict (409) naming the stored document; nothing changes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.support.documents import SECOND_DOCUMENT
from tests.support.paths import SEED_DOCUMENT_ID, SEEDS
from tests.support.servers import LiveServer, WriteApi, state
from tsunagari.api.audit import AuditLog
from tsunagari.api.settings import Settings
from tsunagari.api.stores import open_store
from tsunagari.loaders import MergeJournal, ReviewQueue, Writes

STAFF_ENTITY = {"type": "NPO", "name_ja": "堺ものづくり協会", "source": "電話確認 (desk note)"}


@pytest.mark.parametrize("document_id", ["staff-edits", "staff_edits", "reference-places"])
def test_a_reserved_id_is_refused_and_staff_edits_survive(
    writes: WriteApi, document_id: str
) -> None:
    client, auth = writes.client, writes.auth()
    before = state(writes)
    refused = client.post("/v1/documents", headers=auth,
                          json={"id": document_id, "text": SECOND_DOCUMENT})
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert problem["title"] == "Reserved document id" and problem["document"] == document_id
    assert f"{document_id!r} is reserved" in problem["detail"]
    assert f"文書ID「{document_id}」は" in problem["messages"]["ja"]
    assert state(writes) == before
    assert client.get(f"/v1/documents/{document_id}/proposals").status_code == 404

    written = client.put("/v1/entities/sakai-monozukuri", headers=auth, json=STAFF_ENTITY)
    assert written.status_code == 200, written.text
    with LiveServer(writes.store, Settings(data_dir=writes.data_dir, seeds_dir=SEEDS)) as server, \
            httpx.Client(base_url=server.url) as restarted:
        assert restarted.get("/v1/entities/sakai-monozukuri").json()["name_ja"] == "堺ものづくり協会"
    assert [e["action"] for e in client.get("/v1/audit", headers=auth).json()["entries"]] == [
        "put-entity"]


def test_an_id_in_use_is_a_conflict_naming_the_document(writes: WriteApi) -> None:
    client, auth = writes.client, writes.auth()
    uploaded = client.post("/v1/documents", headers=auth,
                           json={"id": "sakai-2025", "text": SECOND_DOCUMENT})
    assert uploaded.status_code == 201, uploaded.text
    before = state(writes), client.get("/v1/documents/sakai-2025/proposals").json()
    for document_id in ("sakai-2025", "sakai_2025"):
        again = client.post("/v1/documents", headers=auth,
                            json={"id": document_id, "text": "堺市産業振興センターは大阪府と連携する。"})
        assert again.status_code == 409, again.text
        problem = again.json()
        assert problem["document"] == "sakai-2025"
        assert problem["new_version"] == "PUT /v1/documents/sakai-2025"
        assert "already exists" in problem["detail"] and "new version" in problem["detail"]
        assert "新しい版" in problem["messages"]["ja"]
    same_text = client.post("/v1/documents", headers=auth, json={"text": "大阪府はドンナイ省と連携する。"})
    repeated = client.post("/v1/documents", headers=auth, json={"text": "大阪府はドンナイ省と連携する。"})
    assert repeated.status_code == 409
    assert repeated.json()["document"] == same_text.json()["document"]["id"]
    curated = client.post("/v1/documents", headers=auth,
                          json={"id": SEED_DOCUMENT_ID.replace("_", "-"), "text": "x"})
    assert curated.status_code == 409 and curated.json()["document"] == SEED_DOCUMENT_ID
    assert "new_version" not in curated.json()
    assert (state(writes), client.get("/v1/documents/sakai-2025/proposals").json()) == before
    actions = [e["action"] for e in client.get("/v1/audit", headers=auth).json()["entries"]]
    assert actions == ["upload", "upload"]


def tsunagari(data_dir: Path, seeds: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tsunagari.api.cli.commands", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "TSUNAGARI_SEEDS_DIR": str(seeds)},
    )


def test_load_refuses_a_reserved_id_and_a_document_in_review(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    settings.data_dir.mkdir()
    store = open_store(settings)
    opened = (ReviewQueue(settings.review_path), MergeJournal(settings.merges_path),
              AuditLog(settings.audit_path))
    Writes(store, *opened, settings.data_dir / "documents").submit(
        "desk-osaka", SECOND_DOCUMENT, document_id="sakai-2025")
    for file in opened:
        file.close()
    store.close()
    seeds = tmp_path / "seeds"
    (seeds / "curated").mkdir(parents=True)
    (seeds / "documents").mkdir()
    for document_id in ("sakai-2025", "staff-edits", "Staff_Edits"):
        (seeds / "documents" / f"{document_id}.txt").write_text(SECOND_DOCUMENT, encoding="utf-8")
        annotation = seeds / "curated" / f"{document_id}.yaml"
        annotation.write_text(
            f"document: {document_id}\nentities:\n  - {{id: sakai-center, type: SupportCenter, "
            "name_ja: 堺市産業振興センター, quote: 堺市産業振興センターは}\nrelations: []\n",
            encoding="utf-8")
        loaded = tsunagari(settings.data_dir, seeds, "load", str(annotation))
        assert loaded.returncode == 2, loaded.stderr
        assert "Traceback" not in loaded.stderr
        reason = "already exists" if document_id == "sakai-2025" else "is reserved for"
        assert f"{document_id!r} {reason}" in loaded.stderr, loaded.stderr
    store = open_store(settings)
    assert store.documents() == [] and store.counts() == (0, 0)
    store.close()
