"""Referrals of the embedded store: one SQLite file beside the graph's (WAL, durable commits),
a row per referral holding its whole record; the graph's file, and so its version, is never
touched."""

from __future__ import annotations

import json
from pathlib import Path

from tsunagari.graph.referral_model import Referral
from tsunagari.graph.sqlite import open_sqlite, transaction

SCHEMA = """
CREATE TABLE IF NOT EXISTS referrals (
    id TEXT PRIMARY KEY, sender TEXT NOT NULL, receiver TEXT NOT NULL,
    version INTEGER NOT NULL, sent_at TEXT NOT NULL, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS referrals_sender ON referrals (sender);
CREATE INDEX IF NOT EXISTS referrals_receiver ON referrals (receiver);
"""


class SqliteReferralRecords:
    """ReferralRecords in a SQLite file."""

    def __init__(self, path: Path) -> None:
        self._db = open_sqlite(path, SCHEMA)

    def insert(self, referral: Referral) -> None:
        with transaction(self._db) as db:
            db.execute("INSERT INTO referrals (id, sender, receiver, version, sent_at, record) "
                       "VALUES (?, ?, ?, ?, ?, ?)",
                       (referral.id, referral.sender, referral.receiver, referral.version,
                        referral.sent_at, json.dumps(referral.to_record(), ensure_ascii=False)))

    def get(self, referral_id: str) -> Referral | None:
        row = self._db.execute("SELECT record FROM referrals WHERE id = ?",
                               (referral_id,)).fetchone()
        return Referral.from_record(json.loads(row[0])) if row else None

    def replace(self, referral: Referral, expected_version: int) -> bool:
        with transaction(self._db) as db:
            changed = db.execute(
                "UPDATE referrals SET version = ?, record = ? WHERE id = ? AND version = ?",
                (referral.version, json.dumps(referral.to_record(), ensure_ascii=False),
                 referral.id, expected_version)).rowcount
        return changed == 1

    def of_organisation(self, organisation: str) -> list[Referral]:
        rows = self._db.execute(
            "SELECT record FROM referrals WHERE sender = ? OR receiver = ? "
            "ORDER BY sent_at DESC, id", (organisation, organisation))
        return [Referral.from_record(json.loads(row[0])) for row in rows]

    def all(self) -> list[Referral]:
        rows = self._db.execute("SELECT record FROM referrals ORDER BY sent_at DESC, id")
        return [Referral.from_record(json.loads(row[0])) for row in rows]

    def close(self) -> None:
        self._db.close()
