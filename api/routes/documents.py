"""Documents and the facts each supports: /v1/documents, /v1/documents/{id}."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path

from tsunagari.api.deps import get_store
from tsunagari.api.problems import problem_responses
from tsunagari.api.schemas import DocumentDetail, DocumentList, DocumentOut
from tsunagari.graph.store import GraphStore

router = APIRouter(prefix="/v1", tags=["documents"])


@router.get("/documents", response_model=DocumentList)
def list_documents(store: GraphStore = Depends(get_store)) -> DocumentList:
    """Every loaded document."""
    return DocumentList(documents=[DocumentOut(**d.to_dict()) for d in store.documents()])


@router.get("/documents/{document_id}", response_model=DocumentDetail,
            responses=problem_responses(404, 422))
def get_document(
    document_id: Annotated[str, Path(max_length=200)],
    store: GraphStore = Depends(get_store),
) -> DocumentDetail:
    """A document and the ids of the entities and relations it supports."""
    record = store.document(document_id)
    if record is None:
        raise HTTPException(404, f"no document with id {document_id!r}; see /v1/documents")
    entities, relations = store.document_facts(document_id)
    return DocumentDetail(**record.to_dict(), entities=entities, relations=relations)
