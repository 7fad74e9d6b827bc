"""What a referral chain is: its steps, its score, and the relation filter of a query."""

from __future__ import annotations

from dataclasses import dataclass, field

from tsunagari.graph.model import Entity, Relation
from tsunagari.graph.referral_model import Tally
from tsunagari.graph.vocabulary import SYMMETRIC_TYPES

ENDED_FACTOR = 0.85
"""A hop whose stated period has ended counts this much of an open one."""


def period_end(until: str | None) -> str | None:
    """The last month a stated period covers, as "YYYY-MM" ("2017" ends in "2017-12")."""
    if not until:
        return None
    return until if len(until) > 4 else f"{until}-12"


def has_ended(relation: Relation, today: str | None) -> bool:
    """Whether the period a relation states ended before `today` ("YYYY-MM")."""
    end = period_end(relation.until)
    return bool(today and end and end < today)


@dataclass(frozen=True)
class RelationFilter:
    """Which relations a query may walk (by stage, entry point and year), and the month a
    query is asked in (`today`, "YYYY-MM"), which tells periods that have ended."""

    stage: str | None = None
    entry_point: str | None = None
    as_of: int | None = None
    today: str | None = None

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
        """1.0 where the relation names the asked stage or entry point, less where silent, and
        less again where its period has ended."""
        factor = 1.0
        if self.stage and relation.stage is None:
            factor *= 0.9
        if self.entry_point and relation.entry_point is None:
            factor *= 0.9
        if has_ended(relation, self.today):
            factor *= ENDED_FACTOR
        return factor

    @property
    def walks_everything(self) -> bool:
        """Whether the filter lets every relation through (only `today` may be set)."""
        return self.stage is None and self.entry_point is None and self.as_of is None


@dataclass
class Step:
    """An entity of a chain and the relation that led to it (None for the first), with when
    the source said it (`stated`: the document's date) and whether its period has ended."""

    entity: Entity
    via: Relation | None = None
    forward: bool | None = None
    stated: str = ""
    ended: bool = False

    @property
    def direction(self) -> str | None:
        """forward (from source to target), backward, undirected (symmetric type), or None."""
        if self.forward is None or self.via is None:
            return None
        if self.via.type in SYMMETRIC_TYPES:
            return "undirected"
        return "forward" if self.forward else "backward"


ROLES = ("first-contact", "bridge", "receiver")
"""What each entity of a referral chain is to the firm: whom it walks into first, who passes it
on, who receives it at the destination."""


@dataclass
class Chain:
    """A referral chain: its score, steps and advice in each language.

    `door` is the walk-in desk or centre that the first entity runs, when the first entity
    is a government (a firm walks into 大阪府's MOBIO, not into 大阪府)."""

    score: float
    steps: list[Step]
    explanation: dict[str, str] = field(default_factory=dict)
    door: Entity | None = None
    referrals: Tally | None = None
    """The referrals that took any step of the chain, when there are any."""

    @property
    def hops(self) -> int:
        return len(self.steps) - 1

    @property
    def ids(self) -> list[str]:
        return [step.entity.id for step in self.steps]

    @property
    def first_contact(self) -> Entity:
        return self.door or self.steps[0].entity

    @property
    def receiver(self) -> Entity:
        return self.steps[-1].entity

    def role_of(self, position: int) -> str:
        """The role of the step at `position` (first contact, bridge or receiver)."""
        if position == 0:
            return ROLES[0]
        return ROLES[2] if position == len(self.steps) - 1 else ROLES[1]
