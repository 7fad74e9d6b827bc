"""Merges of entities, finished even when the process dies part-way.

A merge rewrites every document that names the entity dropped, one document (one
transaction) at a time. It is written down before the first document is touched and
struck off after the last; a merge still written down when the API starts (or when the
next merge begins) is carried out again, and the documents it had rewritten already, which
no longer name the entity dropped, are left as they are.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from tsunagari.graph.model import Entity, Evidence
from tsunagari.graph.serialize import entity_from_record, entity_to_record, evidence_from_dict
from tsunagari.graph.sqlite import open_sqlite
from tsunagari.graph.store import ApplyReport, GraphStore
from tsunagari.loaders.review.staff_edits import merge_everywhere

log = logging.getLogger("tsunagari.writes")

SCHEMA = """
CREATE TABLE IF NOT EXISTS merges (
    id INTEGER PRIMARY KEY, keep TEXT NOT NULL, dropped TEXT NOT NULL, evidence TEXT NOT NULL);
"""


class MergeJournal:
    """The merges begun and not yet finished (SQLite, synchronous FULL)."""

    def __init__(self, path: Path) -> None:
        self._db = open_sqlite(path, SCHEMA)

    def merge(self, store: GraphStore, keep: Entity, drop: Entity,
              evidence: Evidence) -> list[ApplyReport]:
        """Merge `drop` into `keep` in every document; the changes, document by document.
        (A merge left unfinished by a failure is finished first by the caller.)"""
        merge_id = self.begin(keep, drop, evidence)
        reports = merge_everywhere(store, keep, drop, evidence)
        self._end(merge_id)
        return reports

    def begin(self, keep: Entity, drop: Entity, evidence: Evidence) -> int:
        """Write the merge down (before any document is rewritten); its number."""
        records = (entity_to_record(keep), entity_to_record(drop), evidence.to_dict())
        cursor = self._db.execute(
            "INSERT INTO merges (keep, dropped, evidence) VALUES (?, ?, ?)",
            tuple(json.dumps(r, ensure_ascii=False) for r in records))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _end(self, merge_id: int) -> None:
        self._db.execute("DELETE FROM merges WHERE id = ?", (merge_id,))

    def finish(self, store: GraphStore) -> list[tuple[Entity, Entity, list[ApplyReport]]]:
        """Carry out again every merge left unfinished; each as (keep, drop, changes)."""
        rows = self._db.execute("SELECT id, keep, dropped, evidence FROM merges ORDER BY id")
        finished = []
        for merge_id, keep, drop, evidence in list(rows):
            kept, dropped = (entity_from_record(json.loads(e)) for e in (keep, drop))
            reports = merge_everywhere(store, kept, dropped, evidence_from_dict(json.loads(evidence)))
            self._end(merge_id)
            log.warning("the merge of %s into %s, left unfinished, is done", dropped.id, kept.id)
            finished.append((kept, dropped, reports))
        return finished

    def close(self) -> None:
        self._db.close()
