"""Review of a submitted document's proposals: list them, accept (with edits) or reject one,
accept every one above a confidence (after a preview)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request

from tsunagari.api.deps import Review, WritePath, Writer
from tsunagari.api.errors import problem_responses
from tsunagari.api.params import (
    DEFAULT_PAGE,
    Cursor,
    DocumentId,
    PageLimit,
    ProposalId,
    next_page,
)
from tsunagari.api.schemas import ConfidentIn, ConfidentOut, Decision, DecisionOut, ProposalsOut
from tsunagari.graph import ApplyReport
from tsunagari.loaders.review import Proposal

router = APIRouter(prefix="/v1", tags=["writes"], responses=problem_responses(422))
WRITE_PROBLEMS = problem_responses(400, 401, 403, 413)


@router.get("/documents/{document_id}/proposals", response_model=ProposalsOut,
            responses=problem_responses(404))
def list_proposals(
    request: Request, document_id: DocumentId, queue: Review, limit: PageLimit = DEFAULT_PAGE,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """A document's proposals with their decisions, a page at a time (entities, then
    relations, by id); `next` links the next page."""
    found = queue.proposals(document_id, after=cursor or "", limit=limit + 1)
    if not found and queue.document(document_id) is None:
        raise HTTPException(404, f"no document {document_id!r} in review")
    page, following = next_page(request, found, limit, lambda p: p.pid)
    return {"document": document_id, "proposals": [p.to_dict() for p in page],
            "next": following}


@router.post("/documents/{document_id}/proposals/accept-confident", response_model=ConfidentOut,
             responses={**WRITE_PROBLEMS, **problem_responses(404)})
def accept_confident(
    document_id: DocumentId, body: ConfidentIn, writer: Writer, writes: WritePath,
) -> dict[str, Any]:
    """Accept in one write every undecided proposal at least `min_confidence` confident (a
    relation with its ends); with `preview`, list them and change nothing."""
    chosen, report = writes.accept_confident(writer.name, document_id, body.min_confidence,
                                             body.preview)
    return {"document": document_id, "min_confidence": body.min_confidence,
            "preview": body.preview, "proposals": [p.to_dict() for p in chosen],
            "graph": report.to_dict() if report else None}


@router.post("/documents/{document_id}/proposals/{pid}/accept", response_model=DecisionOut,
             responses={**WRITE_PROBLEMS, **problem_responses(404)})
def accept_proposal(
    document_id: DocumentId, pid: ProposalId, writer: Writer, writes: WritePath,
    decision: Decision | None = None,
) -> dict[str, Any]:
    """Accept a proposal (with optional edits); the document's accepted facts join the graph."""
    edits = decision.edits.model_dump(exclude_none=True) if decision else {}
    return _decided(*writes.decide(writer.name, document_id, pid, "accepted", edits))


@router.post("/documents/{document_id}/proposals/{pid}/reject", response_model=DecisionOut,
             responses=problem_responses(401, 403, 404))
def reject_proposal(
    document_id: DocumentId, pid: ProposalId, writer: Writer, writes: WritePath,
) -> dict[str, Any]:
    """Reject a proposal; if it had been accepted, it leaves the graph."""
    return _decided(*writes.decide(writer.name, document_id, pid, "rejected"))


def _decided(proposal: Proposal, report: ApplyReport) -> dict[str, Any]:
    return {"proposal": proposal.to_dict(), "graph": report.to_dict()}
