"""GET /healthz: is the service up, on which backend, how big is the graph."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from tsunagari.api.deps import get_store
from tsunagari.api.reads import run_read
from tsunagari.api.schemas import Health
from tsunagari.graph.store import GraphStore

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
async def healthz(request: Request, store: GraphStore = Depends(get_store)) -> Health:
    return await run_read(request, _health, store)


def _health(store: GraphStore) -> Health:
    entities, relations = store.counts()
    return Health(
        status="ok",
        backend=store.backend,
        entities=entities,
        relations=relations,
        version=store.version(),
    )
