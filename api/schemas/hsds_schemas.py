"""Answers of the HSDS routes: records as Open Referral HSDS 3 defines them (extra properties
allowed, as HSDS allows them; tsunagari's own fields are under `tsunagari`)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class HsdsRecord(BaseModel):
    """An HSDS `organization` or `service` (every HSDS field it has a value for)."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(description="The record's HSDS id (a UUID derived from its tsunagari id)")
    name: str
    tsunagari: dict[str, Any] = Field(
        description="tsunagari's own fields: its id, both languages' names, and the evidence")


class HsdsPage(BaseModel):
    """A page of records, as the HSDS API reference pages them."""

    total_items: int
    total_pages: int
    page_number: int
    size: int = Field(description="The number of records on this page")
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[HsdsRecord]


class HsdsAbout(BaseModel):
    """What the HSDS API of this server serves."""

    version: str
    profile: str
    openapi_url: str
