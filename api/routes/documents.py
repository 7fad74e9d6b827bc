"""Documents: the loaded ones and the facts each supports (/v1/documents), new documents
submitted for review, retraction, and a reviewed document's accepted facts as an annotation."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response

from tsunagari.api.deps import Config, Store, WritePath, Writer
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
    GraphChangeOut,
    UploadOut,
)
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


@router.get("/documents", response_model=DocumentList, tags=["documents"])
def list_documents(
    request: Request, store: Store, limit: PageLimit = DEFAULT_PAGE, cursor: Cursor = None,
) -> DocumentList:
    """The loaded documents by id, a page at a time; `next` links the next page."""
    after = [d for d in store.documents() if d.id > (cursor or "")][:limit + 1]
    page, following = next_page(request, after, limit, lambda d: d.id)
    return DocumentList(documents=[DocumentOut(**d.to_dict()) for d in page], next=following)


@router.get("/documents/{document_id}", response_model=DocumentDetail, tags=["documents"],
            responses=problem_responses(404, 422))
def get_document(document_id: DocumentRef, store: Store) -> DocumentDetail:
    """A document and the ids of the entities and relations it supports."""
    record = store.document(document_id)
    if record is None:
        raise HTTPException(404, f"no document with id {document_id!r}; see /v1/documents")
    entities, relations = store.document_facts(document_id)
    return DocumentDetail(**record.to_dict(), entities=entities, relations=relations)


@router.post("/documents", status_code=201, response_model=UploadOut, tags=["writes"],
             responses={**WRITE_PROBLEMS, **problem_responses(409)})
def upload_document(
    body: DocumentIn, writer: Writer, writes: WritePath, settings: Config,
) -> dict[str, Any]:
    """Store a new document and propose the entities and relations it names."""
    size = len(body.text.encode("utf-8"))
    if size > settings.max_document_bytes:
        raise HTTPException(413, f"the document is {size} bytes; the limit is "
                                 f"{settings.max_document_bytes}")
    submission = writes.submit(writer, body.text, body.title, body.id)
    return {"document": submission.document.to_dict(), "proposed": submission.counts,
            "proposals": [p.to_dict() for p in submission.proposals]}


@router.delete("/documents/{document_id}", response_model=GraphChangeOut, tags=["writes"],
               responses=problem_responses(401, 403, 404, 422))
def retract_document(document_id: DocumentId, writer: Writer, writes: WritePath) -> dict[str, Any]:
    """Remove a document and every fact only it supports."""
    return {"graph": writes.retract(writer, document_id).to_dict()}


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
