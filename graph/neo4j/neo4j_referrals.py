"""Referrals of the Neo4j store: a `Referral` node each, holding its whole record, in the same
database as the graph (so every API process sharing the database shares them), never
touching the `Meta` node that holds the graph's version."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from neo4j import ManagedTransaction

from tsunagari.graph.neo4j import cypher
from tsunagari.graph.referral_model import Referral

T = TypeVar("T")
Work = Callable[[Callable[[ManagedTransaction], T]], T]


class Neo4jReferralRecords:
    """ReferralRecords in Neo4j, through the store's read and write transactions."""

    def __init__(self, read: Work[Any], write: Work[Any]) -> None:
        self._read, self._write = read, write

    def insert(self, referral: Referral) -> None:
        self._write(lambda tx: tx.run(cypher.REFERRAL_CREATE, **_row(referral)).consume())

    def get(self, referral_id: str) -> Referral | None:
        records = self._records(cypher.REFERRAL_GET, id=referral_id)
        return records[0] if records else None

    def replace(self, referral: Referral, expected_version: int) -> bool:
        def work(tx: ManagedTransaction) -> bool:
            found = tx.run(cypher.REFERRAL_REPLACE, **_row(referral),
                           expected=expected_version).single()
            return bool(found and found["replaced"])
        return bool(self._write(work))

    def of_organisation(self, organisation: str) -> list[Referral]:
        found = self._records(cypher.REFERRALS_OF, organisation=organisation)
        return sorted(found, key=lambda r: (r.sent_at, r.id), reverse=True)

    def all(self) -> list[Referral]:
        return self._records(cypher.REFERRALS_ALL)

    def _records(self, statement: str, **parameters: Any) -> list[Referral]:
        rows = self._read(lambda tx: [r["record"] for r in tx.run(statement, **parameters)])
        return [Referral.from_record(json.loads(row)) for row in rows]

    def close(self) -> None:
        """Nothing to close: the store owns the driver."""


def _row(referral: Referral) -> dict[str, Any]:
    return {"id": referral.id, "sender": referral.sender, "receiver": referral.receiver,
            "version": referral.version, "sent_at": referral.sent_at,
            "record": json.dumps(referral.to_record(), ensure_ascii=False)}
