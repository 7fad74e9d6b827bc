"""New versions of a document in review (`Writes.resubmit`): a decision stands where the same
proposal comes back from the same sentences, the graph holds what the review queue accepts
after every step, and a process killed between the graph's commit and the queue's leaves
what `Writes.recover` puts back, audited. Every test runs on both stores."""

from __future__ import annotations

import hashlib
from contextlib import suppress
from datetime import UTC, datetime

import pytest

from tests.support.documents import SECOND_DOCUMENT
from tsunagari.api.audit import AuditLog
from tsunagari.graph.model import DocumentRecord
from tsunagari.loaders import Document, extract
from tsunagari.loaders.review import (
    STARTUP,
    Conflict,
    NotFound,
    ReservedId,
    Writes,
)

DOCUMENT = "sakai-2025"
CHANGED_LINE = "・浪速信用金庫は、ビンズオン省に進出する取引先企業に出資する。"
SECOND_VERSION = SECOND_DOCUMENT.replace(
    CHANGED_LINE, "・浪速信用金庫は、ドンナイ省に進出する取引先企業に融資する。")
UNCHANGED_LINE = "・堺ものづくり協会は、堺市産業振興センターと協力してベトナム人技能実習生の研修を行う。"


class Killed(Exception):
    """The process dies here."""


def audit_of(write_path: Writes) -> list[dict]:
    assert isinstance(write_path.audit, AuditLog)
    return write_path.audit.entries(1000)


def quotes_of(record: dict) -> set[str]:
    return {e["quote"] for e in record["evidence"]}


def in_step(write_path: Writes, text: str) -> None:
    """The graph holds exactly the accepted facts of the version of `text`, and every quote of
    the document in the graph is in that text."""
    accepted = write_path.annotation(DOCUMENT)
    assert write_path.store.document_facts(DOCUMENT) == (
        sorted(e.id for e in accepted.entities), sorted(r.id for r in accepted.relations))
    stored = write_path.store.document(DOCUMENT)
    assert stored is not None
    assert stored.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    quotes = {e.quote for fact in [*write_path.store.entities(), *write_path.store.relations()]
              for e in fact.evidence if e.document == DOCUMENT}
    version = Document.from_text(DOCUMENT, text)
    assert quotes and all(version.locate(quote) for quote in quotes), quotes
    assert (write_path.documents_dir / f"{DOCUMENT}.txt").read_text(encoding="utf-8") == text


def reviewed(write_path: Writes) -> str:
    """Upload the first version, accept every relation but one of the unchanged line, which
    is rejected; the relation rejected."""
    submission = write_path.submit("desk-osaka", SECOND_DOCUMENT, document_id=DOCUMENT)
    relations = [p for p in submission.proposals if p.kind == "relation"]
    rejected = next(p.pid for p in relations if quotes_of(p.record) == {UNCHANGED_LINE[1:]})
    for proposal in relations:
        write_path.decide("desk-osaka", DOCUMENT, proposal.pid,
                      "rejected" if proposal.pid == rejected else "accepted")
    in_step(write_path, SECOND_DOCUMENT)
    return rejected


def test_a_new_version_keeps_decisions_only_where_nothing_changed(write_path: Writes) -> None:
    rejected = reviewed(write_path)
    before = {p.pid: p for p in write_path.queue.proposals(DOCUMENT)}
    version = write_path.resubmit("desk-osaka", DOCUMENT, SECOND_VERSION)
    after = {p.pid: p for p in write_path.queue.proposals(DOCUMENT)}

    assert after[rejected].status == "rejected", "a decision on an unchanged sentence stands"
    unchanged = [pid for pid, p in after.items()
                 if pid in before and quotes_of(p.record) == {UNCHANGED_LINE[1:]}]
    assert unchanged and all(after[pid].status == before[pid].status for pid in unchanged)
    changed = [pid for pid, p in before.items() if CHANGED_LINE[1:] in quotes_of(p.record)]
    assert changed
    for pid in changed:
        assert pid not in after or after[pid].status == "proposed", pid
        assert pid in version.carried.reopened + version.carried.dropped, pid
    for pid in version.carried.reopened:
        assert after[pid].status == "proposed" and before[pid].status != "proposed"
    by_an_end = [pid for pid in version.carried.reopened if after[pid].kind == "relation"
                 and quotes_of(after[pid].record) == quotes_of(before[pid].record)]
    assert by_an_end, "an accepted relation whose end is proposed again is proposed again too"
    for pid in by_an_end:
        ends = [after[f"entity:{after[pid].record[end]}"] for end in ("source", "target")]
        assert "proposed" in {end.status for end in ends}, pid
    assert version.carried.kept == sorted(pid for pid, p in after.items() if p.status != "proposed")
    assert version.graph.relations_removed, "facts of the changed sentence left the graph"
    in_step(write_path, SECOND_VERSION)

    entry = audit_of(write_path)[0]
    assert (entry["token"], entry["action"], entry["target"]) == (
        "desk-osaka", "new-version", DOCUMENT)
    assert entry["changes"]["reopened"] == version.carried.reopened
    assert entry["changes"]["relations_removed"] == version.graph.relations_removed

    assert write_path.recover() == [], "nothing is left to repair"
    assert audit_of(write_path)[0] == entry


@pytest.mark.parametrize("crash", ["after the graph", "after the queue"])
def test_a_new_version_cut_short_is_put_back_in_step_and_audited(
    write_path: Writes, crash: str
) -> None:
    """The process dies after the graph's commit (the queue's never comes: the queue still
    has the first version) or after the queue's (the graph still has the first version)."""
    reviewed(write_path)
    document = Document.from_text(DOCUMENT, SECOND_VERSION)
    record = DocumentRecord(DOCUMENT, document.title,
                            hashlib.sha256(SECOND_VERSION.encode("utf-8")).hexdigest(),
                            loaded_at=datetime.now(UTC).isoformat(timespec="seconds"))
    proposals = extract(document, write_path.store.entities())
    with suppress(Killed), write_path.queue.replacing(
            record, proposals, SECOND_VERSION, write_path.store.entity) as (_, contribution):
        if crash == "after the graph":
            write_path.store.apply(contribution)
            raise Killed  # the graph has committed; the queue's transaction is lost
        # otherwise the block ends: the queue commits, the graph is never written
    audited = len(audit_of(write_path))

    assert write_path.recover() == [DOCUMENT]
    in_step(write_path, SECOND_DOCUMENT if crash == "after the graph" else SECOND_VERSION)
    entries = audit_of(write_path)
    assert len(entries) == audited + 1
    assert (entries[0]["token"], entries[0]["action"], entries[0]["target"]) == (
        STARTUP, "reconcile", DOCUMENT)
    assert write_path.recover() == []


def test_only_a_document_in_review_takes_a_new_version(write_path: Writes) -> None:
    with pytest.raises(NotFound, match="no document 'nowhere' in review"):
        write_path.resubmit("desk-osaka", "nowhere", SECOND_VERSION)
    with pytest.raises(ReservedId, match="staff-edits"):
        write_path.resubmit("desk-osaka", "staff-edits", SECOND_VERSION)
    reviewed(write_path)
    with pytest.raises(Conflict, match="PUT|new version"):
        write_path.submit("desk-osaka", SECOND_VERSION, document_id=DOCUMENT)
    in_step(write_path, SECOND_DOCUMENT)
