"""Answers about hubs: who bridges two regions, or which organisations hold a region's
network together. Only organisations (and programmes) stand in these lists: no person, no
place, nothing named only as a source, author or survey.

Between two places A and B, an organisation bridges them when it stands in or ties to both
sides (a Kansai council with a desk in Dong Nai); bridges are ranked by how many ties they
have on the thinner side, then by betweenness. In one region, hubs are the organisations in
or serving it with the highest betweenness (a body that stands in the region counts before
one that only serves it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tsunagari.graph import Entity, EntityType
from tsunagari.queries.desk.answer import EntityWords, Item, Text, fit, kind_fit, names
from tsunagari.queries.hubs import HubScores
from tsunagari.queries.projection import Projection

MOST_ITEMS = 8
LEFT_OUT = frozenset({EntityType.PERSON, EntityType.PLACE})
BROKER = {EntityType.NPO: 1.0, EntityType.SUPPORT_CENTER: 1.0, EntityType.PROGRAM: 0.95,
          EntityType.GOVERNMENT_AGENCY: 0.9, EntityType.FINANCIAL_INSTITUTION: 0.85,
          EntityType.MUNICIPALITY: 0.5, EntityType.INDUSTRIAL_PARK: 0.7,
          EntityType.TRAINING_INSTITUTION: 0.7, EntityType.FIRM: 0.55}
"""How much each type of organisation is in the business of connecting others."""


def _side(projection: Projection, entity_id: str, place: Entity) -> bool:
    """Whether an entity stands in a place, or serves it (by a service area stated on the
    entity or on one of its services)."""
    if projection.is_within(entity_id, place.id):
        return True
    entity = projection.entities[entity_id]
    areas = [*projection.served_areas.get(entity_id, ()),
             *(area for service in entity.services for area in service.area_served)]
    return any(projection.is_within(area, place.id) for area in areas)


def bridges(projection: Projection, scores: HubScores, a: Entity, b: Entity,
            asked: Asked) -> list[Item]:
    """The organisations that tie place `a` to place `b`, best first."""
    found = []
    for entity_id in scores.graph.actors:
        entity = projection.entities[entity_id]
        if entity.type in LEFT_OUT or entity_id in (a.id, b.id):
            continue
        here = [_side(projection, entity_id, a), _side(projection, entity_id, b)]
        ties = [0, 0]
        for hop in projection.walkable.get(entity_id, ()):
            for position, place in enumerate((a, b)):
                ties[position] += _side(projection, hop.neighbour, place)
        reach = [ties[i] + 2 * here[i] for i in range(2)]
        if min(reach) == 0:
            continue
        score = (math.sqrt(reach[0] * reach[1]) * (1 + 10 * scores.score(entity_id, "betweenness"))
                 * BROKER[entity.type] * kind_fit(entity, asked.kinds)
                 * fit(asked.words, asked.known[entity_id]))
        found.append(Item(entity, "hub", _bridge_reason(entity, a, b), round(score, 6)))
    return sorted(found, key=lambda i: (-i.score, i.entity.id))[:MOST_ITEMS]


def regional_hubs(projection: Projection, scores: HubScores, place: Entity | None,
                  asked: Asked) -> list[Item]:
    """The organisations that tie a place's bodies together: those standing in it (or serving
    it, and no wider area), by their ties inside the place and their betweenness; anywhere
    without a place."""
    found = []
    for entity_id in scores.ranked("betweenness"):
        entity = projection.entities.get(entity_id)
        if entity is None or entity.type in LEFT_OUT:
            continue
        inside = place is None or projection.is_within(entity_id, place.id)
        if not (inside or (place is not None and _side(projection, entity_id, place))):
            continue
        hops = projection.walkable.get(entity_id, ())
        ties = sum(place is None or _side(projection, hop.neighbour, place) for hop in hops)
        weight = ((1.0 if inside else 0.5) * (1 + ties) * (1 + 5 * scores.score(entity_id, "betweenness"))
                  * BROKER[entity.type] * kind_fit(entity, asked.kinds)
                  * fit(asked.words, asked.known[entity_id]))
        found.append(Item(entity, "hub", _hub_reason(entity, place), round(weight, 6)))
    return sorted(found, key=lambda i: (-i.score, i.entity.id))[:MOST_ITEMS]


@dataclass(frozen=True)
class Asked:
    """What a hubs question asks beyond its places: its own words, the kinds of organisation
    it names, and the words of every organisation (WORDS)."""

    words: frozenset[str]
    kinds: list[EntityType]
    known: dict[str, EntityWords]


def _bridge_reason(entity: Entity, a: Entity, b: Entity) -> Text:
    return {"ja": f"{entity.name('ja')}は{a.name('ja')}と{b.name('ja')}の双方につながっています。",
            "en": f"{entity.in_sentence('en')} has ties in both {a.in_sentence('en')} "
                  f"and {b.in_sentence('en')}."}


def _hub_reason(entity: Entity, place: Entity | None) -> Text:
    if place is None or place.id == entity.id:  # a city among its own hubs
        return {"ja": f"{entity.name('ja')}は多くの組織をつなぐ位置にあります。",
                "en": f"{entity.in_sentence('en')} links many organisations."}
    return {"ja": f"{entity.name('ja')}は{place.name('ja')}で多くの組織をつないでいます。",
            "en": f"{entity.in_sentence('en')} links many organisations in {place.in_sentence('en')}."}


def hub_advice(items: list[Item], places: list[Entity]) -> Text:
    """The headline of a hubs answer."""
    top = [item.entity for item in items[:3]]
    top_ja, top_en = names(top, "ja"), names(top, "en")
    if len(places) >= 2:
        a, b = places[0], places[1]
        return {"ja": f"{a.name('ja')}と{b.name('ja')}をつなぐ中心は{top_ja}です。",
                "en": f"The bodies that bridge {a.in_sentence('en')} and {b.in_sentence('en')} "
                      f"are {top_en}."}
    if places:
        place = places[0]
        others = [i.entity for i in items[:3] if i.entity.id != place.id]
        if len(others) < len(items[:3]):  # the place's own government is one of them
            with_ja = f"と{names(others, 'ja')}" if others else ""
            with_en = f" and {names(others, 'en')}" if others else ""
            return {"ja": f"{place.name('ja')}の支援ネットワークの中心は、自治体自身{with_ja}です。",
                    "en": f"The hubs of {place.in_sentence('en')}'s support network are its "
                          f"own government{with_en}."}
        return {"ja": f"{place.name('ja')}の支援ネットワークの中心は{top_ja}です。",
                "en": f"The hubs of {place.in_sentence('en')}'s support network are {top_en}."}
    return {"ja": f"支援ネットワーク全体の中心は{top_ja}です。",
            "en": f"The hubs of the whole support network are {top_en}."}
