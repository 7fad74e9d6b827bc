"""GET /v1/audit: the newest writes, for token holders."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from tsunagari.api.deps import Audit, Writer
from tsunagari.api.errors import problem_responses
from tsunagari.api.params import AuditCursor, AuditLimit, next_page
from tsunagari.api.schemas import AuditOut

router = APIRouter(prefix="/v1", tags=["writes"], responses=problem_responses(422))


@router.get("/audit", response_model=AuditOut, responses=problem_responses(401, 403))
def audit_log(
    request: Request, writer: Writer, audit: Audit, limit: AuditLimit = 100,
    cursor: AuditCursor = None,
) -> dict[str, Any]:
    """The newest writes first, a page at a time (token holders only); `next` links the
    older ones."""
    page, following = next_page(request, audit.entries(limit + 1, before=cursor), limit,
                                lambda entry: entry["id"])
    return {"entries": page, "next": following}
