"""The service itself: health, and errors as problem JSON."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Health(BaseModel):
    status: str
    backend: str
    entities: int
    relations: int
    version: int


class Problem(BaseModel):
    """An error as problem JSON (RFC 9457). Some add members: a question not understood
    adds `recognised` and `suggestions`; a token whose role does not allow the write adds
    `required_role`, `role` and `messages` (English and Japanese)."""

    type: str = Field(description="Always about:blank: the title and status say it all")
    title: str
    status: int
    detail: str = Field(description="What is wrong, in words, naming the offending input")
