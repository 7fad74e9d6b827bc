"""The limit on request bodies, enforced before a route reads any of the body.

The limits of single parameters (name and question lengths, `k`, `max_hops`, `depth`,
`limit`) are declared in `api/params.py`, so that the OpenAPI document carries them too.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tsunagari.api.errors import TITLES, problem


class BodyLimit:
    """ASGI middleware: a request body above `max_bytes` is answered 413 problem JSON
    before the app sees any of it. What the client still sends is read and dropped, up to
    `max_bytes` more, so that it reads the answer rather than a reset connection."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send, drain=True)
            return
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_bytes:
                await self._refuse(scope, receive, send, drain=more)
                return
        await self.app(scope, _replay(bytes(body), receive), send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, drain: bool) -> None:
        if drain:
            await _drop(receive, self.max_bytes)
        response = problem(
            413, TITLES[413],
            f"the request body is larger than {self.max_bytes} bytes "
            "(TSUNAGARI_MAX_REQUEST_BYTES)",
        )
        await response(scope, receive, send)


async def _drop(receive: Receive, most: int) -> None:
    """Read and drop the rest of a request body, at most `most` bytes of it."""
    dropped = 0
    while dropped <= most:
        message = await receive()
        if message["type"] != "http.request":
            return
        dropped += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the buffered body once, then whatever the client sends next."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay
