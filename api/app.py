"""The FastAPI application, assembled from a store and settings made by the caller."""

from __future__ import annotations

from fastapi import Depends, FastAPI

from tsunagari.api.audit import AuditLog
from tsunagari.api.limits import BodyLimit
from tsunagari.api.merges import MergeJournal
from tsunagari.api.problems import document_problems, install_problem_handlers, problem_responses
from tsunagari.api.query_params import refuse_unknown_query
from tsunagari.api.recovery import reconcile_reviews
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
from tsunagari.api.search_lane import SearchLane
from tsunagari.api.security import SecurityHeaders, allow_origins
from tsunagari.api.serial_writes import SerialWrites
from tsunagari.api.settings import Settings
from tsunagari.api.stores import answers_from_memory
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
        responses=problem_responses(503),
        dependencies=[Depends(refuse_unknown_query)],
    )
    app.state.store = store
    app.state.cache = VersionedCache(store)
    app.state.settings = settings
    app.state.query_names = {}
    app.state.reads_in_memory = answers_from_memory(store)
    app.state.tokens = TokenStore(settings.tokens_path)
    app.state.audit = AuditLog(settings.audit_path)
    app.state.review = ReviewQueue(settings.review_path)
    reconcile_reviews(app.state.review, store)
    app.state.merges = MergeJournal(settings.merges_path)
    app.state.merges.finish(store)
    install_problem_handlers(app)
    document_problems(app)
    for module in (health, entities, queries, graph_export, documents, review, edits, web):
        app.include_router(module.router)
    app.add_middleware(SearchLane)
    app.add_middleware(SerialWrites)
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)
    allow_origins(app, settings.cors_origins)
    app.add_middleware(SecurityHeaders)
    return app
