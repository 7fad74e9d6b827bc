"""The routes, one module per resource; `ROUTERS` in the order the app includes them."""

from fastapi import APIRouter

from tsunagari.api.routes import (
    api_docs,
    audit_log,
    directories,
    documents,
    edits,
    entities,
    graph,
    health,
    hsds,
    proposals,
    queries,
    referrals,
    web,
)

ROUTERS: list[APIRouter] = [
    module.router
    for module in (health, entities, queries, graph, hsds, documents, directories, proposals,
                   edits, referrals, audit_log, web, api_docs)
]

__all__ = ["ROUTERS"]
