"""The parameters of the API's operations, declared once: names, ids, limits, and the rule
that a query parameter an operation does not take is refused (422), so that a misspelt one
(`max_hop=3`) is not silently ignored.

Each bound is stated here so that the OpenAPI document carries it too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, TypeVar
from urllib.parse import urlencode

from fastapi import HTTPException, Path, Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel

from tsunagari.graph import EntityType
from tsunagari.graph.limits import MAX_CHAINS, MAX_HOPS
from tsunagari.queries.desk import MAX_QUESTION_LENGTH
from tsunagari.queries.hubs import MAX_HUBS, METRICS
from tsunagari.queries.views import MAX_DEPTH, MAX_NODES, MAX_SUPPORT_ITEMS

NAME_LENGTH = 200
"""The longest name, id or place a query may give."""
ENTITY_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""An entity id as writes create it: an ascii slug."""
DOCUMENT_ID = r"^[a-z0-9][a-z0-9_-]{0,79}$"
"""A document id as uploads create it."""
MAX_SEARCH_RESULTS = 100
MAX_AUDIT_ENTRIES = 1000
DEFAULT_PAGE = 100
MAX_PAGE = 1000
"""Items of a listing (documents, proposals) one page holds, unless asked, and at most."""
MAX_RELATION_IDS = 100
"""Relations one graph view may draw by id."""

Name = Annotated[str, Query(min_length=1, max_length=NAME_LENGTH, pattern=r"\S")]
"""Any name, alias or id of an organisation or place."""
OptionalName = Annotated[str | None, Query(max_length=NAME_LENGTH)]
EntityRef = Annotated[str, Path(max_length=NAME_LENGTH)]
"""An entity id to read (an unknown one is a 404)."""
EntityId = Annotated[str, Path(pattern=ENTITY_ID, max_length=120)]
"""An entity id to write."""
DocumentRef = Annotated[str, Path(max_length=NAME_LENGTH)]
"""A document id to read."""
DocumentId = Annotated[str, Path(pattern=DOCUMENT_ID)]
"""A document id to write or review."""
ProposalId = Annotated[str, Path(max_length=300)]
RelationId = Annotated[str, Path(max_length=300)]

Chains = Annotated[int, Query(ge=1, le=MAX_CHAINS, description="How many chains at most")]
Hops = Annotated[int, Query(ge=1, le=MAX_HOPS, description="Longest chain, in relations")]
Question = Annotated[str, Query(min_length=1, max_length=MAX_QUESTION_LENGTH,
                                description="A question in English or Japanese")]
Sector = Annotated[str | None, Query(max_length=100)]
Year = Annotated[int | None, Query(ge=1900, le=2100, description="Only relations valid in this year")]
Metric = Annotated[str, Query(pattern=f"^({'|'.join(METRICS)})$", description=", ".join(METRICS))]
EntityTypeFilter = Annotated[EntityType | None, Query(description="Only entities with this label")]
Depth = Annotated[int, Query(ge=1, le=MAX_DEPTH, description="Hops from the entity")]
NeighbourLimit = Annotated[int, Query(ge=1, le=MAX_NODES, description="Most entities answered")]
HubLimit = Annotated[int, Query(ge=1, le=MAX_HUBS)]
SupportLimit = Annotated[int, Query(ge=1, le=MAX_SUPPORT_ITEMS)]
SearchLimit = Annotated[int, Query(ge=1, le=MAX_SEARCH_RESULTS)]
AuditLimit = Annotated[int, Query(ge=1, le=MAX_AUDIT_ENTRIES)]
PageLimit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Most items one page holds")]
Cursor = Annotated[str | None, Query(max_length=300, description="Where the page starts: the "
                                     "`cursor` of the `next` link of the page before")]
AuditCursor = Annotated[int | None, Query(ge=1, description="Entries older than this one (the "
                                          "`cursor` of the `next` link of the page before)")]
SearchText = Annotated[str, Query(min_length=1, max_length=NAME_LENGTH, pattern=r"\S",
                                  description="Any name, alias or id")]
DEFAULT_SEARCH_LIMIT = 10
T = TypeVar("T")


class SearchQuery(BaseModel):
    """The parameters of /v1/search as the route declares them, for a caller that reads
    them without the route (the search lane middleware)."""

    q: SearchText
    type: EntityTypeFilter = None
    limit: SearchLimit = DEFAULT_SEARCH_LIMIT


def next_page(request: Request, items: Sequence[T], limit: int,
              cursor: Callable[[T], str | int]) -> tuple[Sequence[T], str | None]:
    """A page of a listing read with one item more than `limit`: the page, and the link of
    the next page (the request's path, `limit` and the cursor of the page's last item), or
    None when that one more item was not there."""
    if len(items) <= limit:
        return items, None
    page = items[:limit]
    query = {**request.query_params, "limit": limit, "cursor": cursor(page[-1])}
    return page, f"{request.url.path}?{urlencode(query)}"


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
