"""Candidate extraction: entities and relations proposed from any document.

A document is read sentence by sentence (and bullet by bullet). Its names come from
the gazetteer of known entities and general knowledge, and from the forms names take
(organisation suffixes, legal forms, acronyms, titles); its relations from where
names stand towards each other (an anaphor, 同社 or the Bank, standing for the name it
refers to), the cue words around them, and the layout of tables and slides. Every
proposal carries the quote that suggested it, where that quote stands, and how sure
the rule that found it is. A name that resolves to a known entity reuses it; every
other name becomes one new entity (`new-…`), however often it is written. Nothing here
is accepted: relations come with `status: proposed`.

>>> text = "大阪府が尼崎信用金庫と連携し、\\nロンドウック工業団地に入居する企業を支援。"
>>> doc = Document.from_text("d", text)
>>> found = extract(doc)
>>> sorted(p.entity.name_ja for p in found.entities)
['ロンドウック工業団地', '大阪府', '尼崎信用金庫']
>>> best = max(found.relations, key=lambda p: p.confidence).relation
>>> best.type, best.evidence[0].locator, best.status.value
('PARTNERS_WITH', 'L1-2:c0-37', 'proposed')
"""

from __future__ import annotations

from collections.abc import Iterable

from tsunagari.graph.model import Entity, Evidence, Relation
from tsunagari.graph.vocabulary import Status
from tsunagari.loaders.extract.anaphora import anaphors, definitions, subject_of
from tsunagari.loaders.extract.collector import Collector, Proposals, ProposedEntity, ProposedRelation
from tsunagari.loaders.extract.context import (
    LOCATING,
    NEIGHBOUR,
    PARTICIPANT,
    ROLE,
    TABLE,
    TOPIC,
    Inferred,
    country_relations,
    first_cue,
    neighbours,
    participants,
    programme,
    related,
    role_of,
    table_rows,
    topics,
)
from tsunagari.loaders.extract.cues import is_agent
from tsunagari.loaders.extract.mentions import Mention, accepted, listed_people, segment_mentions
from tsunagari.loaders.extract.registry import Registry
from tsunagari.loaders.extract.relations import Found, relations_in
from tsunagari.loaders.extract.segments import Segment, segments
from tsunagari.loaders.sources import Document

__all__ = ["ProposedEntity", "ProposedRelation", "Proposals", "extract"]

ANTECEDENT_REACH = 40
"""How many names back an anaphor (同社, the Bank) may find what it refers to."""


def extract(document: Document, known: Iterable[Entity] = (), calibrated: bool = True) -> Proposals:
    """Propose the entities and relations a document names (known entities are reused); each
    relation's confidence is the share of such proposals found right (the rules' own figure
    when not `calibrated`: what the calibration is fitted on)."""
    registry = Registry(known)
    parts = list(segments(document.text))
    kept = []
    for segment in parts:
        found = accepted(registry, segment)
        for candidate in found:
            registry.create(candidate)
        kept.append(found)
    for candidate in listed_people(parts, kept):
        registry.create(candidate)
    collector = Collector(document, registry)
    tops: list[list[Mention]] = []
    recent: list[str] = []
    defined: dict[str, str] = {}
    subject: str | None = None
    for segment, candidates in zip(parts, kept, strict=True):
        mentions = segment_mentions(registry, segment, candidates)
        collector.mentions(segment, mentions)
        defined.update(definitions(segment, mentions))
        referring = anaphors(segment, mentions, recent, registry.entities, defined, subject)
        named = sorted([*mentions, *referring], key=lambda m: (m.start, -m.end))
        subject = subject_of(named, registry.entities) or subject
        for relation in relations_in(segment.text, named, registry.entities, segment.line_starts):
            collector.found(segment, relation)
        recent = [*recent, *(m.entity for m in named if m.outer is None)][-ANTECEDENT_REACH:]
        tops.append([m for m in mentions if m.outer is None])
    _layout(collector, parts, tops)
    _countries(collector)
    return collector.proposals(calibrated)


def _layout(collector: Collector, parts: list[Segment], tops: list[list[Mention]]) -> None:
    """Relations from a table's rows to the programme it is of, from the firms named as its
    participants (参加企業) to it, from a slide's topics to its names (as a bullet's role label
    says: 事務局:…, 組合員:…), and between names of sentences in a row."""
    entities = collector.registry.entities
    about = programme(tops, entities)
    for index, relation_types, body in table_rows(parts, tops):
        for relation_type in relation_types if about and body.entity != about else ():
            row = Found(relation_type, body.entity, about, TABLE, body.start, body.end)
            collector.found(parts[index], row)
    for index, firm in participants(parts, tops, entities) if about else ():
        if not collector.related(firm.entity, about):
            collector.found(parts[index], Found("MEMBER_OF", firm.entity, about, PARTICIPANT,
                                                firm.start, firm.end))
    for index, topic, mention in topics(parts, tops):
        role = role_of(parts[index].text)
        named, subject = entities[mention.entity], entities[topic.entity]
        if role and mention.start >= role[0] and _plays(role[1], named, subject):
            ends = (topic, mention) if role[1] in LOCATING else (mention, topic)
            found = Found(role[1], ends[0].entity, ends[1].entity, ROLE, mention.start, mention.end)
            collector.found(parts[index], found)
            continue
        cue = first_cue(parts[index].text)
        ends = (mention, topic) if is_agent(parts[index].text, mention.end) else (topic, mention)
        inferred = related(entities[ends[0].entity], entities[ends[1].entity], cue, TOPIC)
        if inferred and not collector.related(inferred.source, inferred.target):
            collector.found(
                parts[index],
                Found(inferred.type, inferred.source, inferred.target, TOPIC, mention.start, mention.end),
            )
    for index, left, right in neighbours(parts, tops):
        cue = first_cue(parts[index].text)
        inferred = related(entities[left.entity], entities[right.entity], cue, NEIGHBOUR)
        if inferred and not collector.related(inferred.source, inferred.target):
            evidence = collector.span_evidence(parts[index - 1], left.start, parts[index], right.end)
            collector.add(_relation(inferred, evidence))


def _plays(role: str, entity: Entity, topic: Entity) -> bool:
    """True when an entity can play a role for a topic: places only where something stands or serves."""
    return role in LOCATING or not (entity.is_place or topic.is_place)


def _countries(collector: Collector) -> None:
    """Each named firm, park or city in its country, when the document names that country."""
    entities = collector.registry.entities
    located: dict[str, set[str]] = {}
    for proposal in collector.relations.values():
        relation = proposal.relation
        if relation.type in LOCATING and entities[relation.target].is_place:
            located.setdefault(relation.source, set()).add(relation.target)
    for inferred in country_relations(entities, located, set(collector.entities)):
        evidence = collector.entities[inferred.source].evidence[0]
        collector.add(_relation(inferred, evidence))


def _relation(inferred: Inferred, evidence: Evidence) -> Relation:
    """A proposed relation with one quote."""
    return Relation(
        inferred.type, inferred.source, inferred.target, evidence=[evidence],
        confidence=inferred.confidence, status=Status.PROPOSED,
    )
