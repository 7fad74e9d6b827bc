"""`ask`: a desk question answered like the best person at the desk would: understood,
then answered by its intent, and never left at a dead end.

An answer that finds nothing says so and gives what still helps (the support bodies of the
place asked about, national bodies, general consultation desks); a question that cannot be
understood raises `QuestionNotUnderstood` with what was recognised and at least three
questions that do work.
"""

from __future__ import annotations

import re
from itertools import zip_longest

from tsunagari.graph import Entity, EntityType, GraphStore, RelationType
from tsunagari.graph.limits import DEFAULT_BUDGET_SECONDS
from tsunagari.graph.needs import Need
from tsunagari.graph.referral_model import Outcomes
from tsunagari.graph.text import tidy
from tsunagari.queries.cache import VersionedCache, cached, pinned
from tsunagari.queries.chains import Chain, month_text
from tsunagari.queries.desk.about import about
from tsunagari.queries.desk.answer import (
    SAME_COUNTRY,
    WORDS,
    DeskAnswer,
    EntityWords,
    Item,
    Text,
    listing,
    local_areas,
    names,
    nearness,
    needs_said,
    service_reaches,
    tokens,
    unique_items,
)
from tsunagari.queries.desk.hub_answer import (
    LEFT_OUT,
    Asked,
    bridges,
    hub_advice,
    regional_hubs,
)
from tsunagari.queries.desk.menu import menu, menu_advice
from tsunagari.queries.desk.need_answer import OFFERED_NEEDS, need_advice, providers
from tsunagari.queries.desk.question import (
    Intent,
    Question,
    Topic,
    normalised,
    side_of,
    understand,
)
from tsunagari.queries.desk.referral import (
    chain_items,
    fallback_items,
    local_doors,
    no_route_note,
    referral,
    referral_advice,
)
from tsunagari.queries.desk.source_text import SOURCE_TEXT, matches, with_source_matches
from tsunagari.queries.desk.suggestions import QuestionNotUnderstood, suggestions
from tsunagari.queries.hubs import scores_of
from tsunagari.queries.projection import PROJECTION, Projection
from tsunagari.queries.resolve import NAMES

UNKNOWN_PLACE = re.compile(
    r"((?<![\u30a0-\u30ff])[\u30a0-\u30ff]{2,8}|[\u4e00-\u9fff]{1,5}?(?:市|県|府|省|町|村|区))"
    r"(?=(?:の[\u4e00-\u9fff\u30a0-\u30ff]{0,6}?(?:企業|会社|町工場|メーカー|工場|業者)|から|に進出|へ進出|"
    r"進出|で(?:工場|会社|進出)))"
    r"|(?:\b(?:in|from|near|to|around|connects?|links?|refer|send)\s+(?:an?\s+|the\s+)?)"
    r"((?:[A-Z][a-zà-ỹ]+)(?:\s+[A-Z][a-zà-ỹ]+)?)"
)

UNKNOWN_ORGANISATION = re.compile(
    r"(?<![A-Za-z])[A-Z]{4,6}(?![A-Za-z])"
    r"|[\u4e00-\u9fff\u30a0-\u30ff]{3,14}(?:公社|機構|財団|振興会|協会|センター)"
)
"""An acronym of four to six capitals, or a Japanese name ending as an organisation's does."""
NOT_ORGANISATIONS = frozenset({"ASEAN", "SMES"})
"""Capitals that are no organisation's unknown name (a region, a shout of "SMEs")."""

NOT_PLACES = frozenset({"エリア", "サイド", "ローカル", "グループ", "メーカー", "チーム", "ベンチャー",
                        "スタートアップ", "オーナー", "ファミリー", "ハイテク"})
"""Katakana words that stand where a place name would ("…エリアの企業") and name none."""


def ask(
    store: GraphStore, question: str, *, cache: VersionedCache | None = None,
    today: str | None = None, k: int = 5, max_hops: int = 4,
    budget_seconds: float = DEFAULT_BUDGET_SECONDS, outcomes: Outcomes | None = None,
) -> DeskAnswer:
    """Understand a question and answer it by its intent; `outcomes` (referrals and how
    they ended) rank routes that worked higher and are counted on chains and first contacts."""
    cache = pinned(cache)
    projection = cached(store, cache, PROJECTION)
    asked = understand(question, cached(store, cache, NAMES), projection)
    unknown = _unknown_places(asked)
    if asked.intent is None:
        if unknown:
            asked.intent = Intent.NEED
        else:
            raise QuestionNotUnderstood(asked, suggestions(asked, projection))
    notes = [_not_found(word) for word in unknown]
    notes += [_organisation_not_found(word) for word in _unknown_organisations(asked)]
    notes += [note for place in asked.places if (note := _merged(place, projection))]
    asked.national = asked.national or bool(unknown)
    offered = cached(store, cache, OFFERED_NEEDS)
    if asked.intent is Intent.REFERRAL:
        answer = _referral(store, projection, asked, cache, today, budget_seconds, k, max_hops,
                           outcomes)
    elif asked.intent is Intent.ABOUT:
        answer = _about(projection, asked)
    elif asked.intent is Intent.HUBS:
        answer = _hubs(store, projection, asked, cache)
    elif asked.intent is Intent.MENU:
        answer = _menu(projection, asked, today, offered)
    else:
        answer = _need(projection, asked, today, offered)
    unoffered = _unoffered(offered, asked.needs)
    if unoffered and asked.intent is not Intent.NEED:  # a need answer says so itself
        notes.append(_no_body_for(unoffered))
    answer.notes = notes + answer.notes
    said = cached(store, cache, SOURCE_TEXT)
    found = [entity_id for entity_id in matches(said, asked.text)  # a hub is an organisation
             if asked.intent is not Intent.HUBS or projection.entities[entity_id].type not in LEFT_OUT]
    answer.items = with_source_matches(answer.items, found, said, projection.entities, asked.text,
                                       keep_order=asked.intent is Intent.REFERRAL)  # its chains
    for text in (answer.advice, *answer.notes, *(item.reason for item in answer.items)):
        text["en"] = tidy(text["en"])
    if outcomes:
        for item in answer.items:
            tally = outcomes.through(item.entity.id)
            if item.role == "first-contact" and tally.referrals:
                item.referrals = tally
    return answer


def _referral(store: GraphStore, projection: Projection, asked: Question,
              cache: VersionedCache | None, today: str | None, budget: float, k: int,
              max_hops: int, outcomes: Outcomes | None) -> DeskAnswer:
    assert asked.origin is not None and asked.destination is not None
    notes: list[Text] = []
    narrowed = (asked.sector, asked.stage, asked.entry_point)
    for sector, stage, entry_point in dict.fromkeys([narrowed, (None, None, None)]):
        # the sector, stage and entry point narrow the routes; with none left, any route will do
        connection = referral(store, projection, asked.origin, asked.destination, sector=sector,
                              stage=stage, entry_point=entry_point, needs=asked.needs,
                              today=today, cache=cache, budget_seconds=budget, k=k,
                              max_hops=max_hops, outcomes=outcomes)
        if connection.chains or not connection.complete:
            break
    if connection.chains and (sector, stage, entry_point) != narrowed:
        notes.append(_widened(asked))
    if connection.chains:
        receivers = _receivers_for_needs(projection, asked, today)
        doors: list[Item] = []
        first = connection.chains[0].first_contact
        home = _home_places(projection, asked)
        if not any(projection.is_within(first.id, place.id) for place in home):
            doors = local_doors(projection, home)
            if not doors and not _starts_locally(projection, connection.chains, home):
                notes.append(_no_local_desk(asked.origin))
        advice = referral_advice(connection.chains, doors,
                                 _receivers_said(receivers, asked) if receivers else None)
        items = unique_items([*receivers, *doors, *chain_items(connection.chains)])
        return DeskAnswer(asked, advice, items, connection.chains, notes=notes,
                          complete=connection.complete)
    items = fallback_items(projection, asked.origin, asked.destination)
    note = no_route_note(asked.origin, asked.destination, max_hops)
    return DeskAnswer(asked, note, items, fallback=True, complete=connection.complete)


def _widened(asked: Question) -> Text:
    """The note of a referral answered without the sector, stage or entry point it named."""
    said = [found for found in asked.recognised if found.slot in ("sector", "stage", "entry_point")]
    ja = "・".join(f"「{found.label.get('ja', found.text)}」" for found in said)
    en = ", ".join(f"“{found.label.get('en', found.text)}”" for found in said)
    return {"ja": f"資料には{ja}に絞った紹介ルートがありません。その条件を外したルートを示します。",
            "en": f"The sources document no route narrowed to {en}; these routes leave that aside."}


def _home_places(projection: Projection, asked: Question) -> list[Entity]:
    """The firm's own places: the origin, and any other Japanese place the question names."""
    places = [asked.origin] if asked.origin is not None and asked.origin.is_place else []
    places += [p for p in asked.places if p not in places and side_of(p, projection) == "JP"
               and bool(p.country) and not p.is_country]
    return places


def _receivers_for_needs(projection: Projection, asked: Question, today: str | None) -> list[Item]:
    """For a referral that names a need (a rental factory, engineers), the two bodies nearest
    the destination that offer it: they are whom the firm wants to meet there."""
    needs = [need for need in asked.needs if need is not Need.CONSULTATION]
    if not needs or asked.destination is None:
        return []
    found = providers(projection, needs, asked.destination, asked.sector, today, question=asked.text)
    near = [item for item in found
            if nearness(projection, item.entity, asked.destination) >= SAME_COUNTRY
            or any(service_reaches(projection, s, asked.destination) for s in item.services)]
    for item in near:
        item.role = "receiver"
    return near[:2]


def _receivers_said(receivers: list[Item], asked: Question) -> Text:
    need_ja, need_en = needs_said(asked.needs, "ja"), needs_said(asked.needs, "en")
    who = [item.entity for item in receivers]
    return {"ja": f"{need_ja}については{names(who, 'ja')}が対応しています。",
            "en": f"For {need_en}, {names(who, 'en')} can help."}


def _need(projection: Projection, asked: Question, today: str | None,
          offered: frozenset[str]) -> DeskAnswer:
    needs = asked.needs or [Need.CONSULTATION]
    place = _place_of(projection, asked)
    missing = _unoffered(offered, needs)
    covered = [need for need in needs if need not in missing]
    notes = [_no_body_for(missing)] if missing else []
    named = frozenset(m.entity.id for m in asked.mentions)
    items = providers(projection, covered, place, asked.sector, today, question=asked.text,
                      national=asked.national, kinds=asked.kinds, named=named) if covered else []
    if not items:
        items = providers(projection, [Need.CONSULTATION], place, asked.sector, today,
                          question=asked.text, national=asked.national, kinds=asked.kinds)
        desks = [item.entity for item in items[:3]]
        advice = dict(notes[0]) if not desks else {
            "ja": notes[0]["ja"] + f"総合的な相談窓口：{names(desks, 'ja')}。",
            "en": notes[0]["en"] + f" These general desks can advise: {names(desks, 'en')}."}
        return DeskAnswer(asked, advice, items, fallback=True, notes=notes)
    fallback = place is not None and not any(_close_to(projection, item, place) for item in items)
    if fallback:
        assert place is not None
        notes.append(_nothing_in(place))
    return DeskAnswer(asked, need_advice(items, covered, place), items, fallback=fallback, notes=notes)


def _close_to(projection: Projection, item: Item, place: Entity) -> bool:
    """Whether an organisation stands in a place or in a local area around it, serves such an
    area, or offers a service there (a body for the whole country or a region is not close)."""
    near = [place.id, *(area.id for area in local_areas(projection, place))]
    entity = item.entity
    areas = [*projection.served_areas.get(entity.id, ()),
             *(area for service in item.services for area in service.area_served)]
    return (any(projection.is_within(entity.id, area) for area in near)
            or any(projection.is_within(area, near_area) for area in areas for near_area in near))


def _merged(place: Entity, projection: Projection) -> Text | None:
    """What a former province is part of today, since when (None for a place that goes on)."""
    hops = [hop for hop in projection.hops_of(place.id)
            if hop.relation.type == RelationType.MERGED_INTO and hop.forward]
    if not hops:
        return None
    now = [projection.entities[hop.neighbour] for hop in hops]
    since = hops[0].relation.since or ""
    return {"ja": f"{place.name('ja')}は{month_text(since, 'ja')}の省の統合により、現在は"
                  f"{'・'.join(p.name('ja') for p in now)}の一部です。",
            "en": f"Since the merger of provinces in {month_text(since, 'en')}, "
                  f"{place.in_sentence('en')} is part of "
                  f"{' and '.join(p.in_sentence('en') for p in now)}."}


def _no_body_for(needs: list[Need]) -> Text:
    return {"ja": f"資料には{needs_said(needs, 'ja')}を扱う機関の記述がありません。",
            "en": f"The sources name no body that offers {needs_said(needs, 'en', 'or')}."}


def _nothing_in(place: Entity) -> Text:
    return {"ja": f"資料には{place.name('ja')}にある、または{place.name('ja')}を対象とする機関の記述が"
                  f"ありません。より広い地域と全国の機関を示します。",
            "en": f"The sources name no body in or serving {place.in_sentence('en')}; these bodies of the "
                  f"wider area and national ones can help."}


def _about(projection: Projection, asked: Question) -> DeskAnswer:
    assert asked.organisation is not None
    items, advice, found = about(projection, asked.organisation, asked.topics or [Topic.OFFERS])
    named = {m.entity.id for m in asked.mentions  # "are JFC and 商工中金 members?": them first
             if not m.entity.is_pure_place}
    items = sorted(items, key=lambda item: item.entity.id not in named - {asked.organisation.id})
    return DeskAnswer(asked, advice, items, fallback=not found)


def _hubs(store: GraphStore, projection: Projection, asked: Question,
          cache: VersionedCache | None) -> DeskAnswer:
    scores = scores_of(store, cache)
    known = cached(store, cache, WORDS)
    wanted = Asked(frozenset(tokens(asked.text)), asked.kinds, known)
    places = _hub_places(projection, asked.places or [m.entity for m in asked.mentions])
    items = bridges(projection, scores, places[0], places[1], wanted) if len(places) >= 2 else []
    if not items and len(places) >= 2:  # nobody ties both: each side's own hubs, in turn
        sides = [regional_hubs(projection, scores, place, wanted) for place in places[:2]]
        items = unique_items(item for pair in zip_longest(*sides) for item in pair if item)
        if items:
            return DeskAnswer(asked, _each_side(places[:2], sides), items, fallback=True,
                              notes=[_no_bridge(places[0], places[1])])
    if not items:
        places = places[:1]
        items = regional_hubs(projection, scores, places[0] if places else None, wanted)
    items = _with_described(projection, asked, known, items)
    if not items and places:  # a region the sources name no body in: the network's own hubs
        items = regional_hubs(projection, scores, None, wanted)
        return DeskAnswer(asked, hub_advice(items, []), items, fallback=True,
                          notes=[_nothing_in(places[0])])
    return DeskAnswer(asked, hub_advice(items, places), items)


DESCRIBED = 3
"""The fewest of its own words a hubs question must share with an organisation's names and
descriptions (beyond the places it names) for that organisation to lead the answer."""


def _with_described(projection: Projection, asked: Question, known: dict[str, EntityWords],
                    items: list[Item]) -> list[Item]:
    """A hubs answer with, first, the organisation the question describes rather than places
    (「在日ベトナム人のネットワークで…」 describes 在日ベトナム経営者協会), if one stands out."""
    own = tokens(asked.text) - {t for m in asked.mentions for t in tokens(m.text)}
    shared = sorted(((len(own & words.everything), entity_id) for entity_id, words in known.items()
                     if projection.entities[entity_id].type is not EntityType.PERSON),
                    reverse=True)
    (most, best), runner_up = shared[0] if shared else (0, ""), shared[1][0] if len(shared) > 1 else 0
    if most < DESCRIBED or most == runner_up:  # one best, never a pick among equals
        return items
    entity = projection.entities[best]
    lead = Item(entity, "hub", {language: entity.about(language) for language in ("ja", "en")},
                items[0].score if items else 1.0)
    return unique_items([lead, *items])


def _each_side(places: list[Entity], sides: list[list[Item]]) -> Text:
    """The headline of hubs given side by side: 「北九州市側の中心は…です。スラバヤ市側の中心は…です。」
    (a place's own government among its hubs is said as such, not by its name again)."""
    ja, en = [], []
    for place, side in zip(places, sides, strict=True):
        hubs = [item.entity for item in side[:3] if item.entity.id != place.id]
        own = len(hubs) < len(side[:3])
        listed_ja = listing([*(e.name("ja") for e in hubs), *(["自治体自身"] if own else [])], "ja")
        listed_en = listing([*(e.in_sentence("en") for e in hubs),
                             *(["its own government"] if own else [])], "en")
        if listed_ja:
            ja.append(f"{place.name('ja')}側の中心は{listed_ja}です。")
            en.append(f"On the side of {place.in_sentence('en')}: {listed_en}.")
    return {"ja": "".join(ja), "en": " ".join(en)}


def _starts_locally(projection: Projection, chains: list[Chain], home: list[Entity]) -> bool:
    """Whether some chain starts at a body of the firm's own town or a local area around it."""
    local = [area for place in home for area in (place, *local_areas(projection, place))]
    return any(projection.is_within(chain.first_contact.id, area.id)
               for chain in chains for area in local)


def _no_local_desk(origin: Entity) -> Text:
    return {"ja": f"資料には{origin.name('ja')}の地元の相談先の記述がありません。"
                  f"広域・全国の機関からのルートを示します。",
            "en": f"The sources name no local desk in {origin.in_sentence('en')}; these routes "
                  f"start from regional or national bodies."}


def _no_bridge(a: Entity, b: Entity) -> Text:
    return {"ja": f"資料には{a.name('ja')}と{b.name('ja')}の双方につながる組織がありません。"
                  f"それぞれの側の中心となる組織を示します。",
            "en": f"The sources name no body with ties in both {a.in_sentence('en')} and "
                  f"{b.in_sentence('en')}; here are the hubs of each side."}


def _hub_places(projection: Projection, places: list[Entity]) -> list[Entity]:
    """The places a hubs question is between: two places of different countries stay two; of
    one country, the wider (or the first) stands for both."""
    if len(places) < 2:
        return places
    a, b = places[0], places[1]
    if side_of(a, projection) != side_of(b, projection):
        return [a, b]
    if projection.is_within(a.id, b.id):
        return [b]
    return [a]


def _menu(projection: Projection, asked: Question, today: str | None,
          offered: frozenset[str]) -> DeskAnswer:
    place = _place_of(projection, asked)
    items = menu(projection, asked.stage, asked.entry_point, place, today, asked.text, asked.needs)
    if not items or (place is not None
                     and not any(_close_to(projection, item, place) for item in items)):
        wider = menu(projection, asked.stage, asked.entry_point, None, today, asked.text,
                     asked.needs)
        if not wider:
            return _need(projection, asked, today, offered)
        if place is not None:  # the support of the whole network, said to be so
            return DeskAnswer(asked, menu_advice(wider, asked.stage, asked.entry_point, None),
                              wider, fallback=True, notes=[_nothing_in(place)])
        items = wider
    return DeskAnswer(asked, menu_advice(items, asked.stage, asked.entry_point, place), items)


def _place_of(projection: Projection, asked: Question) -> Entity | None:
    """The place a need or menu question is about: where the firm wants to go (the
    destination, else any place abroad the question names), else where it is."""
    abroad = [p for p in asked.places if side_of(p, projection) not in ("", "JP")]
    return asked.destination or (abroad[0] if abroad else None) or asked.origin or (
        asked.places[0] if asked.places else None)


def _unknown_places(asked: Question) -> list[str]:
    """Words that stand where a place would, and that name nothing the graph knows."""
    text = normalised(asked.text)
    found = []
    for match in UNKNOWN_PLACE.finditer(text):
        word = match.group(1) or match.group(2)
        start = match.start(1) if match.group(1) else match.start(2)
        if word in NOT_PLACES or any(
                m.start <= start <= m.end or start <= m.start < start + len(word)
                for m in asked.mentions):  # 関西エリア: the area of a known place
            continue
        found.append(word)
    return found[:2]


def _unoffered(offered: frozenset[str], needs: list[Need]) -> list[Need]:
    """The needs no service in the sources meets (`offered`: OFFERED_NEEDS)."""
    return [need for need in needs if need.value not in offered]


def _unknown_organisations(asked: Question) -> list[str]:
    """Names that read as an organisation's ("VCCI", 「東京都中小企業振興公社」) and name
    nothing the graph knows."""
    text = normalised(asked.text)
    found = []
    for match in UNKNOWN_ORGANISATION.finditer(text):
        word = match.group()
        if word in NOT_ORGANISATIONS or any(  # known, or known in part but not as a place
                m.start < match.end() and match.start() < m.end
                and (not m.entity.is_place or m.start <= match.start() and match.end() <= m.end)
                for m in asked.mentions):
            continue
        found.append(word)
    return found[:2]


def _organisation_not_found(word: str) -> Text:
    return {"ja": f"「{word}」は資料にない組織のため、関連する機関から答えます。",
            "en": f"“{word}” is an organisation the sources do not name; the answer draws on "
                  f"related bodies."}


def _not_found(word: str) -> Text:
    return {"ja": f"「{word}」は資料にない地名のため、より広い地域と全国の機関から答えます。",
            "en": f"“{word}” is a place the sources do not name; the answer draws on the wider "
                  f"area and national bodies."}

