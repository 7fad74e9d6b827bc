"""Referral answers: from a firm's place (or organisation) to a destination, the chains a desk
would advise, each with its first contact (a body the firm can walk into), bridges and
receiver, and the organisations in the order a firm would meet them.

When the firm needs something (a rental factory, engineers), receivers that offer it rank
first. With no chain within the hop limit, the answer says so and still gives what helps:
the support bodies of the firm's own place, the national bodies that cover the destination,
and the receivers at the destination.
"""

from __future__ import annotations

from collections.abc import Callable

from tsunagari.graph import Entity, EntityType, GraphStore
from tsunagari.graph.needs import Need
from tsunagari.graph.referral_model import Outcomes
from tsunagari.queries.cache import VersionedCache
from tsunagari.queries.chains import Chain, Connection, connect, explain
from tsunagari.queries.desk.answer import (
    WALK_IN,
    Item,
    Text,
    is_national,
    local_areas,
    names,
    nearness,
    unique_items,
)
from tsunagari.queries.projection import Projection

WALK_IN_DOOR = 0.9
"""The least walk-in fit of a local body offered as the firm's first desk."""
MOST_DOORS = 2
OFFERS_NEED = 1.25
"""How much more a receiver counts when its services meet what the firm needs."""
MOST_FALLBACKS = 4


def referral(
    store: GraphStore, projection: Projection, origin: Entity, destination: Entity, *,
    sector: str | None, stage: str | None, entry_point: str | None, needs: list[Need],
    today: str | None, cache: VersionedCache | None, budget_seconds: float, k: int = 5,
    max_hops: int = 4, outcomes: Outcomes | None = None,
) -> Connection:
    """The referral chains, receivers that meet the needs first."""
    asked = {need.value for need in needs}
    prefer = {
        entity.id: OFFERS_NEED for entity in projection.entities.values()
        if asked and any(asked.intersection(s.needs) for s in entity.services)
    }
    return connect(store, origin.id, destination.id, sector=sector, k=k, max_hops=max_hops,
                   stage=stage, entry_point=entry_point, cache=cache,
                   budget_seconds=budget_seconds, today=today, prefer=prefer,
                   outcomes=outcomes)


def chain_items(chains: list[Chain]) -> list[Item]:
    """The organisations of the chains, as a firm meets them: each chain's first contact (the
    desk its government runs, when it has one), then its receiver, then its bridges."""
    items: list[Item] = []
    for chain in chains:
        first = chain.steps[0].entity
        items.append(Item(chain.first_contact, "first-contact", _first_reason(chain), chain.score))
        if chain.door is not None:
            items.append(Item(first, "first-contact", _first_reason(chain), chain.score))
        if chain.hops:
            items.append(Item(chain.receiver, "receiver", _receiver_reason(chain), chain.score,
                              relations=[chain.steps[-1].via] if chain.steps[-1].via else []))
        for step in chain.steps[1:-1]:
            items.append(Item(step.entity, "bridge", _bridge_reason(step.entity), chain.score,
                              relations=[step.via] if step.via else []))
    return unique_items(items)


def _first_reason(chain: Chain) -> Text:
    return {"ja": f"最初の相談先：{chain.first_contact.name('ja')}",
            "en": f"First contact: {chain.first_contact.in_sentence('en')}"}


def _receiver_reason(chain: Chain) -> Text:
    return {"ja": f"進出先での受け手：{chain.receiver.name('ja')}",
            "en": f"Receiver at the destination: {chain.receiver.in_sentence('en')}"}


def _bridge_reason(entity: Entity) -> Text:
    return {"ja": f"橋渡し役：{entity.name('ja')}", "en": f"Bridge: {entity.in_sentence('en')}"}


def referral_advice(chains: list[Chain], doors: list[Item], receivers: Text | None) -> Text:
    """The headline: the best chain's advice, after the firm's local desks when it starts
    away from them, with who at the destination meets the firm's needs."""
    chain = chains[0]
    route = explain(chain.steps, chain.door, then=bool(doors), after=receivers)
    if not doors:
        return route
    return {"ja": f"まず地元の{names([d.entity for d in doors], 'ja')}にご相談ください。" + route["ja"],
            "en": f"Start locally with {names([d.entity for d in doors], 'en')}. " + route["en"]}


def fallback_items(projection: Projection, origin: Entity, destination: Entity) -> list[Item]:
    """What helps when no chain joins the two: the origin's own support bodies, the national
    bodies that cover the destination, and the receivers at the destination."""
    own = _nearest(projection, origin, lambda e: projection.is_within(e.id, origin.id)
                   or e.id in projection.serving(origin.id), "origin-support")
    national = _nearest(projection, destination, lambda e: is_national(projection, e)
                        and (destination.id in projection.served_areas.get(e.id, ()) or
                             _serves_country(projection, e, destination)), "national")
    receivers = _nearest(projection, destination,
                         lambda e: projection.is_within(e.id, destination.id), "receiver")
    return unique_items([*own, *national, *receivers])


def local_doors(projection: Projection, places: list[Entity]) -> list[Item]:
    """The walk-in bodies that stand in the firm's own places (its town's centre, its
    信用金庫, the prefecture's desk), most readily walked into first; where the town has none,
    those of the nearest area around it that is still local (the Suwa area, the prefecture)."""
    levels = [places, *([area] for place in places[:1] for area in local_areas(projection, place))]
    for level in levels:
        found = []
        for place in level:
            for entity_id in sorted(projection.within(place.id) | {place.id}):
                entity = projection.entities[entity_id]
                if (entity.in_chains and WALK_IN[entity.type] >= WALK_IN_DOOR
                        and entity.type is not EntityType.MUNICIPALITY):
                    found.append(Item(entity, "first-contact", _local_reason(entity, place),
                                      WALK_IN[entity.type]))
        if found:
            return unique_items(sorted(found, key=lambda i: (-i.score, i.entity.id)))[:MOST_DOORS]
    return []


def _local_reason(entity: Entity, place: Entity) -> Text:
    return {"ja": f"{place.name('ja')}の地元の相談先です。",
            "en": f"A local body in {place.in_sentence('en')} a firm can walk into."}


def _serves_country(projection: Projection, entity: Entity, place: Entity) -> bool:
    return any(projection.is_within(place.id, area) or projection.is_within(area, place.id)
               for area in projection.served_areas.get(entity.id, ()))


def _nearest(projection: Projection, place: Entity, keep: Callable[[Entity], bool],
             role: str) -> list[Item]:
    found = [
        Item(entity, role, _fallback_reason(entity, place, role),
             round(nearness(projection, entity, place) * WALK_IN[entity.type], 6))
        for entity in projection.entities.values()
        if entity.in_chains and entity.type is not entity.type.PERSON and entity.id != place.id
        and keep(entity)
    ]
    return sorted(found, key=lambda i: (-i.score, i.entity.id))[:MOST_FALLBACKS]


def _fallback_reason(entity: Entity, place: Entity, role: str) -> Text:
    if role == "origin-support":
        return {"ja": f"{place.name('ja')}の企業が相談できる窓口です。",
                "en": f"A body firms in {place.in_sentence('en')} can turn to."}
    if role == "national":
        return {"ja": f"{place.name('ja')}を対象とする全国機関です。",
                "en": f"A national body that covers {place.in_sentence('en')}."}
    return {"ja": f"{place.name('ja')}にある受け入れ先です。",
            "en": f"A receiver in {place.in_sentence('en')}."}


def no_route_note(origin: Entity, destination: Entity, max_hops: int) -> Text:
    """The honest note of a referral with no chain."""
    return {"ja": f"資料には、{origin.name('ja')}から{destination.name('ja')}への"
                  f"{max_hops}段階以内の紹介ルートがありません。代わりに、相談先と受け入れ先の候補を示します。",
            "en": f"The sources document no route from {origin.in_sentence('en')} to "
                  f"{destination.in_sentence('en')} within {max_hops} steps. Here are bodies that can "
                  f"still help on each side."}
