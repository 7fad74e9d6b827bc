"""Request dependencies: the store, the cache of derived views, the settings.

They only read the app's state, so they are coroutines: FastAPI runs a plain function
dependency in its thread pool, a hop that costs more than the lookup itself."""

from __future__ import annotations

from fastapi import Request

from tsunagari.api.audit import AuditLog
from tsunagari.api.merges import MergeJournal
from tsunagari.api.settings import Settings
from tsunagari.graph.store import GraphStore
from tsunagari.loaders.review import ReviewQueue
from tsunagari.queries.cache import VersionedCache


async def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


async def get_cache(request: Request) -> VersionedCache:
    cache: VersionedCache = request.app.state.cache
    return cache


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_review(request: Request) -> ReviewQueue:
    review: ReviewQueue = request.app.state.review
    return review


async def get_audit(request: Request) -> AuditLog:
    audit: AuditLog = request.app.state.audit
    return audit


async def get_merges(request: Request) -> MergeJournal:
    merges: MergeJournal = request.app.state.merges
    return merges
