"""Edits by staff: facts written directly, kept as the contribution of one document.

That document (`staff-edits`) takes precedence when facts are merged, so an edited
name or type wins over what source documents say; its evidence records who wrote
the fact, when, and the source they gave. Merging two entities rewrites every
document's contribution that names the one dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from tsunagari.graph.merge import STAFF_DOCUMENT, merge_relations
from tsunagari.graph.model import Contribution, DocumentRecord, Entity, Evidence, Relation
from tsunagari.graph.store import ApplyReport, GraphStore


def staff_contribution(stands: Contribution | None) -> Contribution:
    """The staff document as it stands (empty the first time)."""
    if stands is not None:
        return stands
    return Contribution(DocumentRecord(STAFF_DOCUMENT, "Edits by staff", ""), [], [])


def revise_staff(store: GraphStore, change: Callable[[Contribution], Contribution]) -> ApplyReport:
    """Change the staff document as it stands when the write is made (a staff edit made
    meanwhile by another process is kept, not overwritten)."""
    return store.revise(STAFF_DOCUMENT, lambda stands: change(staff_contribution(stands)))


def staff_evidence(writer: str, source: str) -> Evidence:
    """Evidence of a staff edit: the source given, who wrote it and when."""
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    return Evidence(STAFF_DOCUMENT, f"{writer} {stamp}", source)


def _counted(contribution: Contribution) -> Contribution:
    document = replace(contribution.document, entity_count=len(contribution.entities),
                       relation_count=len(contribution.relations),
                       loaded_at=datetime.now(UTC).isoformat(timespec="seconds"))
    return Contribution(document, contribution.entities, contribution.relations)


def with_entity(contribution: Contribution, entity: Entity) -> Contribution:
    """The contribution with this version of the entity (replacing an earlier one)."""
    entities = [e for e in contribution.entities if e.id != entity.id] + [entity]
    return _counted(Contribution(contribution.document, entities, contribution.relations))


def with_relation(contribution: Contribution, relation: Relation, ends: list[Entity]) -> Contribution:
    """The contribution with the relation and, where missing, its two ends."""
    present = {e.id for e in contribution.entities}
    entities = contribution.entities + [
        replace(end, evidence=relation.evidence) for end in ends if end.id not in present
    ]
    relations = [r for r in contribution.relations if r.id != relation.id] + [relation]
    return _counted(Contribution(contribution.document, entities, relations))


def without(contribution: Contribution, entity_id: str | None = None,
            relation_id: str | None = None) -> Contribution:
    """The contribution less an entity (and its relations) or less one relation."""
    relations = [
        r for r in contribution.relations
        if r.id != relation_id and entity_id not in (r.source, r.target)
    ]
    entities = [e for e in contribution.entities if e.id != entity_id]
    return _counted(Contribution(contribution.document, entities, relations))


def merged_into(contribution: Contribution, keep: Entity, drop: Entity) -> Contribution | None:
    """The contribution with `drop` rewritten as `keep`, or None when it does not name it."""
    if all(e.id != drop.id for e in contribution.entities):
        return None
    dropped = next(e for e in contribution.entities if e.id == drop.id)
    entities = [e for e in contribution.entities if e.id not in (drop.id, keep.id)]
    own_keep = next((e for e in contribution.entities if e.id == keep.id), None)
    base = own_keep or replace(keep, evidence=[])
    names = [n for n in (drop.name_ja, drop.name_en, *drop.aliases) if n]
    entities.append(replace(base, aliases=list(dict.fromkeys([*base.aliases, *names])),
                            evidence=list(dict.fromkeys([*base.evidence, *dropped.evidence]))))
    statements: dict[str, list[Relation]] = {}
    for relation in contribution.relations:
        rewritten = replace(
            relation,
            source=keep.id if relation.source == drop.id else relation.source,
            target=keep.id if relation.target == drop.id else relation.target,
        )
        if rewritten.source != rewritten.target:
            statements.setdefault(rewritten.id, []).append(rewritten)
    relations = [merge_relations(versions) for versions in statements.values()]
    return _counted(Contribution(contribution.document, entities, relations))


def merge_everywhere(store: GraphStore, keep: Entity, drop: Entity,
                     evidence: Evidence) -> list[ApplyReport]:
    """Rewrite `drop` as `keep` in every document that names it, the staff edits last
    (where `drop` is first noted with this evidence); one revision per document, each made
    to the document as it stands when it is written."""
    naming = [d.id for d in store.documents()
              if d.id != STAFF_DOCUMENT and drop.id in store.document_facts(d.id)[0]]

    def rewrite(contribution: Contribution) -> Contribution:
        return merged_into(contribution, keep, drop) or contribution

    reports = [store.revise(document_id, lambda stands: stands and rewrite(stands))
               for document_id in naming]
    reports.append(revise_staff(
        store, lambda staff: rewrite(with_entity(staff, replace(drop, evidence=[evidence])))))
    return reports
