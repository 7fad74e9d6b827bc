"""A referral desk for tests: the seed graph behind a live API whose clock a test moves, with a
write token for each of three organisations (MOBIO sends, JETRO receives, JICA looks on) and
an admin token."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from tests.support.paths import SEEDS
from tests.support.servers import LiveServer
from tsunagari.api.auth import Role, TokenStore
from tsunagari.api.settings import Settings
from tsunagari.graph import GraphStore
from tsunagari.loaders import load_seeds

FIRM = {"name": "株式会社テスト精工", "sector": "machining", "municipality": "東大阪市",
        "contact": "営業部 山田 06-0000-0000"}
"""A firm whose name a test looks for where it must never appear."""
ORGANISATIONS = {"sender": "mobio", "receiver": "jetro", "other": "jica"}


class MovableClock:
    """A clock a test sets forward (starting on a Monday morning)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, days: float) -> None:
        self.now += timedelta(days=days)


@dataclass
class ReferralDesk:
    client: httpx.Client
    tokens: dict[str, str]
    clock: MovableClock
    store: GraphStore
    data_dir: Path

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def send(self, who: str = "sender", **fields: Any) -> httpx.Response:
        body = {"to": "jetro", "firm": FIRM, "consent": True, **fields}
        return self.client.post("/v1/referrals", json=body, headers=self.auth(who))

    def patch(self, who: str, referral_id: str, status: str, version: int | None = None,
              **fields: str) -> httpx.Response:
        headers = {**self.auth(who), **({"If-Match": f'"{version}"'} if version else {})}
        return self.client.patch(f"/v1/referrals/{referral_id}",
                                 json={"status": status, **fields}, headers=headers)

    def box(self, who: str, which: str) -> list[dict[str, Any]]:
        answer = self.client.get("/v1/referrals", params={"box": which}, headers=self.auth(who))
        assert answer.status_code == 200, answer.text
        return list(answer.json()["referrals"])


@contextmanager
def referral_desk(store: GraphStore, data_dir: Path, **settings: Any) -> Iterator[ReferralDesk]:
    """The seed graph in `store` served with a movable clock and the desk's tokens."""
    load_seeds(store, SEEDS)
    config = Settings(data_dir=data_dir, seeds_dir=SEEDS, **settings)
    tokens = TokenStore(config.tokens_path)
    made = {who: tokens.create(f"desk-{org}", Role.DESK, store.entity(org))
            for who, org in ORGANISATIONS.items()}
    made["admin"] = tokens.create("admin", Role.ADMIN)
    made["no-org"] = tokens.create("desk-without-organisation")
    tokens.close()
    clock = MovableClock()
    with LiveServer(store, config, clock) as server, httpx.Client(
            base_url=server.url, timeout=60) as client:
        yield ReferralDesk(client, made, clock, store, data_dir)
