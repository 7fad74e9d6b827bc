"""What routes depend on, as `Annotated` aliases: `store: Store`, `writer: Writer`,
`admin: Admin`, ...

Each is read from the app's state (set up by `create_app` and its lifespan). The getters
are coroutines: FastAPI runs a plain function dependency in its thread pool, a hop that
costs more than the lookup itself.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Request

from tsunagari.api.audit import AuditLog
from tsunagari.api.auth import Caller, require_admin, require_writer
from tsunagari.api.settings import Settings
from tsunagari.graph import GraphStore
from tsunagari.loaders.review import ReviewQueue, Writes
from tsunagari.queries import VersionedCache


def from_state(*path: str) -> Callable[[Request], Awaitable[Any]]:
    """A dependency giving `request.app.state.<path>` (e.g. `from_state("writes", "queue")`)."""

    async def get(request: Request) -> Any:
        found: Any = request.app.state
        for name in path:
            found = getattr(found, name)
        return found

    return get


Store = Annotated[GraphStore, Depends(from_state("store"))]
Cache = Annotated[VersionedCache, Depends(from_state("cache"))]
Config = Annotated[Settings, Depends(from_state("settings"))]
Review = Annotated[ReviewQueue, Depends(from_state("writes", "queue"))]
Audit = Annotated[AuditLog, Depends(from_state("audit"))]
WritePath = Annotated[Writes, Depends(from_state("writes"))]
Writer = Annotated[Caller, Depends(require_writer)]
"""Who holds the write token, of any role (401 without a token, 403 with a wrong one)."""
Admin = Annotated[Caller, Depends(require_admin)]
"""Who holds the write token, whose role must be admin (403 naming the role otherwise)."""
