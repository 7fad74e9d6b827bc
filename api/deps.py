"""What routes depend on, as `Annotated` aliases: `store: Store`, `writer: Writer`,
`admin: Admin`, ..., and the lanes that bound how many heavy requests run at once
(`QUERY_SLOT` ...).

Each is read from the app's state (set up by `create_app` and its lifespan). The getters
are coroutines: FastAPI runs a plain function dependency in its thread pool, a hop that
costs more than the lookup itself.
"""

from __future__ import annotations

import math
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated, Any

import anyio
from fastapi import Depends, Request

from tsunagari.api.audit import AuditLog
from tsunagari.api.auth import Caller, require_admin, require_writer
from tsunagari.api.errors import ServerBusy
from tsunagari.api.reads import FollowedReferrals
from tsunagari.api.settings import Settings
from tsunagari.graph import GraphStore
from tsunagari.loaders.review import ReviewQueue, Writes
from tsunagari.queries import VersionedCache


def from_state(*path: str) -> Callable[[Request], Awaitable[Any]]:
    """A dependency giving `request.app.state.<path>` (e.g. `from_state("writes", "queue")`)."""

    async def get(request: Request) -> Any:
        found: Any = request.app.state
        for name in path:
            found = getattr(found, name)
        return found

    return get


Store = Annotated[GraphStore, Depends(from_state("store"))]
Cache = Annotated[VersionedCache, Depends(from_state("cache"))]
Config = Annotated[Settings, Depends(from_state("settings"))]
Review = Annotated[ReviewQueue, Depends(from_state("writes", "queue"))]
Audit = Annotated[AuditLog, Depends(from_state("audit"))]
WritePath = Annotated[Writes, Depends(from_state("writes"))]
Referrals = Annotated[FollowedReferrals, Depends(from_state("referrals"))]
Clock = Annotated[Callable[[], datetime], Depends(from_state("clock"))]
"""What time it is (the app's clock: the system's, or one a test moves)."""
Writer = Annotated[Caller, Depends(require_writer)]
"""Who holds the write token, of any role (401 without a token, 403 with a wrong one)."""
Admin = Annotated[Caller, Depends(require_admin)]
"""Who holds the write token, whose role must be admin (403 naming the role otherwise)."""


class Lane:
    """At most `slots` requests of one kind run at once (until their answer is sent, a
    streamed one included); one more waits at most `wait_seconds` for a slot, first come
    first served, and is otherwise refused with `ServerBusy` (503, Retry-After)."""

    def __init__(self, what: str, what_ja: str, slots: int, wait_seconds: float = 0.0) -> None:
        self.what, self.what_ja, self.wait_seconds = what, what_ja, wait_seconds
        self._free = anyio.Semaphore(slots)
        self.typical_seconds = 1.0
        """How long a request of the lane has lately held its slot (a moving average)."""

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """A slot of the lane, held inside the `async with`."""
        try:
            self._free.acquire_nowait()
        except anyio.WouldBlock:
            with anyio.move_on_after(self.wait_seconds) as waiting:
                await self._free.acquire()
            if waiting.cancelled_caught:
                raise ServerBusy(self.what, self.what_ja,
                                 max(1, math.ceil(self.typical_seconds))) from None
        started = time.monotonic()
        try:
            yield
        finally:
            self._free.release()
            self.typical_seconds = 0.8 * self.typical_seconds + 0.2 * (time.monotonic() - started)


class Lanes:
    """The app's lanes, each bounded by a setting."""

    def __init__(self, settings: Settings) -> None:
        self.queries = Lane("queries", "問い合わせ", settings.max_concurrent_queries,
                            wait_seconds=settings.query_budget_seconds)
        self.views = Lane("graph views", "グラフ表示", settings.max_concurrent_views)
        self.exports = Lane("exports", "書き出し", settings.max_concurrent_exports)


def in_lane(name: str) -> Callable[[Request], AsyncIterator[None]]:
    """A dependency holding a slot of the app's lane `name` while the request runs."""

    async def slot(request: Request) -> AsyncIterator[None]:
        lane: Lane = getattr(request.app.state.lanes, name)
        async with lane.slot():
            yield

    return slot


QUERY_SLOT = Depends(in_lane("queries"))
VIEW_SLOT = Depends(in_lane("views"))
EXPORT_SLOT = Depends(in_lane("exports"))
"""`dependencies=[EXPORT_SLOT]`: the route runs in that lane (503 when it is full)."""
