"""The GraphStore protocol: what loaders, queries and the API may ask of a store."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from tsunagari.graph.model import Contribution, DocumentRecord, Entity, Relation
from tsunagari.graph.progress import ProgressFn
from tsunagari.graph.referral_model import ReferralRecords


@dataclass
class ApplyReport:
    """What one document load or retraction changed in the merged graph."""

    document: str
    entities_added: list[str] = field(default_factory=list)
    entities_removed: list[str] = field(default_factory=list)
    entities_changed: list[str] = field(default_factory=list)
    relations_added: list[str] = field(default_factory=list)
    relations_removed: list[str] = field(default_factory=list)
    relations_changed: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not any(
            (
                self.entities_added,
                self.entities_removed,
                self.entities_changed,
                self.relations_added,
                self.relations_removed,
                self.relations_changed,
            )
        )

    @classmethod
    def between(
        cls,
        document: str,
        entities: tuple[dict[str, object], dict[str, object]],
        relations: tuple[dict[str, object], dict[str, object]],
    ) -> ApplyReport:
        """The report of a change, from the (before, after) facts it touched, by id."""
        report = cls(document)
        _diff(*entities, report.entities_added, report.entities_removed, report.entities_changed)
        _diff(*relations, report.relations_added, report.relations_removed,
              report.relations_changed)
        return report

    def to_dict(self) -> dict[str, object]:
        """The report as plain data (for API answers and the audit log)."""
        return {
            "summary": self.summary(),
            "entities_added": self.entities_added,
            "entities_removed": self.entities_removed,
            "relations_added": self.relations_added,
            "relations_removed": self.relations_removed,
        }

    def summary(self) -> str:
        if self.unchanged:
            return f"{self.document}: unchanged"
        return (
            f"{self.document}: entities +{len(self.entities_added)} "
            f"-{len(self.entities_removed)} ~{len(self.entities_changed)}, relations "
            f"+{len(self.relations_added)} -{len(self.relations_removed)} "
            f"~{len(self.relations_changed)}"
        )


def _diff(
    before: dict[str, object],
    after: dict[str, object],
    added: list[str],
    removed: list[str],
    changed: list[str],
) -> None:
    added.extend(sorted(after.keys() - before.keys()))
    removed.extend(sorted(before.keys() - after.keys()))
    changed.extend(k for k in sorted(before.keys() & after.keys()) if before[k] != after[k])


class ChangeLog:
    """The reports of a store's latest writes in this process, by the versions they took the
    graph from and to (what `GraphStore.changes_since` answers from)."""

    def __init__(self, kept: int = 256) -> None:
        self._changes: deque[tuple[int, int, ApplyReport]] = deque(maxlen=kept)
        self._lock = threading.Lock()

    def note(self, before: int, after: int, report: ApplyReport) -> None:
        with self._lock:
            self._changes.append((before, after, report))

    def since(self, version: int, current: int) -> list[ApplyReport] | None:
        """The reports from `version` to `current` when they lead there without a gap (a
        write of another process, or one too many ago, leaves one)."""
        with self._lock:
            changes = list(self._changes)
        reports, reached = [], version
        for before, after, report in changes:
            if before == reached:
                reports.append(report)
                reached = after
        return reports if reached == current else None


Revision = Callable[[Contribution | None], Contribution | None]
"""A change of one document's contribution: from the contribution as it stands (None when
the document is not loaded) to the one that replaces it (None to remove it)."""


class StoreUnavailable(RuntimeError):
    """The store's database cannot be reached; the message names it."""


class GraphStore(Protocol):
    """A store of document contributions and the merged graph they make.

    A document's contribution is replaced whole (`apply`) or removed whole
    (`retract`), atomically; the merged graph holds each entity and relation
    that at least one loaded document states.
    """

    backend: str

    def apply(
        self, contribution: Contribution, on_progress: ProgressFn | None = None
    ) -> ApplyReport:
        """Replace the document's contribution with this one, all or nothing."""
        ...

    def retract(self, document_id: str) -> ApplyReport:
        """Remove the document and every fact only it supported; its contribution is kept
        aside until `restore` puts it back. What an earlier retraction kept is dropped, also
        when the document is not loaded (the kept copy is always the last retraction's)."""
        ...

    def retracted(self, document_id: str) -> Contribution | None:
        """What the document's last retraction removed, as it was loaded; None if nothing
        is kept (never retracted, or restored since)."""
        ...

    def restore(self, document_id: str) -> ApplyReport | None:
        """Put back what the document's last retraction removed, all or nothing; None (and
        nothing changed) when nothing is kept or the document is loaded."""
        ...

    def revise(self, document_id: str, change: Revision) -> ApplyReport:
        """Replace the document's contribution by `change` of the one that stands, read in
        the same write: no other write (of any process) lands between the read and the
        replacement, so none is lost. `change` may be called again if the write is retried;
        an exception it raises leaves the store as it was."""
        ...

    def version(self) -> int:
        """A number that changes whenever the merged graph changes."""
        ...

    def changes_since(self, version: int) -> list[ApplyReport] | None:
        """What the writes after `version` changed, oldest first, while the store still
        knows them all (None when it does not: derived views are then rebuilt whole)."""
        ...

    def entity(self, entity_id: str) -> Entity | None: ...

    def entities(self) -> Iterable[Entity]: ...

    def relations(self) -> Iterable[Relation]: ...

    def relations_of(self, entity_id: str) -> list[Relation]:
        """Every relation with the entity at either end."""
        ...

    def counts(self) -> tuple[int, int]:
        """(entities, relations) of the merged graph."""
        ...

    def documents(self) -> list[DocumentRecord]:
        """Every loaded document, by id (listings page through them by id)."""
        ...

    def document(self, document_id: str) -> DocumentRecord | None: ...

    def contribution(self, document_id: str) -> Contribution | None:
        """What the document states, as it was loaded."""
        ...

    def document_facts(self, document_id: str) -> tuple[list[str], list[str]]:
        """Ids of the entities and relations the document supports."""
        ...

    def surroundings(self, entity_id: str) -> tuple[Entity, list[Relation], list[Entity]] | None:
        """An entity, its relations and the entities at their other ends, read together (one
        round trip to a server); None when there is no such entity."""
        ...

    def referral_records(self) -> ReferralRecords:
        """Where this store keeps referrals (beside the graph: they never change its
        version); the store closes them."""
        ...

    def close(self) -> None: ...


@runtime_checkable
class NativePaths(Protocol):
    """A store that can enumerate simple paths itself (in its own query language), and
    does for queries when `native_paths` is set."""

    native_paths: bool

    def simple_paths(
        self,
        sources: list[str],
        targets: list[str],
        length: int,
        on_the_way: list[str],
        *,
        stage: str | None = None,
        entry_point: str | None = None,
        as_of: int | None = None,
        limit: int = 5_000,
        timeout: float | None = None,
    ) -> list[list[str]]:
        """Entity ids of every simple path of exactly `length` relations from a source to a
        target, through no pure place and no source or target, with every entity among
        `on_the_way` (the caller's pruning); raises TimeoutError."""
        ...


READ_ATTEMPTS = 3
"""Reads of the whole graph before one that a write overlapped is taken as it is."""


@dataclass
class WholeGraph:
    """Every entity, relation and document of the merged graph, and its version."""

    version: int
    entities: list[Entity]
    relations: list[Relation]
    documents: list[DocumentRecord]


def read_whole(store: GraphStore) -> WholeGraph:
    """The whole graph at one version: read again when the version changed during the read
    (a write landed, of this process or another). A graph that changes during every
    attempt gives the last read, less the relations to an entity it does not hold: a read
    never gives a relation without its ends. The version is the one read first, so views
    built from it are built again at the next version."""
    for _ in range(READ_ATTEMPTS):
        version = store.version()
        whole = WholeGraph(version, list(store.entities()), list(store.relations()),
                           store.documents())
        if store.version() == version:
            return whole
    ids = {e.id for e in whole.entities}
    whole.relations = [r for r in whole.relations if r.source in ids and r.target in ids]
    return whole
