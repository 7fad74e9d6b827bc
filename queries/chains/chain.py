"""What a referral chain is: its steps, its score, and the relation filter of a query."""

from __future__ import annotations

from dataclasses import dataclass, field

from tsunagari.graph.model import Entity, Relation
from tsunagari.graph.vocabulary import SYMMETRIC_TYPES


@dataclass(frozen=True)
class RelationFilter:
    """Which relations a query may walk: by stage, entry point and year."""

    stage: str | None = None
    entry_point: str | None = None
    as_of: int | None = None

    def allows(self, relation: Relation) -> bool:
        if self.stage and relation.stage not in (None, self.stage):
            return False
        if self.entry_point and relation.entry_point not in (None, self.entry_point):
            return False
        if self.as_of is not None:
            if relation.since and int(relation.since[:4]) > self.as_of:
                return False
            if relation.until and int(relation.until[:4]) < self.as_of:
                return False
        return True

    def fit(self, relation: Relation) -> float:
        """1.0 where the relation names the asked stage or entry point, less where silent."""
        factor = 1.0
        if self.stage and relation.stage is None:
            factor *= 0.9
        if self.entry_point and relation.entry_point is None:
            factor *= 0.9
        return factor



@dataclass
class Step:
    """An entity of a chain and the relation that led to it (None for the first)."""

    entity: Entity
    via: Relation | None = None
    forward: bool | None = None

    @property
    def direction(self) -> str | None:
        """forward (from source to target), backward, undirected (symmetric type), or None."""
        if self.forward is None or self.via is None:
            return None
        if self.via.type in SYMMETRIC_TYPES:
            return "undirected"
        return "forward" if self.forward else "backward"


@dataclass
class Chain:
    """A referral chain: its score, steps and a sentence in each language."""

    score: float
    steps: list[Step]
    explanation: dict[str, str] = field(default_factory=dict)

    @property
    def hops(self) -> int:
        return len(self.steps) - 1

    @property
    def ids(self) -> list[str]:
        return [step.entity.id for step in self.steps]


