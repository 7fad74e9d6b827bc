"""Writes that take more than one commit, cut short as by a crash, are made whole when the
API starts: a decision on a proposal (the graph, then the review queue) and a merge of
entities (one commit per document that names the entity dropped); each repair is audited."""

from __future__ import annotations

import httpx

from tests.support.documents import SECOND_DOCUMENT
from tests.support.paths import SEED_DOCUMENT_ID, SEEDS
from tests.support.servers import LiveServer, WriteApi
from tsunagari.api.settings import Settings
from tsunagari.graph.model import relation_id
from tsunagari.loaders.review import STARTUP, MergeJournal, ReviewQueue
from tsunagari.loaders.review.staff_edits import merged_into, staff_evidence

DOCUMENT = "recovery-doc"
RELATION = relation_id("PARTNERS_WITH", "osaka-pref", "dong-nai")
PROPOSAL = f"relation:{RELATION}"


def upload(api: WriteApi) -> None:
    answer = api.client.post("/v1/documents", headers=api.auth(),
                             json={"id": DOCUMENT, "text": "大阪府はドンナイ省と連携する。"})
    assert answer.status_code == 201, answer.text


def restarted(api: WriteApi) -> LiveServer:
    """The API started again on the same store and data directory."""
    return LiveServer(api.store, Settings(data_dir=api.data_dir, seeds_dir=SEEDS))


def facts_after_restart(api: WriteApi) -> tuple[list[str], str]:
    """The document's relations in the graph and the status of its proposal, once the API
    has started again."""
    with restarted(api) as server, httpx.Client(base_url=server.url) as client:
        document = client.get(f"/v1/documents/{DOCUMENT}")
        relations = document.json()["relations"] if document.status_code == 200 else []
        proposals = client.get(f"/v1/documents/{DOCUMENT}/proposals").json()["proposals"]
    return relations, next(p["status"] for p in proposals if p["id"] == PROPOSAL)


def test_a_decision_the_graph_missed_is_applied_on_start(writes: WriteApi) -> None:
    upload(writes)
    queue = ReviewQueue(writes.data_dir / "review.sqlite3")
    queue.decide(DOCUMENT, PROPOSAL, "accepted")  # committed; the graph write never came
    queue.close()
    assert writes.store.document(DOCUMENT) is None
    assert facts_after_restart(writes) == ([RELATION], "accepted")


def test_facts_without_a_decision_leave_the_graph_on_start(writes: WriteApi) -> None:
    upload(writes)
    accepted = writes.client.post(f"/v1/documents/{DOCUMENT}/proposals/{PROPOSAL}/accept",
                                  headers=writes.auth())
    assert accepted.status_code == 200, accepted.text
    queue = ReviewQueue(writes.data_dir / "review.sqlite3")
    queue.decide(DOCUMENT, PROPOSAL, "proposed")  # as if the decision had not been committed
    queue.close()
    assert facts_after_restart(writes) == ([], "proposed")


def test_a_merge_cut_short_is_finished_on_start(writes: WriteApi) -> None:
    keep, drop = "haui", "hanoi-industrial-college"
    stated = writes.client.put(f"/v1/entities/{drop}", headers=writes.auth(), json={
        "type": "TrainingInstitution", "name_ja": "ハノイ工業短期大学", "source": "desk note"})
    assert stated.status_code == 200, stated.text  # now stated by the seed and by staff
    kept, dropped = writes.store.entity(keep), writes.store.entity(drop)
    assert kept is not None and dropped is not None
    journal = MergeJournal(writes.data_dir / "merges.sqlite3")
    journal.begin(kept, dropped, staff_evidence("desk-osaka", "same college"))
    seed = writes.store.contribution(SEED_DOCUMENT_ID)
    assert seed is not None
    rewritten = merged_into(seed, kept, dropped)
    assert rewritten is not None
    writes.store.apply(rewritten)  # the first document is merged; then the process dies
    journal.close()
    assert writes.store.entity(drop) is not None, "the staff edits still name it"

    with restarted(writes) as server, httpx.Client(base_url=server.url) as client:
        assert client.get(f"/v1/entities/{drop}").status_code == 404
        merged = client.get(f"/v1/entities/{keep}").json()
        newest = client.get("/v1/audit", headers=writes.auth()).json()["entries"][0]
    assert (newest["token"], newest["action"], newest["target"]) == (
        STARTUP, "merge", f"{drop}->{keep}"), "a change made at start-up is audited"
    assert newest["changes"]["documents"] == ["staff-edits"], "the seed was merged already"
    assert "ハノイ工業短期大学" in merged["aliases"]
    assert any(e["quote"] == "same college" for e in merged["evidence"])


def test_a_merge_holds_in_a_reviewed_document_after_a_decision_and_a_restart(
    writes: WriteApi,
) -> None:
    client, auth = writes.client, writes.auth()
    uploaded = client.post("/v1/documents", headers=auth,
                           json={"id": "sakai-2025", "text": SECOND_DOCUMENT}).json()
    drop = next(p["entity"]["id"] for p in uploaded["proposals"]
                if p["kind"] == "entity" and p["entity"]["name_ja"] == "堺市産業振興センター")
    relations = [p for p in uploaded["proposals"] if p["kind"] == "relation"]
    held_back = next(p for p in relations
                     if drop not in (p["relation"]["source"], p["relation"]["target"]))
    for proposal in relations:
        if proposal is not held_back:
            client.post(f"/v1/documents/sakai-2025/proposals/{proposal['id']}/accept", headers=auth)
    merged = client.post("/v1/entities/kinki-meti/merge", headers=writes.admin(),
                         json={"drop": drop, "source": "the same desk"})
    assert merged.status_code == 200, merged.text
    proposals = client.get("/v1/documents/sakai-2025/proposals").json()["proposals"]
    assert all(drop not in p["id"] for p in proposals), "the review queue names the entity kept"
    assert {p["status"] for p in proposals if p["id"] == "entity:kinki-meti"} == {"accepted"}

    decided = client.post(f"/v1/documents/sakai-2025/proposals/{held_back['id']}/accept",
                          headers=auth)
    assert decided.status_code == 200, decided.text
    assert client.get(f"/v1/entities/{drop}").status_code == 404, "a decision keeps the merge"
    audited = client.get("/v1/audit", headers=auth).json()["entries"]
    with restarted(writes) as server, httpx.Client(base_url=server.url) as restarted_client:
        assert restarted_client.get(f"/v1/entities/{drop}").status_code == 404
        assert "堺市産業振興センター" in restarted_client.get("/v1/entities/kinki-meti").json()["aliases"]
        assert restarted_client.get("/v1/audit", headers=auth).json()["entries"] == audited
