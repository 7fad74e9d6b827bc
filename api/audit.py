"""The audit log: every accepted write, when, by which token, and what it changed."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tsunagari.graph.sqlite import open_sqlite

SCHEMA = """
CREATE TABLE IF NOT EXISTS audit (
    at TEXT NOT NULL, token TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL,
    changes TEXT NOT NULL);
"""


class AuditLog:
    """Append-only record of writes (SQLite, synchronous FULL)."""

    def __init__(self, path: Path) -> None:
        self._db = open_sqlite(path, SCHEMA)

    def record(self, token: str, action: str, target: str, changes: dict[str, Any]) -> None:
        self._db.execute(
            "INSERT INTO audit VALUES (?, ?, ?, ?, ?)",
            (datetime.now(UTC).isoformat(timespec="milliseconds"), token, action, target,
             json.dumps(changes, ensure_ascii=False, sort_keys=True)),
        )

    def entries(self, limit: int = 100, before: int | None = None) -> list[dict[str, Any]]:
        """The newest entries first (those before the entry `before`, when given), each with
        its number in the log (`id`)."""
        rows = self._db.execute(
            "SELECT rowid, at, token, action, target, changes FROM audit WHERE rowid < ? "
            "ORDER BY rowid DESC LIMIT ?",
            (before if before is not None else sys.maxsize, limit),
        )
        return [
            {"id": number, "at": at, "token": token, "action": action, "target": target,
             "changes": json.loads(changes)}
            for number, at, token, action, target, changes in rows
        ]

    def close(self) -> None:
        self._db.close()
