"""Request dependencies: the store, the cache of derived views, the settings."""

from __future__ import annotations

from fastapi import Request

from tsunagari.api.audit import AuditLog
from tsunagari.api.merges import MergeJournal
from tsunagari.api.settings import Settings
from tsunagari.graph.store import GraphStore
from tsunagari.loaders.review import ReviewQueue
from tsunagari.queries.cache import VersionedCache


def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


def get_cache(request: Request) -> VersionedCache:
    cache: VersionedCache = request.app.state.cache
    return cache


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_review(request: Request) -> ReviewQueue:
    review: ReviewQueue = request.app.state.review
    return review


def get_audit(request: Request) -> AuditLog:
    audit: AuditLog = request.app.state.audit
    return audit


def get_merges(request: Request) -> MergeJournal:
    merges: MergeJournal = request.app.state.merges
    return merges
