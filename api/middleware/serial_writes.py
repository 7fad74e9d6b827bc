"""Writes one at a time within an API process.

Two writes at once in one process would share a SQLite connection, and its transaction
(of the review queue, or of the embedded store). What a write reads and then replaces is
guarded by the store itself (`GraphStore.revise`), across processes too. Reads are never
held up.
"""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Receive, Scope, Send

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class SerialWrites:
    """ASGI middleware: requests that may write (every method but GET, HEAD and OPTIONS)
    run one after another in this process."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._lock = asyncio.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in READ_METHODS:
            await self.app(scope, receive, send)
            return
        async with self._lock:
            await self.app(scope, receive, send)
