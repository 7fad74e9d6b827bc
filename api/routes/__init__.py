"""The routes, one module per resource; `ROUTERS` in the order the app includes them."""

from fastapi import APIRouter

from tsunagari.api.routes import (
    api_docs,
    audit_log,
    documents,
    edits,
    entities,
    graph,
    health,
    proposals,
    queries,
    web,
)

ROUTERS: list[APIRouter] = [
    module.router
    for module in (health, entities, queries, graph, documents, proposals, edits, audit_log, web,
                   api_docs)
]

__all__ = ["ROUTERS"]
