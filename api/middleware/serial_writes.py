"""Writes one at a time within an API process.

A write reads what it changes (the staff document, a document's decisions) and then
replaces it whole; two at once would each replace what the other wrote, and one
acknowledged write would be lost. Reads are never held up.
"""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Receive, Scope, Send

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class SerialWrites:
    """ASGI middleware: requests that may write (every method but GET, HEAD and OPTIONS)
    run one after another; several API processes on one Neo4j are not serialised."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._lock = asyncio.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in READ_METHODS:
            await self.app(scope, receive, send)
            return
        async with self._lock:
            await self.app(scope, receive, send)
