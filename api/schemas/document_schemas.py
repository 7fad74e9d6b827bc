"""Loaded documents and the facts each supports."""

from __future__ import annotations

from pydantic import BaseModel, Field


class DocumentOut(BaseModel):
    id: str
    title: str
    sha256: str
    path: str
    loaded_at: str
    entity_count: int
    relation_count: int


class Page(BaseModel):
    """One page of a listing."""

    next: str | None = Field(default=None, description="The link (path and query) of the next "
                                                       "page, or null on the last page")


class DocumentList(Page):
    documents: list[DocumentOut]


class DocumentDetail(DocumentOut):
    entities: list[str]
    relations: list[str]
    proposals: str | None = Field(
        default=None, description="Where its proposals are reviewed, for a document submitted "
                                  "for review (until one is accepted it supports no fact)")
