"""The FastAPI application, assembled from a store and settings made by the caller."""

from __future__ import annotations

from fastapi import FastAPI

from tsunagari.api.audit import AuditLog
from tsunagari.api.problems import install_problem_handlers
from tsunagari.api.routes import (
    documents,
    edits,
    entities,
    graph_export,
    health,
    queries,
    review,
    web,
)
from tsunagari.api.settings import Settings
from tsunagari.api.tokens import TokenStore
from tsunagari.graph.store import GraphStore
from tsunagari.loaders.review import ReviewQueue
from tsunagari.queries.cache import VersionedCache


def create_app(store: GraphStore, settings: Settings) -> FastAPI:
    """The API over one store."""
    app = FastAPI(
        title="tsunagari",
        version="0.1.0",
        description=(
            "Knowledge graph of the support network (つながり) that helps Japanese "
            "manufacturing SMEs expand to Vietnam and Thailand. Every relation carries "
            "the quote of the source document that states it."
        ),
    )
    app.state.store = store
    app.state.cache = VersionedCache(store)
    app.state.settings = settings
    app.state.tokens = TokenStore(settings.tokens_path)
    app.state.audit = AuditLog(settings.audit_path)
    app.state.review = ReviewQueue(settings.review_path)
    install_problem_handlers(app)
    for module in (health, entities, queries, graph_export, documents, review, edits, web):
        app.include_router(module.router)
    return app
