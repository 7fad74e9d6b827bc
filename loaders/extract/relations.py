"""Relations a segment states between the entities it mentions.

Rules: a name inside another (大阪府 in 大阪府立大学高専: located in; JICA in
JICA日本センター: part of); a place right before a name (ベトナム・ドンナイ省,
大阪のザ・サポート社: located in); a cue word (支援, 運営, 出資 …) with the one who acts
marked by が, は, による or English `by`, and the ones acted upon around it, turned round
in a passive (X により設立された, X に委託され, X から支援を受け, financed by X); a bracket
after a name ((事務局:近畿経済産業局), (大阪府、26名), (2010年度~、JICA)); and, least
sure, a place named in the same sentence as an organisation, and any two names of a
sentence that holds a cue word. A pair gets one relation per sentence: an action a cue
states before where the two stand, then the surest. How sure each rule is, is the share
of its proposals found right on the development and held-out sets (benchmarks/extraction_*/).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tsunagari.graph.model import Entity
from tsunagari.graph.vocabulary import SYMMETRIC_TYPES, EntityType
from tsunagari.loaders.extract.cues import Cue, after_by, cues, is_agent, received
from tsunagari.loaders.extract.lexicon import country_itself
from tsunagari.loaders.extract.mentions import Mention
from tsunagari.loaders.extract.names import LEGAL_FORMS

NESTED, ADJACENT, AGENT, PLAIN, BRACKET, NEARBY, TOGETHER = 0.35, 0.7, 0.55, 0.1, 0.7, 0.1, 0.15
NESTED_PLACE, NESTED_DEPARTMENT = 0.1, 0.6
"""A place opening a name is seldom said to be where it stands (宮城県 in 宮城県立白石高等技術専門校);
a city or prefecture opening a department's name is the body it is part of (呉市産業部)."""
CELL = 0.85
"""A place closing a table's row after a body's name is mostly where that body stands."""
BRACKET_MEMBER = 0.05
"""A body in a bracket after another is seldom its member (JICA九州 in JICA Kyushu (JICA九州))."""
GUESSED = PLAIN
"""A relation no surer than this is a guess: it does not outrank where the two stand."""
PASSIVE_BONUS = 0.15
"""A passive names its giver plainly: a little surer than an active cue."""
ACTING = 0.6
"""A city or province that acts: a little surer an actor than other bodies (浜松市は…と協定を締結)."""
LOCATING = frozenset({"LOCATED_IN", "PART_OF", "TENANT_OF", "SERVES_AREA"})
GENERIC_CUES = frozenset({"SUPPORTS", "PARTNERS_WITH", "IMPLEMENTS"})
"""Cue types that say little; a more specific cue about the same pair wins."""
GENERIC_PENALTY = 0.3
"""How much less sure a relation is when its cue says little (連携, 支援, 実施): most are wrong."""
PAIR_REACH = 40
"""How far apart two names may stand for the least sure rules to relate them (characters)."""
CUE_CHAIN_GAP = 2
"""How close a cue may follow another and speak of the same names (業務連携の覚書, 設立・運営)."""
AGENT_REACH = 60
"""How far before its cue the one who acts may stand (characters)."""
JOINER = re.compile(
    r"[・ ]?(?:の(?:[省県州]都|首都)?|南部|北部|中部|東部|西部|近郊)?[・ ]?(?:"
    + "|".join(LEGAL_FORMS) + ")?"
)
"""What may stand between a place and a name in it: の, a direction, the seat of (…省の省都…市),
the legal form the name opens with (…市の有限会社…)."""
DESCRIBED = re.compile(r"内?の[^、。「」()\s]{1,12}?(?:である「?|「)")
"""A place and what a name after it is there (タイの大手銀行である…, 省内の日本語学校「…」)."""
IN_PLACE = re.compile(r"(?:\)\s*|\s+)(?:in|at|of)\s+(?:the\s+)?")
PLACE_IN = re.compile(r"(?:\)\s*|\s+)in\s+(?:the\s+)?")
"""What stands between an English place's name and the larger place it is in (… Province in …)."""
"""What stands between an English name (or the bracket after it) and the place it is in."""
SECRETARIAT_GAP = 2
MEMBER_WORDS = frozenset({"会員", "組合員", "構成員", "member"})
"""Words for the members of a body (not 参加, which takes part in what is done)."""
GROUP_BEFORE = re.compile(r"の|'s\s+|\s+(?:supporting\s+)?", re.IGNORECASE)
"""What joins a body to the word for its members before it: 研究会の会員, the Association's member,
an HMA member."""
GROUP_AFTER = re.compile(r"s?\s+of\s+(?:the\s+)?")
"""What joins the word for members to the body after it: a member of the Association."""
MEMBER_NOUN = re.compile(
    r"(?:企業|団体|機関|firms?|companies)?\s?(?:である|の|として|、)?(?:" + "|".join(LEGAL_FORMS) + ")?"
)
"""What stands between the word for members and the members it names (組合員企業である…)."""
MEMBER_SUBJECT = re.compile(r"\s?(?:は|が|も)")
"""What marks the one a sentence says is a member (A も…の組合員です)."""
APPOSITION = re.compile(r"\s?(?:\([^()]*\))?(?:,\s|\s[-–—]\s)")
"""A comma or a dash after a name, and maybe its bracket, that opens what is said of it (Kirishima
Ltd., a member …; 株式会社桑名キャスト（桑名市） - 北勢鋳物工業協同組合の組合員)."""
RELATIVE = re.compile(
    r"(?:する|した|している|していた|される|された)?(?=[\u4e00-\u9fff\u30a1-\u30ffA-Za-z「])"
)
"""What follows a cue that qualifies the noun after it (設置した…, 入居する…)."""
FORMAL_NOUNS = ("予定", "見込み", "計画", "方針", "こと")
"""Nouns after a verb that say when or whether it happens, not who does it (入居する予定)."""
PAREN = re.compile(r"\(([^()]*)\)")
SUBJECT_OPENING = re.compile(r"(?:[A-Z][^,.;()]{0,40},\s+)?(?:[A-Z0-9][\w:|]*\s+)*(?:[Tt]he\s+)?")
"""What may stand before the names an English sentence opens with: a phrase and its comma (As a
first step,), a heading's words, `the`."""
SUBJECT_TO_VERB = re.compile(r"[\s,]*(?:[a-z]+\s+){0,4}")
"""What may stand between those names and the verb: a few small words (have both, will, plan to sign a)."""
CONJUNCTION = re.compile(r"\s?(?:と|、|及び|および|,?\s?and)\s?(?:the\s)?(?:" + "|".join(LEGAL_FORMS) + ")?")
LISTED = re.compile(
    r"\s?(?:\([^()]*\)\s?)?(?:と|、|,|及び|および|,?\s?and)\s?(?:the\s)?(?:" + "|".join(LEGAL_FORMS) + ")?"
)
"""What joins the names of a list, a bracket after one of them included (A (甲) and B)."""
GIVER = re.compile(r"\s?(?:から|によって|により|による|に|の)")
"""What marks the one who acts in a passive (X から支援を受け, X により設立され, X に委託され,
X の支援を受けて)."""
GIVER_CUES = frozenset({"による", "により"})
CLAUSE_END = re.compile(r"[、。,;]")
GIVER_GAP = 16
"""How far before a passive's cue its giver's mark may end (X から資金面の支援を受け, X により
2024年度の新規施策として設立)."""
TOPIC_MARK = re.compile(r"\s?(?:は|が)")
"""What marks the one a sentence is about, who receives in a passive."""
PASSIVE = re.compile(r"\s?(?:を|が)?(?:受け|され)")
"""What follows a cue in a passive: 支援を受け, 設立された, 委託されました."""
OBJECT_MARK = re.compile(r"\s?(?:には|を|へ|に(?!よ))")
"""What marks the one acted upon, written before the one who acts (本事業には…が参加)."""
SOURCE_MARK = re.compile(r"\s?(?:から|によって|により)")
"""A name so marked after a cue acts in what follows; it is not that cue's object."""
DEFINING = re.compile(r"(?:以下|略称|hereinafter)[^()]{0,20}$", re.IGNORECASE)
"""Words before a name in a bracket that make it the short name of the one before the bracket."""
RUN_BY_OTHERS = frozenset({EntityType.PROGRAM, EntityType.SUPPORT_CENTER, EntityType.INDUSTRIAL_PARK})
"""What a body named in a bracket after it runs: a programme, a centre, a park."""


@dataclass(frozen=True)
class Found:
    """A relation found in a segment, with the span of text that states it."""

    type: str
    source: str
    target: str
    confidence: float
    start: int
    end: int

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.source, self.target))


def relations_in(
    text: str, mentions: list[Mention], entities: dict[str, Entity], line_starts: Iterable[int] = (0,)
) -> list[Found]:
    """The relations of one segment (whose lines start at line_starts): one per pair of entities,
    the surest rule's; an action a cue word states wins over where the two stand."""
    tops = [m for m in mentions if m.outer is None]
    rules = Rules(text, tops, entities, line_starts)
    found = [*rules.nested(mentions), *rules.adjacent(), *rules.cells(), *rules.cued(), *rules.bracketed()]
    best: dict[frozenset[str], Found] = {}
    for relation in found:
        if relation.source == relation.target:
            continue
        held = best.get(relation.pair)
        if held is None or _rank(held) < _rank(relation):
            best[relation.pair] = relation
    for relation in (*rules.nearby(), *rules.together()):
        if relation.source != relation.target:
            best.setdefault(relation.pair, relation)
    return list(best.values())


def _rank(relation: Found) -> tuple[bool, float]:
    """How a relation ranks among those of its pair: actions first (not guessed ones), then the surest."""
    return relation.type not in LOCATING and relation.confidence > GUESSED, relation.confidence


class Rules:
    """The rules, over one segment's text and its outer mentions."""

    def __init__(
        self, text: str, tops: list[Mention], entities: dict[str, Entity], line_starts: Iterable[int] = (0,)
    ) -> None:
        self.text = text
        self.tops = tops
        self.entities = entities
        self.line_starts = frozenset(line_starts)

    def _entity(self, mention: Mention) -> Entity:
        return self.entities[mention.entity]

    def _is_place(self, mention: Mention) -> bool:
        return self._entity(mention).is_place

    def _found(self, relation_type: str, source: Mention, target: Mention, confidence: float,
               *extra: int) -> Found:
        """A relation between two mentions, stated by the text from the first to the last of
        them and the extra positions (its cue)."""
        lo = min(source.start, target.start, *extra)
        hi = max(source.end, target.end, *extra)
        return Found(relation_type, source.entity, target.entity, confidence, lo, hi)

    def nested(self, mentions: list[Mention]) -> Iterator[Found]:
        """A name inside another: the place it stands in when the name opens with it (the
        area a programme serves; タイ in 筑後タイ経済研究会 says nothing), the body it belongs to."""
        pairs = [
            (holder, mention) for holder in mentions for mention in mentions
            if holder is not mention and holder.start <= mention.start and mention.end <= holder.end
            and (holder.start, holder.end) != (mention.start, mention.end)
        ]
        for holder, mention in pairs:
            kind, holder_kind = self._entity(mention).type, self._entity(holder).type
            if self._is_place(mention) and mention.start != holder.start:
                continue
            if self._is_place(mention) and holder_kind is EntityType.PROGRAM:
                yield self._found("SERVES_AREA", holder, mention, NESTED_PLACE)
            elif self._is_place(mention):
                part = holder_kind is EntityType.GOVERNMENT_AGENCY and kind is EntityType.MUNICIPALITY
                yield self._found("PART_OF" if part else "LOCATED_IN", holder, mention,
                                  NESTED_DEPARTMENT if part else NESTED_PLACE)
            elif holder_kind is EntityType.PROGRAM:
                yield self._found("IMPLEMENTS", mention, holder, NESTED)
            else:
                yield self._found("PART_OF", holder, mention, NESTED)

    def adjacent(self) -> Iterator[Found]:
        """A place right before a name (ベトナム・ドンナイ省, 大阪のザ・サポート社, タイの大手銀行である
        …) or after it in English (… Industrial Park in Dong Nai Province): where it stands, or the area a
        programme serves (北海道・カントー連携プロジェクト); a person after a body."""
        for left, right in zip(self.tops, self.tops[1:], strict=False):
            english = IN_PLACE.match(self.text, left.end)
            in_place = english is not None and english.end() == right.start and self._is_place(right)
            if in_place and not self._is_place(left):
                yield self._found(self._placing(left), left, right, ADJACENT)
                continue
            if self._is_place(left) and self._within(left, right):
                yield self._found("LOCATED_IN", left, right, ADJACENT)
                continue
            described = DESCRIBED.fullmatch(self.text, left.end, right.start)
            if described and self._is_place(left) and not self._is_place(right):
                yield self._found(self._placing(right), right, left, ADJACENT)
                continue
            joined = JOINER.match(self.text, left.end)
            if joined is None or joined.end() != right.start:
                continue
            if self._is_place(left):
                yield self._found(self._placing(right), right, left, ADJACENT)
            elif self._entity(right).type is EntityType.PERSON:
                yield self._found("MEMBER_OF", right, left, ADJACENT)

    def _within(self, left: Mention, right: Mention) -> bool:
        """True when an English text writes a place inside the next one: Vinh Phuc Province in
        northern Vietnam, Khon Kaen, Thailand (a country after a comma, not a list of them)."""
        between = self.text[left.end : right.start]
        if not between.isascii() or not self._is_place(right):
            return False
        if PLACE_IN.fullmatch(between):
            return True
        countries = [country_itself(self._entity(m)) for m in (left, right)]
        return between == ", " and not countries[0] and bool(countries[1])

    def cells(self) -> Iterator[Found]:
        """A place that closes a line right after a body's name, one space or one line apart
        (a table's row: 事業主体 北海道経済部 札幌市, or one cell a line): the body's address, unless
        the body is named after it (a city's department is part of the city)."""
        for left, right in zip(self.tops, self.tops[1:], strict=False):
            if self._is_place(left) or not self._is_place(right) or not self._line_end(right.end):
                continue
            if self.text.startswith(self.text[right.start : right.end], left.start):
                continue
            gap = self.text[left.end : right.start]
            cell = right.start == left.end and right.start in self.line_starts
            if cell or gap and not gap.strip():
                yield self._found(self._placing(left), left, right, CELL)

    def _line_end(self, at: int) -> bool:
        return at == len(self.text) or at in self.line_starts

    def _placing(self, mention: Mention) -> str:
        """How a name relates to a place it is named with: a programme serves it, the rest stand in it."""
        return "SERVES_AREA" if self._entity(mention).type is EntityType.PROGRAM else "LOCATED_IN"

    def cued(self) -> Iterator[Found]:
        """Relations a cue word states, directed by who acts.

        A cue speaks of the names between it and the cue before it, or of those the cue
        right before it speaks of (…と業務連携の覚書を結ぶ, …を設立・運営); the one who acts
        may stand further back (大阪府が…と連携し、…を支援).
        """
        previous = 0
        window: list[Mention] = []
        for cue in self._cues():
            if previous == 0 or cue.start - previous > CUE_CHAIN_GAP:
                window = [m for m in self.tops if previous <= m.start and m.end <= cue.start]
            after = [m for m in self.tops if m.start >= cue.end]
            group = self._group(cue)
            if cue.type == "SECRETARIAT_OF":
                yield from self._secretariat(cue, window, after)
            elif group is not None:
                yield from self._members(cue, group, after)
            else:
                yield from self._acts(cue, window, after)
            previous = cue.end

    def _cues(self) -> list[Cue]:
        """The cue words of the text that are not part of a name (支援 in …支援センター), nor one
        that gives way to the cue after it."""
        found = [c for c in cues(self.text) if not any(m.start <= c.start < m.end for m in self.tops)]
        following: list[Cue | None] = [*found[1:], None][: len(found)]
        return [c for c, later in zip(found, following, strict=True) if not self._gives_way(c, later)]

    def _gives_way(self, cue: Cue, later: Cue | None) -> bool:
        """True when a cue only leads to the next: a により that marks the giver of a later cue of its
        clause (宮城県により…設立された), an English word qualifying the next (a training agreement,
        but a friendship city agreement ties sister cities)."""
        if later is None:
            return False
        if cue.word.isascii():
            return later.start - cue.end <= 1 and cue.type != "SISTER_CITY_OF"
        return cue.word in GIVER_CUES and not CLAUSE_END.search(self.text, cue.end, later.start)

    def _secretariat(self, cue: Cue, before: list[Mention], after: list[Mention]) -> Iterator[Found]:
        """X を事務局とする Y, and Y (事務局: X): the body next to 事務局 is the secretariat."""
        if after and after[0].start - cue.end <= SECRETARIAT_GAP and before:
            yield self._found(cue.type, after[0], before[-1], AGENT, cue.start)
        elif before and cue.start - before[-1].end <= SECRETARIAT_GAP and after:
            yield self._found(cue.type, before[-1], after[0], AGENT, cue.end)

    def _group(self, cue: Cue) -> Mention | None:
        """The body a word for its members belongs to (研究会の会員, 組合の組合員, an HMA member,
        a member of the Association)."""
        if cue.type != "MEMBER_OF" or cue.word not in MEMBER_WORDS:
            return None
        before = next((m for m in reversed(self.tops) if m.end <= cue.start), None)
        if before is not None and GROUP_BEFORE.fullmatch(self.text, before.end, cue.start):
            return before
        after = next((m for m in self.tops if m.start >= cue.end), None)
        if after is not None and GROUP_AFTER.fullmatch(self.text, cue.end, after.start):
            return after
        return None

    def _members(self, cue: Cue, group: Mention, after: list[Mention]) -> Iterator[Found]:
        """Who a word for members says belongs to a body: the names it qualifies (…の会員である
        A と B), the names an English sentence opens with (A and B are both members of …), or else
        the one the sentence is about (A は…の会員企業で; A, a member of …)."""
        named = [m for m in after if m is not group]
        subjects = [m for m in self._subjects(cue) if m is not group] if cue.word.isascii() else []
        if named and MEMBER_NOUN.fullmatch(self.text, cue.end, named[0].start):
            members = self._with_conjuncts(named[0], forward=True)
        elif subjects:
            members = subjects
        else:
            members = [
                m for m in self.tops if m.end <= min(group.start, cue.start)
                and (MEMBER_SUBJECT.match(self.text, m.end) or APPOSITION.match(self.text, m.end))
            ][-1:]
        for member in members:
            yield self._found("MEMBER_OF", member, group, AGENT, cue.start, cue.end)

    def _acts(self, cue: Cue, window: list[Mention], after: list[Mention]) -> Iterator[Found]:
        """Who acts upon whom: the agent (が, は, による, by …) to the names before the cue.

        A cue that qualifies a noun (JETROが設置したパビリオン, …に入居する企業) speaks
        only of its own clause: its agent stands in it, its object is that noun.
        """
        penalty = GENERIC_PENALTY if cue.type in GENERIC_CUES else 0.0
        plain = PLAIN / 2 if penalty else PLAIN
        qualifier = RELATIVE.match(self.text, cue.end)
        reach = window if qualifier else [m for m in self.tops if 0 <= cue.start - m.end <= AGENT_REACH]
        agents = [m for m in reach if is_agent(self.text, m.end)]
        receiving = received(self.text, cue.start)
        by = [m for m in after if after_by(self.text, m.start, receiving)]
        if PASSIVE.match(self.text, cue.end):
            yield from self._passive(cue, reach, agents, penalty)
        elif qualifier:
            noun = [m for m in after[:1] if m.start == qualifier.end()]
            for agent in agents[-1:]:
                for target in noun:
                    yield self._acted(cue, agent, target, penalty)
        elif agents:
            objects = [m for m in window if m.start > agents[-1].start]
            if not objects and agents[-1] in window:
                before = window[: window.index(agents[-1])]
                marked = [m for m in before if OBJECT_MARK.match(self.text, m.end)]
                following = [m for m in after[:1] if not SOURCE_MARK.match(self.text, m.end)]
                objects = marked[-1:] or before[-1:] or following
            actors = self._with_conjuncts(agents[-1])
            for agent in actors:
                for target in (m for m in objects if m not in actors and self._receives(cue, m)):
                    yield self._acted(cue, agent, target, penalty)
            yield from self._together_acting(cue, actors)
        elif by and window:
            given = [m for m in window if not after_by(self.text, m.start)]
            patients = self.tops[:1] if receiving else given or self.tops[:1]
            for agent in self._with_conjuncts(by[0], forward=True):
                yield self._found(cue.type, agent, patients[-1], AGENT - penalty, cue.start)
        elif cue.word.isascii() and (subjects := self._subjects(cue)):
            ends = {m.entity for m in subjects}
            for target in [m for m in after if m.entity not in ends and self._receives(cue, m)][:1]:
                for agent in subjects:
                    yield self._acted(cue, agent, target, penalty)
            yield from self._together_acting(cue, subjects)
        elif len(window) >= 2:
            yield self._found(cue.type, window[-2], window[-1], plain, cue.start, cue.end)
        elif window and after:
            yield self._found(cue.type, window[-1], after[0], plain, cue.start)

    def _receives(self, cue: Cue, mention: Mention) -> bool:
        """True when a name can be what a cue acts upon: a country or region is the market a
        general cue speaks of (タイ進出を支援, partners in Vietnam), not a party to it."""
        return cue.type not in GENERIC_CUES or self._entity(mention).type is not EntityType.PLACE

    def _subjects(self, cue: Cue) -> list[Mention]:
        """The names an English sentence opens with, joined by `and`, when nothing but them stands
        before its verb (Khon Kaen University (KKU) and the Sasebo School signed …); brackets after
        them give their other names."""
        first = self.tops[0] if self.tops and self.tops[0].end <= cue.start else None
        if first is None or not SUBJECT_OPENING.fullmatch(self.text, 0, first.start):
            return []
        brackets = [paren.span() for paren in PAREN.finditer(self.text)]
        subjects = [first]
        for mention in self.tops[1:]:
            if mention.start >= cue.start:
                break
            if any(lo < mention.start and mention.end < hi for lo, hi in brackets):
                continue
            if not CONJUNCTION.fullmatch(PAREN.sub("", self.text[subjects[-1].end : mention.start])):
                return []
            subjects.append(mention)
        to_verb = PAREN.sub("", self.text[subjects[-1].end : cue.start])
        return subjects if SUBJECT_TO_VERB.fullmatch(to_verb) else []

    def _passive(
        self, cue: Cue, reach: list[Mention], agents: list[Mention], penalty: float
    ) -> Iterator[Found]:
        """A passive (X により設立された, X に委託され, X から支援を受け): the giver acts upon the
        one the sentence is about (marked by は or が, or else its first name)."""
        givers = [m for m in reach if self._gives(m, cue)]
        if not givers:
            return
        giver = givers[-1]
        topics = [m for m in agents if m.end <= giver.start and TOPIC_MARK.match(self.text, m.end)]
        topics = topics or self.tops[:1]
        for source in self._with_conjuncts(giver):
            for target in topics[-1:]:
                if target.end <= giver.start:
                    yield self._acted(cue, source, target, penalty - PASSIVE_BONUS)

    def _gives(self, mention: Mention, cue: Cue) -> bool:
        """True when a name is marked as the giver of a passive's cue (X から…支援を受け)."""
        mark = GIVER.match(self.text, mention.end)
        return mark is not None and cue.start - mark.end() <= GIVER_GAP

    def _together_acting(self, cue: Cue, actors: list[Mention]) -> Iterator[Found]:
        """Those who act together (AとBは…共同研修を実施) are partners, or what a cue that
        goes both ways says they are to each other (AとBは…協定を締結)."""
        relation = cue.type if cue.type in SYMMETRIC_TYPES else "PARTNERS_WITH"
        for first, second in zip(actors[1:], actors, strict=False):
            yield self._found(relation, first, second, AGENT, cue.start, cue.end)

    def _with_conjuncts(self, last: Mention, forward: bool = False) -> list[Mention]:
        """The one who acts and those joined to it before it (宮城県とみらい銀行は: both act),
        or after it (financed by A and B)."""
        joined = [last]
        at = self.tops.index(last)
        for mention in self.tops[at + 1 :] if forward else reversed(self.tops[:at]):
            left, right = (joined[-1], mention) if forward else (mention, joined[-1])
            conjunction = CONJUNCTION.match(self.text, left.end)
            if conjunction is None or conjunction.end() != right.start:
                break
            joined.append(mention)
        return joined

    def _acted(self, cue: Cue, agent: Mention, target: Mention, penalty: float) -> Found:
        """The relation a cue states from the one who acts: a city or province that acts is
        surer an actor than a place (浜松市は…と協定を締結)."""
        actor = ACTING if self._entity(agent).type is EntityType.MUNICIPALITY else AGENT
        return self._found(cue.type, agent, target, actor - penalty, cue.start, cue.end)

    def bracketed(self) -> Iterator[Found]:
        """What a bracket after a name says of it: its place, its secretariat, who runs it (not
        the short name it defines: 以下「…」という)."""
        for paren in PAREN.finditer(self.text):
            head = next((m for m in reversed(self.tops) if 0 <= paren.start() - m.end <= 1), None)
            if head is None:
                continue
            head_type = self._entity(head).type
            for inside in (m for m in self.tops if paren.start() < m.start and m.end < paren.end()):
                before = self.text[paren.start() + 1 : inside.start]
                if DEFINING.search(before):
                    continue
                if before.rstrip(":： ").endswith("事務局"):
                    yield self._found("SECRETARIAT_OF", inside, head, AGENT, paren.end())
                elif self._is_place(inside):
                    yield self._found("LOCATED_IN", head, inside, BRACKET, paren.end())
                elif head_type is EntityType.PERSON:
                    yield self._found("MEMBER_OF", head, inside, BRACKET, paren.end())
                elif head_type in RUN_BY_OTHERS:
                    yield self._found("OPERATES", inside, head, BRACKET, paren.end())
                else:
                    yield self._found("MEMBER_OF", inside, head, BRACKET_MEMBER, paren.end())

    def together(self) -> Iterator[Found]:
        """Any two names of a sentence that holds a cue word: the cue nearest them, the one
        marked by が or は acting (where a tenant moves in, the park is the one moved into);
        least sure."""
        said = self._cues()
        if not said:
            return
        for left, right in self._close_pairs():
            if self._is_place(left) and self._is_place(right) or self._conjoined(left, right):
                continue
            cue = min(said, key=lambda c: abs(c.start - right.end))
            relation = cue.type if cue.type not in LOCATING else "PARTNERS_WITH"
            if is_agent(self.text, right.end) and not is_agent(self.text, left.end):
                left, right = right, left
            parks = [m for m in (left, right) if self._entity(m).type is EntityType.INDUSTRIAL_PARK]
            tenant = right if parks and parks[0] is left else left
            if cue.type == "TENANT_OF" and len(parks) == 1 and self._moves_in(cue, tenant):
                left, right, relation = tenant, parks[0], "TENANT_OF"
            yield self._found(relation, left, right, TOGETHER)

    def _moves_in(self, cue: Cue, tenant: Mention) -> bool:
        """True when the one a sentence is about moves in itself (A社は…工業団地に入居する予定), not
        the firms a clause describes (…に入居する企業を支援)."""
        qualified = RELATIVE.match(self.text, cue.end)
        describes = qualified is not None and not self.text.startswith(FORMAL_NOUNS, qualified.end())
        return is_agent(self.text, tenant.end) and not describes

    def _conjoined(self, left: Mention, right: Mention) -> bool:
        """True when two names stand side by side in a list (A と B, A, B and C): they play
        one part in the sentence, not parts towards each other."""
        between = [m for m in self.tops if left.end <= m.start and m.end <= right.start]
        ends = [left, *between, right]
        return all(
            (joined := LISTED.match(self.text, first.end)) is not None and joined.end() == second.start
            for first, second in zip(ends, ends[1:], strict=False)
        )

    def nearby(self) -> Iterator[Found]:
        """A place named near an organisation or programme in the same sentence."""
        for left, right in self._close_pairs():
            if self._is_place(left) == self._is_place(right):
                continue
            mention, place = (right, left) if self._is_place(left) else (left, right)
            kind = self._entity(mention).type
            if kind is not EntityType.PERSON:
                yield self._found(self._placing(mention), mention, place, NEARBY)

    def _close_pairs(self) -> Iterator[tuple[Mention, Mention]]:
        """Pairs of names of the sentence, in order, no further apart than PAIR_REACH."""
        for i, left in enumerate(self.tops):
            for right in self.tops[i + 1 :]:
                if right.start - left.end > PAIR_REACH:
                    break
                yield left, right

