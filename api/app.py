"""The FastAPI application, assembled from a store and settings made by the caller.

`create_app` builds the app (routes, error handlers, middleware); its lifespan opens what
lives beside the store in the data directory (tokens, audit log, review queue, merge
journal), repairs what a crash left half-done, and closes those files on shutdown.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from fastapi import Depends, FastAPI
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

from tsunagari.api import middleware
from tsunagari.api.audit import AuditLog
from tsunagari.api.auth import TokenStore
from tsunagari.api.deps import Lanes
from tsunagari.api.errors import document_problems, install_problem_handlers, problem_responses
from tsunagari.api.params import refuse_unknown_query
from tsunagari.api.reads import FollowedReferrals
from tsunagari.api.routes import ROUTERS
from tsunagari.api.settings import Settings
from tsunagari.api.stores import answers_from_memory, open_store
from tsunagari.graph import GraphStore
from tsunagari.graph.store import StoreUnavailable
from tsunagari.loaders.review import MergeJournal, ReviewQueue, Writes
from tsunagari.queries import VIEWS_AFTER_START, VIEWS_AT_START, VersionedCache

log = logging.getLogger(__name__)

DESCRIPTION = (
    "Knowledge graph of the support network (つながり) that helps Japanese "
    "manufacturing SMEs expand to Vietnam and Thailand. Every relation carries "
    "the quote of the source document that states it."
)


def create_app(store: GraphStore, settings: Settings,
               clock: Callable[[], datetime] = lambda: datetime.now(UTC), *,
               worker: bool = False) -> FastAPI:
    """The API over one store (`clock` tells the time: the system's unless a test moves it).
    A `worker` (one of several processes of `tsunagari serve --workers`) owns its store and
    closes it at shutdown, and leaves the start-up repairs to the process that started it."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = app.state
        state.tokens = TokenStore(settings.tokens_path)
        state.audit = AuditLog(settings.audit_path)
        state.writes = Writes(store, ReviewQueue(settings.review_path),
                              MergeJournal(settings.merges_path), state.audit,
                              settings.data_dir / "documents", settings.max_proposals_per_document)
        if not worker:
            state.writes.recover()
        await run_in_threadpool(_build_views, state.cache)
        state.cache.warm(VIEWS_AFTER_START)
        try:
            yield
        finally:
            state.cache.close()
            for opened in (state.tokens, state.audit, state.writes.queue, state.writes.merges):
                opened.close()
            if worker:
                store.close()

    app = FastAPI(
        title="tsunagari",
        version="0.1.0",
        description=DESCRIPTION,
        responses=problem_responses(503),
        dependencies=[Depends(refuse_unknown_query)],
        lifespan=lifespan,
        redirect_slashes=False,
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.clock = clock
    app.state.reads_in_memory = answers_from_memory(store)
    follow_every = None if app.state.reads_in_memory else settings.view_follow_seconds
    app.state.cache = VersionedCache(store, follow_every)
    app.state.referrals = FollowedReferrals(store.referral_records(), follow_every,
                                            settings.referral_boost)
    app.state.settings = settings
    app.state.lanes = Lanes(settings)
    app.state.query_names = {}
    install_problem_handlers(app, headers_of_500=middleware.SECURITY_HEADERS)
    document_problems(app)
    for router in ROUTERS:
        app.include_router(router)
    app.state.routes = [route for router in ROUTERS for route in router.routes
                        if isinstance(route, APIRoute)]
    middleware.install(app, settings)
    return app


def _build_views(cache: VersionedCache) -> None:
    """The views every question needs, built before the server takes its first request (a
    database away at start leaves them to the first question)."""
    try:
        for view in VIEWS_AT_START:
            cache.get(view)
    except StoreUnavailable as error:
        log.warning("the views were not built at start: %s", error)


def worker_app() -> FastAPI:
    """The app of one worker process of `tsunagari serve --workers N`: settings from the
    environment the server set, its own connection to the shared Neo4j."""
    settings = Settings()
    return create_app(open_store(settings), settings, worker=True)
