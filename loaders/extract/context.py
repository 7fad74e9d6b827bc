"""Relations a document states beyond one sentence: by its layout, and by its names.

A slide's short first sentence (its title: 神戸市: 「寄り添い型」の支援) names the
topic of the slide; a sentence that is a name alone, or opens with a name and a
colon (エスハイ社: …), names the topic of the sentences after it. Names on a slide
are related to its topics, and to the names of the sentence just before them (a
bullet and the one under it). And an organisation's country follows from what it
is (a prefecture is Japanese, a province stands where its country is) or from the
places it stands in: when the document names that country, the organisation is
proposed as located in it. These are the least sure of all the rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tsunagari.graph.model import Entity
from tsunagari.graph.text import fold, is_hiragana, is_kanji
from tsunagari.graph.vocabulary import EntityType
from tsunagari.loaders.extract.cues import cues
from tsunagari.loaders.extract.lexicon import COUNTRIES
from tsunagari.loaders.extract.mentions import Mention
from tsunagari.loaders.extract.names import ending_suffix
from tsunagari.loaders.extract.segments import Segment

TOPIC, COUNTRY, NEIGHBOUR = 0.3, 0.25, 0.2
TITLE_LENGTH = 40
"""A slide's first sentence no longer than this is its title."""
TOPIC_REACH = 30
"""How many sentences of a slide its title speaks for."""
NEIGHBOURS = 3
"""The names at the end of a sentence and at the start of the next that the neighbour rule joins."""
LOCATING = frozenset({"LOCATED_IN", "PART_OF", "TENANT_OF", "SERVES_AREA"})
JAPANESE_ADMIN = ("県", "府", "都", "道", "市", "区", "町", "村")
COUNTRY_NAMES = {fold(c.name_ja): c.country for c in COUNTRIES if c.country}


@dataclass(frozen=True)
class Inferred:
    """A relation inferred beyond one sentence."""

    type: str
    source: str
    target: str
    confidence: float


def related(first: Entity, second: Entity, cue: str | None, confidence: float) -> Inferred | None:
    """How two entities named close together relate: a body in a place, a person in a body,
    otherwise as the cue word of the later sentence says (partners, without one)."""
    if first.id == second.id or first.is_place and second.is_place:
        return None
    if second.is_place:
        return Inferred(_locating(first), first.id, second.id, confidence)
    if first.is_place:
        return Inferred(_locating(second), second.id, first.id, confidence)
    if second.type is EntityType.PERSON:
        return Inferred("MEMBER_OF", second.id, first.id, confidence)
    if first.type is EntityType.PERSON:
        return Inferred("MEMBER_OF", first.id, second.id, confidence)
    relation = cue if cue and cue not in LOCATING else "PARTNERS_WITH"
    return Inferred(relation, first.id, second.id, confidence)


def first_cue(text: str) -> str | None:
    """The relation type of a text's first cue word, if it has one."""
    found = cues(text)
    return found[0].type if found else None


def _locating(entity: Entity) -> str:
    located = entity.type in (EntityType.FIRM, EntityType.INDUSTRIAL_PARK, EntityType.MUNICIPALITY)
    return "LOCATED_IN" if located else "SERVES_AREA"


def topics(parts: list[Segment], tops: list[list[Mention]]) -> Iterator[tuple[int, Mention, Mention]]:
    """Each name on a slide with the topics it stands under: (its sentence, topic, name)."""
    pages: dict[int, list[int]] = {}
    for index, segment in enumerate(parts):
        pages.setdefault(segment.page, []).append(index)
    for indices in pages.values():
        first = indices[0]
        title = _topic(parts[first].text, tops[first], whole=len(parts[first].text) <= TITLE_LENGTH)
        local: list[Mention] = []
        for index in indices[1 : TOPIC_REACH + 1]:
            for topic in (*title, *local):
                for mention in tops[index]:
                    yield index, topic, mention
            local = _topic(parts[index].text, tops[index], whole=False) or local


def _topic(text: str, mentions: list[Mention], whole: bool) -> list[Mention]:
    """The names a sentence sets as topic: a name alone, the name before its colon, or
    all the names of a title (those before its colon, if it has one)."""
    if len(mentions) == 1 and text.strip("()「」:： ") == text[mentions[0].start : mentions[0].end]:
        return mentions
    colon = min((text.find(c) for c in ":：" if c in text), default=-1)
    if colon >= 0 and mentions and mentions[0].start == 0 and not text[mentions[0].end : colon].strip():
        return mentions[:1]
    if whole and colon >= 0:
        return [m for m in mentions if m.end <= colon] or mentions
    return mentions if whole else []


def neighbours(parts: list[Segment], tops: list[list[Mention]]) -> Iterator[tuple[int, Mention, Mention]]:
    """Names of two sentences in a row on one slide: (the later sentence, earlier name, later name)."""
    for index in range(1, len(parts)):
        if parts[index - 1].page == parts[index].page:
            for left in tops[index - 1][-NEIGHBOURS:]:
                for right in tops[index][:NEIGHBOURS]:
                    yield index, left, right


def country_relations(
    entities: dict[str, Entity], located: dict[str, set[str]], named: set[str]
) -> Iterator[Inferred]:
    """Each named entity in the country it belongs to, when that country is named too.

    `located` maps an entity to the places it stands in (from the relations found);
    an entity takes the country of a place it stands in.
    """
    countries = {code: entity_id for entity_id in named if (code := _country_itself(entities[entity_id]))}
    country_of = {entity_id: code for entity_id in named if (code := _country_by_name(entities[entity_id]))}
    changed = True
    while changed:
        changed = False
        for entity_id, places in located.items():
            inherited = next((country_of[p] for p in sorted(places) if p in country_of), None)
            if entity_id not in country_of and inherited:
                country_of[entity_id] = inherited
                changed = True
    for entity_id in sorted(named):
        country = countries.get(country_of.get(entity_id, ""))
        if country and country != entity_id and country not in located.get(entity_id, set()):
            yield Inferred(_locating(entities[entity_id]), entity_id, country, COUNTRY)


def _country_itself(entity: Entity) -> str:
    """The code of a country entity (日本 → JP), or ''."""
    if entity.type is not EntityType.PLACE:
        return ""
    names = {fold(n) for n in (entity.name_ja, entity.name_en, *entity.aliases) if n}
    return next((COUNTRY_NAMES[n] for n in names if n in COUNTRY_NAMES), "")


def _country_by_name(entity: Entity) -> str:
    """The country an entity's own record or name tells: its country, or Japan for a name
    written in kanji that ends like a Japanese body (…県, …市, …協会, …機構)."""
    if entity.country:
        return entity.country
    name = entity.name_ja
    if not name or entity.type is EntityType.PLACE:
        return ""
    japanese = all(is_kanji(c) or is_hiragana(c) for c in name)
    return "JP" if japanese and (name.endswith(JAPANESE_ADMIN) or ending_suffix(name)) else ""
