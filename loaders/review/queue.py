"""The review queue: proposals of extracted documents, waiting for a person's decision.

Proposals live in their own SQLite file, apart from the graph, with the text they were
read from; only accepted ones become a document's contribution (with `status: accepted`).
Accepting a relation accepts the entities at its ends. A new version of a document keeps a
decision wherever the same proposal comes back from the same sentences; every other
decision goes back to `proposed`. A retracted document's text, proposals and decisions are
kept aside until it is restored (or retracted again).
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

TABLES = """
CREATE TABLE IF NOT EXISTS {documents} (id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS {proposals} (
    document TEXT NOT NULL, pid TEXT NOT NULL, kind TEXT NOT NULL, record TEXT NOT NULL,
    existing INTEGER NOT NULL, confidence REAL NOT NULL, status TEXT NOT NULL,
    PRIMARY KEY (document, pid));
CREATE TABLE IF NOT EXISTS {texts} (document TEXT PRIMARY KEY, text TEXT NOT NULL);
"""
IN_REVIEW = ("documents", "proposals", "texts")
RETRACTED = ("retracted_documents", "retracted_proposals", "retracted_texts")
"""The tables of documents in review, and of those a retraction keeps aside."""
SCHEMA = "".join(TABLES.format(documents=documents, proposals=proposals, texts=texts)
                 for documents, proposals, texts in (IN_REVIEW, RETRACTED))
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


@dataclass
class Carried:
    """What a new version of a document did with the decisions made on the one before:
    the proposals whose decision it kept, those it put back to `proposed` (their sentences
    changed, or an end of an accepted relation did), and those it no longer proposes."""

    kept: list[str]
    reopened: list[str]
    dropped: list[str]

    def to_dict(self) -> dict[str, list[str]]:
        return {"kept": self.kept, "reopened": self.reopened, "dropped": self.dropped}


class ReviewQueue:
    """Proposals by document, with their decisions."""

    def __init__(self, path: Path) -> None:
        self._db = open_sqlite(path, SCHEMA)

    def put(self, document: DocumentRecord, proposals: Proposals, text: str) -> None:
        """Store a new document's text and proposals, none of them decided."""
        with transaction(self._db) as db:
            self._put(db, document, _fresh(proposals), text)

    @contextmanager
    def replacing(
        self, document: DocumentRecord, proposals: Proposals, text: str, entity_of: EntityLookup,
    ) -> Iterator[tuple[Carried, Contribution]]:
        """Store a new version of a document, and give what became of the earlier decisions
        and the document's contribution as the new version stands; committed only when the
        caller's block succeeds (it writes the graph first)."""
        fresh, carried = _carry_over(self.proposals(document.id), _fresh(proposals))
        with transaction(self._db) as db:
            self._put(db, document, fresh, text)
            yield carried, self.contribution(document.id, entity_of)

    def _put(self, db: sqlite3.Connection, document: DocumentRecord, proposals: list[Proposal],
             text: str) -> None:
        db.execute("DELETE FROM proposals WHERE document = ?", (document.id,))
        db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?)",
                   (document.id, json.dumps(document.to_dict(), ensure_ascii=False)))
        db.execute("INSERT OR REPLACE INTO texts VALUES (?, ?)", (document.id, text))
        _insert(db, document.id, proposals)

    def text(self, document_id: str) -> str | None:
        """The text the document's proposals were read from (None for a document stored
        before the queue kept texts)."""
        row = self._db.execute("SELECT text FROM texts WHERE document = ?",
                               (document_id,)).fetchone()
        return row[0] if row else None

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
        found = self._to_decide(document_id, status)
        with transaction(self._db) as db:
            return self._decide(db, document_id, found, pid, status, edits or {})

    @contextmanager
    def deciding(
        self, document_id: str, decisions: dict[str, dict[str, str]], status: str,
        entity_of: EntityLookup,
    ) -> Iterator[tuple[list[Proposal], Contribution]]:
        """Decide the proposals (each id with its edits, none for most), and give the
        document's contribution with the decisions made; they are committed together only
        when the caller's block succeeds (it writes the graph first).

        A graph write that fails leaves the decisions unmade; a process killed between the
        graph's commit and this one leaves a graph that `Writes.recover` puts back.
        """
        with transaction(self._db) as db:
            found = self._to_decide(document_id, status)
            decided = [self._decide(db, document_id, found, pid, status, edits)
                       for pid, edits in decisions.items()]
            yield decided, self.contribution(document_id, entity_of)

    def _to_decide(self, document_id: str, status: str) -> dict[str, Proposal]:
        """The document's proposals by id, for a decision that must be one of DECISIONS."""
        if status not in DECISIONS:
            raise InvalidDecision(f"decision {status!r} is not one of {', '.join(DECISIONS)}")
        found = {p.pid: p for p in self.proposals(document_id)}
        if not found:
            raise NotFound(f"no proposals for document {document_id!r}")
        return found

    def _decide(
        self, db: sqlite3.Connection, document_id: str, found: dict[str, Proposal], pid: str,
        status: str, edits: dict[str, str],
    ) -> Proposal:
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

    def merge(self, keep: Entity, drop_id: str) -> None:
        """Name `keep` wherever a proposal names the entity `drop_id` (merged into it): its
        entity proposal becomes one of `keep` (as known), its relations join `keep`; where
        that makes two proposals one, the more decided stands (accepted, then rejected)."""
        with transaction(self._db) as db:
            for document_id in self.document_ids():
                proposals = self.proposals(document_id)
                renamed = [_renamed(p, keep, drop_id) for p in proposals]
                if renamed == proposals:
                    continue
                merged: dict[str, Proposal] = {}
                for proposal in renamed:
                    if proposal is not None:
                        earlier = merged.get(proposal.pid, proposal)
                        merged[proposal.pid] = max(earlier, proposal, key=_decidedness)
                db.execute("DELETE FROM proposals WHERE document = ?", (document_id,))
                _insert(db, document_id, list(merged.values()))

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
        """Take the document out of review, its proposals and decisions kept aside (in place
        of any kept by an earlier retraction) for `restore`."""
        with transaction(self._db) as db:
            _move(db, document_id, IN_REVIEW, RETRACTED)

    def restore(self, document_id: str) -> bool:
        """Put back in review what the document's retraction kept aside; whether anything was
        kept (nothing changes when the document is in review)."""
        with transaction(self._db) as db:
            kept = db.execute("SELECT 1 FROM retracted_documents WHERE id = ?",
                              (document_id,)).fetchone()
            if kept is None or self.document(document_id) is not None:
                return False
            _move(db, document_id, RETRACTED, IN_REVIEW)
            return True

    def close(self) -> None:
        self._db.close()


def _insert(db: sqlite3.Connection, document_id: str, proposals: list[Proposal]) -> None:
    db.executemany(
        "INSERT OR REPLACE INTO proposals VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(document_id, p.pid, p.kind, json.dumps(p.record, ensure_ascii=False),
          int(p.existing), p.confidence, p.status) for p in proposals],
    )


def _decidedness(proposal: Proposal) -> int:
    return {"proposed": 0, "rejected": 1, "accepted": 2}[proposal.status]


def _renamed(proposal: Proposal, keep: Entity, drop_id: str) -> Proposal | None:
    """The proposal with `drop_id` named `keep`; None for a relation that would join `keep`
    to itself."""
    record = proposal.record
    if proposal.kind == "entity":
        if record["id"] != drop_id:
            return proposal
        kept = entity_to_record(replace(keep, evidence=entity_from_record(record).evidence))
        return replace(proposal, pid=f"entity:{keep.id}", record=kept, existing=True)
    if drop_id not in (record["source"], record["target"]):
        return proposal
    ends = {end: keep.id if record[end] == drop_id else record[end] for end in ("source", "target")}
    if ends["source"] == ends["target"]:
        return None
    relation = relation_from_record({**record, **ends})
    return replace(proposal, pid=f"relation:{relation.id}", record={**record, **ends, "id": relation.id})


def _fresh(proposals: Proposals) -> list[Proposal]:
    """The proposals of an extraction, none decided."""
    return [
        Proposal(f"entity:{p.entity.id}", "entity",
                 entity_to_record(replace(p.entity, evidence=p.evidence or p.entity.evidence)),
                 p.existing, p.confidence, "proposed")
        for p in proposals.entities
    ] + [
        Proposal(f"relation:{p.relation.id}", "relation", p.relation.to_dict(), False,
                 p.confidence, "proposed")
        for p in proposals.relations
    ]


def _sentences(proposal: Proposal) -> set[str]:
    return {e["quote"] for e in proposal.record.get("evidence", [])}


def _carry_over(earlier: list[Proposal], fresh: list[Proposal]) -> tuple[list[Proposal], Carried]:
    """The fresh proposals with the earlier decisions that still stand: a decision stands
    when the same proposal comes back from the same sentences (it keeps the reviewer's
    edits and takes the new version's evidence); an accepted relation stands only while
    the entities at its ends that the document proposes stay accepted."""
    decided = {p.pid: p for p in earlier if p.status != "proposed"}
    carried = Carried([], [], sorted(set(decided) - {p.pid for p in fresh}))
    proposals = {}
    for proposal in fresh:
        before = decided.get(proposal.pid)
        if before is not None and _sentences(before) == _sentences(proposal):
            proposal = replace(proposal, status=before.status,
                               record={**before.record, "evidence": proposal.record["evidence"]})
        elif before is not None:
            carried.reopened.append(proposal.pid)
        proposals[proposal.pid] = proposal
    undecided = {pid for pid, p in proposals.items() if p.kind == "entity" and p.status == "proposed"}
    for proposal in list(proposals.values()):
        ends = {f"entity:{proposal.record.get(end)}" for end in ("source", "target")}
        if proposal.kind == "relation" and proposal.status == "accepted" and ends & undecided:
            proposals[proposal.pid] = replace(proposal, status="proposed")
            carried.reopened.append(proposal.pid)
    carried.kept = sorted(p.pid for p in proposals.values() if p.status != "proposed")
    carried.reopened.sort()
    return list(proposals.values()), carried


def _move(db: sqlite3.Connection, document_id: str, source: tuple[str, str, str],
          target: tuple[str, str, str]) -> None:
    """Move a document's rows from one pair of tables to the other, in place of its rows
    there (inside the caller's transaction)."""
    _clear(db, document_id, target)
    db.execute(f"INSERT INTO {target[0]} SELECT * FROM {source[0]} WHERE id = ?",  # noqa: S608
               (document_id,))
    for kept in (1, 2):
        db.execute(f"INSERT INTO {target[kept]} SELECT * FROM {source[kept]} "  # noqa: S608
                   "WHERE document = ?", (document_id,))  # (fixed names)
    _clear(db, document_id, source)


def _clear(db: sqlite3.Connection, document_id: str, tables: tuple[str, str, str]) -> None:
    documents, proposals, texts = tables
    db.execute(f"DELETE FROM {documents} WHERE id = ?", (document_id,))  # noqa: S608
    for table in (proposals, texts):
        db.execute(f"DELETE FROM {table} WHERE document = ?", (document_id,))  # noqa: S608


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
