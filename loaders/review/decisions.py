"""The one write path: documents submitted, proposals decided, documents loaded or retracted,
staff edits and merges, and the repairs made at start-up.

Every write changes the graph first, then commits what the review queue records of it, then
goes to the audit trail; the API routes, the CLI and start-up recovery all call this class.
A refusal is a `WriteRefused` of a kind (`NotFound`, `Conflict`, `InvalidDecision`).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from tsunagari.graph.merge import STAFF_DOCUMENT
from tsunagari.graph.model import Contribution, DocumentRecord, Entity, Relation
from tsunagari.graph.progress import ProgressFn
from tsunagari.graph.store import ApplyReport, GraphStore
from tsunagari.loaders.extract import extract
from tsunagari.loaders.review.merges import MergeJournal
from tsunagari.loaders.review.queue import Proposal, ReviewQueue
from tsunagari.loaders.review.refusals import Conflict, InvalidDecision, NotFound, WriteRefused
from tsunagari.loaders.review.staff_edits import (
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
class Writes:
    """Writes to one store, with the review queue, merge journal and audit trail beside it.

    `documents_dir` keeps the text of submitted documents.
    """

    store: GraphStore
    queue: ReviewQueue
    merges: MergeJournal
    audit: AuditTrail
    documents_dir: Path

    # documents and proposals

    def submit(self, writer: str, text: str, title: str = "",
               document_id: str | None = None) -> Submission:
        """Store a new document and propose the entities and relations it names."""
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        document_id = document_id or f"doc-{digest[:12]}"
        if self.store.document(document_id) is not None and self.queue.document(document_id) is None:
            raise Conflict(f"document {document_id!r} is a curated document; choose another id")
        document = Document.from_text(document_id, text, title)
        self.documents_dir.mkdir(parents=True, exist_ok=True)
        (self.documents_dir / f"{document_id}.txt").write_text(text, encoding="utf-8")
        proposals = extract(document, self.store.entities())
        record = DocumentRecord(document_id, title or document.title, digest,
                                loaded_at=datetime.now(UTC).isoformat(timespec="seconds"))
        self.queue.put(record, proposals)
        changes = {"entities": len(proposals.entities), "relations": len(proposals.relations)}
        self.audit.record(writer, "upload", document_id, changes)
        return Submission(record, changes, self.queue.proposals(document_id))

    def decide(self, writer: str, document_id: str, pid: str, status: str,
               edits: dict[str, str] | None = None) -> tuple[Proposal, ApplyReport]:
        """Accept (with optional edits) or reject a proposal: the graph takes the document's
        accepted facts first, then the decision is committed, then audited."""
        edits = edits or {}
        with self.queue.deciding(document_id, pid, status, self.store.entity, edits) as (
                proposal, contribution):
            report = self._apply_or_retract(contribution)
        self.audit.record(writer, status, f"{document_id}/{pid}", {"edits": edits, **report.to_dict()})
        return proposal, report

    def retract(self, writer: str, document_id: str) -> ApplyReport:
        """Remove a document (loaded or in review) and every fact only it supports."""
        if self.store.document(document_id) is None and self.queue.document(document_id) is None:
            raise NotFound(f"no document {document_id!r}")
        report = self.store.retract(document_id)
        self.queue.forget(document_id)
        self.audit.record(writer, "retract", document_id, report.to_dict())
        return report

    def load(self, writer: str, contribution: Contribution,
             on_progress: ProgressFn | None = None) -> ApplyReport:
        """Apply a verified document contribution (a curated annotation) whole."""
        report = self.store.apply(contribution, on_progress)
        self.audit.record(writer, "load", contribution.document.id, report.to_dict())
        return report

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
        evidence move over, document by document."""
        keep, drop = self.existing(keep_id), self.existing(drop_id)
        if keep.id == drop.id:
            raise InvalidDecision("an entity cannot be merged into itself")
        reports = self.merges.merge(self.store, keep, drop, staff_evidence(writer, source))
        self.audit.record(writer, "merge", f"{drop.id}->{keep.id}",
                          {"documents": [r.document for r in reports]})
        return reports

    def existing(self, entity_id: str) -> Entity:
        """The entity, or NotFound."""
        entity = self.store.entity(entity_id)
        if entity is None:
            raise NotFound(f"no entity with id {entity_id!r}")
        return entity

    # start-up

    def recover(self) -> list[str]:
        """Put the graph back in step with the review queue, then finish interrupted merges.

        A decision writes the graph, then commits the decision in the queue: a process
        killed between the two leaves facts that no decision stands for (or a decision the
        graph missed). The queue is the record, so each reviewed document whose accepted
        facts differ from what the graph holds of it is applied again (audited as the
        start-up's); the ids of those documents are returned.
        """
        repaired = []
        for document_id in self.queue.document_ids():
            try:
                contribution = self.annotation(document_id)
            except WriteRefused as exc:
                log.warning("review of %s cannot be reconciled: %s", document_id, exc)
                continue
            accepted = (sorted(e.id for e in contribution.entities),
                        sorted(r.id for r in contribution.relations))
            if accepted == self.store.document_facts(document_id):
                continue
            report = self._apply_or_retract(contribution)
            self.audit.record(STARTUP, "reconcile", document_id, report.to_dict())
            log.warning("document %s: the graph now holds its accepted facts again", document_id)
            repaired.append(document_id)
        self.merges.finish(self.store)
        return repaired

    def _apply_or_retract(self, contribution: Contribution) -> ApplyReport:
        if contribution.entities:
            return self.store.apply(contribution)
        return self.store.retract(contribution.document.id)

    def _stated_elsewhere(self, fact_id: str, kind: int) -> list[str]:
        """Source documents (not staff edits) that state the entity (kind 0) or relation (1)."""
        return [d.id for d in self.store.documents()
                if d.id != STAFF_DOCUMENT and fact_id in self.store.document_facts(d.id)[kind]]
