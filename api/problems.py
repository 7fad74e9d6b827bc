"""Errors as problem JSON (RFC 9457): 4xx for bad input, never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from tsunagari.graph.store import StoreUnavailable
from tsunagari.queries.ask import QuestionNotUnderstood
from tsunagari.queries.errors import QueryError

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("tsunagari.api")


TITLES = {400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found",
          405: "Method not allowed", 409: "Conflict", 413: "Content too large",
          422: "Invalid request"}


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


def _describe(errors: list[dict]) -> str:
    parts = []
    for error in errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path"))
        value = error.get("input")
        shown = f" (got {value!r})" if isinstance(value, str | int | float) else ""
        parts.append(f"{where}: {error.get('msg', 'invalid')}{shown}")
    return "; ".join(parts)


def install_problem_handlers(app: FastAPI) -> None:
    """Make every error the app can raise answer as problem JSON."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        title = TITLES.get(exc.status_code, "Bad request")
        return problem(exc.status_code, title, str(exc.detail), headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        return problem(422, "Invalid request", _describe(list(exc.errors())))

    @app.exception_handler(QuestionNotUnderstood)
    async def question_not_understood(_: Request, exc: QuestionNotUnderstood) -> JSONResponse:
        return problem(
            422, "Question not understood", str(exc),
            recognised=exc.parsed.recognised, suggestions=exc.suggestions,
        )

    @app.exception_handler(QueryError)
    async def query_error(_: Request, exc: QueryError) -> JSONResponse:
        return problem(422, "Invalid query", str(exc))

    @app.exception_handler(StoreUnavailable)
    async def store_unavailable(_: Request, exc: StoreUnavailable) -> JSONResponse:
        return problem(503, "Store unavailable", f"{exc}; try again shortly")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return problem(500, "Internal error", "The server could not answer; the error is logged.")
