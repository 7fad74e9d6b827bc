"""Merging what several documents say of one entity or relation into one graph fact.

Documents are merged in a fixed order (staff edits first, then by document id),
so the merged graph does not depend on the order in which documents were loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from tsunagari.graph.model import Contribution, Entity, Evidence, Relation, Service

T = TypeVar("T")

STAFF_DOCUMENT = "staff-edits"
"""The document that holds what staff write directly; its facts take precedence."""


def document_order(document_id: str) -> tuple[int, str]:
    """Merge order of documents: staff edits first, then by id."""
    return (0 if document_id == STAFF_DOCUMENT else 1, document_id)


def _union(lists: Iterable[Iterable[T]]) -> list[T]:
    """Concatenate, keeping the first of each repeated item."""
    seen: dict[T, None] = {}
    for items in lists:
        for item in items:
            seen.setdefault(item, None)
    return list(seen)


def _first_by_id(services: Iterable[Service]) -> list[Service]:
    """The first of each service id (documents in merge order)."""
    chosen: dict[str, Service] = {}
    for service in services:
        chosen.setdefault(service.id, service)
    return list(chosen.values())


def _first(values: Iterable[str | None]) -> str | None:
    return next((v for v in values if v), None)


def merge_entities(versions: Sequence[Entity]) -> Entity:
    """One entity from the versions several documents give (in document order).

    Names and descriptions come from the first document that has them; aliases,
    sectors, labels, evidence and services (by id) are the union of all. An entity that
    any document names only as a source, author or publisher is not an actor.
    """
    first = versions[0]
    return Entity(
        id=first.id,
        type=first.type,
        name_ja=_first(v.name_ja for v in versions) or "",
        name_en=_first(v.name_en for v in versions) or "",
        aliases=_union(v.aliases for v in versions),
        country=_first(v.country for v in versions) or "",
        sectors=_union(v.sectors for v in versions),
        description=_first(v.description for v in versions) or "",
        description_ja=_first(v.description_ja for v in versions) or "",
        actor=all(v.actor for v in versions),
        extra_labels=_union(v.extra_labels for v in versions),
        evidence=_union(v.evidence for v in versions),
        services=_first_by_id(s for v in versions for s in v.services),
    )


def _agreed(values: Iterable[str | None]) -> str | None:
    """The one value all versions give, or None when they differ or give none."""
    distinct = {v for v in values}
    return distinct.pop() if len(distinct) == 1 else None


def merge_relations(versions: Sequence[Relation]) -> Relation:
    """One relation from the versions several statements give.

    Evidence is the union. Validity is the widest span stated; stage and entry
    point are kept only where every statement agrees (otherwise the relation
    holds for all of them).
    """
    first = versions[0]
    sinces = [v.since for v in versions if v.since]
    untils = [v.until for v in versions if v.until]
    evidence: list[Evidence] = _union(v.evidence for v in versions)
    return Relation(
        type=first.type,
        source=first.source,
        target=first.target,
        evidence=evidence,
        since=min(sinces) if sinces else None,
        until=max(untils) if len(untils) == len(versions) else None,
        stage=_agreed(v.stage for v in versions),
        entry_point=_agreed(v.entry_point for v in versions),
        confidence=max(v.confidence for v in versions),
        status=first.status,
    )


def touched_ids(old: Contribution | None, new: Contribution | None, kind: str) -> set[str]:
    """Ids of the entities or relations (kind) that either contribution states."""
    return {
        fact.id
        for contribution in (old, new)
        if contribution is not None
        for fact in getattr(contribution, kind)
    }


def same_facts(a: Contribution, b: Contribution) -> bool:
    """Whether two contributions of a document state the same facts of the same text."""
    return (
        a.document.sha256 == b.document.sha256
        and a.entities == b.entities
        and a.relations == b.relations
    )


def merged_entity(by_document: dict[str, Entity]) -> Entity:
    """The merged entity from what each document states of it (keyed by document id)."""
    if len(by_document) == 1:
        (only,) = by_document.values()
        if not (_repeats(only.aliases) or _repeats(only.sectors) or _repeats(only.extra_labels)
                or _repeats(only.evidence)):
            return only
    return merge_entities([by_document[d] for d in sorted(by_document, key=document_order)])


def merged_relation(by_document: dict[str, Relation]) -> Relation:
    """The merged relation from what each document states of it (keyed by document id)."""
    if len(by_document) == 1:
        (only,) = by_document.values()
        if not _repeats(only.evidence) and only.since != "" and only.until != "":
            return only
    return merge_relations([by_document[d] for d in sorted(by_document, key=document_order)])


def _repeats(items: Sequence[object]) -> bool:
    """Whether a list holds an item twice (a lone version is then not yet merged)."""
    return len(items) > 1 and len(set(items)) != len(items)
