"""Entities: /v1/search and /v1/entities/{id}."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from tsunagari.api.deps import Store
from tsunagari.api.errors import problem_responses
from tsunagari.api.params import (
    DEFAULT_SEARCH_LIMIT,
    EntityRef,
    EntityTypeFilter,
    SearchLimit,
    SearchQuery,
    SearchText,
)
from tsunagari.api.reads import an_entity_view, name_index, search_results
from tsunagari.api.schemas import EntityDetail, SearchResults, entity_out, relation_out, service_out

router = APIRouter(prefix="/v1", tags=["entities"], responses=problem_responses(422))


@router.get("/search", response_model=SearchResults)
async def search(
    request: Request, q: SearchText, type: EntityTypeFilter = None,
    limit: SearchLimit = DEFAULT_SEARCH_LIMIT,
) -> SearchResults:
    """Entities a name stands for, in any language: exact, then normalised, then fuzzy."""
    return search_results(await name_index(request),
                          SearchQuery.model_construct(q=q, type=type, limit=limit))


@router.get("/entities/{entity_id}", response_model=EntityDetail,
            responses=problem_responses(404))
async def get_entity(request: Request, entity_id: EntityRef, store: Store) -> EntityDetail:
    """An entity with its relations, their evidence, and its neighbours."""
    view = await an_entity_view(request, store, entity_id)
    if view is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}; try /v1/search?q=...")
    return EntityDetail(
        **view.entity.to_dict(),
        evidence=[e.to_dict() for e in view.entity.evidence],
        services=[service_out(s) for s in view.entity.services],
        relations=[relation_out(r) for r in view.relations],
        neighbours={n.id: entity_out(n) for n in view.neighbours},
    )
