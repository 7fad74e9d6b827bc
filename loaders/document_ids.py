"""Document ids: those kept for documents the code itself writes, and when two ids are the
same to a reader.

`staff-edits` holds what staff write directly and `reference-places` the reference places;
a document uploaded or annotated under either id would replace them. Two ids that differ
only in case, surrounding white space, or `_` for `-` name the same document to a person,
so a new document may not take an id that looks like one already stored.
"""

from __future__ import annotations

from tsunagari.graph.merge import STAFF_DOCUMENT
from tsunagari.loaders.places import PLACES_DOCUMENT

RESERVED_DOCUMENTS: dict[str, tuple[str, str]] = {
    STAFF_DOCUMENT: ("the edits staff write directly", "スタッフが直接書いた編集"),
    PLACES_DOCUMENT: ("the reference places", "参照地名"),
}
"""Each reserved id, with what it holds in English and Japanese."""


def id_key(document_id: str) -> str:
    """The form in which two ids a person would read as one are equal."""
    return document_id.strip().casefold().replace("_", "-")


def reserved_for(document_id: str) -> tuple[str, str] | None:
    """What the id is reserved for (English, Japanese), or None when it is free to use."""
    key = id_key(document_id)
    return next((held for reserved, held in RESERVED_DOCUMENTS.items() if id_key(reserved) == key),
                None)


def same_as(document_id: str, stored: list[str]) -> str | None:
    """The stored id that reads as this one (itself, or one differing in case, white space
    or `_` for `-`), or None."""
    key = id_key(document_id)
    return next((other for other in stored if id_key(other) == key), None)
