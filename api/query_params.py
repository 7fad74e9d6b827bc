"""Query parameters that an operation does not take are refused (422), so that a
misspelt one (`max_hop=3`) is not silently ignored. Only the operations of the OpenAPI
document are checked; the web page's own files take what browsers add."""

from __future__ import annotations

from fastapi import HTTPException, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute


def _names(dependant: Dependant) -> frozenset[str]:
    """The query parameters of a dependant and of everything it depends on."""
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _names(sub)
    return frozenset(names)


async def refuse_unknown_query(request: Request) -> None:
    """422 naming the query parameters the matched operation does not take (what each
    operation takes is worked out at its first request, into `app.state.query_names`)."""
    route = request.scope.get("route")
    if not request.scope["query_string"] or not isinstance(route, APIRoute) or not route.include_in_schema:
        return
    known: dict[str, frozenset[str]] = request.app.state.query_names
    taken = known.get(route.unique_id)
    if taken is None:
        taken = known[route.unique_id] = _names(route.dependant)
    unknown = sorted(set(request.query_params) - taken)
    if unknown:
        raise HTTPException(
            422, f"unknown query parameter {', '.join(map(repr, unknown))}; {route.path} takes "
                 f"{', '.join(sorted(taken)) or 'none'}",
        )
