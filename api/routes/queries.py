"""The questions support staff and researchers ask: connect, ask, paths, neighbours, hubs,
support."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from tsunagari.api.deps import QUERY_SLOT, Cache, Config, Referrals, Store
from tsunagari.api.errors import problem_responses
from tsunagari.api.params import (
    NAME_LENGTH,
    Chains,
    Depth,
    EntityRef,
    EntityTypeFilter,
    Hops,
    HubLimit,
    Metric,
    Name,
    NeighbourLimit,
    OptionalName,
    Question,
    Sector,
    SupportLimit,
    Year,
)
from tsunagari.api.reads import this_month
from tsunagari.api.schemas import (
    AskOut,
    Bridge,
    ConnectOut,
    HubOut,
    HubsOut,
    NeighboursOut,
    PathsOut,
    SupportItemOut,
    SupportOut,
    ask_out,
    chain_out,
    entity_out,
    relation_out,
    service_out,
)
from tsunagari.graph import EntryPoint, Stage
from tsunagari.queries import HUB_SCORES, ask, connect, hubs, neighbours, paths, support
from tsunagari.queries.views import MAX_NODES

router = APIRouter(prefix="/v1", tags=["queries"], responses=problem_responses(422),
                   dependencies=[QUERY_SLOT])
"""Each query holds a slot of the query lane: at most TSUNAGARI_MAX_CONCURRENT_QUERIES run at
once, one more waits at most the query budget for a slot, then gets 503 with Retry-After."""

Origin = Annotated[str, Query(alias="from", min_length=1, max_length=NAME_LENGTH, pattern=r"\S",
                              description="Origin: an organisation or a place, any name or id")]
Destination = Annotated[str, Query(min_length=1, max_length=NAME_LENGTH, pattern=r"\S",
                                   description="Destination")]


@router.get("/connect", response_model=ConnectOut, response_model_by_alias=True)
def connect_route(
    from_: Origin, to: Destination, cache: Cache, store: Store, settings: Config,
    records: Referrals, sector: Sector = None, k: Chains = 5, max_hops: Hops = 4, stage: Stage | None = None,
    entry_point: EntryPoint | None = None, as_of: Year = None,
) -> ConnectOut:
    """Ranked, diverse referral chains from an origin to a destination (either may be a place).
    The search stops at TSUNAGARI_QUERY_BUDGET_SECONDS; `complete: false` then says so."""
    result = connect(
        store, from_, to, sector=sector, k=k, max_hops=max_hops,
        stage=stage.value if stage else None,
        entry_point=entry_point.value if entry_point else None,
        as_of=as_of, cache=cache, budget_seconds=settings.query_budget_seconds,
        outcomes=records.outcomes(),
    )
    return ConnectOut(
        from_=entity_out(result.origin), to=entity_out(result.destination),
        sector=result.sector, complete=result.complete,
        chains=[chain_out(c) for c in result.chains],
    )


@router.get("/ask", response_model=AskOut, response_model_by_alias=True)
def ask_route(
    q: Question, cache: Cache, store: Store, settings: Config, records: Referrals,
    k: Chains = 5, max_hops: Hops = 4,
) -> AskOut:
    """A desk question in Japanese or English, answered by its intent: a referral ("who
    connects an Osaka machinist to Dong Nai?"), a need (「海外展開の資金を借りたい」), one
    organisation, hubs or a support menu. The answer names whom to contact first and why, in
    both languages, with the quotes that ground it; a question that cannot be understood is
    a 422 with what was recognised and questions that work."""
    return ask_out(ask(store, q, cache=cache, today=this_month(), k=k, max_hops=max_hops,
                       budget_seconds=settings.query_budget_seconds,
                       outcomes=records.outcomes()))


@router.get("/paths", response_model=PathsOut)
def paths_route(
    source: Name, target: Name, cache: Cache, store: Store, settings: Config,
    k: Chains = 5, max_hops: Hops = 4,
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
    entity_id: EntityRef, cache: Cache, store: Store, depth: Depth = 1,
    limit: NeighbourLimit = MAX_NODES,
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
    cache: Cache, store: Store, metric: Metric = "betweenness", type: EntityTypeFilter = None,
    region: OptionalName = None, limit: HubLimit = 10,
) -> HubsOut:
    """The hub organisations by a metric, with what each bridges, and the graph version the
    scores were computed at (after a change they are recomputed in the background)."""
    view = cache.pinned()
    ranked = hubs(store, metric, type.value if type else None, region, limit, cache=view)
    return HubsOut(
        metric=metric,
        as_of_version=view.entry(HUB_SCORES).version,
        hubs=[
            HubOut(
                entity=entity_out(h.entity),
                score=h.score,
                bridges=[Bridge(**vars(b)) for b in h.bridges],
                roles=h.roles,
            )
            for h in ranked
        ],
    )


@router.get("/support", response_model=SupportOut)
def support_route(
    cache: Cache, store: Store, country: OptionalName = None, stage: Stage | None = None,
    entry_point: EntryPoint | None = None, limit: SupportLimit = 50,
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
                services=[service_out(s) for s in item.services],
            )
            for item in items
        ]
    )
