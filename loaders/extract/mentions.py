"""Mentions: the names of a segment worth an entity, and the entity each stands for.

A first reading accepts the candidates of each segment (a weak guess only with
support) and adds the names made of known names (ベトナム南部, JETRO神戸); once every
new entity is registered, a second reading finds each segment's mentions: the
gazetteer's and the accepted candidates', none crossing another, a mention holding
the places and organisations inside it (大阪府 in 大阪府立大学高専, JICA in JICA日本センター).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from tsunagari.graph.text import core, fold, is_kanji, is_katakana, is_latin
from tsunagari.graph.vocabulary import EntityType
from tsunagari.loaders.extract.names import ADMIN, GENERIC, WEAK, Candidate, ending_suffix
from tsunagari.loaders.extract.patterns import candidates
from tsunagari.loaders.extract.registry import PLACE_TYPES, Registry
from tsunagari.loaders.extract.segments import Segment

SPLIT_TYPES = PLACE_TYPES | {EntityType.INDUSTRIAL_PARK}
"""Types whose name does not start with the place they stand in (ベトナム・ドンナイ省)."""
REGION = re.compile(r"[東西南北]?[東西南北中]部")
"""A part of a country named by its direction (南部, 北中部, 東北部)."""
DIRECTION = re.compile(rf"[・ ]?(?:{REGION.pattern}|近郊)?[・ ]?")
JOINER = re.compile(r"[のに ・]?")
DIRECTIONS = frozenset("東西南北")
PERSON_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
BODIES = frozenset({EntityType.GOVERNMENT_AGENCY, EntityType.NPO, EntityType.FINANCIAL_INSTITUTION})
"""Bodies that name their offices by their place (ジェトロ仙台, JICA九州)."""
PLACE_WORD_ENDS = frozenset("語式製風流")
"""Characters that make a place's name an ordinary word (日本語, 日本式, タイ製)."""
PEOPLES_COMMITTEE = "人民委員会"
SECTIONED = frozenset({EntityType.FINANCIAL_INSTITUTION, EntityType.NPO, EntityType.FIRM})
"""Bodies whose sections are folded into them (a public body's department is an entity of its own)."""
SECTION_WORDS = frozenset({"課", "グループ", "室"})
SECTION_GAP = re.compile(r"(?: \S{1,8}部)? ")
"""What stands between a body's name and its section's: a space, and maybe its department (国際部)."""
ENGLISH_COMMITTEE = re.compile(r"(.+?) (Provincial|City|Municipal) People's Committee")
PROVINCE_ENDS = frozenset("省市")
"""Shortest name that a branch's name is made of (its body's, its place's)."""
DESCRIBING = re.compile(r"である「?|「")
"""What joins a common noun to the name it describes."""
ANAPHORIC = frozenset("同当")
"""What opens a word that refers back to a name (同社, 当センター)."""
PEOPLE_LIST = 3
"""Names alone on their lines in a row that make a list of people."""


@dataclass
class Mention:
    """A span of a segment's clean text naming an entity."""

    start: int
    end: int
    entity: str
    confidence: float
    outer: Mention | None = None


def gazetteer_mentions(registry: Registry, segment: Segment) -> list[Mention]:
    """Known and general-knowledge names in a segment, not a place's name in a word made
    of it (日本語, 日本式, タイ製)."""
    found: list[Mention] = []
    for start, end, names in registry.gazetteer.scan(segment.folded):
        entity_id = registry.pick(names)
        if registry.entities[entity_id].is_place and segment.text[end : end + 1] in PLACE_WORD_ENDS:
            continue
        found.append(Mention(start, end, entity_id, registry.score(entity_id, segment.text[start:end])))
    return found


def _elsewhere(text: str, mention: Mention, found: list[Mention], registry: Registry) -> bool:
    """True when a known entity's name without its place (ジャパンデスク of ハナム省ジャパンデスク)
    follows another place (バクニン省のジャパンデスク): that is another place's, not the known one."""
    if not registry.partial(mention.entity, text[mention.start : mention.end]):
        return False
    entity = registry.entities[mention.entity]
    own = fold(entity.name_ja + entity.name_en)
    return any(
        registry.entities[m.entity].is_place and _joined(text, m.end, mention.start)
        and core(text[m.start : m.end]) not in own
        for m in found if m.end <= mention.start
    )


def _joined(text: str, end: int, start: int) -> bool:
    """True when nothing but の, に, a middle dot or a space stands between text[end] and text[start]."""
    joined = JOINER.match(text, end)
    return joined is not None and joined.end() == start


def accepted(registry: Registry, segment: Segment) -> list[Candidate]:
    """The candidates of a segment worth an entity: weak ones only with support.

    A weak guess (a programme named by 支援, 育成 …) stands when it is bracketed or
    dated, or holds a place or organisation and adds more than an ordinary word to it
    (not タイ進出支援); a people's committee names its province or city; a place-led park or
    province is cut after its place (ベトナム・ドンナイ省 → ドンナイ省), not an English one
    (Nagasaki City); a section after its bank's or association's name is no entity; a name
    and its other-script form in the bracket after it are one (JICA Kyushu (JICA九州)).
    """
    known = [m for m in gazetteer_mentions(registry, segment) if m.confidence >= WEAK]
    found = _distinct(candidates(segment))
    strong = [c for c in found if not c.weak and c.type is not EntityType.PROGRAM]
    spans = [(m.start, m.end) for m in known] + [(c.start, c.end) for c in strong]
    places = [(m.start, m.end) for m in known if registry.entities[m.entity].is_place] + [
        (c.start, c.end) for c in strong if c.type in PLACE_TYPES
    ]
    bodies = [m.end for m in known if registry.entities[m.entity].type in SECTIONED] + [
        c.end for c in strong if c.type in SECTIONED
    ]
    kept = []
    for candidate in map(_committee_as_place, found):
        if candidate.rule == "acronym" and _within(candidate, spans) or _anaphoric(segment.text, candidate):
            continue
        if _describes(segment.text, candidate, found):
            continue
        if _section(segment.text, candidate, bodies):
            continue
        if candidate.type in SPLIT_TYPES and not candidate.name.isascii():
            cut = _after_places(candidate, places)
            if cut is None:
                continue
            candidate = cut
        committee = candidate.name + PEOPLES_COMMITTEE
        if candidate.type is EntityType.MUNICIPALITY and segment.text.endswith(committee, 0, candidate.end):
            candidate = replace(candidate, aliases=(*candidate.aliases, committee))
        elif candidate.weak and candidate.type is EntityType.PROGRAM and _adds_nothing(candidate, spans):
            continue
        if any(map(registry.resolve, candidate.aliases)) and ending_suffix(candidate.name) is None:
            continue
        kept.append(candidate)
    return _paired(segment.text, kept + list(_compounds(segment.text, known, registry)))


def _anaphoric(text: str, candidate: Candidate) -> bool:
    """True when a candidate opens with 同 or 当 at a word's start (同駐在員事務所, 当センター):
    it refers back to a name, it is none itself."""
    before = text[candidate.start - 1 : candidate.start]
    return candidate.name[:1] in ANAPHORIC and not (before and (is_kanji(before) or is_katakana(before)))


def _describes(text: str, candidate: Candidate, found: list[Candidate]) -> bool:
    """True when a candidate is the common noun set before a name it describes (…の公立訓練校である
    ハイズオン工業短大, 民間日本語学校「さくら日本語センター」): what the name is, not a name."""
    described = DESCRIBING.match(text, candidate.end)
    return described is not None and any(
        other.start == described.end() and other is not candidate for other in found
    )


def _section(text: str, candidate: Candidate, bodies: list[int]) -> bool:
    """True when a candidate is a section written after its bank's or association's name (呉商工会議所
    国際ビジネス課, …銀行 国際部 海外サポートグループ): a contact point, part of that body."""
    return ending_suffix(candidate.name) in SECTION_WORDS and any(
        SECTION_GAP.fullmatch(text, end, candidate.start) for end in bodies if end < candidate.start
    )


def _committee_as_place(candidate: Candidate) -> Candidate:
    """A people's committee stands for its province or city (ダナン市人民委員会: ダナン市,
    Quang Ngai Provincial People's Committee: Quang Ngai Province)."""
    english = ENGLISH_COMMITTEE.fullmatch(candidate.name)
    if english:
        level = "Province" if english.group(2) == "Provincial" else "City"
        return replace(candidate, name=f"{english.group(1)} {level}", type=EntityType.MUNICIPALITY,
                       aliases=(*candidate.aliases, candidate.name))
    place = candidate.name.removesuffix(PEOPLES_COMMITTEE)
    if place == candidate.name or place[-1:] not in PROVINCE_ENDS:
        return candidate
    return replace(candidate, name=place, type=EntityType.MUNICIPALITY)


def _adds_nothing(candidate: Candidate, spans: list[tuple[int, int]]) -> bool:
    """True when a candidate holds no other name, or adds only an ordinary word to those it holds
    (タイ進出支援: タイ and 進出支援)."""
    inside = [
        (lo, hi) for lo, hi in spans
        if candidate.start <= lo and hi <= candidate.end and (lo, hi) != (candidate.start, candidate.end)
    ]
    own = "".join(
        ch for at, ch in enumerate(candidate.name, candidate.start)
        if not any(lo <= at < hi for lo, hi in inside)
    )
    return not inside or own.strip("・ の") in GENERIC


def _within(candidate: Candidate, spans: list[tuple[int, int]]) -> bool:
    """True when the candidate stands inside a longer name (TECHNO in VIE-PAN TECHNO PARK)."""
    return any(
        lo <= candidate.start and candidate.end <= hi and (lo, hi) != (candidate.start, candidate.end)
        for lo, hi in spans
    )


def _distinct(found: list[Candidate]) -> list[Candidate]:
    """One candidate per span (the surest, with the aliases of all), none that only starts another
    or ends a whole 「…」 name.

    A candidate that starts a longer one and leaves it no more than a last word, or
    is of the same type, or is weak, is part of the longer name (全国銀行 in 全国銀行協会).
    """
    best: dict[tuple[int, int], Candidate] = {}
    for candidate in found:
        span = (candidate.start, candidate.end)
        other = best.get(span)
        if other is None:
            best[span] = candidate
        else:
            surer, less = sorted((other, candidate), key=lambda c: c.confidence, reverse=True)
            best[span] = replace(surer, aliases=tuple(dict.fromkeys((*surer.aliases, *less.aliases))))
    kept = list(best.values())
    return [c for c in kept if not any(_starts(c, longer) or _ends_quoted(c, longer) for longer in kept)]


def _ends_quoted(short: Candidate, long: Candidate) -> bool:
    """True when `short` is only the tail of a whole 「…」 name (ものづくり協働センター in
    「くるめ・ランナー ものづくり協働センター」)."""
    return long.rule == "bracket" and short.end == long.end and long.start < short.start


def _starts(short: Candidate, long: Candidate) -> bool:
    """True when `short` is only the start of the name `long`.

    A government body keeps its name at the head of its bureau's (総務省 in 総務省統計局),
    and so does anything a longer name is "of" (ミーフックIII工業団地 in …工業団地のレンタル工場).
    """
    if short.start != long.start or short.end >= long.end or short.type in PLACE_TYPES:
        return False
    rest = long.name[len(short.name) :]
    if rest.startswith("の"):
        return False
    if _last_word_only(rest) or short.weak or len(rest) <= 2:
        return True
    return short.type is long.type and short.type is not EntityType.GOVERNMENT_AGENCY


def _last_word_only(rest: str) -> bool:
    """True when what a longer name adds is its last word, give or take a character (協会, 中央会)."""
    suffix = ending_suffix(rest)
    return not rest.startswith("の") and suffix is not None and len(rest) - len(suffix) < 2


def _after_places(candidate: Candidate, places: list[tuple[int, int]]) -> Candidate | None:
    """The candidate without the places its name starts with, None when nothing is left; a place
    of another level named from the same stem (福岡 and 市: 福岡市, not 福岡県) is whole."""
    start = candidate.start
    moved = True
    while moved:
        moved = False
        for lo, hi in places:
            rest = candidate.name[hi - candidate.start :]
            whole = candidate.type is EntityType.MUNICIPALITY and rest in ADMIN
            if lo == start and hi < candidate.end and not whole:
                direction = DIRECTION.match(candidate.name, hi - candidate.start)
                start = candidate.start + (direction.end() if direction else hi - candidate.start)
                moved = True
                break
    name = candidate.name[start - candidate.start :]
    if len(name) < 2 or name == ending_suffix(name):
        return None
    return replace(candidate, start=start, name=name)


def listed_people(parts: list[Segment], kept: list[list[Candidate]]) -> Iterator[Candidate]:
    """Names alone on their lines, in a run with a person's name, are people too (a list of authors).

    The new candidates join their segment's in `kept`, and are yielded.
    """
    run: list[int] = []
    for index in range(len(parts) + 1):
        if index < len(parts) and _name_line(parts[index], kept[index]):
            if run and parts[run[-1]].page != parts[index].page:
                run = []
            run.append(index)
            continue
        people = [i for i in run if any(c.type is EntityType.PERSON for c in kept[i])]
        if len(run) >= PEOPLE_LIST and people:
            for i in run:
                if i not in people:
                    text = parts[i].text
                    kept[i].append(Candidate(0, len(text), text, EntityType.PERSON, WEAK - 0.05, "people"))
                    yield kept[i][-1]
        run = []


def _name_line(segment: Segment, found: list[Candidate]) -> bool:
    """A sentence that is one short name: a person's name and its role, or kanji alone."""
    if any(c.type is EntityType.PERSON and c.start == 0 for c in found):
        return True
    return not found and PERSON_NAME.fullmatch(segment.text) is not None


def _compounds(text: str, known: list[Mention], registry: Registry) -> Iterator[Candidate]:
    """Names made of known names: a region (ベトナム南部, タイ東北部), a place named from another by a
    direction (東大阪, not 北中部 in ベトナム北中部), a body's office or subsidiary named by its place
    (JETRO神戸, JICA Kyushu).
    """
    for mention in known:
        entity = registry.entities[mention.entity]
        region = REGION.match(text, mention.end)
        if entity.type is EntityType.PLACE and entity.country and region:
            name = text[mention.start : region.end()]
            yield Candidate(mention.start, region.end(), name, EntityType.PLACE, 0.7, "region")
        at = mention.start - 1
        if entity.is_place and at >= 0 and text[at] in DIRECTIONS and is_kanji(text[mention.start]) and (
            at == 0 or not (is_kanji(text[at - 1]) or is_katakana(text[at - 1]))
        ):
            yield Candidate(at, mention.end, text[at : mention.end], entity.type, WEAK, "direction")
    starting: dict[int, Mention] = {}
    for mention in known:
        starting.setdefault(mention.start, mention)
    for left in known:
        right = starting.get(left.end) or starting.get(left.end + 1)
        if right is None or right.start > left.end and not _english_pair(text, left, right):
            continue
        body, place = registry.entities[left.entity], registry.entities[right.entity]
        if not body.is_place and place.is_place:
            yield Candidate(left.start, right.end, text[left.start : right.end], body.type, 0.55, "branch")


def _english_pair(text: str, left: Mention, right: Mention) -> bool:
    """True when two names in latin letters stand one space apart (JICA Kyushu)."""
    return text[left.end] == " " and is_latin(text[left.end - 1]) and is_latin(text[right.start])


def _paired(text: str, found: list[Candidate]) -> list[Candidate]:
    """Candidates with the name in the other script that a bracket right after them holds
    (JICA Kyushu (JICA九州), 「…センター」(… Center)): one entity, the bracketed name its alias."""
    ending = {c.end: c for c in found}
    given: dict[int, Candidate] = {}
    for inner in found:
        before = text[: inner.start].rstrip(" ")
        if not before.endswith("(") or not text.startswith(")", inner.end):
            continue
        head = ending.get(len(before[:-1].rstrip(" 」』")))
        if head is not None and head is not inner and head.name.isascii() != inner.name.isascii():
            given[head.end] = inner
    paired = {id(c) for c in given.values()}
    return [
        replace(c, aliases=(*c.aliases, given[c.end].name)) if c.end in given else c
        for c in found if id(c) not in paired
    ]


def segment_mentions(registry: Registry, segment: Segment, kept: list[Candidate]) -> list[Mention]:
    """The mentions of a segment: outer ones that do not cross, and the names inside them."""
    found = gazetteer_mentions(registry, segment) + [
        Mention(c.start, c.end, registry.create(c), c.confidence) for c in kept
    ]
    spans = [m for m in found if not _elsewhere(segment.text, m, found, registry)]
    spans.sort(key=lambda m: (m.start - m.end, -m.confidence))
    outer: list[Mention] = []
    inner: list[Mention] = []
    for mention in spans:
        holder = next((o for o in outer if o.start <= mention.start and mention.end <= o.end), None)
        if holder is not None:
            if mention.entity != holder.entity and _stands_inside(segment.text, mention, holder, registry):
                mention.outer = holder
                inner.append(mention)
        elif not any(o.start < mention.end and mention.start < o.end for o in outer):
            outer.append(mention)
    unique = {(m.start, m.end, m.entity): m for m in outer + inner}
    return sorted(unique.values(), key=lambda m: (m.start, -m.end))


def _stands_inside(text: str, mention: Mention, holder: Mention, registry: Registry) -> bool:
    """A name inside another counts when it is a place or an organisation of its own.

    A name that only starts the holder and leaves it nothing but a last word
    (全国銀行 in 全国銀行協会) is part of that name, not a mention; so is the end of a
    place's name (京都 in 東京都) or a known entity's name without its place (ジャパンデスク
    in バクニン省ジャパンデスク), a place inside an English name but at its start (Japan in
    Bac Ninh Japan Desk); nor are a body and its place in its office's name (ジェトロ仙台).
    """
    entity = registry.entities[mention.entity]
    if entity.type is EntityType.PROGRAM or entity.type is EntityType.PERSON:
        return False
    if _branch(text, mention, holder, registry):
        return False
    ends_holder = mention.start > holder.start and mention.end == holder.end
    shared = registry.partial(mention.entity, text[mention.start : mention.end])
    if ends_holder and (registry.entities[holder.entity].is_place or shared):
        return False
    if entity.is_place and mention.start > holder.start and text[holder.start : holder.end].isascii():
        return False
    if mention.start == holder.start and _last_word_only(text[mention.end : holder.end]):
        return False
    return _word_edge(text, mention.start) and _word_edge(text, mention.end)


def _branch(text: str, mention: Mention, holder: Mention, registry: Registry) -> bool:
    """True when the holder is a body's office named by its place (ジェトロ仙台, JICA Kyushu,
    国際協力機構東北センター) and the mention its body or its place: those are the office's
    name, not names of their own."""
    cut = mention.end if mention.start == holder.start else mention.start
    rest = text[cut : holder.end]
    office = rest.removesuffix(ending_suffix(rest) or "")
    if not all(_name_char(c) or c == " " for c in text[holder.start : holder.end]):
        return False
    if mention.start > holder.start and mention.end not in (holder.end, cut + len(office)):
        return False
    body = registry.resolve(text[holder.start : cut])
    places = filter(None, map(registry.resolve, filter(None, (rest, office))))
    return (
        body is not None and registry.entities[body].type in BODIES
        and any(registry.entities[place].is_place for place in places)
    )


def _name_char(ch: str) -> bool:
    return is_kanji(ch) or is_katakana(ch) or is_latin(ch)


def _word_edge(text: str, at: int) -> bool:
    """No latin word or katakana word runs through this position."""
    if at <= 0 or at >= len(text):
        return True
    left, right = text[at - 1], text[at]
    return not (is_latin(left) and is_latin(right) or is_katakana(left) and is_katakana(right))
