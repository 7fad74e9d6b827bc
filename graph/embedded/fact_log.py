"""Durable storage of document contributions in SQLite (WAL, synchronous=FULL).

A document's contribution is always replaced or removed whole, so it is kept as
a few large rows: its entities and relations as JSON arrays in chunks. Replacing
a document is one transaction, so a crash leaves either the old or the new
contribution, never a mix. Files written by earlier versions (one row per fact)
are converted when opened.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import orjson

from tsunagari.graph.model import Contribution, Entity, Relation
from tsunagari.graph.progress import ProgressFn
from tsunagari.graph.serialize import document_from_record, entity_from_record, relation_from_record
from tsunagari.graph.sqlite import open_sqlite, transaction

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS fact_chunks (
    document_id TEXT NOT NULL, kind TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (document_id, kind, seq));
CREATE TABLE IF NOT EXISTS retracted_documents (id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS retracted_chunks (
    document_id TEXT NOT NULL, kind TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (document_id, kind, seq));
INSERT OR IGNORE INTO meta (key, value) VALUES ('version', '0');
"""

CHUNK = 20_000
"""Facts per stored row: large enough to write fast, small enough to stay modest in memory."""

KINDS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "entities": entity_from_record,
    "relations": relation_from_record,
}
"""What a chunk may hold, with how to rebuild one fact of it."""

LOADED, RETRACTED = ("documents", "fact_chunks"), ("retracted_documents", "retracted_chunks")
"""The tables of loaded contributions, and of those kept aside by a removal."""

PER_FACT_TABLES = {"entity_facts": "entities", "relation_facts": "relations"}
"""The tables of the earlier one-row-per-fact layout, and what they held."""


class LogWrite:
    """One write transaction of the fact log: the version it began at, and its changes."""

    def __init__(self, db: sqlite3.Connection, version: int) -> None:
        self._db = db
        self.version = version
        """The version committed before this transaction began."""

    def replace(self, contribution: Contribution, on_progress: ProgressFn | None = None) -> int:
        """Store the document's contribution in place of the old one; the new version."""
        doc_id = contribution.document.id
        _delete(self._db, doc_id, LOADED)
        self._db.execute(
            "INSERT INTO documents (id, record) VALUES (?, ?)",
            (doc_id, json.dumps(asdict(contribution.document), ensure_ascii=False)),
        )
        for kind in KINDS:
            facts: Sequence[Entity | Relation] = getattr(contribution, kind)
            _write_chunks(self._db, doc_id, kind, facts)
            if on_progress:
                on_progress(f"{kind} written", len(facts))
        return self._bump()

    def snapshot(self) -> tuple[int, dict[str, Contribution]]:
        """The version and every stored contribution as this transaction sees them."""
        return self.version, _contributions(self._db, LOADED)

    def remove(self, doc_id: str) -> int:
        """Delete the document's contribution, kept aside in place of any kept before; the
        new version."""
        _move(self._db, doc_id, LOADED, RETRACTED)
        return self._bump()

    def discard_retracted(self, doc_id: str) -> None:
        """Forget what the document's last removal kept aside (the graph is unchanged)."""
        _delete(self._db, doc_id, RETRACTED)

    def restore(self, doc_id: str) -> tuple[int, Contribution] | None:
        """Put back the contribution kept aside by the document's last removal; the new
        version and the contribution, or None when none is kept or the document is loaded."""
        loaded = self._db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
        kept = _contributions(self._db, RETRACTED, doc_id).get(doc_id)
        if loaded or kept is None:
            return None
        _move(self._db, doc_id, RETRACTED, LOADED)
        return self._bump(), kept

    def _bump(self) -> int:
        self._db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'version'")
        return int(self._db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0])


class FactLog:
    """The SQLite file that holds every loaded document's contribution."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = open_sqlite(path, SCHEMA)
        _convert_per_fact_tables(self._db)

    def version(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        return int(row[0])

    def snapshot(self) -> tuple[int, dict[str, Contribution]]:
        """The version and every stored contribution, by document id, read in one
        transaction: another process's commit is seen whole or not at all."""
        self._db.execute("BEGIN")
        try:
            return self.version(), _contributions(self._db, LOADED)
        finally:
            self._db.execute("COMMIT")

    def retracted(self, doc_id: str) -> Contribution | None:
        """The contribution the document's last removal kept aside, or None."""
        return _contributions(self._db, RETRACTED, doc_id).get(doc_id)

    @contextmanager
    def writing(self) -> Iterator[LogWrite]:
        """A write transaction (other writers wait for its end); committed when the block
        ends, rolled back if it raises."""
        with transaction(self._db) as db:
            yield LogWrite(db, self.version())

    def close(self) -> None:
        self._db.close()


def _contributions(
    db: sqlite3.Connection, tables: tuple[str, str], doc_id: str | None = None
) -> dict[str, Contribution]:
    """The contributions held in a pair of tables (every one, or the one document's), by id."""
    documents, chunks = tables
    only = [] if doc_id is None else [doc_id]
    records = db.execute(
        f"SELECT id, record FROM {documents}"  # noqa: S608 (fixed table names)
        + (" WHERE id = ?" if only else ""), only)
    contributions = {
        found: Contribution(document_from_record(json.loads(record)), [], [])
        for found, record in records
    }
    rows = db.execute(
        f"SELECT document_id, kind, data FROM {chunks}"  # noqa: S608 (fixed table names)
        + (" WHERE document_id = ?" if only else "") + " ORDER BY document_id, kind, seq", only)
    for found, kind, data in rows:
        getattr(contributions[found], kind).extend(KINDS[kind](r) for r in orjson.loads(data))
    return contributions


def _delete(db: sqlite3.Connection, doc_id: str, tables: tuple[str, str]) -> None:
    documents, chunks = tables
    db.execute(f"DELETE FROM {documents} WHERE id = ?", (doc_id,))  # noqa: S608 (fixed names)
    db.execute(f"DELETE FROM {chunks} WHERE document_id = ?", (doc_id,))  # noqa: S608


def _move(db: sqlite3.Connection, doc_id: str, source: tuple[str, str],
          target: tuple[str, str]) -> None:
    """Move the document's rows from one pair of tables to the other (in place of its rows
    there), inside the caller's transaction."""
    _delete(db, doc_id, target)
    db.execute(f"INSERT INTO {target[0]} SELECT * FROM {source[0]} WHERE id = ?",  # noqa: S608
               (doc_id,))
    db.execute(f"INSERT INTO {target[1]} SELECT * FROM {source[1]} "  # noqa: S608 (fixed names)
               "WHERE document_id = ?", (doc_id,))
    _delete(db, doc_id, source)


def _write_chunks(
    db: sqlite3.Connection, doc_id: str, kind: str, facts: Sequence[Entity | Relation]
) -> None:
    db.executemany(
        "INSERT INTO fact_chunks (document_id, kind, seq, data) VALUES (?, ?, ?, ?)",
        (
            (doc_id, kind, seq, orjson.dumps(facts[start : start + CHUNK]))
            for seq, start in enumerate(range(0, len(facts), CHUNK))
        ),
    )


def _convert_per_fact_tables(db: sqlite3.Connection) -> None:
    """Move facts stored one row each (the earlier layout) into chunks, in one transaction."""
    tables = {
        name
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if name in PER_FACT_TABLES
    }
    if not tables:
        return
    with transaction(db):
        for table in sorted(tables):
            kind = PER_FACT_TABLES[table]
            by_document: dict[str, list[Any]] = {}
            for doc_id, record in db.execute(
                f"SELECT document_id, record FROM {table} ORDER BY rowid"  # noqa: S608 (fixed names)
            ):
                by_document.setdefault(doc_id, []).append(KINDS[kind](json.loads(record)))
            for doc_id, facts in by_document.items():
                _write_chunks(db, doc_id, kind, facts)
            db.execute(f"DROP TABLE {table}")
