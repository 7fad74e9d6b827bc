"""Reads shared by routes and middleware: where a read runs (on the event loop when the store
answers from memory, in the thread pool when it may wait: a database round trip, a rebuild
after the graph changed), the name index, an entity's view, and the answer of a search.

A handler of FastAPI that is a plain function runs in the thread pool; for a read of a
few microseconds the hop there and back costs more than the read."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from fastapi import Request
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool

from tsunagari.api.params import SearchQuery
from tsunagari.api.schemas import SearchHit, SearchResults
from tsunagari.graph import GraphStore
from tsunagari.graph.referral_model import Outcomes, Referral, ReferralRecords
from tsunagari.queries import (
    NAMES,
    PROJECTION,
    NameIndex,
    Projection,
    VersionedCache,
    entity_view,
    entity_view_in,
)
from tsunagari.queries.views import EntityView

T = TypeVar("T")


async def run_read(request: Request, read: Callable[..., T], *args: Any) -> T:
    """`read(*args)`, on the event loop when the app's store answers from memory."""
    if request.app.state.reads_in_memory:
        return read(*args)
    return await run_in_threadpool(read, *args)


def views_in_memory(app: Starlette) -> bool:
    """Whether the derived views are read without asking the store anything: the embedded
    store's version is in memory, and a cache that follows Neo4j reads it in its thread."""
    return bool(app.state.reads_in_memory or app.state.cache.follow_every is not None)


async def name_index(request: Request) -> NameIndex:
    """The name index of the graph: taken on the event loop when the views are read without
    the store and the index is built, otherwise fetched (and built if need be) in the thread
    pool, where neither a build nor a database stops the event loop."""
    cache: VersionedCache = request.app.state.cache
    if views_in_memory(request.app):
        index: NameIndex | None = cache.built(NAMES)
        if index is not None:
            return index
    return await run_in_threadpool(cache.get, NAMES)


async def an_entity_view(request: Request, store: GraphStore, entity_id: str) -> EntityView | None:
    """An entity's view: from the projection when the views follow a database and it is built
    (no round trip, and the view stays while the database is away), otherwise from the store.
    The projection's index of relations by end is built in the thread pool, where its build
    (a pass over every relation, after a change of the graph's relations) stops no one else."""
    cache: VersionedCache = request.app.state.cache
    if cache.follow_every is not None:
        projection: Projection | None = cache.built(PROJECTION)
        if projection is not None and projection.indexed_by_end():
            return entity_view_in(projection, entity_id)
        if projection is not None:
            return await run_in_threadpool(entity_view_in, projection, entity_id)
    return await run_read(request, entity_view, store, entity_id)


def search_results(index: NameIndex, query: SearchQuery) -> SearchResults:
    """The answer of /v1/search (the route's and the search lane's)."""
    types = {query.type.value} if query.type else None
    matches = index.resolve(query.q, types=types, limit=query.limit)
    return SearchResults(
        results=[
            SearchHit(**m.entity.to_dict(), score=round(m.score, 4), matched=m.matched, match=m.how)
            for m in matches
        ]
    )


def this_month() -> str:
    """The month now, as "YYYY-MM" (what periods that have ended are judged against)."""
    return datetime.now(UTC).strftime("%Y-%m")


class FollowedReferrals:
    """A store's referral records, with their outcomes kept between questions: read again
    after this server writes a referral, and, when other processes write them too (several
    workers over one database), once the follow interval has passed."""

    def __init__(self, records: ReferralRecords, follow_every: float | None, boost: bool = True,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.records, self.follow_every, self.boost, self._clock = records, follow_every, boost, clock
        self._lock = threading.Lock()
        self._writes = 0
        """Referrals this server has written: outcomes read before a write are not kept."""
        self._kept: tuple[float, int, Outcomes | None] | None = None

    def outcomes(self) -> Outcomes | None:
        """The outcomes that answers count and rank by (None when there are no referrals, so
        that answers are exactly those of a graph without them), from memory while current."""
        kept = self._kept
        if kept is not None and kept[1] == self._writes and not self._aged(kept[0]):
            return kept[2]
        writes, read_at = self._writes, self._clock()
        every = self.records.all()
        outcomes = Outcomes.of(every, boost=self.boost) if every else None
        with self._lock:
            if writes == self._writes:
                self._kept = (read_at, writes, outcomes)
        return outcomes

    def _aged(self, read_at: float) -> bool:
        return self.follow_every is not None and self._clock() - read_at >= self.follow_every

    def _written(self) -> None:
        with self._lock:
            self._writes += 1

    def insert(self, referral: Referral) -> None:
        self.records.insert(referral)
        self._written()

    def replace(self, referral: Referral, expected_version: int) -> bool:
        replaced = self.records.replace(referral, expected_version)
        self._written()
        return replaced

    def get(self, referral_id: str) -> Referral | None:
        return self.records.get(referral_id)

    def of_organisation(self, organisation: str) -> list[Referral]:
        return self.records.of_organisation(organisation)

    def all(self) -> list[Referral]:
        return self.records.all()
