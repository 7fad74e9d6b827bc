"""The embedded store: the merged graph in memory (networkx), persisted in SQLite.

Writes go to the SQLite fact log first, in one transaction, and only then to
memory; a failed write leaves both as they were. Another process writing the
same file (a CLI load while the API serves) is noticed on the next read.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import networkx as nx

from tsunagari.graph.merge import (
    document_order,
    merge_entities,
    merge_relations,
    same_facts,
    touched_ids,
)
from tsunagari.graph.model import (
    Contribution,
    DocumentRecord,
    Entity,
    Relation,
    relation_ends,
)
from tsunagari.graph.progress import ProgressFn
from tsunagari.graph.sqlite_facts import FactLog
from tsunagari.graph.store import ApplyReport


class NetworkxStore:
    """GraphStore on networkx, with a SQLite file as the durable copy."""

    backend = "networkx"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._log = FactLog(path)
        self._lock = threading.RLock()
        self._reload()

    # -- reading ---------------------------------------------------------

    def _reload(self) -> None:
        self._version = self._log.version()
        self._contributions = self._log.read_all()
        self._graph = nx.MultiDiGraph()
        entity_ids = {e.id for c in self._contributions.values() for e in c.entities}
        relation_ids = {r.id for c in self._contributions.values() for r in c.relations}
        self._recompute(entity_ids, relation_ids)

    def _sync(self) -> None:
        """Pick up writes made by another process since our last look."""
        if self._log.version() != self._version:
            with self._lock:
                self._reload()

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The merged graph: node attr `entity`, edge key = relation id, attr `relation`."""
        self._sync()
        return self._graph

    def version(self) -> int:
        self._sync()
        return self._version

    def entity(self, entity_id: str) -> Entity | None:
        node = self.graph.nodes.get(entity_id)
        return node["entity"] if node else None

    def entities(self) -> Iterator[Entity]:
        return (data["entity"] for _, data in self.graph.nodes(data=True))

    def relations(self) -> Iterator[Relation]:
        return (data["relation"] for _, _, data in self.graph.edges(data=True))

    def relations_of(self, entity_id: str) -> list[Relation]:
        graph = self.graph
        if entity_id not in graph:
            return []
        out = [d["relation"] for _, _, d in graph.out_edges(entity_id, data=True)]
        into = [
            d["relation"]
            for s, _, d in graph.in_edges(entity_id, data=True)
            if s != entity_id
        ]
        return out + into

    def counts(self) -> tuple[int, int]:
        graph = self.graph
        return graph.number_of_nodes(), graph.number_of_edges()

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
        with self._lock:
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
                return ApplyReport(document_id)
            self._version = self._log.remove(document_id)
            del self._contributions[document_id]
            return self._refresh(document_id, old, None)

    def _refresh(
        self, doc_id: str, old: Contribution | None, new: Contribution | None
    ) -> ApplyReport:
        """Recompute the merged facts the document touched, and report the difference."""
        touched_entities = touched_ids(old, new, "entities")
        touched_relations = touched_ids(old, new, "relations")
        before_e = {i: self._graph.nodes[i]["entity"] for i in touched_entities if i in self._graph}
        before_r = {
            r.id: r for r in self.relations_of_ids(touched_relations)
        }
        self._recompute(touched_entities, touched_relations)
        after_e = {i: self._graph.nodes[i]["entity"] for i in touched_entities if i in self._graph}
        after_r = {r.id: r for r in self.relations_of_ids(touched_relations)}
        return ApplyReport.between(doc_id, (before_e, after_e), (before_r, after_r))

    def relations_of_ids(self, relation_ids: Iterable[str]) -> list[Relation]:
        found = []
        for rid in relation_ids:
            source, _, target = relation_ends(rid)
            data = self._graph.get_edge_data(source, target, key=rid)
            if data:
                found.append(data["relation"])
        return found

    def _recompute(self, entity_ids: set[str], relation_ids: set[str]) -> None:
        docs = sorted(self._contributions, key=document_order)
        entity_versions: dict[str, list[Entity]] = {i: [] for i in entity_ids}
        relation_versions: dict[str, list[Relation]] = {i: [] for i in relation_ids}
        for doc_id in docs:
            contribution = self._contributions[doc_id]
            for entity in contribution.entities:
                if entity.id in entity_versions:
                    entity_versions[entity.id].append(entity)
            for relation in contribution.relations:
                if relation.id in relation_versions:
                    relation_versions[relation.id].append(relation)
        for rid in relation_ids:
            source, _, target = relation_ends(rid)
            if self._graph.has_edge(source, target, key=rid):
                self._graph.remove_edge(source, target, key=rid)
        for eid, versions in entity_versions.items():
            if versions:
                self._graph.add_node(eid, entity=merge_entities(versions))
            elif eid in self._graph:
                self._graph.remove_node(eid)
        for rid, rel_versions in relation_versions.items():
            if rel_versions:
                merged = merge_relations(rel_versions)
                self._graph.add_edge(merged.source, merged.target, key=rid, relation=merged)

    def close(self) -> None:
        self._log.close()
