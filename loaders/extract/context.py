"""Relations a document states beyond one sentence: by its layout, and by its names.

A table's rows (役割 機関名 所在地: 事業主体 北海道経済部 札幌市) relate each body to the
programme the document is about, as the row's role says. In a deck of slides, a slide's
short first sentence (its title: 神戸市: 「寄り添い型」の支援) names the topic of the
slide; a sentence that is a name alone, or opens with a name and a colon (エスハイ社: …),
names the topic of the sentences after it. Names on a slide are related to its topics, and
to the names of the sentence just before them (a bullet and the one under it). And a firm,
park or city's country follows from what it is (a prefecture is Japanese, a province
stands where its country is) or from the places it stands in: when the document names that
country, it is proposed as located in it. Apart from tables, these are the least sure of
all the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tsunagari.graph.model import Entity
from tsunagari.graph.text import is_hiragana, is_kanji
from tsunagari.graph.vocabulary import EntityType
from tsunagari.loaders.extract.cues import CUE_KEYS, TABLE_HEADERS, TABLE_ROLES, cues, table_role
from tsunagari.loaders.extract.lexicon import country_itself
from tsunagari.loaders.extract.mentions import Mention
from tsunagari.loaders.extract.names import ending_suffix
from tsunagari.loaders.extract.segments import Segment

TOPIC, COUNTRY, NEIGHBOUR, TABLE, ROLE, PARTICIPANT = 0.1, 0.05, 0.1, 0.9, 0.6, 0.8
PARTICIPANTS = re.compile(r"参加企業|受入企業|受け入れ企業|participating (?:firms|companies)", re.IGNORECASE)
"""Words that name the firms taking part in the programme a document is about (第1期の参加企業
として A社と B社が決定)."""
ROLE_LABEL = re.compile(r"([^\s:：、。]{2,6})[:：]")
"""A label and its colon opening a bullet (事務局:, 組合員:): the role of the names after it."""
TITLE_LENGTH = 40
"""A slide's first sentence no longer than this is its title."""
TOPIC_REACH = 30
"""How many sentences of a slide its title speaks for."""
LOCAL_REACH = 4
"""How many sentences a name set as topic speaks for in a document of one page."""
NEIGHBOURS = 3
"""The names at the end of a sentence and at the start of the next that the neighbour rule joins."""
LOCATING = frozenset({"LOCATED_IN", "PART_OF", "TENANT_OF", "SERVES_AREA"})
HEADINGS_LENGTH = 20
"""Longest line of a table's column headings."""
JAPANESE_ADMIN = ("県", "府", "都", "道", "市", "区", "町", "村")


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
    relation = cue if cue and (cue not in LOCATING or cue == "TENANT_OF") else "PARTNERS_WITH"
    return Inferred(relation, first.id, second.id, confidence)


def role_of(text: str) -> tuple[int, str] | None:
    """Where a bullet's role label ends and the relation it gives the names after it to the
    slide's topic (事務局:はるな中央信用金庫 under □ ぐんまベトナム人材研究会), if it opens with one."""
    label = ROLE_LABEL.match(text)
    if label is None:
        return None
    word = label.group(1)
    relation = TABLE_ROLES.get(word) or CUE_KEYS.get(word.lower())
    return (label.end(), relation) if relation else None


def first_cue(text: str) -> str | None:
    """The relation type of a text's first cue word, if it has one."""
    found = cues(text)
    return found[0].type if found else None


def _locating(entity: Entity) -> str:
    located = entity.type in (EntityType.FIRM, EntityType.INDUSTRIAL_PARK, EntityType.MUNICIPALITY)
    return "LOCATED_IN" if located else "SERVES_AREA"


def _slides(parts: list[Segment]) -> bool:
    """True when a document is cut in slides (pages): one of a single page (a press release,
    a letter) has no title over its sentences, and its sentences in a row say nothing of
    each other."""
    return any(segment.page for segment in parts)


def topics(parts: list[Segment], tops: list[list[Mention]]) -> Iterator[tuple[int, Mention, Mention]]:
    """Each name on a slide with the topics it stands under: (its sentence, topic, name).

    A document of one page (a press release, a letter, a deck without page breaks) has no
    title over its sentences, and a name set as topic there speaks for the few sentences
    after it (the bullets under it)."""
    slides = _slides(parts)
    reach = TOPIC_REACH if slides else LOCAL_REACH
    pages: dict[int, list[int]] = {}
    for index, segment in enumerate(parts):
        pages.setdefault(segment.page, []).append(index)
    for indices in pages.values():
        first = indices[0]
        title = _topic(parts[first].text, tops[first], whole=len(parts[first].text) <= TITLE_LENGTH)
        local: list[Mention] = []
        since = first
        for index in indices[1:]:
            if index - since > reach:
                local = []
            for topic in (*(title if slides and index - first <= TOPIC_REACH else ()), *local):
                for mention in tops[index]:
                    yield index, topic, mention
            if found := _topic(parts[index].text, tops[index], whole=False):
                local, since = found, index


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


def programme(tops: list[list[Mention]], entities: dict[str, Entity]) -> str | None:
    """The programme a document is about: the one its first sentence (its title) names, or else
    the one it names most often (a deck's title on every slide), the first of those."""
    named = [m.entity for mentions in tops for m in mentions if entities[m.entity].type is EntityType.PROGRAM]
    titled = [m.entity for m in tops[0] if m.entity in named] if tops else []
    return titled[0] if titled else max(
        named, key=lambda entity: (named.count(entity), -named.index(entity)), default=None
    )


def participants(
    parts: list[Segment], tops: list[list[Mention]], entities: dict[str, Entity]
) -> Iterator[tuple[int, Mention]]:
    """The firms a sentence names as taking part in the document's programme (参加企業,
    受入企業, participating firms): each with its sentence."""
    for index, (segment, mentions) in enumerate(zip(parts, tops, strict=True)):
        if PARTICIPANTS.search(segment.text) is None:
            continue
        for mention in mentions:
            if entities[mention.entity].type is EntityType.FIRM:
                yield index, mention


def table_rows(
    parts: list[Segment], tops: list[list[Mention]]
) -> Iterator[tuple[int, tuple[str, ...], Mention]]:
    """The body each row of a table names, with the relations its roles give it: (its sentence,
    types, body).

    A table opens at a short line of column headings (役割 機関名 所在地, 支援内容 実施機関,
    or one heading a line) and ends at a line that names nobody and holds no role word, or
    at a new slide. A row's body is the first name after its role word (事業主体, 運営受託,
    資金協力 …), on its line or the next (a table may give one cell a line); a row without a
    role word takes its heading's relation (実施機関: implements), or none.
    """
    default: tuple[str, ...] = ()
    role: tuple[str, ...] = ()
    table_page: int | None = None
    for index, (segment, mentions) in enumerate(zip(parts, tops, strict=True)):
        if segment.page != table_page:
            table_page, role = None, ()
        bounds = [*segment.line_starts, len(segment.text)]
        for lo, hi in zip(bounds, bounds[1:], strict=False):
            line = segment.text[lo:hi]
            named = [m for m in mentions if m.start < hi and lo < m.end]
            headings = [word for word in TABLE_HEADERS if word in line]
            if headings and len(line) <= HEADINGS_LENGTH:
                table_page, default = segment.page, TABLE_HEADERS[headings[0]]
                continue
            opening = table_role(line)
            if table_page is None or opening is None and not named:
                table_page, role = None, ()
                continue
            start = lo + opening[0] if opening else lo
            role = opening[1] if opening else default or role
            body = next((m for m in named if m.start >= start), None)
            if role and body:
                yield index, role, body
                role = ()


def neighbours(parts: list[Segment], tops: list[list[Mention]]) -> Iterator[tuple[int, Mention, Mention]]:
    """Names of two sentences in a row on one slide: (the later sentence, earlier name, later name)."""
    if not _slides(parts):
        return
    for index in range(1, len(parts)):
        if parts[index - 1].page == parts[index].page:
            for left in tops[index - 1][-NEIGHBOURS:]:
                for right in tops[index][:NEIGHBOURS]:
                    yield index, left, right


def country_relations(
    entities: dict[str, Entity], located: dict[str, set[str]], named: set[str]
) -> Iterator[Inferred]:
    """Each named firm, park or city in the country it belongs to, when that country is named
    too (where a body serves is not told by where it belongs).

    `located` maps an entity to the places it stands in (from the relations found);
    an entity takes the country of a place it stands in.
    """
    countries = {code: entity_id for entity_id in named if (code := country_itself(entities[entity_id]))}
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
        standing = _locating(entities[entity_id]) == "LOCATED_IN"
        if standing and country and country != entity_id and country not in located.get(entity_id, set()):
            yield Inferred("LOCATED_IN", entity_id, country, COUNTRY)


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
