"""Documents: the loaded ones and the facts each supports (/v1/documents), new documents
submitted for review and new versions of them, retraction and its undoing (admin tokens), and
a reviewed document's accepted facts as an annotation."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request, Response

from tsunagari.api.deps import Admin, Config, Store, WritePath, Writer
from tsunagari.api.errors import problem_responses
from tsunagari.api.params import (
    DEFAULT_PAGE,
    Cursor,
    DocumentId,
    DocumentRef,
    PageLimit,
    next_page,
)
from tsunagari.api.schemas import (
    DocumentDetail,
    DocumentIn,
    DocumentList,
    DocumentOut,
    DocumentVersionIn,
    GraphChangeOut,
    UploadOut,
    VersionOut,
)
from tsunagari.api.settings import Settings
from tsunagari.loaders import annotation_yaml

router = APIRouter(prefix="/v1")
WRITE_PROBLEMS = problem_responses(400, 401, 403, 413, 422)
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


@router.get("/documents", response_model=DocumentList, tags=["documents"],
            responses=problem_responses(422))
def list_documents(
    request: Request, store: Store, limit: PageLimit = DEFAULT_PAGE, cursor: Cursor = None,
) -> DocumentList:
    """The loaded documents by id, a page at a time; `next` links the next page."""
    after = [d for d in store.documents() if d.id > (cursor or "")][:limit + 1]
    page, following = next_page(request, after, limit, lambda d: d.id)
    return DocumentList(documents=[DocumentOut(**d.to_dict()) for d in page], next=following)


@router.get("/documents/{document_id}", response_model=DocumentDetail, tags=["documents"],
            responses=problem_responses(404, 422))
def get_document(document_id: DocumentRef, store: Store, writes: WritePath) -> DocumentDetail:
    """A document, loaded or submitted for review, and the ids of the entities and relations
    it supports."""
    submitted = writes.submitted(document_id)
    record = store.document(document_id) or submitted
    if record is None:
        raise HTTPException(404, f"no document with id {document_id!r}; see /v1/documents")
    entities, relations = store.document_facts(document_id)
    return DocumentDetail(**record.to_dict(), entities=entities, relations=relations,
                          proposals=proposals_path(document_id) if submitted else None)


@router.post("/documents", status_code=201, response_model=UploadOut, tags=["writes"],
             responses={**WRITE_PROBLEMS, **problem_responses(409)})
def upload_document(
    body: DocumentIn, writer: Writer, writes: WritePath, settings: Config, response: Response,
) -> dict[str, Any]:
    """Store a new document and propose the entities and relations it names. An id already
    stored is a 409 (its new text goes to PUT /v1/documents/{id}); a reserved id is a 422. Its
    text is kept without invisible format characters (bidirectional overrides, zero-width
    spaces ...); a document that proposes more entities and relations than
    `TSUNAGARI_MAX_PROPOSALS_PER_DOCUMENT` (5,000) is refused (413) and nothing is stored.
    `Location`: the document, whose `proposals` link leads to its review."""
    refuse_too_large(body.text, settings)
    submission = writes.submit(writer.name, body.text, body.title, body.id)
    response.headers["Location"] = f"/v1/documents/{quote(submission.document.id)}"
    return {"document": submission.document.to_dict(), "proposed": submission.counts,
            "proposals": [p.to_dict() for p in submission.proposals]}


def proposals_path(document_id: str) -> str:
    return f"/v1/documents/{quote(document_id)}/proposals"


@router.put("/documents/{document_id}", response_model=VersionOut, tags=["writes"],
            responses={**WRITE_PROBLEMS, **problem_responses(404, 409)})
def upload_version(
    document_id: DocumentId, body: DocumentVersionIn, writer: Writer, writes: WritePath,
    settings: Config,
) -> dict[str, Any]:
    """Store a new version of a document in review. A decision stands where the same
    proposal comes back from the same sentences; every other proposal is proposed again, and
    accepted facts the new version no longer stands for leave the graph."""
    refuse_too_large(body.text, settings)
    version = writes.resubmit(writer.name, document_id, body.text, body.title)
    return {"document": version.document.to_dict(), "proposed": version.counts,
            "proposals": [p.to_dict() for p in version.proposals],
            "decisions": version.carried.to_dict(), "graph": version.graph.to_dict()}


def refuse_too_large(text: str, settings: Settings) -> None:
    """413 for a document text beyond the configured size."""
    size = len(text.encode("utf-8"))
    if size > settings.max_document_bytes:
        raise HTTPException(413, f"the document is {size} bytes; the limit is "
                                 f"{settings.max_document_bytes}")


@router.delete("/documents/{document_id}", response_model=GraphChangeOut, tags=["writes"],
               responses=problem_responses(401, 403, 404, 422))
def retract_document(document_id: DocumentId, admin: Admin, writes: WritePath) -> dict[str, Any]:
    """Remove a document and every fact only it supports (an admin token); what it stated,
    and its review, are kept for a restore."""
    return {"graph": writes.retract(admin.name, document_id).to_dict()}


@router.post("/documents/{document_id}/restore", response_model=GraphChangeOut, tags=["writes"],
             responses=problem_responses(401, 403, 404, 409, 422))
def restore_document(document_id: DocumentId, admin: Admin, writes: WritePath) -> dict[str, Any]:
    """Undo the document's last retraction (an admin token): its entities, relations and
    evidence come back as they were, and its proposals with their decisions."""
    return {"graph": writes.restore(admin.name, document_id).to_dict()}


@router.get(
    "/documents/{document_id}/annotation",
    response_class=Response,
    tags=["writes"],
    responses={200: {"description": "The curated annotation",
                     "content": {"application/yaml": {"schema": ANNOTATION_SCHEMA}}},
               **problem_responses(404, 422)},
)
def export_annotation(document_id: DocumentId, writes: WritePath) -> Response:
    """The accepted facts of a reviewed document as a curated annotation (YAML)."""
    return Response(annotation_yaml(writes.annotation(document_id)), media_type="application/yaml")
