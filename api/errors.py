"""Errors as problem JSON (RFC 9457): 4xx for bad input, never a traceback.

What the layers below refuse is mapped to a status in one table, `DOMAIN_ERRORS`, by the
kind of error (never by its message).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from tsunagari.api.auth import RoleRequired
from tsunagari.api.schemas import Problem
from tsunagari.graph import StoreUnavailable
from tsunagari.graph.referral_model import (
    InvalidTransition,
    NoOrganisation,
    ReferralNotFound,
    ReferralRefused,
    StaleReferral,
)
from tsunagari.loaders import DirectoryError
from tsunagari.loaders.review import (
    Conflict,
    DocumentExists,
    InvalidDecision,
    NotFound,
    ReservedId,
    TooMuch,
)
from tsunagari.queries import QueryError, QuestionNotUnderstood

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("tsunagari.api")


TITLES = {400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found",
          405: "Method not allowed", 409: "Conflict", 412: "Precondition failed",
          413: "Content too large",
          422: "Unprocessable request", 431: "Request header fields too large",
          503: "Store unavailable or server busy"}
"""Titles of the problems the routes raise; a request that breaks the OpenAPI schema
itself (a missing field, a number out of its range) is titled INVALID_REQUEST."""
INVALID_REQUEST = "Invalid request"
PROBLEM_SCHEMA = "#/components/schemas/Problem"


def problem_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problem JSON answers a route may give."""
    return {
        code: {"description": TITLES[code],
               "content": {PROBLEM_JSON: {"schema": {"$ref": PROBLEM_SCHEMA}}}}
        for code in codes
    }


def document_problems(app: FastAPI) -> None:
    """Put the Problem shape in the app's OpenAPI components, where problem_responses point."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build()
            components = app.openapi_schema.setdefault("components", {})
            components.setdefault("schemas", {})["Problem"] = Problem.model_json_schema()
        return app.openapi_schema

    setattr(app, "openapi", openapi)  # noqa: B010 (mypy refuses assigning to a method)


def problem(
    status: int, title: str, detail: str, headers: Mapping[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    """A problem JSON response (extension members after the four standard ones)."""
    return JSONResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail, **extensions},
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


class ServerBusy(Exception):
    """As many requests of one kind as the server takes at once are running, and this one
    could not start within its time (`retry_after`: seconds until a slot is likely free)."""

    def __init__(self, what: str, what_ja: str, retry_after: int) -> None:
        super().__init__(f"the server is busy with other {what}; try again in {retry_after} s")
        self.retry_after = retry_after
        self.messages = {"en": str(self), "ja": f"サーバーはほかの{what_ja}で混み合っています。"
                                                f"{retry_after}秒後にもう一度お試しください。"}


@dataclass(frozen=True)
class ProblemKind:
    """How one kind of domain error answers: its status, title, detail, extra members and
    headers."""

    status: int
    title: str
    detail: Callable[[Exception], str] = str
    extensions: Callable[[Any], dict[str, Any]] = lambda _: {}
    headers: Callable[[Any], dict[str, str]] = lambda _: {}


DOMAIN_ERRORS: dict[type[Exception], ProblemKind] = {
    QuestionNotUnderstood: ProblemKind(
        422, "Question not understood",
        extensions=lambda exc: {"recognised": [vars(r) for r in exc.recognised],
                                "suggestions": exc.suggestions}),
    QueryError: ProblemKind(422, "Invalid query"),
    NotFound: ProblemKind(404, TITLES[404]),
    Conflict: ProblemKind(409, TITLES[409]),
    DocumentExists: ProblemKind(
        409, "Document exists",
        extensions=lambda exc: {"document": exc.stored, **(
            {"new_version": f"PUT /v1/documents/{exc.stored}"} if exc.reviewed else {})}),
    ReservedId: ProblemKind(422, "Reserved document id",
                            extensions=lambda exc: {"document": exc.document_id}),
    InvalidDecision: ProblemKind(422, TITLES[422]),
    ReferralNotFound: ProblemKind(404, TITLES[404]),
    InvalidTransition: ProblemKind(409, "Invalid status change"),
    StaleReferral: ProblemKind(412, "Referral changed"),
    NoOrganisation: ProblemKind(403, TITLES[403]),
    ReferralRefused: ProblemKind(422, "Referral refused"),
    DirectoryError: ProblemKind(
        422, "Directory refused",
        extensions=lambda exc: {"file": exc.file, "row": exc.row, "column": exc.column,
                                "value": exc.value}),
    TooMuch: ProblemKind(413, TITLES[413]),
    RoleRequired: ProblemKind(
        403, TITLES[403],
        extensions=lambda exc: {"required_role": exc.required.value, "role": exc.role.value}),
    StoreUnavailable: ProblemKind(503, "Store unavailable",
                                  detail=lambda exc: f"{exc}; try again shortly"),
    ServerBusy: ProblemKind(503, "Server busy",
                            headers=lambda exc: {"Retry-After": str(exc.retry_after)}),
}
"""Each kind of error the layers below (and the role check) raise, and its answer (a subclass
takes its own row)."""


PRIVATE_FIELDS = frozenset({"firm", "note", "reason"})
"""Request fields whose values an error never repeats (a referred firm's details)."""
PATTERN_MEANINGS = {r"\S": "needs a name or words, not only white space"}
"""What the patterns of the routes mean, in words, for the problems that cite them."""


def _describe(errors: list[dict]) -> str:
    parts = []
    for error in errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path"))
        value = error.get("input")
        private = PRIVATE_FIELDS.intersection(str(p) for p in error.get("loc", ()))
        shown = f" (got {value!r})" if isinstance(value, str | int | float) and not private else ""
        message = PATTERN_MEANINGS.get(error.get("ctx", {}).get("pattern", ""),
                                       str(error.get("msg", "")).removeprefix("Value error, "))
        parts.append(f"{where}: {message or 'invalid'}{shown}")
    return "; ".join(parts)


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers at the request's path (`app.state.routes`, set by
    `create_app`; Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.state.routes:
        match, _ = route.matches({**request.scope, "method": ""})
        if match != Match.NONE:
            methods |= route.methods
    return sorted(methods)


def install_problem_handlers(app: FastAPI, headers_of_500: Mapping[str, str]) -> None:
    """Make every error the app can raise answer as problem JSON (an unexpected error's
    answer, made outside every middleware, gets `headers_of_500`)."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        title = TITLES.get(exc.status_code, "Bad request")
        if exc.status_code == 405:
            allowed = ", ".join(allowed_methods(request))
            method = request.method
            return problem(405, title, f"{method} is not allowed here; use {allowed}",
                           headers={"Allow": allowed},
                           messages={"en": f"{method} is not allowed here; use {allowed}",
                                     "ja": f"ここでは {method} は使えません。{allowed} のいずれかを"
                                           "使ってください。"})
        return problem(exc.status_code, title, str(exc.detail), headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        return problem(422, INVALID_REQUEST, _describe(list(exc.errors())))

    async def domain_error(_: Request, exc: Exception) -> JSONResponse:
        kind = next(DOMAIN_ERRORS[cls] for cls in type(exc).__mro__ if cls in DOMAIN_ERRORS)
        messages = getattr(exc, "messages", None)
        return problem(kind.status, kind.title, kind.detail(exc), headers=kind.headers(exc),
                       **kind.extensions(exc), **({"messages": messages} if messages else {}))

    for error in DOMAIN_ERRORS:
        app.add_exception_handler(error, domain_error)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        # Answered outside the middleware (by Starlette's outermost layer): add their headers here.
        return problem(500, "Internal error", "The server could not answer; the error is logged.",
                       headers=headers_of_500)
