"""The embedded store (backend `networkx`): the merged graph in memory, persisted in SQLite.

Writes go to the SQLite fact log first, in one transaction, and only then to
memory; a failed write leaves both as they were. Another process writing the
same file (a CLI load while the API serves) is noticed on the next read.

The merged graph is kept in plain dictionaries (facts by id, relation ids by
endpoint), which hold a million facts compactly; graph algorithms (hubs,
GraphML export) build networkx graphs from it where they need one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from tsunagari.graph.embedded.fact_log import FactLog
from tsunagari.graph.memory import bulk_allocation
from tsunagari.graph.merge import merged_entity, merged_relation, same_facts, touched_ids
from tsunagari.graph.model import Contribution, DocumentRecord, Entity, Relation
from tsunagari.graph.progress import ProgressFn
from tsunagari.graph.store import ApplyReport


class NetworkxStore:
    """GraphStore kept in memory, with a SQLite file as the durable copy."""

    backend = "networkx"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._log = FactLog(path)
        self._lock = threading.RLock()
        self._reload()

    # -- reading ---------------------------------------------------------

    def _reload(self) -> None:
        with bulk_allocation():
            self._version = self._log.version()
            self._contributions = self._log.read_all()
            self._entity_versions: dict[str, dict[str, Entity]] = {}
            self._relation_versions: dict[str, dict[str, Relation]] = {}
            self._entities: dict[str, Entity] = {}
            self._relations: dict[str, Relation] = {}
            self._outgoing: dict[str, dict[str, None]] = {}
            self._incoming: dict[str, dict[str, None]] = {}
            for contribution in self._contributions.values():
                self._index(contribution)
            self._recompute(set(self._entity_versions), set(self._relation_versions))

    def _sync(self) -> None:
        """Pick up writes made by another process since our last look (looked at again
        under the lock: a write of this process, seen while under way, is no reason)."""
        if self._log.version() != self._version:
            with self._lock:
                if self._log.version() != self._version:
                    self._reload()

    def version(self) -> int:
        self._sync()
        return self._version

    def entity(self, entity_id: str) -> Entity | None:
        self._sync()
        return self._entities.get(entity_id)

    def entities(self) -> Iterator[Entity]:
        self._sync()
        with self._lock:
            return iter(list(self._entities.values()))

    def relations(self) -> Iterator[Relation]:
        self._sync()
        with self._lock:
            return iter(list(self._relations.values()))

    def relations_of(self, entity_id: str) -> list[Relation]:
        self._sync()
        with self._lock:
            out = [self._relations[r] for r in self._outgoing.get(entity_id, ())]
            into = [self._relations[r] for r in self._incoming.get(entity_id, ())]
        return out + [r for r in into if r.source != entity_id]

    def counts(self) -> tuple[int, int]:
        self._sync()
        return len(self._entities), len(self._relations)

    def documents(self) -> list[DocumentRecord]:
        self._sync()
        return sorted((c.document for c in self._contributions.values()), key=lambda d: d.id)

    def document(self, document_id: str) -> DocumentRecord | None:
        self._sync()
        contribution = self._contributions.get(document_id)
        return contribution.document if contribution else None

    def contribution(self, document_id: str) -> Contribution | None:
        self._sync()
        return self._contributions.get(document_id)

    def retracted(self, document_id: str) -> Contribution | None:
        return self._log.retracted(document_id)

    def document_facts(self, document_id: str) -> tuple[list[str], list[str]]:
        self._sync()
        contribution = self._contributions.get(document_id)
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
        with self._lock, bulk_allocation():
            self._sync()
            doc_id = contribution.document.id
            old = self._contributions.get(doc_id)
            if old is not None and same_facts(old, contribution):
                return ApplyReport(doc_id)
            self._version = self._log.replace(contribution, on_progress)
            self._contributions[doc_id] = contribution
            return self._refresh(doc_id, old, contribution)

    def retract(self, document_id: str) -> ApplyReport:
        with self._lock:
            self._sync()
            old = self._contributions.get(document_id)
            if old is None:
                self._log.discard_retracted(document_id)
                return ApplyReport(document_id)
            self._version = self._log.remove(document_id)
            del self._contributions[document_id]
            return self._refresh(document_id, old, None)

    def restore(self, document_id: str) -> ApplyReport | None:
        with self._lock, bulk_allocation():
            self._sync()
            restored = self._log.restore(document_id)
            if restored is None:
                return None
            self._version, contribution = restored
            self._contributions[document_id] = contribution
            return self._refresh(document_id, None, contribution)

    def _refresh(
        self, doc_id: str, old: Contribution | None, new: Contribution | None
    ) -> ApplyReport:
        """Recompute the merged facts the document touched, and report the difference."""
        touched_entities = touched_ids(old, new, "entities")
        touched_relations = touched_ids(old, new, "relations")
        before_e = _present(self._entities, touched_entities)
        before_r = _present(self._relations, touched_relations)
        if old is not None:
            self._unindex(old)
        if new is not None:
            self._index(new)
        self._recompute(touched_entities, touched_relations)
        after_e = _present(self._entities, touched_entities)
        after_r = _present(self._relations, touched_relations)
        return ApplyReport.between(doc_id, (before_e, after_e), (before_r, after_r))

    def _index(self, contribution: Contribution) -> None:
        """Record what the document states of each fact."""
        doc_id = contribution.document.id
        for versions, facts in ((self._entity_versions, contribution.entities),
                                (self._relation_versions, contribution.relations)):
            for fact in facts:
                stated = versions.get(fact.id)
                if stated is None:
                    versions[fact.id] = {doc_id: fact}
                else:
                    stated[doc_id] = fact

    def _unindex(self, contribution: Contribution) -> None:
        doc_id = contribution.document.id
        for versions, facts in ((self._entity_versions, contribution.entities),
                                (self._relation_versions, contribution.relations)):
            for fact in facts:
                by_document = versions.get(fact.id)
                if by_document is not None:
                    by_document.pop(doc_id, None)
                    if not by_document:
                        del versions[fact.id]

    def _recompute(self, entity_ids: Iterable[str], relation_ids: Iterable[str]) -> None:
        entities, entity_versions = self._entities, self._entity_versions
        for entity_id in entity_ids:
            versions = entity_versions.get(entity_id)
            if versions:
                entities[entity_id] = merged_entity(versions)
            else:
                entities.pop(entity_id, None)
        relations, relation_versions = self._relations, self._relation_versions
        outgoing, incoming = self._outgoing, self._incoming
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

    def close(self) -> None:
        self._log.close()


def _add(index: dict[str, dict[str, None]], entity_id: str, relation_id: str) -> None:
    ids = index.get(entity_id)
    if ids is None:
        index[entity_id] = {relation_id: None}
    else:
        ids[relation_id] = None


def _present(facts: dict[str, object], ids: Iterable[str]) -> dict[str, object]:
    """The facts among ids that the merged graph holds, by id."""
    return {i: facts[i] for i in ids if i in facts}
