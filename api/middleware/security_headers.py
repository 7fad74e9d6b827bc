"""Headers that every answer carries, and cross-origin access for the origins the settings name.

With no `TSUNAGARI_CORS_ORIGINS`, no answer carries CORS headers, so browsers let
only pages served by the API itself (the web page at `/`) read it.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "frame-ancestors 'none'",
}
"""Headers of every answer; the web page brings a fuller Content-Security-Policy of its own."""
_RAW = tuple((name.lower().encode("latin-1"), value.encode("latin-1"))
             for name, value in SECURITY_HEADERS.items())


class SecurityHeaders:
    """ASGI middleware: adds each of SECURITY_HEADERS that an answer does not set itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                message["headers"] = headers + [raw for raw in _RAW if raw[0] not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def allow_origins(app: FastAPI, origins: list[str]) -> None:
    """Let browsers on these origins call the API (reads, and writes with a bearer token)."""
    if not origins:
        return
    app.add_middleware(
        CORSMiddleware,
        allow_origins=origins,
        allow_methods=["GET", "POST", "PUT", "DELETE"],
        allow_headers=["Authorization", "Content-Type"],
        max_age=600,
    )
