"""What routes depend on, as `Annotated` aliases: `store: Store`, `writer: Writer`, ...

The getters only read the app's state (set up by the lifespan), so they are coroutines:
FastAPI runs a plain function dependency in its thread pool, a hop that costs more than
the lookup itself.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from tsunagari.api.audit import AuditLog
from tsunagari.api.auth import require_writer
from tsunagari.api.settings import Settings
from tsunagari.graph import GraphStore
from tsunagari.loaders.review import ReviewQueue, Writes
from tsunagari.queries import VersionedCache


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
    review: ReviewQueue = request.app.state.writes.queue
    return review


async def get_audit(request: Request) -> AuditLog:
    audit: AuditLog = request.app.state.audit
    return audit


async def get_writes(request: Request) -> Writes:
    writes: Writes = request.app.state.writes
    return writes


Store = Annotated[GraphStore, Depends(get_store)]
Cache = Annotated[VersionedCache, Depends(get_cache)]
Config = Annotated[Settings, Depends(get_settings)]
Review = Annotated[ReviewQueue, Depends(get_review)]
Audit = Annotated[AuditLog, Depends(get_audit)]
WritePath = Annotated[Writes, Depends(get_writes)]
Writer = Annotated[str, Depends(require_writer)]
"""The name of the write token's holder (401 without a token, 403 with a wrong one)."""
