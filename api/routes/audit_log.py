"""GET /v1/audit: the newest writes, for token holders."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tsunagari.api.deps import Audit, Writer
from tsunagari.api.errors import problem_responses
from tsunagari.api.params import AuditLimit
from tsunagari.api.schemas import AuditOut

router = APIRouter(prefix="/v1", tags=["writes"], responses=problem_responses(422))


@router.get("/audit", response_model=AuditOut, responses=problem_responses(401, 403))
def audit_log(writer: Writer, audit: Audit, limit: AuditLimit = 100) -> dict[str, Any]:
    """The newest writes (token holders only)."""
    return {"entries": audit.entries(limit)}
