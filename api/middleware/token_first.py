"""The write token of a request checked before its body is read.

FastAPI reads and parses a request's body before it solves the route's dependencies, and
the body limit buffers the body before the app sees it: without this middleware a client
with no token could make the server take in and parse 16 MB (and wait for the write lock)
only to be answered 401. Here a request to a route that depends on `require_writer` is
answered 401 or 403, the same problem JSON the dependency gives, before any of its body is
read; the route still checks the token itself (and names its holder).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from fastapi import FastAPI, HTTPException
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send

from tsunagari.api.auth import bearer, require_writer, writer_of
from tsunagari.api.errors import TITLES, problem


class TokenFirst:
    """ASGI middleware: a request to a route that needs a write token, without a valid one,
    is refused before its body is read."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._guarded: dict[str, list[APIRoute]] | None = None

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
        """True when the request goes to a route (path and method) that depends on
        `require_writer`; the routes are read from the app at its first request."""
        if self._guarded is None:
            self._guarded = _routes_needing(scope["app"], require_writer)
        return any(route.matches(scope)[0] is Match.FULL
                   for route in self._guarded.get(scope["method"], ()))


def _routes_needing(app: FastAPI, dependency: Callable[..., object]) -> dict[str, list[APIRoute]]:
    """The app's routes that depend on `dependency` (directly or through another), by method."""
    by_method: dict[str, list[APIRoute]] = {}
    for route in app.router.routes:
        if isinstance(route, APIRoute) and any(d.call is dependency for d in _all(route.dependant)):
            for method in route.methods:
                by_method.setdefault(method, []).append(route)
    return by_method


def _all(dependant: Dependant) -> Iterator[Dependant]:
    """A dependant's dependencies, and theirs."""
    for dependency in dependant.dependencies:
        yield dependency
        yield from _all(dependency)
