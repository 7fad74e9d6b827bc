"""Organisations found by what the sources say of them: a question's own words matched, by
BM25, against each organisation's names, descriptions, services and the quotes that ground
them and its relations.

The rules of each intent find the organisations a question's slots point to; the words a desk
worker types ("a manager for the Thai plant", 「政情リスク」) often name what the sources say
instead. An answer keeps the lead its rules chose and ranks the rest by both lists
(reciprocal rank fusion), so an organisation the sources describe in the question's words
reaches the list even when no rule names it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from tsunagari.graph import Entity, GraphStore
from tsunagari.graph.model import Service
from tsunagari.queries.cache import View
from tsunagari.queries.desk.answer import (
    Item,
    as_phrase,
    first_sentence,
    own_offers,
    quoted,
    tokens,
)

K1, B = 1.2, 0.75
"""BM25's term saturation and length normalisation, at their usual values."""
RELATION_WEIGHT = 0.5
"""What a word of a relation's quote counts for each of its two ends."""
FUSION_RANK = 3
"""Reciprocal rank fusion: an item at rank r of a list scores 1 / (FUSION_RANK + r)."""
MATCHES = 10
"""How many organisations the text search offers an answer."""
WEAKEST = 0.5
"""The least share of the best match's score a match must reach: on the tuning sets this
leaves out a quarter of the organisations the search would add, few of them expected."""
ADDED = 3
"""How many organisations only the text search found may join an answer."""


@dataclass(frozen=True)
class SourceText:
    """The words the sources use of each organisation that may stand in an answer, as an
    inverted index: a question's words lead straight to the organisations that use them."""

    postings: dict[str, dict[str, float]]
    """Each word, and how often each organisation's text uses it."""
    lengths: dict[str, float]
    """How many words each organisation's text holds."""
    services: dict[str, list[tuple[Service, frozenset[str]]]]
    mean_length: float


def source_text_of(store: GraphStore) -> SourceText:
    """Every organisation's words, once per graph version."""
    entities = {e.id: e for e in store.entities() if e.in_chains and not e.is_pure_place}
    postings: dict[str, dict[str, float]] = {}

    def count(entity_id: str, words: Iterable[str], weight: float) -> None:
        for word in words:
            counted = postings.setdefault(word, {})
            counted[entity_id] = counted.get(entity_id, 0.0) + weight

    for entity_id, entity in entities.items():
        count(entity_id, _words_of(entity), 1.0)
    for relation in store.relations():
        said = [word for evidence in relation.evidence for word in tokens(evidence.quote)]
        for end in (relation.source, relation.target):
            if end in entities:
                count(end, said, RELATION_WEIGHT)
    lengths = dict.fromkeys(entities, 0.0)
    for counted in postings.values():
        for entity_id, found in counted.items():
            lengths[entity_id] += found
    services = {entity_id: [(s, frozenset(tokens(" ".join(_texts_of(s))))) for s in e.services]
                for entity_id, e in entities.items()}
    mean = math.fsum(lengths.values()) / max(len(lengths), 1)
    return SourceText(postings, lengths, services, mean)


SOURCE_TEXT = View("source text", source_text_of)


def _words_of(entity: Entity) -> Iterable[str]:
    texts = [entity.name_ja, entity.name_en, *entity.aliases, entity.description,
             entity.description_ja, *(evidence.quote for evidence in entity.evidence)]
    for service in entity.services:
        texts += _texts_of(service)
    for text in texts:
        yield from tokens(text)


def _texts_of(service: Service) -> list[str]:
    return [service.name_ja, service.name_en, service.description_ja, service.description_en,
            service.eligibility_ja, service.eligibility_en,
            *(evidence.quote for evidence in service.evidence)]


def matches(text: SourceText, question: str, most: int = MATCHES) -> list[str]:
    """The ids of the organisations whose source text best matches the question, best first
    (at least WEAKEST of the best's score)."""
    count = len(text.lengths)
    terms: dict[str, list[float]] = {}
    for word in sorted(tokens(question)):  # one order of terms, so one sum on every store
        counted = text.postings.get(word, {})
        rarity = math.log(1 + (count - len(counted) + 0.5) / (len(counted) + 0.5))
        for entity_id, found in counted.items():
            norm = K1 * (1 - B + B * text.lengths[entity_id] / text.mean_length)
            terms.setdefault(entity_id, []).append(rarity * found * (K1 + 1) / (found + norm))
    scores = {entity_id: math.fsum(found) for entity_id, found in terms.items()}
    floor = WEAKEST * max(scores.values(), default=0.0)
    return sorted((entity_id for entity_id, score in scores.items() if score >= floor),
                  key=lambda entity_id: (-scores[entity_id], entity_id))[:most]


def with_source_matches(items: list[Item], found: list[str], text: SourceText,
                        entities: dict[str, Entity], question: str,
                        keep_order: bool = False) -> list[Item]:
    """The answer's items, its first (which its advice names) kept first, the rest ranked by
    their places in the answer and in the text search together. The best ADDED organisations
    only the text search found join them, with what the sources say of them; none of the
    answer's own is dropped."""
    if not items or not found:
        return items
    lead = items[0].entity.id
    own = {item.entity.id: item for item in items}
    added = [entity_id for entity_id in found if entity_id not in own][:ADDED]
    fused: dict[str, float] = {}
    for ranking in ([item.entity.id for item in items], [e for e in found if e in own or e in added]):
        for rank, entity_id in enumerate(ranking):
            if entity_id != lead:
                fused[entity_id] = fused.get(entity_id, 0.0) + 1 / (FUSION_RANK + rank)
    asked = tokens(question)
    ranked = sorted(fused, key=lambda entity_id: -fused[entity_id])  # ties: the answer's order
    if keep_order:  # the answer's own items in their order, the text's finds between them
        rule = iter(items[1:])
        ranked = [e if e not in own else next(rule).entity.id for e in ranked]
    return [items[0], *(own.get(entity_id) or _described(entities[entity_id], text, asked)
                        for entity_id in ranked)]


def _described(entity: Entity, text: SourceText, asked: set[str]) -> Item:
    """An organisation the text search found: its service that shares most of the question's
    words, or else its description, as the reason."""
    shared = [(len(asked & words), service.id, service)
              for service, words in text.services.get(entity.id, [])]
    count, _, service = max(shared, key=lambda found: found[:2], default=(0, "", None))
    if service is not None and count and (offers := own_offers(entity, [service])):
        ((offer_ja, offer_en),) = offers
        return Item(entity, "described", {
            "ja": f"{entity.name('ja')}には{quoted(offer_ja)}があります。",
            "en": f"{entity.in_sentence('en')} offers {as_phrase(offer_en)}.",
        }, services=[service])
    return Item(entity, "described", {language: first_sentence(entity.about(language))
                                      for language in ("ja", "en")})
