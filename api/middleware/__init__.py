"""The app's ASGI middleware, installed in one place (`install`).

Outermost first, as a request meets them: security headers, CORS (when origins are set),
the write token checked before a write's body is read, the request-body limit, the
trailing-slash redirect, serialised writes, and the search lane that answers a well-formed
/v1/search from the name index in memory without FastAPI's per-request work. Beneath them all,
`BoundedHead` is the HTTP protocol that `tsunagari serve` gives uvicorn: it refuses a request
whose head is too long (431) while the head arrives.
"""

from fastapi import FastAPI

from tsunagari.api.middleware.body_limit import BodyLimit
from tsunagari.api.middleware.head_limit import MAX_HEAD_BYTES, BoundedHead
from tsunagari.api.middleware.search_lane import SearchLane
from tsunagari.api.middleware.security_headers import SECURITY_HEADERS, SecurityHeaders, allow_origins
from tsunagari.api.middleware.serial_writes import SerialWrites
from tsunagari.api.middleware.token_first import TokenFirst
from tsunagari.api.middleware.trailing_slash import TrailingSlash
from tsunagari.api.settings import Settings


def install(app: FastAPI, settings: Settings) -> None:
    """Add every middleware to the app (Starlette runs the last added outermost)."""
    app.add_middleware(SearchLane)
    app.add_middleware(SerialWrites)
    app.add_middleware(TrailingSlash)
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(TokenFirst)
    allow_origins(app, settings.cors_origins)
    app.add_middleware(SecurityHeaders)


__all__ = ["MAX_HEAD_BYTES", "SECURITY_HEADERS", "BodyLimit", "BoundedHead", "SearchLane",
           "SecurityHeaders", "SerialWrites", "TokenFirst", "TrailingSlash", "install"]
