"""How well extraction finds what a curated annotation names: precision and recall.

Entities match by name: two entities match when a folded name or alias of one
equals one of the other, or one contains the other and covers at least half of it
(the shorter at least two characters, three for latin names). Each curated entity
is matched at most once, best matches first. Precision counts every extracted
entity that matches some curated one; recall counts the curated entities matched.

Relations match by their ends: an extracted relation matches a curated one when
its two ends best match that relation's two ends, in either direction; recall also
says how many of the curated relations found have the same family, and the same type.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tsunagari.graph.model import Contribution, Entity, Relation
from tsunagari.graph.text import fold
from tsunagari.graph.vocabulary import SYMMETRIC_TYPES
from tsunagari.loaders.extract.pipeline import Proposals

MIN_COVER = 0.5
EXACT, CONTAINED = 1.0, 0.9


@dataclass(frozen=True)
class Scores:
    """Counts behind a precision and a recall."""

    correct: int
    extracted: int
    found: int
    reference: int

    @property
    def precision(self) -> float:
        return self.correct / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.reference if self.reference else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class RelationScores(Scores):
    """Relation scores, with how many found relations also agree on family and type."""

    same_family: int = 0
    same_type: int = 0


@dataclass(frozen=True)
class Matching:
    """Which curated entity each extracted entity stands for: one to one, and at best."""

    assigned: dict[str, str]
    best: dict[str, str]


def _keys(entity: Entity) -> set[str]:
    return {key for name in (entity.name_ja, entity.name_en, *entity.aliases) if (key := fold(name))}


def name_score(a: str, b: str) -> float:
    """How well two folded names match: 1 equal, up to 0.9 contained, 0 otherwise."""
    if a == b:
        return EXACT
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    least = 3 if short.isascii() else 2
    if len(short) >= least and short in long and len(short) / len(long) >= MIN_COVER:
        return CONTAINED * len(short) / len(long)
    return 0.0


def match_entities(extracted: Iterable[Entity], reference: Iterable[Entity]) -> Matching:
    """Extracted to curated entities: one to one, best first; and each one's best match."""
    reference_keys = [(key, entity.id) for entity in reference for key in _keys(entity)]
    pairs: dict[tuple[str, str], float] = {}
    for entity in extracted:
        for key in _keys(entity):
            for other, reference_id in reference_keys:
                score = name_score(key, other)
                if score > pairs.get((entity.id, reference_id), 0.0):
                    pairs[(entity.id, reference_id)] = score
    assigned: dict[str, str] = {}
    best: dict[str, str] = {}
    taken: set[str] = set()
    for (entity_id, reference_id), _ in sorted(pairs.items(), key=lambda item: (-item[1], item[0])):
        best.setdefault(entity_id, reference_id)
        if entity_id not in assigned and reference_id not in taken:
            assigned[entity_id] = reference_id
            taken.add(reference_id)
    return Matching(assigned, best)


def entity_scores(extracted: list[Entity], reference: list[Entity], matching: Matching) -> Scores:
    return Scores(len(matching.best), len(extracted), len(matching.assigned), len(reference))


def relation_scores(
    extracted: list[Relation], reference: list[Relation], matching: Matching
) -> RelationScores:
    """Curated relations whose ends an extracted relation joins (either way round)."""
    by_pair: dict[frozenset[str], list[Relation]] = {}
    for relation in extracted:
        ends = (matching.best.get(relation.source), matching.best.get(relation.target))
        if ends[0] and ends[1] and ends[0] != ends[1]:
            by_pair.setdefault(frozenset((ends[0], ends[1])), []).append(relation)
    reference_pairs = {frozenset((r.source, r.target)) for r in reference}
    correct = sum(len(found) for pair, found in by_pair.items() if pair in reference_pairs)
    found = family = same = 0
    for relation in reference:
        joined = by_pair.get(frozenset((relation.source, relation.target)), [])
        if joined:
            found += 1
            family += any(r.family == relation.family for r in joined)
            same += any(r.type == relation.type for r in joined)
    return RelationScores(correct, len(extracted), found, len(reference), family, same)


def evaluate(proposals: Proposals, reference: Contribution) -> tuple[Scores, RelationScores]:
    """Entity and relation scores of a document's proposals against its curated annotation."""
    extracted = [p.entity for p in proposals.entities]
    matching = match_entities(extracted, reference.entities)
    relations = [p.relation for p in proposals.relations]
    return (
        entity_scores(extracted, reference.entities, matching),
        relation_scores(relations, reference.relations, matching),
    )


TARGETS = {"entity recall": 0.8, "entity precision": 0.7, "relation recall": 0.5}
"""What extraction must reach on the seed document with its curated annotation hidden."""


def figures(entities: Scores, relations: RelationScores) -> dict[str, float]:
    """The figures the targets are for."""
    return {
        "entity recall": entities.recall,
        "entity precision": entities.precision,
        "relation recall": relations.recall,
    }


def missed(found: dict[str, float]) -> list[str]:
    """The targets the figures fall short of."""
    return [name for name, target in TARGETS.items() if found[name] < target]


@dataclass(frozen=True)
class StrictScores:
    """What a reviewer meets: entities with duplicates counted as errors, and relations right
    as proposed (pair, type and direction; either direction for a symmetric type)."""

    entities: int
    entities_distinct: int
    """Extracted entities that stand for a curated entity no other extracted one stands for."""
    facts: int
    facts_best_right: int
    """Curated relations whose pair's most confident proposal has their type and direction."""
    relations: int
    relations_right: int
    calibration: tuple[tuple[float, float, float, int], ...]
    """Per confidence decile holding proposals: (decile, mean confidence, share right, count)."""

    @property
    def entity_precision(self) -> float:
        return self.entities_distinct / self.entities if self.entities else 0.0

    @property
    def facts_right(self) -> float:
        return self.facts_best_right / self.facts if self.facts else 0.0

    @property
    def proposals_right(self) -> float:
        return self.relations_right / self.relations if self.relations else 0.0


Fact = tuple[str, str, str]
"""A relation as (source, type, target), a symmetric one with its ends in order."""


def _fact(relation: Relation, ends: dict[str, str]) -> Fact | None:
    source, target = ends.get(relation.source), ends.get(relation.target)
    if not source or not target:
        return None
    if relation.type in SYMMETRIC_TYPES and target < source:
        source, target = target, source
    return source, relation.type, target


def _judged(proposals: Proposals, reference: Contribution) -> tuple[
    Matching, set[Fact], list[tuple[float, Fact | None]]
]:
    """The entity matching, the curated facts, and each relation proposal's confidence and fact
    (its ends read as the curated entities they match best)."""
    matching = match_entities((p.entity for p in proposals.entities), reference.entities)
    same = {entity.id: entity.id for entity in reference.entities}
    facts = {fact for r in reference.relations if (fact := _fact(r, same))}
    return matching, facts, [(p.confidence, _fact(p.relation, matching.best)) for p in proposals.relations]


def judged_proposals(proposals: Proposals, reference: Contribution) -> list[tuple[float, bool]]:
    """Each relation proposal's confidence, and whether it is right as proposed."""
    _, facts, judged = _judged(proposals, reference)
    return [(confidence, fact in facts) for confidence, fact in judged]


def strict_scores(proposals: Proposals, reference: Contribution) -> StrictScores:
    """The strict figures of a document's proposals against its curated annotation."""
    matching, facts, judged = _judged(proposals, reference)
    best_of_pair: dict[frozenset[str], tuple[float, Fact]] = {}
    for confidence, fact in judged:
        if fact is None:
            continue
        pair = frozenset((fact[0], fact[2]))
        if pair not in best_of_pair or confidence > best_of_pair[pair][0]:
            best_of_pair[pair] = (confidence, fact)
    best_right = sum(1 for fact in facts
                     if best_of_pair.get(frozenset((fact[0], fact[2])), (0.0, None))[1] == fact)
    deciles: dict[int, list[tuple[float, bool]]] = {}
    for confidence, fact in judged:
        deciles.setdefault(min(9, int(confidence * 10)), []).append((confidence, fact in facts))
    calibration = tuple(
        (decile / 10, sum(c for c, _ in found) / len(found),
         sum(right for _, right in found) / len(found), len(found))
        for decile, found in sorted(deciles.items()))
    return StrictScores(len(proposals.entities), len(matching.assigned), len(facts), best_right,
                        len(judged), sum(1 for _, fact in judged if fact in facts), calibration)
