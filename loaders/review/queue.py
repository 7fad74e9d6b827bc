"""The review queue: proposals of extracted documents, waiting for a person's decision.

Proposals live in their own SQLite file, apart from the graph; only accepted ones
become a document's contribution (with `status: accepted`). Accepting a relation
accepts the entities at its ends. Decisions survive a re-upload of the same
document wherever the same proposal comes back.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tsunagari.graph.model import Contribution, DocumentRecord, Entity, Relation
from tsunagari.graph.serialize import (
    document_from_record,
    entity_from_record,
    entity_to_record,
    relation_from_record,
)
from tsunagari.graph.sqlite import open_sqlite, transaction
from tsunagari.graph.vocabulary import EntityType, RelationType, Status
from tsunagari.loaders.extract import Proposals
from tsunagari.loaders.review.refusals import InvalidDecision, NotFound

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS proposals (
    document TEXT NOT NULL, pid TEXT NOT NULL, kind TEXT NOT NULL, record TEXT NOT NULL,
    existing INTEGER NOT NULL, confidence REAL NOT NULL, status TEXT NOT NULL,
    PRIMARY KEY (document, pid));
"""
DECISIONS = ("proposed", "accepted", "rejected")


@dataclass
class Proposal:
    """One proposal as the reviewer sees it."""

    pid: str
    kind: str
    record: dict[str, Any]
    existing: bool
    confidence: float
    status: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.pid, "kind": self.kind, "existing": self.existing,
                "confidence": self.confidence, "status": self.status, self.kind: self.record}


EntityLookup = Callable[[str], Entity | None]


class ReviewQueue:
    """Proposals by document, with their decisions."""

    def __init__(self, path: Path) -> None:
        self._db = open_sqlite(path, SCHEMA)

    def put(self, document: DocumentRecord, proposals: Proposals) -> None:
        """Store a document's proposals, keeping earlier decisions on the same proposals."""
        decided = {p.pid: p.status for p in self.proposals(document.id) if p.status != "proposed"}
        rows = [
            (f"entity:{p.entity.id}", "entity",
             entity_to_record(replace(p.entity, evidence=p.evidence or p.entity.evidence)),
             p.existing, p.confidence)
            for p in proposals.entities
        ] + [
            (f"relation:{p.relation.id}", "relation", p.relation.to_dict(), False, p.confidence)
            for p in proposals.relations
        ]
        with transaction(self._db) as db:
            db.execute("DELETE FROM proposals WHERE document = ?", (document.id,))
            db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?)",
                       (document.id, json.dumps(document.to_dict(), ensure_ascii=False)))
            db.executemany(
                "INSERT OR REPLACE INTO proposals VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(document.id, pid, kind, json.dumps(record, ensure_ascii=False), int(existing),
                  confidence, decided.get(pid, "proposed"))
                 for pid, kind, record, existing, confidence in rows],
            )

    def document(self, document_id: str) -> DocumentRecord | None:
        row = self._db.execute("SELECT record FROM documents WHERE id = ?",
                               (document_id,)).fetchone()
        return document_from_record(json.loads(row[0])) if row else None

    def proposals(self, document_id: str, after: str = "", limit: int = -1) -> list[Proposal]:
        """A document's proposals by id (entities, then relations: an id starts with its
        kind), those after the id `after`, at most `limit` of them (-1: all)."""
        rows = self._db.execute(
            "SELECT pid, kind, record, existing, confidence, status FROM proposals "
            "WHERE document = ? AND pid > ? ORDER BY pid LIMIT ?", (document_id, after, limit))
        return [Proposal(pid, kind, json.loads(record), bool(existing), confidence, status)
                for pid, kind, record, existing, confidence, status in rows]

    def decide(
        self, document_id: str, pid: str, status: str, edits: dict[str, str] | None = None
    ) -> Proposal:
        """Accept (optionally with edits) or reject one proposal."""
        with transaction(self._db) as db:
            return self._decide(db, document_id, pid, status, edits or {})

    @contextmanager
    def deciding(
        self, document_id: str, pid: str, status: str, entity_of: EntityLookup,
        edits: dict[str, str] | None = None,
    ) -> Iterator[tuple[Proposal, Contribution]]:
        """Decide, and give the document's contribution with the decision made; the decision
        is committed only when the caller's block succeeds (it writes the graph first).

        A graph write that fails leaves the decision unmade; a process killed between the
        graph's commit and this one leaves a graph that `Writes.recover` puts back.
        """
        with transaction(self._db) as db:
            proposal = self._decide(db, document_id, pid, status, edits or {})
            yield proposal, self.contribution(document_id, entity_of)

    def _decide(
        self, db: sqlite3.Connection, document_id: str, pid: str, status: str,
        edits: dict[str, str],
    ) -> Proposal:
        if status not in DECISIONS:
            raise InvalidDecision(f"decision {status!r} is not one of {', '.join(DECISIONS)}")
        found = {p.pid: p for p in self.proposals(document_id)}
        if not found:
            raise NotFound(f"no proposals for document {document_id!r}")
        if pid not in found:
            raise NotFound(f"document {document_id!r} has no proposal {pid!r}")
        proposal = found[pid]
        record = _edited(proposal, edits)
        db.execute("UPDATE proposals SET status = ?, record = ? WHERE document = ? AND pid = ?",
                   (status, json.dumps(record, ensure_ascii=False), document_id, pid))
        if proposal.kind == "relation" and status == "accepted":
            for end in (record["source"], record["target"]):
                db.execute(
                    "UPDATE proposals SET status = 'accepted' WHERE document = ? AND pid = ? "
                    "AND status = 'proposed'", (document_id, f"entity:{end}"))
        return replace(proposal, record=record, status=status)

    def document_ids(self) -> list[str]:
        """Every document in review, by id."""
        return [row[0] for row in self._db.execute("SELECT id FROM documents ORDER BY id")]

    def contribution(self, document_id: str, entity_of: EntityLookup) -> Contribution:
        """The accepted proposals of a document as its contribution to the graph."""
        document = self.document(document_id)
        if document is None:
            raise NotFound(f"no document {document_id!r} in review")
        accepted = [p for p in self.proposals(document_id) if p.status == "accepted"]
        entities: dict[str, Entity] = {}
        for proposal in accepted:
            if proposal.kind == "entity":
                entity = entity_from_record(proposal.record)
                entities[entity.id] = _as_known(entity, entity_of) if proposal.existing else entity
        relations: list[Relation] = []
        for proposal in accepted:
            if proposal.kind != "relation":
                continue
            relation = replace(relation_from_record(proposal.record), status=Status.ACCEPTED)
            for end in (relation.source, relation.target):
                if end not in entities:
                    known = entity_of(end)
                    if known is None:
                        raise InvalidDecision(f"relation {relation.id} needs entity {end!r}")
                    entities[end] = replace(known, evidence=relation.evidence)
            relations.append(relation)
        counted = replace(document, entity_count=len(entities), relation_count=len(relations))
        return Contribution(counted, list(entities.values()), relations)

    def forget(self, document_id: str) -> None:
        with transaction(self._db) as db:
            db.execute("DELETE FROM proposals WHERE document = ?", (document_id,))
            db.execute("DELETE FROM documents WHERE id = ?", (document_id,))

    def close(self) -> None:
        self._db.close()


def _as_known(entity: Entity, entity_of: EntityLookup) -> Entity:
    """An existing entity as the graph has it, with this document's evidence."""
    known = entity_of(entity.id)
    return replace(known, evidence=entity.evidence) if known else entity


def _edited(proposal: Proposal, edits: dict[str, str]) -> dict[str, Any]:
    """The proposal's record with a reviewer's edits (type and names, or relation type)."""
    allowed = {"entity": {"type", "name_ja", "name_en"}, "relation": {"type"}}[proposal.kind]
    unknown = set(edits) - allowed
    if unknown:
        raise InvalidDecision(f"cannot edit {', '.join(sorted(unknown))} of a {proposal.kind}")
    if "type" in edits:
        kinds = EntityType if proposal.kind == "entity" else RelationType
        valid = {t.value for t in kinds}
        if edits["type"] not in valid:
            raise InvalidDecision(f"type {edits['type']!r} is not in the vocabulary")
    record = {**proposal.record, **edits}
    if proposal.kind == "relation":
        record["id"] = replace(relation_from_record(record)).id
    return record
