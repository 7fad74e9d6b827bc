"""Writes: documents in (upload, extract, propose), decisions on proposals, retraction.

Every route here that changes something needs a bearer token and is recorded in
the audit log; reading proposals and exporting the accepted set are open.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from tsunagari.api.audit import AuditLog
from tsunagari.api.deps import get_audit, get_review, get_settings, get_store
from tsunagari.api.problems import problem_responses
from tsunagari.api.settings import Settings
from tsunagari.api.text_fields import DocumentText, FieldText
from tsunagari.api.write_schemas import (
    AuditOut,
    DecisionOut,
    GraphChangeOut,
    ProposalsOut,
    UploadOut,
)
from tsunagari.api.writers import require_writer
from tsunagari.graph.model import DocumentRecord
from tsunagari.graph.store import GraphStore
from tsunagari.loaders.documents import Document
from tsunagari.loaders.export import annotation_yaml
from tsunagari.loaders.extract import extract
from tsunagari.loaders.review import ReviewError, ReviewQueue

router = APIRouter(prefix="/v1", tags=["writes"], responses=problem_responses(422))
WRITE_PROBLEMS = problem_responses(400, 401, 403, 413)
MAX_AUDIT_ENTRIES = 1000
ANNOTATION_SCHEMA = {
    "type": "object",
    "required": ["document", "title", "entities", "relations"],
    "properties": {
        "document": {"type": "string"},
        "title": {"type": "string"},
        "entities": {"type": "array",
                     "items": {"type": "object", "required": ["id", "type", "quote"]}},
        "relations": {"type": "array", "items": {
            "type": "object", "required": ["type", "source", "target", "quote"]}},
    },
}
"""The curated annotation format (docs/annotation-format.md), as the OpenAPI states it."""

DOCUMENT_ID = r"^[a-z0-9][a-z0-9_-]{0,79}$"
DocumentId = Annotated[str, Path(pattern=DOCUMENT_ID)]
ProposalId = Annotated[str, Path(max_length=300)]


class DocumentIn(BaseModel):
    """A new document: its text (UTF-8), a title, and optionally its id."""

    model_config = ConfigDict(extra="forbid")

    text: DocumentText = Field(min_length=1)
    title: FieldText = Field(default="", max_length=300)
    id: str | None = Field(default=None, pattern=DOCUMENT_ID)


class Edits(BaseModel):
    """What a reviewer changes when accepting: an entity's type and names, a relation's type."""

    model_config = ConfigDict(extra="forbid")

    type: str | None = Field(default=None, max_length=40,
                             description="An entity type, or a relation type for a relation")
    name_ja: FieldText | None = Field(default=None, min_length=1, max_length=300)
    name_en: FieldText | None = Field(default=None, min_length=1, max_length=300)


class Decision(BaseModel):
    """Edits to apply with an acceptance."""

    model_config = ConfigDict(extra="forbid")

    edits: Edits = Field(default_factory=Edits)


@router.post("/documents", status_code=201, response_model=UploadOut,
             responses={**WRITE_PROBLEMS, **problem_responses(409)})
def upload_document(
    body: DocumentIn,
    writer: str = Depends(require_writer),
    queue: ReviewQueue = Depends(get_review),
    audit: AuditLog = Depends(get_audit),
    store: GraphStore = Depends(get_store),
    settings: Settings = Depends(get_settings),
) -> dict[str, Any]:
    """Store a new document and propose the entities and relations it names."""
    encoded = body.text.encode("utf-8")
    if len(encoded) > settings.max_document_bytes:
        raise HTTPException(413, f"the document is {len(encoded)} bytes; the limit is "
                                 f"{settings.max_document_bytes}")
    digest = hashlib.sha256(encoded).hexdigest()
    document_id = body.id or f"doc-{digest[:12]}"
    if store.document(document_id) is not None and queue.document(document_id) is None:
        raise HTTPException(409, f"document {document_id!r} is a curated document; choose another id")
    document = Document.from_text(document_id, body.text, body.title)
    folder = settings.data_dir / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{document_id}.txt").write_text(body.text, encoding="utf-8")
    proposals = extract(document, store.entities())
    record = DocumentRecord(document_id, body.title or document.title, digest,
                            loaded_at=datetime.now(UTC).isoformat(timespec="seconds"))
    queue.put(record, proposals)
    changes = {"entities": len(proposals.entities), "relations": len(proposals.relations)}
    audit.record(writer, "upload", document_id, changes)
    return {"document": record.to_dict(), "proposed": changes,
            "proposals": [p.to_dict() for p in queue.proposals(document_id)]}


@router.get("/documents/{document_id}/proposals", response_model=ProposalsOut,
            responses=problem_responses(404))
def list_proposals(
    document_id: DocumentId, queue: ReviewQueue = Depends(get_review)
) -> dict[str, Any]:
    """A document's proposals with their decisions."""
    proposals = queue.proposals(document_id)
    if not proposals and queue.document(document_id) is None:
        raise HTTPException(404, f"no document {document_id!r} in review")
    return {"document": document_id, "proposals": [p.to_dict() for p in proposals]}


def _decide(
    queue: ReviewQueue, audit: AuditLog, store: GraphStore, writer: str, document_id: str,
    pid: str, status: str, edits: dict[str, str],
) -> dict[str, Any]:
    try:
        with queue.deciding(document_id, pid, status, store.entity, edits) as (proposal, contribution):
            report = (store.apply(contribution) if contribution.entities
                      else store.retract(document_id))
    except ReviewError as exc:
        code = 404 if "no proposal" in str(exc) or "no proposals" in str(exc) else 422
        raise HTTPException(code, str(exc)) from None
    audit.record(writer, status, f"{document_id}/{pid}",
                           {"edits": edits, **report.to_dict()})
    return {"proposal": proposal.to_dict(), "graph": report.to_dict()}


@router.post("/documents/{document_id}/proposals/{pid}/accept", response_model=DecisionOut,
             responses={**WRITE_PROBLEMS, **problem_responses(404)})
def accept_proposal(
    document_id: DocumentId, pid: ProposalId,
    decision: Decision | None = None,
    writer: str = Depends(require_writer), store: GraphStore = Depends(get_store),
    queue: ReviewQueue = Depends(get_review), audit: AuditLog = Depends(get_audit),
) -> dict[str, Any]:
    """Accept a proposal (with optional edits); the document's accepted facts join the graph."""
    edits = decision.edits.model_dump(exclude_none=True) if decision else {}
    return _decide(queue, audit, store, writer, document_id, pid, "accepted", edits)


@router.post("/documents/{document_id}/proposals/{pid}/reject", response_model=DecisionOut,
             responses=problem_responses(401, 403, 404))
def reject_proposal(
    document_id: DocumentId, pid: ProposalId,
    writer: str = Depends(require_writer), store: GraphStore = Depends(get_store),
    queue: ReviewQueue = Depends(get_review), audit: AuditLog = Depends(get_audit),
) -> dict[str, Any]:
    """Reject a proposal; if it had been accepted, it leaves the graph."""
    return _decide(queue, audit, store, writer, document_id, pid, "rejected", {})


@router.delete("/documents/{document_id}", response_model=GraphChangeOut,
               responses=problem_responses(401, 403, 404))
def retract_document(
    document_id: DocumentId,
    writer: str = Depends(require_writer), store: GraphStore = Depends(get_store),
    queue: ReviewQueue = Depends(get_review), audit: AuditLog = Depends(get_audit),
) -> dict[str, Any]:
    """Remove a document and every fact only it supports."""
    if store.document(document_id) is None and queue.document(document_id) is None:
        raise HTTPException(404, f"no document {document_id!r}")
    report = store.retract(document_id)
    queue.forget(document_id)
    audit.record(writer, "retract", document_id, report.to_dict())
    return {"graph": report.to_dict()}


@router.get(
    "/documents/{document_id}/annotation",
    response_class=Response,
    responses={200: {"description": "The curated annotation",
                     "content": {"application/yaml": {"schema": ANNOTATION_SCHEMA}}},
               **problem_responses(404)},
)
def export_annotation(
    document_id: DocumentId, store: GraphStore = Depends(get_store), queue: ReviewQueue = Depends(get_review)
) -> Response:
    """The accepted facts of a reviewed document as a curated annotation (YAML)."""
    try:
        contribution = queue.contribution(document_id, store.entity)
    except ReviewError as exc:
        raise HTTPException(404, str(exc)) from None
    return Response(annotation_yaml(contribution), media_type="application/yaml")


@router.get("/audit", response_model=AuditOut, responses=problem_responses(401, 403))
def audit_log(
    limit: Annotated[int, Query(ge=1, le=MAX_AUDIT_ENTRIES)] = 100,
    writer: str = Depends(require_writer), audit: AuditLog = Depends(get_audit),
) -> dict[str, Any]:
    """The newest writes (token holders only)."""
    return {"entries": audit.entries(limit)}
