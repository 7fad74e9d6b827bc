"""Words that refer back to a name: 同社, 同行, 同センター, 本事業, the Center, the Bank.

An anaphor stands for the nearest entity named before it whose name ends with the
anaphor's head word (同研究会: …研究会, the Desk: … Desk), or else whose type its head
word names (同社: a firm, 同行: a bank, 本事業: a programme). It takes part in the
relations of its sentence as a mention of that entity; it names no entity of its own.

>>> from tsunagari.graph.model import Entity
>>> bank = Entity("b", EntityType.FINANCIAL_INSTITUTION, name_ja="みなと銀行")
>>> park = Entity("p", EntityType.INDUSTRIAL_PARK, name_ja="みなと工業団地")
>>> found = anaphors(Segment("同行は同工業団地に出資"), [], ["b", "p"], {"b": bank, "p": park})
>>> [(m.start, m.end, m.entity) for m in found]
[(0, 2, 'b'), (3, 8, 'p')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tsunagari.graph.model import Entity
from tsunagari.graph.vocabulary import EntityType
from tsunagari.loaders.extract.mentions import Mention
from tsunagari.loaders.extract.patterns import ENGLISH_HEADS
from tsunagari.loaders.extract.segments import Segment

T = EntityType

JAPANESE = re.compile(r"[同当本]([\u4e00-\u9fff]+|[\u30a1-\u30ff]+)")
"""同, 当 or 本 and the word of one script after it (its head, or the head and what follows)."""
WORD_BEFORE = re.compile(r"[\u4e00-\u9fff\u30a1-\u30ff]")
"""A kanji or katakana before 同, 当 or 本 makes them part of a word (共同事業, 日本)."""
COMMON_HEADS = ("programme", "program", "project", "desk", "centre", "center", "park", "estate",
                "zone", "bank", "college", "school", "association", "foundation", "network",
                "council", "company", "firm")
"""The common nouns that refer back in lower case (the desk, the park): a name's last word, or
a word naming its kind."""
ENGLISH = re.compile(
    rf"\b[Tt]he ((?:[A-Z][a-z]+ )?[A-Z][a-z]+|{'|'.join(COMMON_HEADS)})\b(?! of\b)(?! [A-Z])"
)
"""`the` and one or two capitalised words (the Center, the Provincial Board), not a name's start,
or a common noun of the list (the desk)."""
SUBJECT_PRONOUN = re.compile(r"(?:It|Its)\b")
"""`It` or `Its` opening a sentence: the subject of the sentence before (It is run by …)."""
HEAD_TYPES: dict[str, EntityType] = {
    "社": T.FIRM, "行": T.FINANCIAL_INSTITUTION, "金庫": T.FINANCIAL_INSTITUTION,
    "事業": T.PROGRAM, "プロジェクト": T.PROGRAM, "プログラム": T.PROGRAM,
    **{head.split()[-1]: kind for head, kind in ENGLISH_HEADS.items()},
    "Cooperative": T.NPO, "Partnership": T.PROGRAM, "Firm": T.FIRM, "Network": T.NPO,
}
"""Head words that name the type of what they refer to, whatever its name ends with."""
DEFINED = re.compile(r"以下[、,]?「([同当本][^」]{1,8})」")
"""A definition that makes an anaphor stand for the name before it (以下「当行」という)."""
DEFINED_GAP = 3
"""How far before its definition's 以下 the defined name may end (a bracket, a comma)."""
NOT_ANAPHORS = frozenset({"本社", "本店", "本部"})
"""Words of the same form that name a part of a body, not the body."""
ANAPHOR = 0.9
"""How sure a resolved anaphor is a mention of its antecedent."""


def definitions(segment: Segment, mentions: list[Mention]) -> dict[str, str]:
    """The anaphors a segment defines for a name, for the whole document: 株式会社A銀行(以下「当行」
    という) makes 当行 stand for A銀行 wherever it is written, not for the bank named last."""
    defined = {}
    for match in DEFINED.finditer(segment.text):
        named = [m for m in mentions if m.outer is None and m.end <= match.start()]
        if named and match.start() - named[-1].end <= DEFINED_GAP:
            defined[match.group(1)] = named[-1].entity
    return defined


def anaphors(
    segment: Segment, mentions: list[Mention], recent: list[str], entities: dict[str, Entity],
    defined: dict[str, str] | None = None, subject: str | None = None,
) -> list[Mention]:
    """Mentions of the entities the anaphors of a segment refer to, apart from its own mentions;
    `recent` holds the entities named before the segment, the last named last; `defined` the
    anaphors the document has defined, and what each stands for; `subject` what the sentence
    before is about (what an opening `It` stands for)."""
    found = []
    opening = SUBJECT_PRONOUN.match(segment.text)
    if subject is not None and opening is not None:
        found.append(Mention(0, opening.end(), subject, ANAPHOR))
    for start, heads in _anaphors(segment):
        if any(m.start < heads[0][0] and start < m.end for m in mentions):
            continue
        before = [*recent, *(m.entity for m in mentions if m.end <= start)]
        for end, head in heads:
            entity = (defined or {}).get(segment.text[start:end]) or _antecedent(head, before, entities)
            if entity is not None:
                found.append(Mention(start, end, entity, ANAPHOR))
                break
    return found


def _anaphors(segment: Segment) -> Iterator[tuple[int, list[tuple[int, str]]]]:
    """Each anaphor's start and its possible ends and heads, longest first (同行唯一: 行唯一, 行唯, 行);
    one starts a word (or a line: 参加企業・団体 / 本プロジェクトには)."""
    text = segment.text
    for match in JAPANESE.finditer(text):
        at = match.start()
        in_word = at not in segment.line_starts and WORD_BEFORE.match(text, at - 1) is not None
        if match.group() in NOT_ANAPHORS or in_word:
            continue
        word = match.group(1)
        yield match.start(), [(match.start(1) + n, word[:n]) for n in range(len(word), 0, -1)]
    for match in ENGLISH.finditer(text):
        yield match.start(), [(match.end(), match.group(1))]


def _antecedent(head: str, recent: list[str], entities: dict[str, Entity]) -> str | None:
    """The nearest entity named before whose name ends with the head, or whose type the head names."""
    head = head.capitalize() if head in COMMON_HEADS else head
    for entity_id in reversed(recent):
        entity = entities[entity_id]
        if any(_ends_with(name, head) for name in (entity.name_ja, entity.name_en, *entity.aliases)):
            return entity_id
    kind = HEAD_TYPES.get(head.split()[-1].capitalize() if head.isascii() else head)
    return next((e for e in reversed(recent) if entities[e].type is kind), None) if kind else None


def subject_of(mentions: list[Mention], entities: dict[str, Entity]) -> str | None:
    """What a sentence is about: the first entity it names that is not a place."""
    return next((m.entity for m in mentions if m.outer is None
                 and not entities[m.entity].is_pure_place), None)


def _ends_with(name: str, head: str) -> bool:
    """True when a name ends with the head word and is longer (an English head as a whole word)."""
    rest = name[: -len(head)] if name.endswith(head) else ""
    return bool(rest) and (not head.isascii() or rest.endswith(" "))
