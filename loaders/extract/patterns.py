"""Names a text gives away by their form: last words, legal forms, acronyms, titles.

Japanese names by their last word (`extract_names`), companies by 株式会社, 有限会社 or
(株), names listed in a bracket after an organisation, a name followed by its acronym,
a whole 「…」 that ends like a name, a department after its prefecture or city; English
names that end in University, Bank, Association, Center … or start with Ministry of …
(not in a heading in capitals); acronyms (two capitals or more); people before 氏, 教授,
知事, 社長 or as authors. A bracket right after a name may give its other names: its
translation, its acronym, its short form (以下「…」という).

>>> [(c.name, c.type.value) for c in candidates(Segment("尼崎信用金庫が支援し、ドンナイ省に入居"))]
[('尼崎信用金庫', 'FinancialInstitution'), ('ドンナイ省', 'Municipality')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from tsunagari.graph.text import is_hiragana, is_kanji, is_katakana, is_latin
from tsunagari.graph.vocabulary import EntityType
from tsunagari.loaders.extract.lexicon import NOT_NAMES
from tsunagari.loaders.extract.names import (
    ADMIN,
    ADMIN_FOLLOWERS,
    COMPANY_WORD_ENDS,
    GENERIC,
    GENERIC_STEMS,
    HIRAGANA_RUN,
    LEGAL_FORMS,
    ORDINARY_AT,
    PARTICLES,
    SUFFIX_AT,
    SUFFIX_RE,
    SUFFIXES,
    WEAK,
    Candidate,
    ending_suffix,
    name_kana,
    name_start,
    tidy,
)
from tsunagari.loaders.extract.segments import Segment

T = EntityType

DATE_AFTER = re.compile(r"\s?\((?:[^()]{0,12}、)?(?:19|20)\d{2}")
ACRONYM = re.compile(
    r"(?<![A-Za-z0-9.\-])(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)(?![A-Za-z0-9])"
)
ACRONYM_AFTER = re.compile(r"\(([A-Z][A-Za-z0-9.\-]{1,11})\)")
ROMAN = frozenset("IVXLC")
PERSON_KANJI = 4
"""Longest name in kanji a person has."""
PERSON_TITLE = re.compile(
    r"(?P<title>氏|教授|准教授|知事|社長|博士|(?=\((?:19|20)\d{2}\))|(?=\(編?著\)))"
    r"|出所[):]\s?(?P<name>[\u4e00-\u9fff]{2,4})(?=[、,])"
)
DEPARTMENT = re.compile(r"([\u4e00-\u9fff]{1,5}[都道府県市])((?:[ (]?[\u4e00-\u9fff]{2,12}?[部課室](?!長))+)")
"""A prefecture or city and its department or section (部, 課, 室), a space or bracket apart."""
CELL_OPENERS = frozenset("、・/(「 ")
"""What may stand before a name that is a cell or an item of a list of its own."""
ADMIN_STEMS = frozenset("都府県市区町村")
"""Kanji that make no place with an administrative last word (都市, 県市)."""
COMPANY_WORD = "会社"
KABUSHIKI = re.compile(r"\([株有]\)|株式会社|有限会社|合同会社")
LIST_ITEM = re.compile(r"[^、,\s][^、,]*?(?=\s*(?:[、,]|$))")
LIST = re.compile(r"(?<=[^\s(、])\(([^()]{4,80})\)")
URL = re.compile(r"https?://\S+|www\.\S+")
PAREN = re.compile(r"\(([^()]+)\)")
BRACKET_ITEM = re.compile(r"(?:[^、,]|,(?=\s*(?:Ltd|Inc|Co)\b))+")
DEFINED = re.compile(
    r"\s*(?:以下[、,]?\s?[「『\"“]?([^「」『』\"“”]+?)[」』\"”]?(?:という|と呼ぶ|と称する)?|略称[::]?\s?(\S+)"
    r"|hereinafter(?: referred to as)?[ ,]*[\"“']?([^\"“”']+?)[\"”']?)\s*"
)
"""A definition in a bracket: 以下「…」という, 略称…, hereinafter "…"."""
ANAPHORA = re.compile(r"\s*(?:[本同当]|the\s)", re.IGNORECASE)
"""Words that refer back to a name rather than name it (本プロジェクト, the Center)."""

ENGLISH_HEADS: dict[str, EntityType] = {
    **dict.fromkeys(("University", "College", "Institute of Technology", "Polytechnic", "School"),
                    T.TRAINING_INSTITUTION),
    **dict.fromkeys(("Bank", "Finance Corporation", "Shinkin Bank"), T.FINANCIAL_INSTITUTION),
    **dict.fromkeys(("Association", "Council", "Federation", "Foundation", "Chamber of Commerce",
                     "Chamber of Commerce and Industry", "Society", "Institute"), T.NPO),
    **dict.fromkeys(("Center", "Centre", "Desk"), T.SUPPORT_CENTER),
    **dict.fromkeys(("Agency", "Ministry", "Bureau", "Authority", "Department", "Office", "Committee",
                     "Board", "Administration"), T.GOVERNMENT_AGENCY),
    **dict.fromkeys(("Industrial Park", "Industrial Estate", "Industrial Zone", "Techno Park", "Hi-Tech Park",
                     "Technopark", "Export Processing Zone", "Economic Zone"), T.INDUSTRIAL_PARK),
    **dict.fromkeys(("Company", "Corporation", "Co., Ltd.", "Co. Ltd.", "Co., Ltd", "Ltd.", "Inc.",
                     "Group", "Holdings", "JSC", "Joint Stock Company"), T.FIRM),
    **dict.fromkeys(("Project", "Programme", "Program", "Initiative", "Forum"), T.PROGRAM),
    **dict.fromkeys(("Province", "City", "Prefecture"), T.MUNICIPALITY),
}
ENGLISH_HEADS_LONGEST_FIRST = sorted(ENGLISH_HEADS, key=len, reverse=True)
_HEADS = "|".join(re.escape(head.rstrip(".")) for head in ENGLISH_HEADS_LONGEST_FIRST)
"""The last words of English names, without their stop (read after the word: Chikuma Tech Ltd.)."""
_CAP = r"(?:[A-Z][A-Za-z0-9'&.\-]*)"
ENGLISH_PROPER = re.compile(rf"\s*{_CAP}(?:,?\s+(?:of|and|for|the|de|{_CAP}))*\.?\s*")
"""A name in English: capitalised words, with of, and, for, the between them."""
_OF = rf"\s+of\s+(?:the\s+)?{_CAP}(?:\s+(?:and\s+|&\s+)?{_CAP})*"
_PLACED = rf"(?P<placed>\s+(?:in\s+)?{_CAP}(?:\s+{_CAP})*(?=\s*\())"
"""A place after a name that a bracket gives in full: Nagasaki Desk in Khon Kaen (長崎県コンケン・デスク),
Okinawa Desk Si Racha (沖縄県シラチャー・デスク)."""
ENGLISH_NAME = re.compile(
    rf"(?:{_CAP}\s+(?:(?:of|and|for|the|de|&)\s+)?)+(?i:{_HEADS})\b\.?(?:{_OF}|{_PLACED})?"
    rf"|\b(?:Ministry|University|Bank|Board|Bureau|Department|Agency|Office){_OF}"
)
LEGAL_ENDS = ("Co.", "Ltd.", "Inc.", "Corp.")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
CAPITAL_RUN = re.compile(r"[A-Z]{2,}(?: [A-Z]{2,})+\b")
"""Words in capitals one space apart: a heading's words (GLOBAL UPDATE), not an acronym."""
LABEL = re.compile(r"\s?[:：]\s?[+\d(]")
"""A colon and a number after a word in capitals: a label (TEL: 092-…), not a name."""
DETERMINERS = frozenset("The This That These Those Our Their Its A An Each Every Any Some".split())


def candidates(segment: Segment) -> list[Candidate]:
    """Every name-like span of a segment's clean text, in order (spans may nest or overlap)."""
    text = segment.text
    blocked = [(m.start(), m.end()) for m in URL.finditer(text)]
    finders = (_suffixed, _companies, _listed, _acronym_named, _bracketed, _english, _acronyms, _people,
               _departments)
    found = [c for finder in finders for c in finder(text, segment)]
    found = [c for c in found if not any(lo <= c.start < hi for lo, hi in blocked)]
    departments = [(c.start, c.end) for c in found if c.rule == "department"]
    found = [
        c for c in found
        if c.rule == "department" or c.type is not T.GOVERNMENT_AGENCY
        or not any(lo <= c.start and c.end <= hi for lo, hi in departments)
    ]
    return sorted(_with_other_names(text, found), key=lambda c: (c.start, -c.end))


def _with_other_names(text: str, found: list[Candidate]) -> list[Candidate]:
    """Candidates with the other names a bracket right after them gives (one entity, not two).

    A bracket names the name before it (or before its 」 or legal form) when it holds a definition
    (以下「みらい銀行」という,
    略称IPC, hereinafter "SIC"), or when all it holds is that name in the other script
    (one name: several are a list of others) and its acronym (堺市産業振興センター(Sakai City
    Industrial Promotion Center)), or opens with that name (Yanbaru Tech Ltd. (有限会社やんばるテック,
    Nago City)). The names the bracket gives are not candidates of
    their own; words that refer back (本プロジェクト, the Center) are no names.
    """
    named: dict[int, list[str]] = {}
    given: list[tuple[int, int]] = []
    for paren in PAREN.finditer(text):
        head = paren.start() - (text[paren.start() - 1 : paren.start()] == " ")
        head -= text[head - 1 : head] in ("」", "』")
        head -= next((len(form) for form in LEGAL_FORMS if text.endswith(form, 0, head)), 0)
        if not any(c.end == head for c in found):
            continue
        items = [(paren.start(1) + m.start(), m.group()) for m in BRACKET_ITEM.finditer(paren.group(1))]
        forms = [_other_form(item, text[head - 1].isascii()) for _, item in items]
        translations = sum(
            1 for (_, item), form in zip(items, forms, strict=True)
            if form and not is_acronym(form[1]) and not _definition(item)
        )
        first = forms[0] if translations == 1 and forms[0] and not _definition(items[0][1]) else None
        if not all(forms) or translations > 1:
            forms = [first if at == 0 else _definition(item) for at, (_, item) in enumerate(items)]
        names = [(at + form[0], form[1]) for (at, _), form in zip(items, forms, strict=True)
                 if form and not ANAPHORA.match(form[1])]
        named[head] = [name for _, name in names]
        given += [(at, at + len(name)) for at, name in names]
    return [
        replace(c, aliases=(*c.aliases, *named.get(c.end, ()))) for c in found
        if not any(lo <= c.start and c.end <= hi for lo, hi in given)
    ]


def _definition(item: str) -> tuple[int, str] | None:
    """Where a bracket's item defines a name (以下「…」という, 略称…, hereinafter "…"), and that name."""
    match = DEFINED.fullmatch(item)
    if match is None:
        return None
    group = next(g for g in range(1, 4) if match.group(g))
    return match.start(group), match.group(group)


def _other_form(item: str, ascii_head: bool) -> tuple[int, str] | None:
    """Where a bracket's item gives another form of the name before it, and that form: a
    definition, an acronym, or the name in the other script (English capitalised, or Japanese)."""
    name = item.strip()
    at = item.index(name) if name else 0
    if ascii_head:
        other = not name.isascii() and all(_name_char(c) or is_hiragana(c) or c in "・ " for c in name)
    else:
        other = name.isascii() and ENGLISH_PROPER.fullmatch(name) is not None
    return (at, name) if name and (other or is_acronym(name)) else _definition(item)


def _departments(text: str, segment: Segment) -> Iterator[Candidate]:
    """A department of a prefecture or city, written after it (宮城県 経済商工観光部, 滋賀県 商工観光労働部
    国際経済室): one name, its sections and all, within one line (a line of its own may follow a date)."""
    for match in DEPARTMENT.finditer(text):
        start, end = max(match.start(), segment.line_start_before(match.end(1) - 1)), match.end()
        if start not in segment.line_starts and name_start(text, match.end(1), segment) != start:
            continue
        if not any(start < line < end for line in segment.line_starts):
            name = re.sub(r"[\s(]", "", text[start:end])
            yield Candidate(start, end, name, T.GOVERNMENT_AGENCY, 0.75, "department")


def _suffixed(text: str, segment: Segment) -> Iterator[Candidate]:
    """Japanese names by their last word."""
    for start, end in _last_words(text):
        suffix = text[start:end]
        entity_type, confidence = SUFFIXES[suffix]
        if suffix in ADMIN and end < len(text) and text[end] in ADMIN_FOLLOWERS:
            continue
        if is_katakana(suffix[-1]) and end < len(text) and is_katakana(text[end]):
            continue
        if _inside_word(text, start, end):
            continue
        begin = name_start(text, start, segment, entity_type is T.PROGRAM)
        if begin == start and entity_type is T.INDUSTRIAL_PARK and text.endswith("の", 0, start):
            park = ending_suffix(text[: start - 1])
            if park and SUFFIXES[park][0] is T.INDUSTRIAL_PARK:
                begin = name_start(text, start - 1, segment)
        candidate = tidy(text, begin, end, entity_type, confidence, "suffix")
        if candidate is None:
            continue
        stem = candidate.name[: -len(suffix)]
        alone = candidate.start in segment.line_starts or text[candidate.start - 1] in CELL_OPENERS
        if stem.strip("・") in GENERIC_STEMS or not _stem_fits(suffix, stem, alone):
            continue
        if suffix == "省" and (is_katakana(stem[-1]) or is_latin(stem[-1])):
            candidate = replace(candidate, type=T.MUNICIPALITY)
        if candidate.weak and DATE_AFTER.match(text, candidate.end):
            candidate = replace(candidate, confidence=WEAK)
        yield candidate


def _last_words(text: str) -> list[tuple[int, int]]:
    """Spans of every suffix in a text, overlapping ones included, the longest per end."""
    longest: dict[int, int] = {}
    for start, end in _overlapping(SUFFIX_AT, text, 0, len(text)):
        longest[end] = min(start, longest.get(end, start))
    return sorted((start, end) for end, start in longest.items())


def _stem_fits(suffix: str, stem: str, alone: bool = False) -> bool:
    """What must come before some last words: a proper place stem (of one kanji only in a cell
    or list of its own: 津市, 呉市), a company's own name."""
    if suffix in ADMIN:
        return (len(stem) >= 2 or alone and is_kanji(stem) and stem not in ADMIN_STEMS) and _proper(stem)
    if suffix == "社":
        if stem and all(is_latin(c) or is_katakana(c) or c in "・.&" for c in stem):
            return True
        return len(stem) >= 3 and all(is_kanji(c) for c in stem) and stem[-1] not in COMPANY_WORD_ENDS
    return bool(stem)


def _companies(text: str, segment: Segment) -> Iterator[Candidate]:
    """Companies by their legal form: 株式会社X, 有限会社X, (株)X, X(株), X株式会社 (the name without it,
    nor the common noun before it: 造船会社クイニョン造船株式会社)."""
    for match in KABUSHIKI.finditer(text):
        end = _company_end(text, match.end(), segment)
        if end > match.end() or match.start() in segment.line_starts:
            candidate = tidy(text, match.end(), end, T.FIRM, 0.7, "company")
        else:
            begin = name_start(text, match.start(), segment)
            ordinary = text.rfind(COMPANY_WORD, begin, match.start())
            begin = ordinary + len(COMPANY_WORD) if ordinary >= 0 else begin
            candidate = tidy(text, begin, match.start(), T.FIRM, 0.7, "company")
        if candidate is not None:
            yield candidate


def _company_end(text: str, start: int, segment: Segment) -> int:
    """Where a company's name after its legal form ends: over name characters and the hiragana
    words between them (有限会社やんばるテック, 株式会社筑後あさひ銀行; not の in …の技術者), within
    its line."""
    line_end = next((line for line in segment.line_starts if line > start), len(text))
    end = start
    while end < line_end:
        kana = HIRAGANA_RUN.match(text, end)
        inside = kana is not None and kana.end() < line_end and _name_char(text[kana.end()])
        if kana and inside and _company_kana(kana.group(), end == start):
            end = kana.end()
        elif _name_char(text[end]):
            end += 1
        else:
            break
    return end


def _company_kana(run: str, leading: bool) -> bool:
    """True when hiragana are a word of a company's name: opening it without a particle
    (やんばる, おうみ), or inside it as a name's word (あさひ)."""
    return leading and run[0] not in "のと" and PARTICLES.isdisjoint(run) or name_kana(run)


def _name_char(ch: str) -> bool:
    return is_kanji(ch) or is_katakana(ch) or is_latin(ch)


def _listed(text: str, segment: Segment) -> Iterator[Candidate]:
    """Names listed in a bracket: X Company (双日、大和ハウス、ドナーフード), (スワモ、長野県テクノ財団).

    A list after an organisation, or holding one named by its last word, lists
    organisations of that kind; a list of three items or more that all end with a
    programme's last word lists programmes (①研修、②派遣、③紹介).
    """
    for paren in LIST.finditer(text):
        at = paren.start(1)
        items = [(at + m.start(), at + m.end()) for m in LIST_ITEM.finditer(paren.group(1))]
        words = [text[lo:hi] for lo, hi in items]
        suffixes = [ending_suffix(word) for word in words]
        kinds = [SUFFIXES[x][0] for x in suffixes if x and SUFFIXES[x][0] is not T.PROGRAM]
        if len(items) >= 3 and all(x and SUFFIXES[x][0] is T.PROGRAM for x in suffixes):
            for (lo, hi), word in zip(items, words, strict=True):
                yield Candidate(lo, hi, word, T.PROGRAM, WEAK, "listed")
            continue
        head = ending_suffix(text[: paren.start()])
        after_name = head is not None and SUFFIXES[head][0] is not T.PROGRAM or (
            paren.start() > 0 and text[paren.start() - 1].isascii() and text[paren.start() - 1].isalpha()
        )
        names = [(span, word) for span, word in zip(items, words, strict=True) if _listable(word)]
        if not (after_name or kinds) or len(names) < 2 or len(names) < len(items) - 1:
            continue
        for (lo, hi), word in names:
            if ending_suffix(word) is None:
                yield Candidate(lo, hi, word, kinds[0] if kinds else T.FIRM, 0.45, "listed")


def _listable(item: str) -> bool:
    """A short item of a list that can be a name: katakana or latin, or a few kanji."""
    if not 2 <= len(item) <= 16 or item in GENERIC or item.endswith(("等", "など", "他")):
        return False
    if any(not (is_kanji(c) or is_katakana(c) or is_latin(c) or c in "・&. -") for c in item):
        return False
    if any(c.isdigit() for c in item):
        return False
    return any(is_katakana(c) or is_latin(c) for c in item) or len(item) <= 4


def _inside_word(text: str, start: int, end: int) -> bool:
    """True when the last word runs on into a longer one or belongs to an ordinary word."""
    lo, hi = max(0, start - 4), min(len(text), end + 4)
    if any(s < end < e for s, e in _overlapping(SUFFIX_AT, text, lo, hi)):
        return True
    return any(
        s < end and e > start and (s < start or e > end) for s, e in _overlapping(ORDINARY_AT, text, lo, hi)
    )


def _overlapping(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """Every occurrence of a lookahead pattern in text[lo:hi], overlapping ones included."""
    for match in pattern.finditer(text, lo, hi):
        yield match.start(), match.start() + len(match.group(1))


def _proper(stem: str) -> bool:
    """A stem that can carry a place name: katakana, latin or kanji of its own."""
    return any(is_kanji(c) or is_katakana(c) or is_latin(c) for c in stem) and not stem.isdigit()


def _acronym_named(text: str, segment: Segment) -> Iterator[Candidate]:
    """A name followed by its acronym in brackets: ものづくりビジネスセンター大阪 (MOBIO)."""
    for match in ACRONYM_AFTER.finditer(text):
        acronym = match.group(1)
        if not is_acronym(acronym):
            continue
        start = name_start(text, match.start(), segment)
        named = tidy(text, start, match.start(), T.PROGRAM, WEAK, "acronym-named", (acronym,))
        if named is not None:
            last = [m for m in SUFFIX_RE.finditer(named.name) if len(named.name) - m.end() <= 3]
            if last:
                entity_type, confidence = SUFFIXES[last[-1].group()]
                named = replace(named, type=entity_type, confidence=max(confidence, WEAK))
            yield named


def _bracketed(text: str, segment: Segment) -> Iterator[Candidate]:
    """A whole 「…」 or 『…』 that ends with a name's last word, hiragana and all (not 「本事業」)."""
    for match in re.finditer(r"[「『]([^「」『』。]{2,40})[」』]", text):
        inner = match.group(1)
        suffix = ending_suffix(inner)
        if suffix is None or inner in GENERIC or not inner[: -len(suffix)] or ANAPHORA.match(inner):
            continue
        entity_type, confidence = SUFFIXES[suffix]
        yield Candidate(match.start(1), match.end(1), inner, entity_type, max(confidence, 0.6), "bracket")


def _english(text: str, segment: Segment) -> Iterator[Candidate]:
    """English names: … University, … Bank, Ministry of …, within one line and not in a heading.

    Two names joined by `and` are two (Khon Kaen Province and Sasaki Bank). A name with its place
    after it (Nagasaki Desk in Khon Kaen) has the name without it as an alias.
    """
    for match in ENGLISH_NAME.finditer(text):
        start, end = max(match.start(), segment.line_start_before(match.end() - 1)), match.end()
        if _in_heading(text, start, segment):
            continue
        while True:
            first = text[start:end].split(" ", 1)
            if len(first) < 2 or first[0] not in DETERMINERS:
                break
            start += len(first[0]) + 1
        if match.group("placed"):
            short = text[start : match.start("placed")]
            if head := _english_head(short):
                yield Candidate(start, end, text[start:end], ENGLISH_HEADS[head], 0.7, "english", (short,))
            continue
        name = text[start:end].rstrip(",")
        if not name.endswith(LEGAL_ENDS):
            name = name.rstrip(".")
        for at, part in _conjuncts(name):
            head = _english_head(part)
            if head is not None and part.lower() != head.lower():
                yield Candidate(start + at, start + at + len(part), part, ENGLISH_HEADS[head], 0.7, "english")


def _conjuncts(name: str) -> list[tuple[int, str]]:
    """An English name, or the two names `and` joins in it, each with where it starts."""
    for joined in re.finditer(" and ", name):
        first, later = name[: joined.start()], name[joined.end() :]
        if _english_head(first) and _english_head(later) not in (None, later):
            return [(0, first), (joined.end(), later)]
    return [(0, name)]


def _english_head(name: str) -> str | None:
    """The word an English name ends with (University, Bank …), or its Ministry of … form."""
    lower = name.lower()
    return next(
        (h for h in ENGLISH_HEADS_LONGEST_FIRST
         if lower.endswith(h.lower()) or f"{h.lower()} of " in lower),
        None,
    )


def _in_heading(text: str, at: int, segment: Segment) -> bool:
    """True when the line or table cell holding text[at] is a heading in capitals (PARTNERS,
    UPDATE: KHON KAEN DESK): no Japanese, and most of its words in capitals."""
    lo, hi = _line_around(text, at, segment)
    if any(not c.isascii() and c.isalpha() for c in text[lo:hi]):
        return False
    words = LATIN_WORD.findall(text, lo, hi)
    return sum(word.isupper() for word in words) * 2 > len(words)


def _heading_word(text: str, at: int, segment: Segment) -> bool:
    """True when a word in capitals belongs to a heading or a masthead rather than naming a body:
    a heading in capitals, a line without a word in lower case and the word not in a bracket
    (NEWSLETTER No. 14 | May 2024), or a run of capital words beside Japanese (GLOBAL UPDATE ／ 通信)."""
    if _in_heading(text, at, segment):
        return True
    lo, hi = _line_around(text, at, segment)
    if any(not c.isascii() and c.isalpha() for c in text[lo:hi]):
        return any(run.start() <= at < run.end() for run in CAPITAL_RUN.finditer(text, lo, hi))
    words = LATIN_WORD.findall(text, lo, hi)
    bracketed = text.rfind("(", lo, at) > text.rfind(")", lo, at)
    return not bracketed and not any(word[0].islower() for word in words)


def _line_around(text: str, at: int, segment: Segment) -> tuple[int, int]:
    """Where the line or table cell holding text[at] starts and ends."""
    lo = segment.line_start_before(at)
    return lo, next((start for start in segment.line_starts if start > at), len(text))


def _acronyms(text: str, segment: Segment) -> Iterator[Candidate]:
    """Words of two capitals or more that are not ordinary abbreviations (CEO, ODA …), words
    of a heading in capitals (NEWSLETTER, EVENTS) nor a label before a number (TEL: 03-…)."""
    for match in ACRONYM.finditer(text):
        word = match.group()
        long_enough = is_acronym(word) and len(word.replace(".", "")) >= 3
        label = LABEL.match(text, match.end())
        if long_enough and not label and not _heading_word(text, match.start(), segment):
            yield Candidate(match.start(), match.end(), word, T.NPO, 0.45, "acronym")


def _inside_longer_word(text: str, start: int, segment: Segment) -> bool:
    """True when a person's name would start inside a longer word (not after a body's name)."""
    if not start or start in segment.line_starts:
        return False
    before = text[start - 1]
    return (is_latin(before) or is_kanji(before)) and not ending_suffix(text[:start])


def is_acronym(word: str) -> bool:
    """Two capitals or more and at least half of its letters, no more than ten letters, not an
    ordinary abbreviation or numeral (JETRO, JBIC, VinaCap; not Hi-Tech)."""
    letters = word.replace(".", "").replace("-", "")
    capitals = sum(c.isupper() for c in letters)
    return (
        capitals >= 2
        and capitals * 2 >= len(letters)
        and len(letters) <= 10
        and letters.upper() not in NOT_NAMES
        and not set(letters) <= ROMAN
        and sum(c.isdigit() for c in letters) < capitals
    )


def _people(text: str, segment: Segment) -> Iterator[Candidate]:
    """People: a short name before 氏, 教授, 知事, 社長, an author (2011) / (編著), a source (出所) 名前、.

    A name of kanji and katakana before 社長 is the company the president heads.
    """
    for match in PERSON_TITLE.finditer(text):
        end = match.start() if match.group("title") is not None else match.end("name")
        start = end
        if end and is_katakana(text[end - 1]):
            while start and (is_katakana(text[start - 1]) or text[start - 1] == "・"):
                start -= 1
        else:
            while start and is_kanji(text[start - 1]) and end - start < PERSON_KANJI:
                if start in segment.line_starts:
                    break
                start -= 1
            if match.group() == "" and start and is_kanji(text[start - 1]):
                continue
        if end - start < 2:
            continue
        if match.group("title") == "社長" and is_kanji(text[start - 1 : start] or " ") and not ending_suffix(
            text[:start]
        ):
            company = name_start(text, end, segment)
            if any(is_kanji(c) for c in text[company:end]) and end - company >= 4:
                yield Candidate(company, end, text[company:end], T.FIRM, 0.45, "president")
            continue
        if _inside_longer_word(text, start, segment):
            continue
        name = text[start:end]
        if SUFFIX_RE.search(name) or name in GENERIC or name[:2] in ("現地", "代表", "副社", "元社"):
            continue
        yield Candidate(start, end, name, T.PERSON, 0.45, "person")


