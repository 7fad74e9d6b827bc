"""GET /v1/search answered without FastAPI's per-request machinery, from the name index in
memory (the embedded store's, or that of a server following Neo4j).

Search is the request asked most, and FastAPI's solving of parameters and dependencies
and its validation of the answer cost several times the search itself (the framework
alone, with an empty route, answers about 2,000-3,000 requests a second on two CPUs).
This lane reads the same parameters with the same rules (`SearchQuery`, built from the
route's own declarations) and gives the same answer (`search_results`, serialised as
FastAPI serialises it). Whatever it does not take goes through FastAPI as before: a
parameter that is unknown, missing or invalid (so that the problem JSON is FastAPI's),
views that cannot be read without the store, any error. It sits inside the other middleware, so
security headers, CORS and the body limit apply to it as to every route.
"""

from __future__ import annotations

from pydantic import TypeAdapter, ValidationError
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from tsunagari.api.params import SearchQuery
from tsunagari.api.reads import name_index, search_results, views_in_memory
from tsunagari.api.schemas import SearchResults

PATH = "/v1/search"
ANSWER = TypeAdapter(SearchResults)
PARAMETERS = frozenset(SearchQuery.model_fields)


class SearchLane:
    """ASGI middleware: answers a well-formed GET /v1/search from the views in memory."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        query = _well_formed(scope)
        if query is None:
            await self.app(scope, receive, send)
            return
        try:
            answer = search_results(await name_index(Request(scope)), query)
        except Exception:  # noqa: BLE001 (FastAPI answers it again, with its error handlers)
            await self.app(scope, receive, send)
            return
        response = Response(ANSWER.dump_json(answer, by_alias=True), media_type="application/json")
        await response(scope, receive, send)


def _well_formed(scope: Scope) -> SearchQuery | None:
    """The parameters of a search this lane answers, or None."""
    if (scope["type"] != "http" or scope["method"] != "GET" or scope["path"] != PATH
            or scope.get("root_path") or not views_in_memory(scope["app"])):
        return None
    params = dict(QueryParams(scope["query_string"]))
    if not params.keys() <= PARAMETERS:
        return None
    try:
        return SearchQuery.model_validate(params)
    except ValidationError:
        return None
