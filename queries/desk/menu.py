"""Answers to "what support is there" for a stage, an entry point or a country: the services
that state that stage or entry point (and serve that country), grouped by organisation, the
most specific first.
"""

from __future__ import annotations

from tsunagari.graph import Entity
from tsunagari.graph.model import Service
from tsunagari.graph.needs import Need
from tsunagari.graph.vocabulary import EntryPoint, Stage
from tsunagari.queries.desk.answer import (
    Item,
    Text,
    first_sentence,
    nearness,
    own_offers,
    quoted,
    relevance,
    service_area_fit,
    service_open,
    with_programmes,
)
from tsunagari.queries.desk.need_answer import services_of
from tsunagari.queries.projection import Projection

MOST_ITEMS = 8
MEETS_NEED = 1.3
"""How much more a service counts when it meets a need the question names."""


def menu(
    projection: Projection, stage: str | None, entry_point: str | None, place: Entity | None,
    today: str | None, question: str = "", needs: list[Need] | None = None,
) -> list[Item]:
    """The organisations whose services fit the stage, entry point and place, best first (those
    that meet a need the question names before the others)."""
    wanted = {need.value for need in needs or [] if need is not Need.CONSULTATION}
    best: dict[str, Item] = {}
    for service in services_of(projection.entities.values()):
        score = _fit(projection, service, stage, entry_point, place, today)
        if score <= 0:
            continue
        owner = projection.entities[service.organization]
        score *= relevance(question, service.name("ja"), service.name("en"), owner.name("ja"),
                           owner.name("en"))
        if wanted.intersection(service.needs):
            score *= MEETS_NEED
        item = best.setdefault(owner.id, Item(owner, "provider", {}, 0.0))
        item.services.append(service)
        item.score = max(item.score, score) + 0.02
    ranked = sorted(best.values(), key=lambda i: (-i.score, i.entity.id))[:MOST_ITEMS]
    for item in ranked:
        item.services.sort(key=lambda s: -_fit(projection, s, stage, entry_point, place, today))
        offers = own_offers(item.entity, item.services[:2])
        item.reason = {
            "ja": f"{item.entity.name('ja')}：{'、'.join(quoted(ja) for ja, _ in offers)}。",
            "en": f"{item.entity.in_sentence('en')}: {'; '.join(en for _, en in offers)}.",
        } if offers else {language: first_sentence(item.entity.about(language))
                          for language in ("ja", "en")}
    return with_programmes(projection, ranked, MOST_ITEMS + 4)


def _fit(projection: Projection, service: Service, stage: str | None, entry_point: str | None,
         place: Entity | None, today: str | None) -> float:
    score = 1.0
    for asked, stated in ((stage, service.stages), (entry_point, service.entry_points)):
        if asked:
            if asked in stated:
                score *= 1.0
            elif not stated:
                score *= 0.45
            else:
                return 0.0
    if place is not None:
        owner = projection.entities[service.organization]
        score *= service_area_fit(projection, service, place) or nearness(projection, owner, place)
    if not service_open(service, today):
        score *= 0.85
    return score


def menu_advice(items: list[Item], stage: str | None, entry_point: str | None,
                place: Entity | None) -> Text:
    """The headline of a menu answer."""
    said = [*([Stage(stage)] if stage else []), *([EntryPoint(entry_point)] if entry_point else [])]
    what_ja = "・".join(word.label("ja") for word in said)
    what_en = ", ".join(word.label("en") for word in said)
    where_ja = f"{place.name('ja')}向けの" if place else ""
    where_en = f" for {place.in_sentence('en')}" if place else ""
    count = sum(len(item.services) for item in items)
    head_ja = f"{where_ja}{what_ja}の支援" if what_ja else f"{where_ja}支援"
    head_en = f"Support {what_en}{where_en}" if what_en else f"Support{where_en}"
    first = items[0].entity
    itself = place is not None and first.id == place.id  # the place's own government
    return {"ja": f"{head_ja}は、資料から{len(items)}機関・{count}件見つかりました。"
                  f"まず{'その自治体自身' if itself else first.name('ja')}にご相談ください。",
            "en": f"{head_en}: {count} services from {len(items)} bodies in the sources; "
                  f"start with {'its own government' if itself else first.in_sentence('en')}."}
