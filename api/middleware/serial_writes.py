"""Writes one at a time within an API process, and the views brought up to date before a
write answers.

Two writes at once in one process would share a SQLite connection, and its transaction
(of the review queue, or of the embedded store). What a write reads and then replaces is
guarded by the store itself (`GraphStore.revise`), across processes too. Reads are never
held up: they keep the views of the graph before the write until the new ones are built,
while the write's answer waits for them, so that whoever wrote reads what they wrote.
"""

from __future__ import annotations

import asyncio
import logging

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tsunagari.queries import VersionedCache

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

log = logging.getLogger(__name__)


class SerialWrites:
    """ASGI middleware: requests that may write (every method but GET, HEAD and OPTIONS)
    run one after another in this process; each answers once the views follow its write."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._lock = asyncio.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in READ_METHODS:
            await self.app(scope, receive, send)
            return
        cache: VersionedCache = scope["app"].state.cache

        async def send_after_refresh(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] < 400:
                try:
                    await run_in_threadpool(cache.refresh)
                except Exception:  # the database went away: the views follow when it is back
                    log.exception("the views could not follow a write before its answer")
            await send(message)

        async with self._lock:
            await self.app(scope, receive, send_after_refresh)
