"""Durable storage of document contributions in SQLite (WAL, synchronous=FULL).

Each document's entities and relations are kept as JSON rows; replacing a
document is one transaction, so a crash leaves either the old or the new
contribution, never a mix.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from pathlib import Path

from tsunagari.graph.model import Contribution
from tsunagari.graph.progress import ProgressFn
from tsunagari.graph.serialize import (
    document_from_record,
    entity_from_record,
    entity_to_record,
    relation_from_record,
)
from tsunagari.graph.sqlite_files import open_sqlite, transaction

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entity_facts (
    document_id TEXT NOT NULL, entity_id TEXT NOT NULL, record TEXT NOT NULL,
    PRIMARY KEY (document_id, entity_id));
CREATE TABLE IF NOT EXISTS relation_facts (
    document_id TEXT NOT NULL, relation_id TEXT NOT NULL, record TEXT NOT NULL,
    PRIMARY KEY (document_id, relation_id));
INSERT OR IGNORE INTO meta (key, value) VALUES ('version', '0');
"""


class FactLog:
    """The SQLite file that holds every loaded document's contribution."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = open_sqlite(path, SCHEMA)

    def version(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        return int(row[0])

    def read_all(self) -> dict[str, Contribution]:
        """Every stored contribution, by document id."""
        contributions = {
            doc_id: Contribution(document_from_record(json.loads(record)), [], [])
            for doc_id, record in self._db.execute("SELECT id, record FROM documents")
        }
        for doc_id, record in self._db.execute(
            "SELECT document_id, record FROM entity_facts ORDER BY rowid"
        ):
            contributions[doc_id].entities.append(entity_from_record(json.loads(record)))
        for doc_id, record in self._db.execute(
            "SELECT document_id, record FROM relation_facts ORDER BY rowid"
        ):
            contributions[doc_id].relations.append(relation_from_record(json.loads(record)))
        return contributions

    def replace(self, contribution: Contribution, on_progress: ProgressFn | None = None) -> int:
        """Store the document's contribution in place of the old one; the new version."""
        doc_id = contribution.document.id
        with transaction(self._db) as db:
            self._delete(db, doc_id)
            db.execute(
                "INSERT INTO documents (id, record) VALUES (?, ?)",
                (doc_id, json.dumps(asdict(contribution.document), ensure_ascii=False)),
            )
            db.executemany(
                "INSERT INTO entity_facts VALUES (?, ?, ?)",
                (
                    (doc_id, e.id, json.dumps(entity_to_record(e), ensure_ascii=False))
                    for e in contribution.entities
                ),
            )
            if on_progress:
                on_progress("entities written", len(contribution.entities))
            rows = (
                (doc_id, r.id, json.dumps(r.to_dict(), ensure_ascii=False))
                for r in contribution.relations
            )
            db.executemany("INSERT INTO relation_facts VALUES (?, ?, ?)", rows)
            if on_progress:
                on_progress("relations written", len(contribution.relations))
            return self._bump(db)

    def remove(self, doc_id: str) -> int:
        """Delete the document's contribution; the new version."""
        with transaction(self._db) as db:
            self._delete(db, doc_id)
            return self._bump(db)

    @staticmethod
    def _delete(db: sqlite3.Connection, doc_id: str) -> None:
        for table, column in (
            ("documents", "id"),
            ("entity_facts", "document_id"),
            ("relation_facts", "document_id"),
        ):
            db.execute(f"DELETE FROM {table} WHERE {column} = ?", (doc_id,))

    @staticmethod
    def _bump(db: sqlite3.Connection) -> int:
        db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'version'")
        return int(db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0])

    def close(self) -> None:
        self._db.close()

