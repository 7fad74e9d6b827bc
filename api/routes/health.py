"""GET /healthz: is the service up, on which backend, how big is the graph."""

from __future__ import annotations

from fastapi import APIRouter, Request

from tsunagari.api.reads import run_read
from tsunagari.api.schemas import Health
from tsunagari.graph import GraphStore

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
async def healthz(request: Request) -> Health:
    # The store comes from the app's state, not as a dependency: FastAPI's solving of a
    # dependency costs about as much as the rest of this answer.
    return await run_read(request, _health, request.app.state.store)


def _health(store: GraphStore) -> Health:
    entities, relations = store.counts()
    return Health(
        status="ok",
        backend=store.backend,
        entities=entities,
        relations=relations,
        version=store.version(),
    )
