"""Proposals: one per entity and per relation, each with the quotes that suggested it.

A quote is the sentence or bullet that names the entity or states the relation
(around the names when the sentence is long), with its locator in the original
document. A relation found again gathers quotes (up to three) and grows surer; its
dates and stage come from the words of its sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from tsunagari.graph.model import Entity, Evidence, Relation
from tsunagari.graph.text import normalise, normalise_display
from tsunagari.graph.vocabulary import Status
from tsunagari.loaders.extract.calibration import calibrated as calibrated_share
from tsunagari.loaders.extract.cues import Dated, dates, stage_of
from tsunagari.loaders.extract.mentions import Mention
from tsunagari.loaders.extract.registry import Registry
from tsunagari.loaders.extract.relations import Found
from tsunagari.loaders.extract.segments import CIRCLED_NUMBERS, Segment
from tsunagari.loaders.sources import Document, Locator

MAX_QUOTE = 120
"""A sentence longer than this is quoted around the names only."""
QUOTE_MARGIN = 20
MAX_EVIDENCE = 3
DATE_REACH = 25
"""How far from a relation's words a date may stand and still date it (characters)."""
REPEAT_BONUS, MAX_CONFIDENCE = 0.05, 0.9
GUESS = 0.3
"""Proposals less sure than this are guesses: one gives way to a surer proposal about its pair."""


@dataclass
class ProposedEntity:
    """An entity the document names: a known one (existing) or a new one."""

    entity: Entity
    existing: bool
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class ProposedRelation:
    """A relation the document suggests, status proposed."""

    relation: Relation
    confidence: float


@dataclass
class Proposals:
    """Everything extraction proposes for one document."""

    document: str
    entities: list[ProposedEntity]
    relations: list[ProposedRelation]


class Collector:
    """Gathers mentions and relations into proposals."""

    def __init__(self, document: Document, registry: Registry) -> None:
        self.document = document
        self.registry = registry
        self.entities: dict[str, ProposedEntity] = {}
        self.relations: dict[str, ProposedRelation] = {}
        self.pairs: set[frozenset[str]] = set()

    def evidence(self, segment: Segment, start: int, end: int) -> Evidence:
        """The quote of a segment's words start:end: the whole sentence, or around them."""
        if len(segment.text) > MAX_QUOTE:
            start, end = max(0, start - QUOTE_MARGIN), min(len(segment.text), end + QUOTE_MARGIN)
        else:
            start, end = 0, len(segment.text)
        locator = segment.locator(start, end, self.document.line_of)
        quote = segment.text[start:end]
        original = self.document.original(locator)
        if not CIRCLED_NUMBERS.isdisjoint(original) and normalise(quote) != normalise(original):
            quote = normalise_display(original)
        return self._quoted(locator, quote)

    def span_evidence(self, first: Segment, start: int, last: Segment, end: int) -> Evidence:
        """A quote from first.text[start:] to last.text[:end], across the lines between."""
        char_start, char_end = first.starts[start], last.ends[end - 1]
        if char_end - char_start > MAX_QUOTE:
            return self.evidence(last, max(0, end - QUOTE_MARGIN * 2), end)
        locator = Locator(
            self.document.line_of(char_start), self.document.line_of(char_end - 1), char_start, char_end
        )
        return self._quoted(locator, normalise_display(self.document.original(locator)))

    def _quoted(self, locator: Locator, quote: str) -> Evidence:
        return Evidence(
            document=self.document.id,
            locator=str(locator),
            quote=quote,
            line_start=locator.line_start,
            line_end=locator.line_end,
        )

    def mentions(self, segment: Segment, mentions: list[Mention]) -> None:
        """Record a segment's mentions: their entities, and where each is named."""
        for mention in mentions:
            proposal = self.entities.get(mention.entity)
            if proposal is None:
                proposal = self.entities[mention.entity] = ProposedEntity(
                    self.registry.entities[mention.entity],
                    mention.entity in self.registry.existing,
                    mention.confidence,
                )
            proposal.confidence = max(proposal.confidence, mention.confidence)
            if len(proposal.evidence) < MAX_EVIDENCE:
                evidence = self.evidence(segment, mention.start, mention.end)
                if evidence.quote not in (e.quote for e in proposal.evidence):
                    proposal.evidence.append(evidence)

    def related(self, source: str, target: str) -> bool:
        """True when some relation already joins the two entities."""
        return frozenset((source, target)) in self.pairs

    def found(self, segment: Segment, found: Found) -> None:
        """A relation found in a segment, quoted, dated and staged from it."""
        dated = _nearest(dates(segment.text), found)
        self.add(
            Relation(
                type=found.type,
                source=found.source,
                target=found.target,
                evidence=[self.evidence(segment, found.start, found.end)],
                since=dated.since if dated else None,
                until=dated.until if dated else None,
                stage=stage_of(segment.text),
                confidence=found.confidence,
                status=Status.PROPOSED,
            )
        )

    def add(self, relation: Relation) -> None:
        """One proposal per relation: a repeated one gathers quotes and grows surer."""
        self.pairs.add(frozenset((relation.source, relation.target)))
        held = self.relations.get(relation.id)
        if held is None:
            self.relations[relation.id] = ProposedRelation(relation, relation.confidence)
            return
        merged = held.relation
        quotes = {e.quote for e in merged.evidence}
        fresh = [e for e in relation.evidence if e.quote not in quotes]
        merged.evidence += fresh[: MAX_EVIDENCE - len(quotes)]
        merged.since = merged.since or relation.since
        merged.until = merged.until or relation.until
        merged.stage = merged.stage or relation.stage
        held.confidence = merged.confidence = min(
            MAX_CONFIDENCE, max(held.confidence, relation.confidence) + REPEAT_BONUS
        )

    def proposals(self, calibrated: bool = True) -> Proposals:
        """The proposals, without a guess about a pair that a surer proposal already speaks of;
        their confidence the share right of such proposals (when `calibrated`)."""
        surest: dict[frozenset[str], float] = {}
        for proposal in self.relations.values():
            pair = _pair(proposal.relation)
            surest[pair] = max(surest.get(pair, 0.0), proposal.confidence)
        relations = [
            p for p in self.relations.values() if p.confidence >= min(GUESS, surest[_pair(p.relation)])
        ]
        if calibrated:
            relations = [_calibrated(p) for p in relations]
        return Proposals(self.document.id, list(self.entities.values()), relations)


def _calibrated(proposal: ProposedRelation) -> ProposedRelation:
    """The proposal with the share right of proposals as sure by the rules as it is."""
    share = calibrated_share(proposal.confidence)
    return ProposedRelation(replace(proposal.relation, confidence=share), share)


def _pair(relation: Relation) -> frozenset[str]:
    return frozenset((relation.source, relation.target))


def _nearest(found_dates: list[Dated], found: Found) -> Dated | None:
    """The date nearest the words of a relation, if one stands close enough."""

    def gap(dated: Dated) -> int:
        return max(0, dated.start - found.end, found.start - dated.end)

    near = [d for d in found_dates if gap(d) <= DATE_REACH]
    return min(near, key=gap) if near else None
