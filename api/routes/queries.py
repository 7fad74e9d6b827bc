"""The questions support staff and researchers ask: connect, ask, paths, hubs, support."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from tsunagari.api.convert import chain_out, entity_out, relation_out
from tsunagari.api.deps import get_cache, get_settings, get_store
from tsunagari.api.problems import problem_responses
from tsunagari.api.schemas import (
    AskOut,
    Bridge,
    ConnectOut,
    HubOut,
    HubsOut,
    NeighboursOut,
    ParsedQuestion,
    PathsOut,
    SupportItemOut,
    SupportOut,
)
from tsunagari.api.settings import Settings
from tsunagari.graph.store import GraphStore
from tsunagari.graph.vocabulary import EntityType, EntryPoint, Stage
from tsunagari.queries.ask import MAX_QUESTION_LENGTH, ask
from tsunagari.queries.cache import VersionedCache
from tsunagari.queries.connect import MAX_HOPS, MAX_K, connect, paths
from tsunagari.queries.hubs import MAX_LIMIT as MAX_HUBS
from tsunagari.queries.hubs import METRICS, hubs
from tsunagari.queries.neighbours import MAX_DEPTH, MAX_NODES, neighbours
from tsunagari.queries.support import MAX_LIMIT as MAX_SUPPORT_ITEMS
from tsunagari.queries.support import support

router = APIRouter(prefix="/v1", tags=["queries"], responses=problem_responses(422))

Name = Annotated[str, Query(min_length=1, max_length=200, pattern=r"\S")]
K = Annotated[int, Query(ge=1, le=MAX_K, description="How many chains at most")]
Hops = Annotated[int, Query(ge=1, le=MAX_HOPS, description="Longest chain, in relations")]


@router.get("/connect", response_model=ConnectOut, response_model_by_alias=True)
def connect_route(
    from_: Annotated[str, Query(alias="from", min_length=1, max_length=200, pattern=r"\S",
                                description="Origin: an organisation or a place, any name or id")],
    to: Annotated[str, Query(min_length=1, max_length=200, pattern=r"\S",
                             description="Destination")],
    sector: Annotated[str | None, Query(max_length=100)] = None,
    k: K = 5,
    max_hops: Hops = 4,
    stage: Stage | None = None,
    entry_point: EntryPoint | None = None,
    as_of: Annotated[int | None, Query(ge=1900, le=2100,
                                       description="Only relations valid in this year")] = None,
    cache: VersionedCache = Depends(get_cache),
    store: GraphStore = Depends(get_store),
    settings: Settings = Depends(get_settings),
) -> ConnectOut:
    """Ranked, diverse referral chains from an origin to a destination (either may be a place).
    The search stops at TSUNAGARI_QUERY_BUDGET_SECONDS; `complete: false` then says so."""
    result = connect(
        store, from_, to, sector=sector, k=k, max_hops=max_hops,
        stage=stage.value if stage else None,
        entry_point=entry_point.value if entry_point else None,
        as_of=as_of, cache=cache, budget_seconds=settings.query_budget_seconds,
    )
    return ConnectOut(
        from_=entity_out(result.origin), to=entity_out(result.destination),
        sector=result.sector, complete=result.complete,
        chains=[chain_out(c) for c in result.chains],
    )


@router.get("/ask", response_model=AskOut, response_model_by_alias=True)
def ask_route(
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUESTION_LENGTH,
                            description="A question in English or Japanese")],
    k: K = 5,
    max_hops: Hops = 4,
    cache: VersionedCache = Depends(get_cache),
    store: GraphStore = Depends(get_store),
    settings: Settings = Depends(get_settings),
) -> AskOut:
    """Parse "who connects an Osaka machinist to Dong Nai?" and answer it."""
    answer = ask(store, q, k=k, max_hops=max_hops, cache=cache,
                 budget_seconds=settings.query_budget_seconds)
    parsed = answer.parsed
    assert parsed.origin is not None and parsed.destination is not None
    return AskOut(
        parsed=ParsedQuestion(
            from_=entity_out(parsed.origin), to=entity_out(parsed.destination),
            sector=parsed.sector, stage=parsed.stage, entry_point=parsed.entry_point,
            recognised=parsed.recognised,
        ),
        complete=answer.connection.complete,
        chains=[chain_out(c) for c in answer.connection.chains],
    )


@router.get("/paths", response_model=PathsOut)
def paths_route(
    source: Name,
    target: Name,
    k: K = 5,
    max_hops: Hops = 4,
    cache: VersionedCache = Depends(get_cache),
    store: GraphStore = Depends(get_store),
    settings: Settings = Depends(get_settings),
) -> PathsOut:
    """Chains between two entities, taken as themselves."""
    result = paths(store, source, target, k=k, max_hops=max_hops, cache=cache,
                   budget_seconds=settings.query_budget_seconds)
    return PathsOut(
        source=entity_out(result.origin), target=entity_out(result.destination),
        complete=result.complete, chains=[chain_out(c) for c in result.chains],
    )


@router.get("/entities/{entity_id}/neighbours", response_model=NeighboursOut)
def neighbours_route(
    entity_id: Annotated[str, Path(max_length=200)],
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH, description="Hops from the entity")] = 1,
    limit: Annotated[int, Query(ge=1, le=MAX_NODES, description="Most entities answered")] = (
        MAX_NODES),
    cache: VersionedCache = Depends(get_cache),
    store: GraphStore = Depends(get_store),
) -> NeighboursOut:
    """Everything within `depth` hops of an entity, nearest first."""
    result = neighbours(store, entity_id, depth=depth, limit=limit, cache=cache)
    return NeighboursOut(
        entity=entity_out(result.centre), depth=result.depth, truncated=result.truncated,
        nodes=[entity_out(e) for e in result.entities],
        edges=[relation_out(r) for r in result.relations],
    )


@router.get("/hubs", response_model=HubsOut)
def hubs_route(
    metric: Annotated[str, Query(pattern=f"^({'|'.join(METRICS)})$",
                                 description=", ".join(METRICS))] = "betweenness",
    type: Annotated[EntityType | None, Query()] = None,
    region: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_HUBS)] = 10,
    cache: VersionedCache = Depends(get_cache),
    store: GraphStore = Depends(get_store),
) -> HubsOut:
    """The hub organisations by a metric, with what each bridges."""
    ranked = hubs(store, metric, type.value if type else None, region, limit, cache=cache)
    return HubsOut(
        metric=metric,
        hubs=[
            HubOut(
                entity=entity_out(h.entity),
                score=h.score,
                bridges=[Bridge(**b) for b in h.bridges],
                roles=h.roles,
            )
            for h in ranked
        ],
    )


@router.get("/support", response_model=SupportOut)
def support_route(
    country: Annotated[str | None, Query(max_length=200)] = None,
    stage: Stage | None = None,
    entry_point: EntryPoint | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_SUPPORT_ITEMS)] = 50,
    cache: VersionedCache = Depends(get_cache),
    store: GraphStore = Depends(get_store),
) -> SupportOut:
    """The support menu for a country, stage and entry point, grounded in relations."""
    items = support(
        store, country, stage.value if stage else None,
        entry_point.value if entry_point else None, limit, cache=cache,
    )
    return SupportOut(
        results=[
            SupportItemOut(
                entity=entity_out(item.entity), stages=item.stages,
                entry_points=item.entry_points,
                relations=[relation_out(r) for r in item.relations],
            )
            for item in items
        ]
    )
