"""The journal of merges, so that a merge is finished even when the process dies part-way.

A merge rewrites every document that names the entity dropped, one document (one
transaction) at a time, then the proposals of the review queue. It is written down before
the first document is touched and struck off after the queue; a merge still written down
when the API starts (or when the next merge begins) is carried out again by `Writes`, and
the documents it had rewritten already, which no longer name the entity dropped, are left
as they are.
"""

from __future__ import annotations

import json
from pathlib import Path

from tsunagari.graph.model import Entity, Evidence
from tsunagari.graph.serialize import entity_from_record, entity_to_record, evidence_from_dict
from tsunagari.graph.sqlite import open_sqlite

SCHEMA = """
CREATE TABLE IF NOT EXISTS merges (
    id INTEGER PRIMARY KEY, keep TEXT NOT NULL, dropped TEXT NOT NULL, evidence TEXT NOT NULL);
"""


class MergeJournal:
    """The merges begun and not yet finished (SQLite, synchronous FULL)."""

    def __init__(self, path: Path) -> None:
        self._db = open_sqlite(path, SCHEMA)

    def begin(self, keep: Entity, drop: Entity, evidence: Evidence) -> int:
        """Write the merge down (before any document is rewritten); its number."""
        records = (entity_to_record(keep), entity_to_record(drop), evidence.to_dict())
        cursor = self._db.execute(
            "INSERT INTO merges (keep, dropped, evidence) VALUES (?, ?, ?)",
            tuple(json.dumps(r, ensure_ascii=False) for r in records))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def end(self, merge_id: int) -> None:
        """Strike the merge off (once the graph and the review queue are rewritten)."""
        self._db.execute("DELETE FROM merges WHERE id = ?", (merge_id,))

    def unfinished(self) -> list[tuple[int, Entity, Entity, Evidence]]:
        """Every merge begun and not struck off, oldest first: number, keep, drop, evidence."""
        rows = self._db.execute("SELECT id, keep, dropped, evidence FROM merges ORDER BY id")
        return [(merge_id, entity_from_record(json.loads(keep)), entity_from_record(json.loads(drop)),
                 evidence_from_dict(json.loads(evidence)))
                for merge_id, keep, drop, evidence in list(rows)]

    def close(self) -> None:
        self._db.close()
