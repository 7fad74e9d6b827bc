"""Search and entity views: /v1/search, /v1/entities/{id}."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel

from tsunagari.api.deps import get_store
from tsunagari.api.problems import problem_responses
from tsunagari.api.reads import name_index
from tsunagari.api.schemas import EntityDetail, SearchHit, SearchResults
from tsunagari.graph.store import GraphStore
from tsunagari.graph.vocabulary import EntityType
from tsunagari.queries.entity_view import entity_view
from tsunagari.queries.resolve import NameIndex

router = APIRouter(prefix="/v1", tags=["entities"], responses=problem_responses(422))
MAX_SEARCH_RESULTS = 100

ENTITY_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


SearchText = Annotated[str, Query(min_length=1, max_length=200, pattern=r"\S",
                                  description="Any name, alias or id")]
SearchType = Annotated[EntityType | None, Query(description="Only entities with this label")]
SearchLimit = Annotated[int, Query(ge=1, le=MAX_SEARCH_RESULTS)]
DEFAULT_LIMIT = 10


class SearchQuery(BaseModel):
    """The parameters of /v1/search as the route declares them, for a caller that reads
    them without the route (api/search_lane.py)."""

    q: SearchText
    type: SearchType = None
    limit: SearchLimit = DEFAULT_LIMIT


@router.get("/search", response_model=SearchResults)
async def search(
    request: Request, q: SearchText, type: SearchType = None, limit: SearchLimit = DEFAULT_LIMIT,
) -> SearchResults:
    """Entities a name stands for, in any language: exact, then normalised, then fuzzy."""
    return search_results(await name_index(request),
                          SearchQuery.model_construct(q=q, type=type, limit=limit))


def search_results(index: NameIndex, query: SearchQuery) -> SearchResults:
    """The answer of /v1/search."""
    types = {query.type.value} if query.type else None
    matches = index.resolve(query.q, types=types, limit=query.limit)
    return SearchResults(
        results=[
            SearchHit(**m.entity.to_dict(), score=round(m.score, 4), matched=m.matched, match=m.how)
            for m in matches
        ]
    )


@router.get("/entities/{entity_id}", response_model=EntityDetail,
            responses=problem_responses(404))
def get_entity(
    entity_id: Annotated[str, Path(max_length=200)],
    store: GraphStore = Depends(get_store),
) -> EntityDetail:
    """An entity with its relations, their evidence, and its neighbours."""
    view = entity_view(store, entity_id)
    if view is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}; try /v1/search?q=...")
    return EntityDetail(**view)
