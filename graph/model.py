"""The graph model: entities, relations, the evidence behind them, and documents.

Plain dataclasses; the API edge converts them to pydantic schemas.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from tsunagari.graph.text import with_article
from tsunagari.graph.vocabulary import (
    SYMMETRIC_TYPES,
    EntityType,
    Status,
    family_of,
)

NOT_ORGANISATIONS = frozenset({EntityType.PERSON, EntityType.PROGRAM, EntityType.PLACE})
"""The entity types that are no organisation."""


@dataclass(frozen=True)
class Evidence:
    """A quote of a document that states a fact, and where it stands."""

    document: str
    locator: str
    quote: str
    line_start: int = 0
    line_end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "locator": self.locator, "quote": self.quote,
                "line_start": self.line_start, "line_end": self.line_end}


@dataclass
class Service:
    """What an organisation offers firms (aligned with the Open Referral HSDS `service`):
    the needs it meets, for whom, on what terms, where, when, and the quotes that state it.

    `source_date` is when the document said it; `assured_date` and `assured_by` are when a
    person last checked it, and who.
    """

    id: str
    organization: str
    name_ja: str = ""
    name_en: str = ""
    description_ja: str = ""
    description_en: str = ""
    program: str = ""
    """The programme (an entity of type Program) the service is the offer of, if any."""
    needs: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    entry_points: list[str] = field(default_factory=list)
    eligibility_ja: str = ""
    eligibility_en: str = ""
    cost_ja: str = ""
    cost_en: str = ""
    languages: list[str] = field(default_factory=list)
    area_served: list[str] = field(default_factory=list)
    how_to_apply_ja: str = ""
    how_to_apply_en: str = ""
    valid_from: str | None = None
    valid_to: str | None = None
    source_date: str = ""
    assured_date: str = ""
    assured_by: str = ""
    evidence: list[Evidence] = field(default_factory=list)

    def name(self, language: str) -> str:
        """The service's name in "ja" or "en" (the other when that one is missing)."""
        first, second = (self.name_ja, self.name_en) if language == "ja" else (self.name_en, self.name_ja)
        return first or second or self.id

    def to_dict(self) -> dict[str, Any]:
        return {**{key: value for key, value in vars(self).items() if key != "evidence"},
                "evidence": [e.to_dict() for e in self.evidence]}


@dataclass
class Entity:
    """A node: an organisation, programme, person or place.

    `description` is in English, `description_ja` in Japanese. `actor` is False for what a
    document names only as a source of data, an author, a publisher, a survey or a report:
    it stays in the graph, but never stands in a chain or a hub ranking.
    """

    id: str
    type: EntityType
    name_ja: str = ""
    name_en: str = ""
    aliases: list[str] = field(default_factory=list)
    country: str = ""
    sectors: list[str] = field(default_factory=list)
    description: str = ""
    description_ja: str = ""
    actor: bool = True
    extra_labels: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        """Node labels: the primary type, Place for local governments, then extras."""
        labels = [self.type.value]
        if self.type is EntityType.MUNICIPALITY:
            labels.append(EntityType.PLACE.value)
        labels += [label for label in self.extra_labels if label not in labels]
        return labels

    @property
    def is_place(self) -> bool:
        return EntityType.PLACE.value in self.labels

    @property
    def is_pure_place(self) -> bool:
        """A place that is not also an actor (never a middle hop of a chain)."""
        return self.type is EntityType.PLACE

    @property
    def in_chains(self) -> bool:
        """Whether it may stand in a chain or a hub ranking: an actor, not pure geography."""
        return self.actor and self.type is not EntityType.PLACE

    @property
    def display_name(self) -> str:
        return self.name_ja or self.name_en or self.id

    def name(self, language: str) -> str:
        """The entity's name in "ja" or "en" (the other when that one is missing)."""
        first, second = (self.name_ja, self.name_en) if language == "ja" else (self.name_en, self.name_ja)
        return first or second or self.id

    def in_sentence(self, language: str) -> str:
        """The name as a sentence says it: in English with "the" before the name of a body
        ("the Japan International Cooperation Agency"), not of a firm, a city or an acronym."""
        name = self.name(language)
        return with_article(name) if language == "en" else name

    @property
    def is_organisation(self) -> bool:
        """Whether it is a body people work for (a government, agency, bank, centre, school,
        firm ...): not a person, a programme or a pure place."""
        return self.type not in NOT_ORGANISATIONS

    @property
    def is_country(self) -> bool:
        """Whether it is the place of a whole country: a place that answers to its own country
        code (Japan answers to "JP"; the region Kansai, also JP, does not)."""
        return self.is_pure_place and bool(self.country) and self.country in self.names()

    def about(self, language: str) -> str:
        """The entity's description in "ja" or "en" (the other when that one is missing)."""
        first, second = ((self.description_ja, self.description) if language == "ja"
                         else (self.description, self.description_ja))
        return first or second

    def names(self) -> list[str]:
        """Every name this entity answers to, id included."""
        return [n for n in (self.id, self.name_ja, self.name_en, *self.aliases) if n]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type.value,
            "labels": self.labels,
            "name_ja": self.name_ja,
            "name_en": self.name_en,
            "aliases": list(self.aliases),
            "country": self.country,
            "sectors": list(self.sectors),
            "description": self.description,
            "description_ja": self.description_ja,
            "actor": self.actor,
        }


def relation_id(relation_type: str, source: str, target: str) -> str:
    """Stable id of a relation; symmetric types ignore direction.

    >>> relation_id("PARTNERS_WITH", "kita", "jica")
    'jica--partners-with--kita'
    """
    if relation_type in SYMMETRIC_TYPES and target < source:
        source, target = target, source
    return f"{source}--{relation_type.lower().replace('_', '-')}--{target}"


def relation_ends(relation_id: str) -> tuple[str, str, str]:
    """(source, TYPE, target) of a relation id.

    >>> relation_ends("kinki-meti--secretariat-of--kansai-vietnam-council")
    ('kinki-meti', 'SECRETARIAT_OF', 'kansai-vietnam-council')
    """
    source, relation_type, target = relation_id.split("--")
    return source, relation_type.upper().replace("-", "_"), target


@dataclass
class Relation:
    """An edge: source TYPE target, with the evidence that states it."""

    type: str
    source: str
    target: str
    evidence: list[Evidence] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    stage: str | None = None
    entry_point: str | None = None
    confidence: float = 1.0
    status: Status = Status.ACCEPTED

    def __post_init__(self) -> None:
        if self.type in SYMMETRIC_TYPES and self.target < self.source:
            self.source, self.target = self.target, self.source
        self._id = relation_id(self.type, self.source, self.target)

    @property
    def id(self) -> str:
        """`source--type--target`; computed once, as the ends and type never change."""
        return self._id

    @property
    def family(self) -> str:
        return family_of(self.type).value

    def other(self, entity_id: str) -> str:
        """The end of this relation that is not entity_id."""
        return self.target if entity_id == self.source else self.source

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "family": self.family,
            "source": self.source,
            "target": self.target,
            "evidence": [e.to_dict() for e in self.evidence],
            "since": self.since,
            "until": self.until,
            "stage": self.stage,
            "entry_point": self.entry_point,
            "confidence": self.confidence,
            "status": self.status.value,
        }


@dataclass
class DocumentRecord:
    """A loaded document: its id, title, content hash, when it was loaded and the date it
    bears (`date`: "YYYY" or "YYYY-MM", when the source said what it says)."""

    id: str
    title: str
    sha256: str
    path: str = ""
    loaded_at: str = ""
    entity_count: int = 0
    relation_count: int = 0
    date: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Contribution:
    """Everything one document states: what a load of that document puts in the graph."""

    document: DocumentRecord
    entities: list[Entity]
    relations: list[Relation]
