"""The write token of a request checked before its body is read.

FastAPI reads and parses a request's body before it solves the route's dependencies, and
the body limit buffers the body before the app sees it: without this middleware a client
with no token could make the server take in and parse 16 MB (and wait for the write lock)
only to be answered 401. Here a request to an operation that asks for the bearer token
(in the app's OpenAPI document: every route that depends on `require_writer`) is answered
401 or 403, the same problem JSON the dependency gives, before any of its body is read;
the route still checks the token itself (and names its holder).
"""

from __future__ import annotations

import re

from fastapi import FastAPI, HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from tsunagari.api.auth import bearer, writer_of
from tsunagari.api.errors import TITLES, problem

PATH_PARAMETER = re.compile(r"\{[^}]+\}")


class TokenFirst:
    """ASGI middleware: a request to an operation that needs a write token, without a valid
    one, is refused before its body is read."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._guarded: dict[str, list[re.Pattern[str]]] | None = None
        self._open: dict[str, set[str]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self._needs_token(scope):
            await self.app(scope, receive, send)
            return
        app: FastAPI = scope["app"]
        try:
            writer_of(app.state.tokens, await bearer(Request(scope)))
        except HTTPException as refused:
            response = problem(refused.status_code, TITLES[refused.status_code],
                               str(refused.detail), headers=refused.headers)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _needs_token(self, scope: Scope) -> bool:
        """True when the request's method and path are those of an operation that asks for
        the bearer token (read from the app's OpenAPI document at its first request)."""
        if self._guarded is None:
            self._guarded, self._open = _operations_needing_token(scope["app"])
        path = scope["path"][len(scope.get("root_path", "")):]
        if path in self._open.get(scope["method"], ()):  # /v1/referrals/stats, not an {id}
            return False
        return any(pattern.fullmatch(path) for pattern in self._guarded.get(scope["method"], ()))


def _operations_needing_token(
        app: FastAPI) -> tuple[dict[str, list[re.Pattern[str]]], dict[str, set[str]]]:
    """By method, the paths (as patterns) of the operations that ask for the bearer token,
    and the fixed paths of those that do not."""
    guarded: dict[str, list[re.Pattern[str]]] = {}
    open_paths: dict[str, set[str]] = {}
    for path, operations in app.openapi()["paths"].items():
        pattern = re.compile("[^/]+".join(re.escape(part) for part in PATH_PARAMETER.split(path)))
        for method, operation in operations.items():
            if any(bearer.scheme_name in needed for needed in operation.get("security", ())):
                guarded.setdefault(method.upper(), []).append(pattern)
            elif not PATH_PARAMETER.search(path):
                open_paths.setdefault(method.upper(), set()).add(path)
    return guarded, open_paths
