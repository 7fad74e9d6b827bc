"""The one write path: documents submitted, proposals decided, documents loaded or retracted,
staff edits and merges, and the repairs made at start-up.

Every write changes the graph first, then commits what the review queue records of it, then
goes to the audit trail; the API routes, the CLI and start-up recovery all call this class.
A refusal is a `WriteRefused` of a kind (`NotFound`, `Conflict` and its `DocumentExists`,
`ReservedId`, `InvalidDecision`).
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from tsunagari.graph.merge import STAFF_DOCUMENT
from tsunagari.graph.model import Contribution, DocumentRecord, Entity, Evidence, Relation
from tsunagari.graph.progress import ProgressFn
from tsunagari.graph.store import ApplyReport, GraphStore
from tsunagari.graph.text import without_formats
from tsunagari.loaders.document_ids import RESERVED_DOCUMENTS, id_key, reserved_for, same_as
from tsunagari.loaders.extract import Proposals, extract
from tsunagari.loaders.review.merges import MergeJournal
from tsunagari.loaders.review.queue import Carried, Proposal, ReviewQueue
from tsunagari.loaders.review.refusals import (
    Conflict,
    DocumentExists,
    InvalidDecision,
    NotFound,
    ReservedId,
    TooMuch,
    WriteRefused,
)
from tsunagari.loaders.review.staff_edits import (
    merge_everywhere,
    revise_staff,
    staff_evidence,
    with_entity,
    with_relation,
    without,
)
from tsunagari.loaders.sources import Document

log = logging.getLogger("tsunagari.writes")

STARTUP = "start-up"
"""The writer named in the audit trail for repairs made when the API starts."""
MAX_PROPOSALS = 5_000
"""The most proposals (entities and relations together) one submitted document may make:
about four times what the seed document, a 64 kB deck of slides, makes."""
ANOTHER_ID = ("choose another id", "別のIDを選んでください")
NEW_VERSION = ("send the new text as a new version of that document, or choose another id",
               "新しい本文はその文書の新しい版として送るか、別のIDを選んでください")
RETRACT_FIRST = ("it is a document in review: retract it first, or give the annotation "
                 "another id", "審査中の文書です。先に取り下げるか、注釈に別のIDを付けてください")


class AuditTrail(Protocol):
    """Where every accepted write is recorded: who, what, on what, and what changed."""

    def record(self, token: str, action: str, target: str, changes: dict[str, Any]) -> None: ...


@dataclass
class Submission:
    """A document stored for review: how many entities and relations it proposed, and the
    proposals as the queue holds them (with decisions kept from an earlier upload)."""

    document: DocumentRecord
    counts: dict[str, int]
    proposals: list[Proposal]


@dataclass
class Version(Submission):
    """A new version of a document in review: what became of the earlier decisions, and
    what the graph changed to hold the document's accepted facts as they now stand."""

    carried: Carried
    graph: ApplyReport


@dataclass
class Writes:
    """Writes to one store, with the review queue, merge journal and audit trail beside it.

    `documents_dir` keeps the text of submitted documents; a document that proposes more
    than `max_proposals` entities and relations is refused.
    """

    store: GraphStore
    queue: ReviewQueue
    merges: MergeJournal
    audit: AuditTrail
    documents_dir: Path
    max_proposals: int = MAX_PROPOSALS

    # documents and proposals

    def submit(self, writer: str, text: str, title: str = "",
               document_id: str | None = None) -> Submission:
        """Store a new document and propose the entities and relations it names. Its id may
        be neither reserved nor one that reads as a stored document's (a `DocumentExists`
        says which; a new text of a document in review is a `resubmit`). Its text is kept
        without invisible format characters; a document that proposes more than
        `max_proposals` is refused (TooMuch) before anything is stored."""
        text = without_formats(text)
        document_id = document_id or f"doc-{_digest(text)[:12]}"
        self._refuse_reserved(document_id)
        stored = same_as(document_id, self._stored_ids())
        if stored is not None:
            reviewed = self.queue.document(stored) is not None
            raise DocumentExists(document_id, stored, reviewed,
                                 NEW_VERSION if reviewed else ANOTHER_ID)
        record, proposals = self._read(document_id, text, title)
        self.queue.put(record, proposals, text)
        self._keep_text(document_id, text)
        counts = _counts(proposals)
        self.audit.record(writer, "upload", document_id, counts)
        return Submission(record, counts, self.queue.proposals(document_id))

    def resubmit(self, writer: str, document_id: str, text: str, title: str = "") -> Version:
        """Store a new version of a document in review. A decision stands where the same
        proposal comes back from the same sentences; every other goes back to proposed, and
        the graph drops the facts no longer accepted (the graph first, then the queue, then
        the audit trail)."""
        text = without_formats(text)
        self._refuse_reserved(document_id)
        if self.queue.document(document_id) is None:
            if self.store.document(document_id) is not None:
                raise Conflict(
                    f"document {document_id!r} is a curated document; edit its annotation and "
                    "load it again", f"文書「{document_id}」は整備済みの文書です。注釈を直して"
                    "読み込み直してください。")
            raise NotFound(f"no document {document_id!r} in review; upload it as a new document",
                           f"審査中の文書「{document_id}」はありません。新しい文書として送ってください。")
        record, proposals = self._read(document_id, text, title)
        with self.queue.replacing(record, proposals, text, self.store.entity) as (
                carried, contribution):
            report = self._apply_or_retract(contribution)
        self._keep_text(document_id, text)
        counts = _counts(proposals)
        self.audit.record(writer, "new-version", document_id,
                          {**counts, **carried.to_dict(), **report.to_dict()})
        return Version(record, counts, self.queue.proposals(document_id), carried, report)

    def _within_bounds(self, proposals: Proposals) -> None:
        """Refuse a document whose proposals no one could review (TooMuch)."""
        count = len(proposals.entities) + len(proposals.relations)
        if count > self.max_proposals:
            raise TooMuch(
                f"the document proposes {count} entities and relations; the limit is "
                f"{self.max_proposals} per document (TSUNAGARI_MAX_PROPOSALS_PER_DOCUMENT): "
                "split it into smaller documents",
                f"この文書からは{count}件の組織・関係が提案されます。1文書あたりの上限は"
                f"{self.max_proposals}件です（TSUNAGARI_MAX_PROPOSALS_PER_DOCUMENT）。"
                "文書を分けてアップロードしてください。",
            )

    def decide(self, writer: str, document_id: str, pid: str, status: str,
               edits: dict[str, str] | None = None) -> tuple[Proposal, ApplyReport]:
        """Accept (with optional edits) or reject a proposal: the graph takes the document's
        accepted facts first, then the decision is committed, then audited."""
        self._refuse_reserved(document_id)
        edits = edits or {}
        with self.queue.deciding(document_id, {pid: edits}, status, self.store.entity) as (
                (proposal,), contribution):
            report = self._apply_or_retract(contribution)
        self.audit.record(writer, status, f"{document_id}/{pid}", {"edits": edits, **report.to_dict()})
        return proposal, report

    def accept_confident(self, writer: str, document_id: str, least: float,
                         preview: bool = False) -> tuple[list[Proposal], ApplyReport | None]:
        """Accept at once every undecided proposal of the document whose confidence is at
        least `least` (a relation brings its ends along), in one write; with `preview`, only
        say which they would be (and change nothing)."""
        self._refuse_reserved(document_id)
        if self.queue.document(document_id) is None:
            raise NotFound(f"no document {document_id!r} in review")
        chosen = [p for p in self.queue.proposals(document_id)
                  if p.status == "proposed" and p.confidence >= least]
        if preview or not chosen:
            return chosen, None
        with self.queue.deciding(document_id, {p.pid: {} for p in chosen}, "accepted",
                                 self.store.entity) as (accepted, contribution):
            report = self._apply_or_retract(contribution)
        self.audit.record(writer, "accept-confident", document_id, {
            "least": least, "proposals": [p.pid for p in accepted], **report.to_dict()})
        return accepted, report

    def retract(self, writer: str, document_id: str) -> ApplyReport:
        """Remove a document (loaded or in review) and every fact only it supports; what it
        stated, and its proposals and decisions, are kept for `restore`."""
        if self.store.document(document_id) is None and self.queue.document(document_id) is None:
            raise NotFound(f"no document {document_id!r}")
        report = self.store.retract(document_id)
        self.queue.forget(document_id)
        self.audit.record(writer, "retract", document_id, report.to_dict())
        return report

    def restore(self, writer: str, document_id: str) -> ApplyReport:
        """Undo the document's last retraction: its facts come back as they were (entities,
        relations, evidence) and, for a reviewed document, its proposals and decisions."""
        if self.store.document(document_id) is not None:
            raise Conflict(f"document {document_id!r} is loaded, not retracted; "
                           "there is nothing to restore")
        if self.queue.document(document_id) is not None:
            raise Conflict(f"document {document_id!r} is in review, not retracted; "
                           "there is nothing to restore")
        report = self.store.restore(document_id)
        in_review = self.queue.restore(document_id)
        if report is None and not in_review:
            raise NotFound(f"no retracted document {document_id!r} is kept; only a document "
                           "retracted (and not restored since) can be restored")
        report = report or ApplyReport(document_id)
        self.audit.record(writer, "restore", document_id,
                          {**report.to_dict(), "review_restored": in_review})
        return report

    def load(self, writer: str, contribution: Contribution,
             on_progress: ProgressFn | None = None) -> ApplyReport:
        """Apply a verified document contribution (a curated annotation, the reference places,
        a synthetic network) whole, in place of an earlier load of the same document. Refused
        under the staff edits' id, a document in review's id, or an id that reads as another
        stored document's."""
        document_id = contribution.document.id
        if id_key(document_id) == id_key(STAFF_DOCUMENT):
            raise ReservedId(document_id, RESERVED_DOCUMENTS[STAFF_DOCUMENT])
        stored = same_as(document_id, self._stored_ids())
        if stored is not None and self.queue.document(stored) is not None:
            raise DocumentExists(document_id, stored, True, RETRACT_FIRST)
        if stored not in (None, document_id):
            raise DocumentExists(document_id, stored, False, ANOTHER_ID)
        report = self.store.apply(contribution, on_progress)
        self.audit.record(writer, "load", contribution.document.id, report.to_dict())
        return report

    def submitted(self, document_id: str) -> DocumentRecord | None:
        """The record of a document submitted for review (None when it was not)."""
        return self.queue.document(document_id)

    def annotation(self, document_id: str) -> Contribution:
        """The accepted facts of a reviewed document."""
        return self.queue.contribution(document_id, self.store.entity)

    # staff edits

    def put_entity(self, writer: str, entity: Entity, source: str) -> ApplyReport:
        """Create or edit an entity; staff values win over what documents say."""
        if not (entity.name_ja or entity.name_en):
            raise InvalidDecision("an entity needs name_ja or name_en")
        entity.evidence = [staff_evidence(writer, source)]
        report = revise_staff(self.store, lambda staff: with_entity(staff, entity))
        self.audit.record(writer, "put-entity", entity.id, report.to_dict())
        return report

    def delete_entity(self, writer: str, entity_id: str) -> ApplyReport:
        """Delete an entity that only staff stated."""
        self.existing(entity_id)
        documents = self._stated_elsewhere(entity_id, 0)
        if documents:
            raise Conflict(f"{entity_id!r} is stated by {', '.join(documents)}; "
                           "retract or re-annotate those documents instead")
        report = revise_staff(self.store, lambda staff: without(staff, entity_id=entity_id))
        self.audit.record(writer, "delete-entity", entity_id, report.to_dict())
        return report

    def add_relation(self, writer: str, relation_type: str, source_id: str, target_id: str,
                     source: str, *, stage: str | None = None,
                     entry_point: str | None = None) -> tuple[Relation, ApplyReport]:
        """Create a relation between two existing entities."""
        ends = [self.existing(source_id), self.existing(target_id)]
        if ends[0].id == ends[1].id:
            raise InvalidDecision("a relation needs two different entities")
        relation = Relation(type=relation_type, source=ends[0].id, target=ends[1].id,
                            evidence=[staff_evidence(writer, source)], stage=stage,
                            entry_point=entry_point)
        report = revise_staff(self.store, lambda staff: with_relation(staff, relation, ends))
        self.audit.record(writer, "post-relation", relation.id, report.to_dict())
        return relation, report

    def delete_relation(self, writer: str, relation_id: str) -> ApplyReport:
        """Delete a relation that only staff stated."""
        def without_relation(staff: Contribution) -> Contribution:
            if all(r.id != relation_id for r in staff.relations):
                documents = self._stated_elsewhere(relation_id, 1)
                if documents:
                    raise Conflict(f"{relation_id!r} is stated by {', '.join(documents)}")
                raise NotFound(f"no staff relation {relation_id!r}")
            return without(staff, relation_id=relation_id)

        report = revise_staff(self.store, without_relation)
        self.audit.record(writer, "delete-relation", relation_id, report.to_dict())
        return report

    def merge(self, writer: str, keep_id: str, drop_id: str, source: str) -> list[ApplyReport]:
        """Merge `drop` into `keep` everywhere: its names become aliases, its relations and
        evidence move over, document by document, and the proposals of documents in review
        name `keep` instead."""
        keep, drop = self.existing(keep_id), self.existing(drop_id)
        if keep.id == drop.id:
            raise InvalidDecision("an entity cannot be merged into itself")
        self._finish_merges(writer)
        evidence = staff_evidence(writer, source)
        reports = self._carry_out(self.merges.begin(keep, drop, evidence), keep, drop, evidence)
        self.audit.record(writer, "merge", f"{drop.id}->{keep.id}",
                          {"documents": [r.document for r in reports]})
        return reports

    def _carry_out(self, merge_id: int, keep: Entity, drop: Entity,
                   evidence: Evidence) -> list[ApplyReport]:
        """A merge written down in the journal: the graph, document by document, then the
        review queue; struck off the journal last."""
        reports = merge_everywhere(self.store, keep, drop, evidence)
        self.queue.merge(keep, drop.id)
        self.merges.end(merge_id)
        return reports

    def _finish_merges(self, writer: str) -> None:
        """Finish the merges a failure left half-done, each audited."""
        for merge_id, keep, drop, evidence in self.merges.unfinished():
            reports = self._carry_out(merge_id, keep, drop, evidence)
            self.audit.record(writer, "merge", f"{drop.id}->{keep.id}",
                              {"documents": [r.document for r in reports], "finished": True})
            log.warning("the merge of %s into %s, left unfinished, is done", drop.id, keep.id)

    def existing(self, entity_id: str) -> Entity:
        """The entity, or NotFound."""
        entity = self.store.entity(entity_id)
        if entity is None:
            raise NotFound(f"no entity with id {entity_id!r}")
        return entity

    # start-up

    def recover(self) -> list[str]:
        """Finish interrupted merges, then put the graph back in step with the review queue;
        every change to the graph is audited as the start-up's.

        A decision or a new version writes the graph, then commits in the queue: a process
        killed between the two leaves a graph that holds facts no decision stands for, or
        misses some, or holds another version of the document. The queue is the record, so
        each reviewed document whose accepted facts (or version) differ from what the graph
        holds of it is applied again; the ids of those documents are returned. A document
        in review under a reserved id (stored before such ids were refused) is left alone:
        reconciling it would replace what the id is reserved for.
        """
        self._finish_merges(STARTUP)
        repaired = []
        for document_id in self.queue.document_ids():
            if reserved_for(document_id) is not None:
                log.warning("review of %s is not reconciled: the id is reserved", document_id)
                continue
            self._restore_text(document_id)
            try:
                contribution = self.annotation(document_id)
            except WriteRefused as exc:
                log.warning("review of %s cannot be reconciled: %s", document_id, exc)
                continue
            if self._holds(contribution):
                continue
            report = self._apply_or_retract(contribution)
            self.audit.record(STARTUP, "reconcile", document_id, report.to_dict())
            log.warning("document %s: the graph now holds its accepted facts again", document_id)
            repaired.append(document_id)
        return repaired

    def _holds(self, contribution: Contribution) -> bool:
        """Whether the graph holds exactly the accepted facts of this version of the document."""
        document = contribution.document
        stored = self.store.document(document.id)
        if not contribution.entities:
            return stored is None
        accepted = (sorted(e.id for e in contribution.entities),
                    sorted(r.id for r in contribution.relations))
        return (stored is not None and stored.sha256 == document.sha256
                and accepted == self.store.document_facts(document.id))

    # documents' ids and texts

    def _refuse_reserved(self, document_id: str) -> None:
        held = reserved_for(document_id)
        if held is not None:
            raise ReservedId(document_id, held)

    def _stored_ids(self) -> list[str]:
        """Every document id in the graph or in review."""
        return [d.id for d in self.store.documents()] + self.queue.document_ids()

    def _read(self, document_id: str, text: str,
              title: str) -> tuple[DocumentRecord, Proposals]:
        """The record of a document's text and the proposals extracted from it (TooMuch
        beyond `max_proposals`)."""
        document = Document.from_text(document_id, text, title)
        proposals = extract(document, self.store.entities())
        self._within_bounds(proposals)
        record = DocumentRecord(document_id, title or document.title, _digest(text),
                                loaded_at=datetime.now(UTC).isoformat(timespec="seconds"))
        return record, proposals

    def _keep_text(self, document_id: str, text: str) -> None:
        """Write the document's text beside the store (whole or not at all), where an
        exported annotation is read against it."""
        self.documents_dir.mkdir(parents=True, exist_ok=True)
        path = self.documents_dir / f"{document_id}.txt"
        partial = path.with_suffix(".partial")
        partial.write_bytes(text.encode("utf-8"))
        os.replace(partial, path)

    def _restore_text(self, document_id: str) -> None:
        """Write again the text of a document in review that its file no longer matches
        (a process killed between the queue's commit and the file's write)."""
        text = self.queue.text(document_id)
        path = self.documents_dir / f"{document_id}.txt"
        if text is not None and (not path.is_file() or path.read_bytes() != text.encode("utf-8")):
            self._keep_text(document_id, text)
            log.warning("document %s: its text file is the version in review again", document_id)

    def _apply_or_retract(self, contribution: Contribution) -> ApplyReport:
        if contribution.entities:
            return self.store.apply(contribution)
        return self.store.retract(contribution.document.id)

    def _stated_elsewhere(self, fact_id: str, kind: int) -> list[str]:
        """Source documents (not staff edits) that state the entity (kind 0) or relation (1)."""
        return [d.id for d in self.store.documents()
                if d.id != STAFF_DOCUMENT and fact_id in self.store.document_facts(d.id)[kind]]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _counts(proposals: Proposals) -> dict[str, int]:
    return {"entities": len(proposals.entities), "relations": len(proposals.relations)}
