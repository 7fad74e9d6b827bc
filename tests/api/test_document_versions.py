"""A reviewed document uploaded again: a new version (PUT /v1/documents/{id}) after which the
graph, the review queue and the audit log agree, and still agree once the API has started
again (which changes nothing)."""

from __future__ import annotations

import httpx
import yaml

from tests.support.documents import SECOND_DOCUMENT
from tests.support.paths import SEEDS
from tests.support.servers import LiveServer, WriteApi
from tsunagari.api.settings import Settings
from tsunagari.graph.model import relation_id

DOCUMENT = "sakai-2025"
CHANGED_LINE = "・浪速信用金庫は、ビンズオン省に進出する取引先企業に出資する。"
SECOND_VERSION = SECOND_DOCUMENT.replace(
    CHANGED_LINE, "・浪速信用金庫は、ドンナイ省に進出する取引先企業に融資する。")


def graph_and_queue(client: httpx.Client) -> tuple[tuple[list[str], list[str]], ...]:
    """What the graph holds of the document, and the accepted facts the review queue gives."""
    document = client.get(f"/v1/documents/{DOCUMENT}")
    held = (document.json()["entities"], document.json()["relations"]) if document.is_success \
        else ([], [])
    annotation = yaml.safe_load(client.get(f"/v1/documents/{DOCUMENT}/annotation").text)
    accepted = (sorted(e["id"] for e in annotation["entities"]),
                sorted(relation_id(r["type"], r["source"], r["target"])
                       for r in annotation["relations"]))
    return held, accepted


def test_a_reviewed_document_uploaded_again_keeps_graph_queue_and_audit_in_step(
    writes: WriteApi,
) -> None:
    client, auth = writes.client, writes.auth()
    first = client.post("/v1/documents", headers=auth, json={"id": DOCUMENT, "text": SECOND_DOCUMENT})
    assert first.status_code == 201, first.text
    for proposal in first.json()["proposals"]:
        if proposal["kind"] == "relation":
            client.post(f"/v1/documents/{DOCUMENT}/proposals/{proposal['id']}/accept", headers=auth)
    held, accepted = graph_and_queue(client)
    assert held == accepted and held[1]
    stated = {r for r in held[1] if r.endswith("--invests-in--binh-duong")}
    assert stated, "the investment the changed sentence states is in the graph"

    again = client.post("/v1/documents", headers=auth, json={"id": DOCUMENT, "text": SECOND_VERSION})
    assert again.status_code == 409, again.text
    assert again.json()["new_version"] == f"PUT /v1/documents/{DOCUMENT}"
    assert graph_and_queue(client) == (held, accepted)

    version = client.put(f"/v1/documents/{DOCUMENT}", headers=auth, json={"text": SECOND_VERSION})
    assert version.status_code == 200, version.text
    answer = version.json()
    statuses = {p["id"]: p["status"] for p in answer["proposals"]}
    assert answer["decisions"]["kept"] == sorted(
        pid for pid, status in statuses.items() if status != "proposed")
    assert answer["decisions"]["kept"], "decisions on unchanged sentences stand"
    assert answer["decisions"]["dropped"] or answer["decisions"]["reopened"]
    new_held, new_accepted = graph_and_queue(client)
    assert new_held == new_accepted
    gone = set(held[1]) - set(new_held[1])
    assert stated <= gone, "the changed sentence's facts are no longer the document's"
    assert stated <= set(answer["graph"]["relations_removed"]) <= gone, "…nor the graph's"
    entries = client.get("/v1/audit", headers=auth).json()["entries"]
    assert (entries[0]["action"], entries[0]["target"]) == ("new-version", DOCUMENT)
    assert entries[0]["changes"]["relations_removed"] == answer["graph"]["relations_removed"]

    settings = Settings(data_dir=writes.data_dir, seeds_dir=SEEDS)
    with LiveServer(writes.store, settings) as server, httpx.Client(base_url=server.url) as restarted:
        assert graph_and_queue(restarted) == (new_held, new_accepted)
        proposals = restarted.get(f"/v1/documents/{DOCUMENT}/proposals").json()["proposals"]
        assert {p["id"]: p["status"] for p in proposals} == statuses
        assert restarted.get("/v1/audit", headers=auth).json()["entries"] == entries


def test_a_new_version_is_only_for_a_document_in_review(writes: WriteApi) -> None:
    client, auth = writes.client, writes.auth()
    missing = client.put("/v1/documents/nowhere", headers=auth, json={"text": SECOND_VERSION})
    assert missing.status_code == 404 and "no document 'nowhere' in review" in missing.json()["detail"]
    curated = client.put("/v1/documents/000_4a12a5157f8c4e5f", headers=auth,
                         json={"text": SECOND_VERSION})
    assert curated.status_code == 409 and "curated document" in curated.json()["detail"]
    reserved = client.put("/v1/documents/staff-edits", headers=auth, json={"text": SECOND_VERSION})
    assert reserved.status_code == 422 and reserved.json()["title"] == "Reserved document id"
    assert client.put("/v1/documents/nowhere", json={"text": SECOND_VERSION}).status_code == 401
    assert client.get("/v1/audit", headers=auth).json()["entries"] == []
