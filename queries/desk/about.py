"""Answers about one organisation: who runs or funds it, who belongs to it, whom it works
with, where it is, what it offers, each told from the relations (and quotes) the graph holds.
When the graph holds nothing on the asked topic, the answer says so and tells what it offers.
"""

from __future__ import annotations

from tsunagari.graph import Entity, Relation
from tsunagari.graph.vocabulary import relation_type
from tsunagari.queries.desk.answer import Item, Text, names, own_offers, quoted, unique_items
from tsunagari.queries.desk.question import Topic
from tsunagari.queries.projection import Projection

TOPIC_RELATIONS: dict[Topic, tuple[frozenset[str], str]] = {
    # topic: (relation types, which end the asked organisation is: "target" or "source" or "any")
    Topic.OPERATORS: (frozenset({"OPERATES", "ESTABLISHED", "SECRETARIAT_OF", "IMPLEMENTS",
                                 "COORDINATES"}), "target"),
    Topic.FUNDERS: (frozenset({"FUNDS", "INVESTS_IN"}), "target"),
    Topic.MEMBERS: (frozenset({"MEMBER_OF"}), "target"),
    Topic.PARTNERS: (frozenset({"PARTNERS_WITH", "AGREEMENT_WITH", "SISTER_CITY_OF",
                                "CO_LOCATED_WITH", "MEMBER_OF"}), "any"),
    Topic.LOCATION: (frozenset({"LOCATED_IN", "TENANT_OF", "SERVES_AREA"}), "source"),
    Topic.OFFERS: (frozenset({"SUPPORTS", "TRAINS", "ADVISES", "REFERS_TO", "FUNDS", "INVESTS_IN",
                              "OPERATES", "IMPLEMENTS", "SECRETARIAT_OF"}), "source"),
}
ROLE = {Topic.OPERATORS: "operator", Topic.FUNDERS: "funder", Topic.MEMBERS: "member",
        Topic.PARTNERS: "partner", Topic.LOCATION: "place", Topic.OFFERS: "related"}
TOPIC_WORDS = {
    Topic.OPERATORS: ("運営・設置・事務局", "who runs {name}", "{name} is run or set up by {others}."),
    Topic.FUNDERS: ("資金・出資", "who funds {name}", "{name} is funded by {others}."),
    Topic.MEMBERS: ("参加機関", "who belongs to {name}", "The members of {name} include {others}."),
    Topic.PARTNERS: ("連携先", "whom {name} works with", "{name} works with {others}."),
    Topic.LOCATION: ("所在地", "where {name} is", "{name} is in {others}."),
    Topic.OFFERS: ("支援内容", "what {name} offers", "{name} is tied to {others}."),
}
"""Each topic in Japanese, as an English clause, and as an English answer."""
PARENT_TYPES = frozenset({"PART_OF"})


def about(projection: Projection, organisation: Entity,
          topics: list[Topic]) -> tuple[list[Item], Text, bool]:
    """The organisations that answer the topics (in the order asked), the advice, and whether
    the graph held any. The organisation itself comes first when the question asks what it
    is, does or where it is."""
    topics = topics or [Topic.OFFERS]
    related = unique_items(item for topic in topics for item in _related(projection, organisation, topic))
    if Topic.MEMBERS in topics and not related:
        related = _related(projection, organisation, Topic.PARTNERS)
    own = Item(organisation, "organisation", _own_reason(organisation),
               1.0, list(organisation.services))
    if {Topic.OFFERS, Topic.LOCATION} & set(topics):
        items = unique_items([own, *related])
    else:
        items = unique_items([*related, own])
    found = bool(related) or (Topic.OFFERS in topics and bool(organisation.services))
    return items, _advice(organisation, topics[0], related, found), found


def _related(projection: Projection, organisation: Entity, topic: Topic) -> list[Item]:
    types, end = TOPIC_RELATIONS[topic]
    items = []
    for hop in projection.hops_of(organisation.id):
        relation = hop.relation
        other = projection.entities.get(hop.neighbour)
        if other is None or other.id == organisation.id:
            continue
        is_source = relation.source == organisation.id
        wanted = relation.type in types and (
            end == "any" or (end == "source") == is_source)
        parent = topic is Topic.OPERATORS and relation.type in PARENT_TYPES and is_source
        if not (wanted or parent):
            continue
        if not (other.in_chains or (topic is Topic.LOCATION and other.is_place)):
            continue
        items.append(Item(other, ROLE[topic], _reason(relation, hop.forward, organisation, other),
                          hop.weight, relations=[relation]))
    return sorted(items, key=lambda i: (-i.score, -projection.degree(i.entity.id), i.entity.id))


def _reason(relation: Relation, forward: bool, organisation: Entity, other: Entity) -> Text:
    kind = relation_type(relation.type)
    source, target = (organisation, other) if relation.source == organisation.id else (other, organisation)
    return {language: kind.say(True, language, source.in_sentence(language), target.in_sentence(language))
            + ("。" if language == "ja" else ".") for language in ("ja", "en")}


def _own_reason(organisation: Entity) -> Text:
    return {language: organisation.about(language) for language in ("ja", "en")}


def _advice(organisation: Entity, topic: Topic, related: list[Item], found: bool) -> Text:
    name_ja, name_en = organisation.name("ja"), organisation.in_sentence("en")
    word_ja, clause_en, answer_en = TOPIC_WORDS[topic]
    if not found:
        return {"ja": f"資料には{name_ja}の{word_ja}についての記述がありません。"
                      f"わかっている支援内容を示します。",
                "en": f"The sources do not say {clause_en.format(name=name_en)}; here is what "
                      f"they say it does."}
    if topic is Topic.OFFERS:
        offers = own_offers(organisation, organisation.services)[:3]
        if offers:  # a service named as the organisation itself is no offer to list
            listed_ja = "、".join(quoted(offer_ja) for offer_ja, _ in offers)
            listed_en = "; ".join(offer_en for _, offer_en in offers)
            return {"ja": f"{name_ja}の主な支援は{listed_ja}です。",
                    "en": f"{name_en} offers: {listed_en}."}
        return {"ja": f"{name_ja}の活動を、資料にある関係から示します。",
                "en": f"What {name_en} does, from the relations the sources state."}
    shown = [item.entity for item in related[:4]]
    return {"ja": f"{name_ja}の{word_ja}：{names(shown, 'ja')}。",
            "en": answer_en.format(name=name_en, others=names(shown, "en"))}
