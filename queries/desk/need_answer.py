"""Answers to "who can help with N [in P] [for sector S]": the organisations whose services
meet the need, nearest to the place first, each with the services (and quotes) that say so.

A service meets a need only where its quotes state it (the needs vocabulary, graph/needs.py).
Near means: in the place, serving it, in its country, a national body; an open service
ranks above one whose period has ended; a body of the firm's sector (or of none) above one of
another sector.
"""

from __future__ import annotations

from collections.abc import Iterable

from tsunagari.graph import Entity, EntityType, GraphStore
from tsunagari.graph.model import Service
from tsunagari.graph.needs import Need
from tsunagari.queries.cache import View
from tsunagari.queries.desk.answer import (
    WALK_IN,
    Item,
    Text,
    as_phrase,
    is_national,
    kind_fit,
    names,
    nearness,
    needs_said,
    offered_by,
    quoted,
    relevance,
    service_area_fit,
    service_open,
    with_programmes,
    without_owner,
)
from tsunagari.queries.projection import Projection

ENDED_SERVICE = 0.85
LOCAL_WHEN_NATIONAL = 0.7
"""How much a local body counts when the question asks for national support or names no place."""
OTHER_SECTOR = 0.7
NAMED = 1.5
"""How much more an organisation counts when the question names it ("JICA's projects for …")."""
MOST_ITEMS = 8


def services_of(entities: Iterable[Entity]) -> Iterable[Service]:
    """Every service of an organisation that may stand in an answer."""
    for entity in entities:
        if entity.in_chains:
            yield from entity.services


def offered_needs(store: GraphStore) -> frozenset[str]:
    """Every need some service meets, once per graph version."""
    return frozenset(need for service in services_of(store.entities()) for need in service.needs)


OFFERED_NEEDS = View("offered needs", offered_needs)


def providers(
    projection: Projection, needs: list[Need], place: Entity | None, sector: str | None,
    today: str | None, most: int = MOST_ITEMS, question: str = "", national: bool = False,
    kinds: list[EntityType] | None = None, named: frozenset[str] = frozenset(),
) -> list[Item]:
    """The organisations whose services meet any of the needs, best first (those the question
    names, then those whose names share its words, a little before the others; national
    bodies first when the question asks for national support)."""
    asked = {need.value for need in needs}
    best: dict[str, Item] = {}
    for service in services_of(projection.entities.values()):
        met = asked.intersection(service.needs)
        if not met:
            continue
        owner = projection.entities[service.organization]
        score = _score(projection, service, owner, met, len(asked), place, sector, today)
        score *= relevance(question, service.name("ja"), service.name("en"), owner.name("ja"),
                           owner.name("en"), *owner.aliases)
        if (national or place is None) and not is_national(projection, owner):
            score *= LOCAL_WHEN_NATIONAL
        score *= kind_fit(owner, kinds or []) * (NAMED if owner.id in named else 1.0)
        item = best.get(owner.id)
        if item is None:
            best[owner.id] = Item(owner, "provider", {}, score, [service])
        else:
            item.services.append(service)
            item.score = max(item.score, score) + 0.01
    ranked = sorted(best.values(), key=lambda i: (-i.score, i.entity.id))[:most]
    for item in ranked:
        item.services.sort(key=lambda s: -len(asked.intersection(s.needs)))
        item.reason = _reason(item, needs, place)
    return with_programmes(projection, ranked, most)


def _score(
    projection: Projection, service: Service, owner: Entity, met: set[str], asked: int,
    place: Entity | None, sector: str | None, today: str | None,
) -> float:
    coverage = len(met) / asked
    specificity = 1.0 / (1.0 + 0.08 * (len(service.needs) - 1))
    where = service_area_fit(projection, service, place) or nearness(projection, owner, place)
    fit = WALK_IN[owner.type] ** 0.5
    if sector and not projection.fits_sector(owner.id, sector):
        fit *= OTHER_SECTOR
    if not service_open(service, today):
        fit *= ENDED_SERVICE
    return round((0.5 + 0.5 * coverage) * specificity * where * fit, 6)


def _reason(item: Item, needs: list[Need], place: Entity | None) -> Text:
    service = item.services[0]
    wanted = [need for need in needs if need.value in service.needs] or needs
    what = {language: needs_said(wanted, language) for language in ("ja", "en")}
    offer_en = as_phrase(without_owner(service.name("en"), item.entity.name("en")))
    return {
        "ja": f"{offered_by(item.entity, service)}が{what['ja']}に対応しています。",
        "en": f"{item.entity.in_sentence('en')} offers {offer_en} ({what['en']})." if offer_en
        else f"{item.entity.in_sentence('en')} can help with {what['en']}.",
    }


def need_advice(items: list[Item], needs: list[Need], place: Entity | None) -> Text:
    """The headline: whom to ask first for the need, and who else can help."""
    what_ja, what_en = needs_said(needs, "ja"), needs_said(needs, "en")
    first = items[0]
    service = first.services[0]
    others = [item for item in items[1:] if item.role != "programme"][:2]
    offer_ja = without_owner(service.name("ja"), first.entity.name("ja"))
    offer_en = without_owner(service.name("en"), first.entity.name("en"))
    where_ja = where_en = ""
    if place is not None and place.id != first.entity.id and not any(  # unless it goes unsaid
            place.name(language) in offer for language, offer in (("ja", offer_ja), ("en", offer_en))):
        where_ja, where_en = f"{place.name('ja')}での", f" in {place.in_sentence('en')}"
    if first.entity.name("ja") in offer_ja:  # the offer names its organisation itself
        ja = f"{where_ja}{what_ja}については、まず{quoted(offer_ja)}をご検討ください。"
    else:
        ja = f"{where_ja}{what_ja}については、まず{first.entity.name('ja')}" + (
            f"の{quoted(offer_ja)}にご相談ください。" if offer_ja else "にご相談ください。")
    if first.entity.name("en") in offer_en:
        en = f"For {what_en}{where_en}, start with {offer_en}."
    else:
        en = f"For {what_en}{where_en}, start with {first.entity.in_sentence('en')}" + (
            f": {offer_en}." if offer_en else ".")
    if others:
        ja += "ほかに" + names([o.entity for o in others], "ja") + "も対応しています。"
        en += " " + names([o.entity for o in others], "en") + " can help too."
    return {"ja": ja, "en": en}


