"""The GraphStore protocol: what loaders, queries and the API may ask of a store."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from tsunagari.graph.model import Contribution, DocumentRecord, Entity, Relation
from tsunagari.graph.progress import ProgressFn


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

    def summary(self) -> str:
        if self.unchanged:
            return f"{self.document}: unchanged"
        return (
            f"{self.document}: entities +{len(self.entities_added)} "
            f"-{len(self.entities_removed)} ~{len(self.entities_changed)}, relations "
            f"+{len(self.relations_added)} -{len(self.relations_removed)} "
            f"~{len(self.relations_changed)}"
        )


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
        """Remove the document and every fact only it supported."""
        ...

    def version(self) -> int:
        """A number that changes whenever the merged graph changes."""
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

    def documents(self) -> list[DocumentRecord]: ...

    def document(self, document_id: str) -> DocumentRecord | None: ...

    def document_facts(self, document_id: str) -> tuple[list[str], list[str]]:
        """Ids of the entities and relations the document supports."""
        ...

    def close(self) -> None: ...
