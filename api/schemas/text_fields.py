"""Text fields of request bodies, refused (422) when they hold what should not be stored.

Each states its rule in the OpenAPI schema too (a pattern), so that a client, or a
fuzzer, knows in advance which text is refused. (Lone surrogates, which have no UTF-8
form, never get this far: request validation refuses them as not text.)
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from tsunagari.graph.text import CONTROLS, FORMATS, field_fault


def _field(text: str) -> str:
    fault = field_fault(text)
    if fault:
        raise ValueError(f"holds a {fault}")
    return text


def _document(text: str) -> str:
    if "\x00" in text:
        raise ValueError("holds NUL characters: binary content is refused")
    return text


FieldText = Annotated[
    str, AfterValidator(_field),
    Field(json_schema_extra={"pattern": f"^[^{CONTROLS}{FORMATS}]*$"}),
]
"""A name, title, quote or source: no control characters but tab and line breaks, and no
invisible format characters (bidirectional overrides, zero-width spaces and joiners ...)."""
DocumentText = Annotated[
    str, AfterValidator(_document), Field(json_schema_extra={"pattern": r"^[^\x00]*$"})
]
"""The text of a document: anything but NUL (PDF extraction leaves other control characters);
its invisible format characters are dropped when it is stored (`Writes.submit`)."""
