"""The embedded store (backend `networkx`): the merged graph in memory, persisted in SQLite.

Writes go to the SQLite fact log first, in one transaction, and only then to
memory; a failed write leaves both as they were. Another process writing the
same file (a CLI load while the API serves) is noticed on the next read, and by
the next write before it changes anything (SQLite lets one writer in at a time).

The merged graph is kept in plain dictionaries (facts by id, relation ids by
endpoint), which hold a million facts compactly; graph algorithms (hubs,
GraphML export) build networkx graphs from it where they need one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from tsunagari.graph.embedded.fact_log import FactLog, LogWrite
from tsunagari.graph.embedded.sqlite_referrals import SqliteReferralRecords
from tsunagari.graph.memory import bulk_allocation
from tsunagari.graph.merge import merged_entity, merged_relation, same_facts, touched_ids
from tsunagari.graph.model import Contribution, DocumentRecord, Entity, Relation
from tsunagari.graph.progress import ProgressFn
from tsunagari.graph.store import ApplyReport, ChangeLog, Revision

REFERRALS_FILE = "referrals.sqlite3"
"""The file of the referrals, beside the graph's."""


class NetworkxStore:
    """GraphStore kept in memory, with a SQLite file as the durable copy."""

    backend = "networkx"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._log = FactLog(path)
        self._lock = threading.RLock()
        self._graph = _Merged.of(*self._log.snapshot())
        self._referrals: SqliteReferralRecords | None = None
        self._changes = ChangeLog()

    # -- reading ---------------------------------------------------------

    def _current(self) -> _Merged:
        """The merged graph, with the writes of other processes since our last look picked
        up (looked at again under the lock: a write of this process, seen while under way,
        is no reason). A reload builds the new graph aside and swaps it in whole, so a read
        sees one version or the other, never a graph half rebuilt."""
        if self._log.version() != self._graph.version:
            with self._lock:
                if self._log.version() != self._graph.version:
                    self._graph = _Merged.of(*self._log.snapshot())
        return self._graph

    def version(self) -> int:
        return self._current().version

    def changes_since(self, version: int) -> list[ApplyReport] | None:
        """The reports of this process's writes since `version` (see `ChangeLog`)."""
        return self._changes.since(version, self.version())

    def entity(self, entity_id: str) -> Entity | None:
        return self._current().entities.get(entity_id)

    def entities(self) -> Iterator[Entity]:
        graph = self._current()
        with self._lock:
            return iter(list(graph.entities.values()))

    def relations(self) -> Iterator[Relation]:
        graph = self._current()
        with self._lock:
            return iter(list(graph.relations.values()))

    def relations_of(self, entity_id: str) -> list[Relation]:
        graph = self._current()
        with self._lock:
            return graph.relations_of(entity_id)

    def surroundings(self, entity_id: str) -> tuple[Entity, list[Relation], list[Entity]] | None:
        graph = self._current()
        with self._lock:
            entity = graph.entities.get(entity_id)
            if entity is None:
                return None
            relations = graph.relations_of(entity_id)
            others = {relation.other(entity_id) for relation in relations}
            return entity, relations, [graph.entities[o] for o in sorted(others)
                                       if o in graph.entities]

    def counts(self) -> tuple[int, int]:
        graph = self._current()
        with self._lock:
            return len(graph.entities), len(graph.relations)

    def documents(self) -> list[DocumentRecord]:
        graph = self._current()
        with self._lock:
            contributions = list(graph.contributions.values())
        return sorted((c.document for c in contributions), key=lambda d: d.id)

    def document(self, document_id: str) -> DocumentRecord | None:
        contribution = self.contribution(document_id)
        return contribution.document if contribution else None

    def contribution(self, document_id: str) -> Contribution | None:
        return self._current().contributions.get(document_id)

    def retracted(self, document_id: str) -> Contribution | None:
        return self._log.retracted(document_id)

    def document_facts(self, document_id: str) -> tuple[list[str], list[str]]:
        contribution = self.contribution(document_id)
        if contribution is None:
            return [], []
        return (
            sorted(e.id for e in contribution.entities),
            sorted(r.id for r in contribution.relations),
        )

    # -- writing ---------------------------------------------------------

    def apply(
        self, contribution: Contribution, on_progress: ProgressFn | None = None
    ) -> ApplyReport:
        return self._write(contribution.document.id, lambda _: contribution, on_progress)

    def retract(self, document_id: str) -> ApplyReport:
        return self._write(document_id, lambda _: None)

    def revise(self, document_id: str, change: Revision) -> ApplyReport:
        return self._write(document_id, change)

    def restore(self, document_id: str) -> ApplyReport | None:
        with self._lock, bulk_allocation():
            with self._log.writing() as log:
                graph = self._newest(log)
                restored = log.restore(document_id)
                if restored is None:
                    return None
                before, (graph.version, contribution) = graph.version, restored
            graph.contributions[document_id] = contribution
            return self._noted(before, graph.refresh(document_id, None, contribution))

    def _newest(self, log: LogWrite) -> _Merged:
        """The merged graph as the write transaction `log` sees the file (what other
        processes committed before it began read first)."""
        if log.version != self._graph.version:
            self._graph = _Merged.of(*log.snapshot())
        return self._graph

    def _write(self, document_id: str, change: Revision,
               on_progress: ProgressFn | None = None) -> ApplyReport:
        """Replace the document's contribution by `change` of it, in one transaction of the
        file: other writers (other processes) wait, and what they committed before is read
        first, so the change is made to the newest contribution and no write is lost."""
        with self._lock, bulk_allocation():
            with self._log.writing() as log:
                graph = self._newest(log)
                old = graph.contributions.get(document_id)
                new = change(old)
                if old is None and new is None:
                    log.discard_retracted(document_id)
                if _same(old, new):
                    return ApplyReport(document_id)
                version = log.remove(document_id) if new is None else log.replace(new, on_progress)
            before, graph.version = graph.version, version
            if new is None:
                del graph.contributions[document_id]
            else:
                graph.contributions[document_id] = new
            return self._noted(before, graph.refresh(document_id, old, new))

    def _noted(self, before: int, report: ApplyReport) -> ApplyReport:
        """Keep the report of a write that took the graph from `before` to its version."""
        self._changes.note(before, self._graph.version, report)
        return report

    def referral_records(self) -> SqliteReferralRecords:
        """Referrals in `referrals.sqlite3` beside the graph's file."""
        with self._lock:
            if self._referrals is None:
                self._referrals = SqliteReferralRecords(self.path.with_name(REFERRALS_FILE))
            return self._referrals

    def close(self) -> None:
        self._log.close()
        if self._referrals is not None:
            self._referrals.close()


class _Merged:
    """The merged graph of a set of contributions at one version of the file: the facts by
    id, what each document states of each fact, and relation ids by endpoint."""

    def __init__(self, version: int, contributions: dict[str, Contribution]) -> None:
        self.version = version
        self.contributions = contributions
        self.entity_versions: dict[str, dict[str, Entity]] = {}
        self.relation_versions: dict[str, dict[str, Relation]] = {}
        self.entities: dict[str, Entity] = {}
        self.relations: dict[str, Relation] = {}
        self.outgoing: dict[str, dict[str, None]] = {}
        self.incoming: dict[str, dict[str, None]] = {}

    @classmethod
    def of(cls, version: int, contributions: dict[str, Contribution]) -> _Merged:
        """The merged graph of every contribution (built whole before anyone reads it)."""
        with bulk_allocation():
            merged = cls(version, contributions)
            for contribution in contributions.values():
                merged.index(contribution)
            merged.recompute(set(merged.entity_versions), set(merged.relation_versions))
            return merged

    def relations_of(self, entity_id: str) -> list[Relation]:
        """The relations from the entity, then those into it (a self-loop once)."""
        out = [self.relations[r] for r in self.outgoing.get(entity_id, ())]
        into = [self.relations[r] for r in self.incoming.get(entity_id, ())]
        return out + [r for r in into if r.source != entity_id]

    def refresh(
        self, doc_id: str, old: Contribution | None, new: Contribution | None
    ) -> ApplyReport:
        """Recompute the merged facts the document touched, and report the difference."""
        touched_entities = touched_ids(old, new, "entities")
        touched_relations = touched_ids(old, new, "relations")
        before_e = _present(self.entities, touched_entities)
        before_r = _present(self.relations, touched_relations)
        if old is not None:
            self.unindex(old)
        if new is not None:
            self.index(new)
        self.recompute(touched_entities, touched_relations)
        after_e = _present(self.entities, touched_entities)
        after_r = _present(self.relations, touched_relations)
        return ApplyReport.between(doc_id, (before_e, after_e), (before_r, after_r))

    def index(self, contribution: Contribution) -> None:
        """Record what the document states of each fact."""
        doc_id = contribution.document.id
        for versions, facts in ((self.entity_versions, contribution.entities),
                                (self.relation_versions, contribution.relations)):
            for fact in facts:
                stated = versions.get(fact.id)
                if stated is None:
                    versions[fact.id] = {doc_id: fact}
                else:
                    stated[doc_id] = fact

    def unindex(self, contribution: Contribution) -> None:
        doc_id = contribution.document.id
        for versions, facts in ((self.entity_versions, contribution.entities),
                                (self.relation_versions, contribution.relations)):
            for fact in facts:
                by_document = versions.get(fact.id)
                if by_document is not None:
                    by_document.pop(doc_id, None)
                    if not by_document:
                        del versions[fact.id]

    def recompute(self, entity_ids: Iterable[str], relation_ids: Iterable[str]) -> None:
        entities, entity_versions = self.entities, self.entity_versions
        for entity_id in entity_ids:
            versions = entity_versions.get(entity_id)
            if versions:
                entities[entity_id] = merged_entity(versions)
            else:
                entities.pop(entity_id, None)
        relations, relation_versions = self.relations, self.relation_versions
        outgoing, incoming = self.outgoing, self.incoming
        for relation_id in relation_ids:
            versions = relation_versions.get(relation_id)
            if versions:
                relation = relations[relation_id] = merged_relation(versions)
                _add(outgoing, relation.source, relation_id)
                _add(incoming, relation.target, relation_id)
            else:
                gone = relations.pop(relation_id, None)
                if gone is not None:
                    outgoing[gone.source].pop(relation_id, None)
                    incoming[gone.target].pop(relation_id, None)


def _same(old: Contribution | None, new: Contribution | None) -> bool:
    """Whether replacing `old` by `new` would change nothing."""
    if old is None or new is None:
        return old is new
    return same_facts(old, new)


def _add(index: dict[str, dict[str, None]], entity_id: str, relation_id: str) -> None:
    ids = index.get(entity_id)
    if ids is None:
        index[entity_id] = {relation_id: None}
    else:
        ids[relation_id] = None


def _present(facts: dict[str, object], ids: Iterable[str]) -> dict[str, object]:
    """The facts among ids that the merged graph holds, by id."""
    return {i: facts[i] for i in ids if i in facts}
