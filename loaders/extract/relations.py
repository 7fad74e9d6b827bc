"""Relations a segment states between the entities it mentions.

Rules, surest first: a name inside another (大阪府 in 大阪府立大学高専: located in;
JICA in JICA日本センター: part of); a place right before a name (ベトナム・ドンナイ省,
大阪のザ・サポート社: located in); a cue word (支援, 運営, 出資 …) with the one who acts
marked by が, は, による or English `by`, and the ones acted upon around it; a bracket
after a name ((事務局:近畿経済産業局), (大阪府、26名), (2010年度~、JICA)); and, least
sure, a place named in the same sentence as an organisation, and any two names of a
sentence that holds a cue word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tsunagari.graph.model import Entity
from tsunagari.graph.vocabulary import EntityType
from tsunagari.loaders.extract.cues import Cue, after_by, cues, is_agent
from tsunagari.loaders.extract.mentions import Mention

NESTED, ADJACENT, AGENT, PLAIN, BRACKET, NEARBY, TOGETHER = 0.65, 0.6, 0.65, 0.5, 0.5, 0.3, 0.25
ACTING = 0.75
"""A city or province that acts: surer than the place rules that would relate it otherwise."""
LOCATING = frozenset({"LOCATED_IN", "PART_OF", "TENANT_OF", "SERVES_AREA"})
GENERIC_CUES = frozenset({"SUPPORTS", "PARTNERS_WITH", "IMPLEMENTS"})
"""Cue types that say little; a more specific cue about the same pair wins."""
PAIR_REACH = 60
"""How far apart two names may stand for the least sure rules to relate them (characters)."""
AGENT_REACH = 60
"""How far before its cue the one who acts may stand (characters)."""
JOINER = re.compile(r"[・ ]?(?:の|南部|北部|中部|東部|西部|近郊)?[・ ]?")
IN_PLACE = re.compile(r"\s+(?:in|at|of)\s+(?:the\s+)?")
SECRETARIAT_GAP = 2
RELATIVE = re.compile(
    r"(?:する|した|している|していた|される|された)?(?=[\u4e00-\u9fff\u30a1-\u30ffA-Za-z「])"
)
"""What follows a cue that qualifies the noun after it (設置した…, 入居する…)."""
PAREN = re.compile(r"\(([^()]*)\)")
CONJUNCTION = re.compile(r"\s?(?:と|、|及び|および|,?\s?and)\s?")
GIVER = re.compile(r"\s?から")
RECEIVED = re.compile(r"を?受け")
"""X から支援を受ける: the cue's agent is X, and the one who receives is marked by は or が."""
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


def relations_in(text: str, mentions: list[Mention], entities: dict[str, Entity]) -> list[Found]:
    """The relations of one segment: one per pair of entities, the surest rule's."""
    tops = [m for m in mentions if m.outer is None]
    rules = Rules(text, tops, entities)
    found = [*rules.nested(mentions), *rules.adjacent(), *rules.cued(), *rules.bracketed()]
    best: dict[frozenset[str], Found] = {}
    for relation in found:
        if relation.source == relation.target:
            continue
        held = best.get(relation.pair)
        if held is None or held.confidence < relation.confidence:
            best[relation.pair] = relation
    for relation in (*rules.nearby(), *rules.together()):
        if relation.source != relation.target:
            best.setdefault(relation.pair, relation)
    return list(best.values())


class Rules:
    """The rules, over one segment's text and its outer mentions."""

    def __init__(self, text: str, tops: list[Mention], entities: dict[str, Entity]) -> None:
        self.text = text
        self.tops = tops
        self.entities = entities

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
        """A name inside another: the place it stands in (the area a programme serves),
        the body it belongs to."""
        pairs = [
            (holder, mention) for holder in mentions for mention in mentions
            if holder is not mention and holder.start <= mention.start and mention.end <= holder.end
            and (holder.start, holder.end) != (mention.start, mention.end)
        ]
        for holder, mention in pairs:
            kind, holder_kind = self._entity(mention).type, self._entity(holder).type
            if self._is_place(mention) and holder_kind is EntityType.PROGRAM:
                yield self._found("SERVES_AREA", holder, mention, NESTED)
            elif self._is_place(mention):
                part = holder_kind is EntityType.GOVERNMENT_AGENCY and kind is EntityType.MUNICIPALITY
                yield self._found("PART_OF" if part else "LOCATED_IN", holder, mention, NESTED)
            elif holder_kind is EntityType.PROGRAM:
                yield self._found("IMPLEMENTS", mention, holder, NESTED)
            else:
                yield self._found("PART_OF", holder, mention, NESTED)

    def adjacent(self) -> Iterator[Found]:
        """A place right before a name (ベトナム・ドンナイ省, 大阪のザ・サポート社) or after it in
        English (… Industrial Park in Dong Nai Province); a person after a body."""
        for left, right in zip(self.tops, self.tops[1:], strict=False):
            english = IN_PLACE.match(self.text, left.end)
            in_place = english is not None and english.end() == right.start and self._is_place(right)
            if in_place and not self._is_place(left):
                yield self._found("LOCATED_IN", left, right, ADJACENT)
                continue
            joined = JOINER.match(self.text, left.end)
            if joined is None or joined.end() != right.start:
                continue
            if self._is_place(left):
                yield self._found("LOCATED_IN", right, left, ADJACENT)
            elif self._entity(right).type is EntityType.PERSON:
                yield self._found("MEMBER_OF", right, left, ADJACENT)

    def cued(self) -> Iterator[Found]:
        """Relations a cue word states, directed by who acts.

        A cue speaks of the names between it and the cue before it; the one who
        acts may stand further back (大阪府が…と連携し、…を支援).
        """
        previous = 0
        for cue in self._cues():
            window = [m for m in self.tops if previous <= m.start and m.end <= cue.start]
            after = [m for m in self.tops if m.start >= cue.end]
            if cue.type == "SECRETARIAT_OF":
                yield from self._secretariat(cue, window, after)
            else:
                yield from self._acts(cue, window, after)
            previous = cue.end

    def _cues(self) -> list[Cue]:
        """The cue words of the text that are not part of a name (支援 in …支援センター)."""
        return [c for c in cues(self.text) if not any(m.start <= c.start < m.end for m in self.tops)]

    def _secretariat(self, cue: Cue, before: list[Mention], after: list[Mention]) -> Iterator[Found]:
        """X を事務局とする Y, and Y (事務局: X): the body next to 事務局 is the secretariat."""
        if after and after[0].start - cue.end <= SECRETARIAT_GAP and before:
            yield self._found(cue.type, after[0], before[-1], AGENT, cue.start)
        elif before and cue.start - before[-1].end <= SECRETARIAT_GAP and after:
            yield self._found(cue.type, before[-1], after[0], AGENT, cue.end)

    def _acts(self, cue: Cue, window: list[Mention], after: list[Mention]) -> Iterator[Found]:
        """Who acts upon whom: the agent (が, は, による, by …) to the names before the cue.

        A cue that qualifies a noun (JETROが設置したパビリオン, …に入居する企業) speaks
        only of its own clause: its agent stands in it, its object is that noun.
        """
        penalty = 0.05 if cue.type in GENERIC_CUES else 0.0
        qualifier = RELATIVE.match(self.text, cue.end)
        reach = window if qualifier else [m for m in self.tops if 0 <= cue.start - m.end <= AGENT_REACH]
        agents = [m for m in reach if is_agent(self.text, m.end)]
        givers = [m for m in reach if GIVER.match(self.text, m.end)]
        by = [m for m in after if after_by(self.text, m.start)]
        if RECEIVED.match(self.text, cue.end) and givers and agents:
            for giver in self._with_conjuncts(givers[-1]):
                yield self._acted(cue, giver, agents[-1], penalty)
        elif qualifier:
            noun = [m for m in after[:1] if m.start == qualifier.end()]
            for agent in agents[-1:]:
                for target in noun:
                    yield self._acted(cue, agent, target, penalty)
        elif agents:
            objects = [m for m in window if m.start > agents[-1].start]
            if not objects and agents[-1] in window:
                objects = window[: window.index(agents[-1])][-1:] or after[:1]
            for agent in self._with_conjuncts(agents[-1]):
                for target in objects:
                    yield self._acted(cue, agent, target, penalty)
        elif by and window:
            yield self._found(cue.type, by[0], window[-1], AGENT - penalty, cue.start)
        elif len(window) >= 2:
            yield self._found(cue.type, window[-2], window[-1], PLAIN - penalty, cue.start, cue.end)
        elif window and after:
            yield self._found(cue.type, window[-1], after[0], PLAIN - penalty, cue.start)

    def _with_conjuncts(self, last: Mention) -> list[Mention]:
        """The one who acts and those joined to it before it (宮城県とみらい銀行は: both act)."""
        joined = [last]
        for mention in reversed(self.tops[: self.tops.index(last)]):
            conjunction = CONJUNCTION.match(self.text, mention.end)
            if conjunction is None or conjunction.end() != joined[-1].start:
                break
            joined.append(mention)
        return joined

    def _acted(self, cue: Cue, agent: Mention, target: Mention, penalty: float) -> Found:
        """The relation a cue states from the one who acts: a city or province that acts is
        surer an actor than a place (浜松市は…と協定を締結)."""
        actor = ACTING if self._entity(agent).type is EntityType.MUNICIPALITY else AGENT
        return self._found(cue.type, agent, target, actor - penalty, cue.start, cue.end)

    def bracketed(self) -> Iterator[Found]:
        """What a bracket after a name says of it: its place, its secretariat, who runs it."""
        for paren in PAREN.finditer(self.text):
            head = next((m for m in reversed(self.tops) if 0 <= paren.start() - m.end <= 1), None)
            if head is None:
                continue
            head_type = self._entity(head).type
            for inside in (m for m in self.tops if paren.start() < m.start and m.end < paren.end()):
                if self.text[paren.start() + 1 : inside.start].rstrip(":： ").endswith("事務局"):
                    yield self._found("SECRETARIAT_OF", inside, head, AGENT, paren.end())
                elif self._is_place(inside):
                    yield self._found("LOCATED_IN", head, inside, BRACKET, paren.end())
                elif head_type is EntityType.PERSON:
                    yield self._found("MEMBER_OF", head, inside, BRACKET, paren.end())
                elif head_type in RUN_BY_OTHERS:
                    yield self._found("OPERATES", inside, head, BRACKET, paren.end())
                else:
                    yield self._found("MEMBER_OF", inside, head, BRACKET - 0.1, paren.end())

    def together(self) -> Iterator[Found]:
        """Any two names of a sentence that holds a cue word: the cue nearest them, least sure."""
        said = self._cues()
        if not said:
            return
        for left, right in self._close_pairs():
            if self._is_place(left) and self._is_place(right):
                continue
            cue = min(said, key=lambda c: abs(c.start - right.end))
            relation = cue.type if cue.type not in LOCATING else "PARTNERS_WITH"
            yield self._found(relation, left, right, TOGETHER)

    def nearby(self) -> Iterator[Found]:
        """A place named near an organisation or programme in the same sentence."""
        for left, right in self._close_pairs():
            if self._is_place(left) == self._is_place(right):
                continue
            mention, place = (right, left) if self._is_place(left) else (left, right)
            kind = self._entity(mention).type
            if kind is not EntityType.PERSON:
                relation = "SERVES_AREA" if kind is EntityType.PROGRAM else "LOCATED_IN"
                yield self._found(relation, mention, place, NEARBY)

    def _close_pairs(self) -> Iterator[tuple[Mention, Mention]]:
        """Pairs of names of the sentence, in order, no further apart than PAIR_REACH."""
        for i, left in enumerate(self.tops):
            for right in self.tops[i + 1 :]:
                if right.start - left.end > PAIR_REACH:
                    break
                yield left, right

