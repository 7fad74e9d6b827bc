"""Paths written with a trailing slash, answered with a redirect to the path without it.

Starlette's own redirect names the host the request claimed (`Host`), so a forged header
made the server point clients elsewhere; this one answers a relative `Location`.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send


class TrailingSlash:
    """ASGI middleware: `/v1/search/?q=…` is answered 307 to `/v1/search?q=…` (the method
    and body kept); `/` itself is the web page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or path == "/" or not path.endswith("/"):
            await self.app(scope, receive, send)
            return
        # "//host" would be read as another host: every leading slash but one is dropped.
        target = "/" + quote(path.strip("/"), safe="/:@!$&'()*+,;=-._~")
        query = scope.get("query_string", b"").decode("latin-1")
        response = RedirectResponse(target + (f"?{query}" if query else ""), status_code=307)
        await response(scope, receive, send)
