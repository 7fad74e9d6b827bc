"""Chains spelled out as advice a person would give, in Japanese and English.

The first sentence names whom to walk into (the desk a government runs, when the chain
starts at a government); each hop is then one short sentence of its own, with the period
the source states ("2014–2017, ended"); the last says when the source said it. No sentence
names one organisation twice, and none refers back with 「これが」 or "which".

>>> period_text("2014-06", "2017-03", True, "ja"), period_text("2014-06", "2017-03", True, "en")
('2014年6月～2017年3月、終了', 'June 2014 – March 2017, ended')
>>> period_text("2013", None, False, "ja"), period_text("2013", None, False, "en")
('2013年～', 'since 2013')
"""

from __future__ import annotations

from tsunagari.graph.model import Entity
from tsunagari.graph.text import tidy
from tsunagari.graph.vocabulary import EntityType, relation_type
from tsunagari.queries.chains.chain import Chain, Step, has_ended
from tsunagari.queries.chains.scoring import Candidate
from tsunagari.queries.projection import Projection

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
DOOR_TYPES = (EntityType.SUPPORT_CENTER,)
"""What a government's walk-in door is: a support centre or desk it runs."""
DOOR_RELATIONS = ("OPERATES", "ESTABLISHED")


def spell_out(projection: Projection, candidate: Candidate, today: str | None = None) -> Chain:
    """The chain of a candidate: its steps (with when each was stated and whether its period
    has ended), the door of its first entity, and its advice."""
    nodes = candidate.ids
    steps = [Step(projection.entities[nodes[0]])]
    steps += [
        Step(projection.entities[node], hop.relation, hop.forward,
             stated=projection.stated(hop.relation), ended=has_ended(hop.relation, today))
        for node, hop in zip(nodes[1:], candidate.path, strict=True)
    ]
    door = door_of(projection, steps[0].entity, set(nodes))
    return Chain(candidate.score, steps, explain(steps, door), door)


def door_of(projection: Projection, entity: Entity, taken: set[str] | None = None) -> Entity | None:
    """The support centre a government runs, where a firm walks in (None for anything else,
    and for a centre among `taken`)."""
    taken = taken or set()
    if entity.type is not EntityType.MUNICIPALITY:
        return None
    for hop in projection.hops_of(entity.id):
        other = projection.entities.get(hop.neighbour)
        if (hop.forward and hop.relation.type in DOOR_RELATIONS and other is not None
                and other.type in DOOR_TYPES and other.in_chains and other.id not in taken):
            return other
    return None


def explain(steps: list[Step], door: Entity | None = None, then: bool = False,
            after: dict[str, str] | None = None) -> dict[str, str]:
    """The chain as advice: whom to start with (whom to go to next, with `then`: after a
    local desk), one sentence per hop, then the `after` sentences, and last when the source
    said it."""
    told = {}
    for language in ("ja", "en"):
        sentences = _sentences(steps, door, language, then)
        if after and after.get(language):
            sentences.append(after[language])
        stated = sorted({step.stated for step in steps[1:] if step.stated})
        if stated:
            sentences.append(_stated(stated[-1], language))
        told[language] = tidy(" ".join(sentences)) if language == "en" else "".join(sentences)
    return told


def _sentences(steps: list[Step], door: Entity | None, language: str, then: bool) -> list[str]:
    first = steps[0].entity
    sentences = [_start(first, door, language, then)]
    topic = first.id if door is None else door.id
    for before, after in zip(steps, steps[1:], strict=False):
        assert after.via is not None and after.forward is not None
        kind = relation_type(after.via.type)
        clause = kind.say(after.forward, language, before.entity.in_sentence(language),
                          after.entity.in_sentence(language))
        if before.entity.id == topic:
            marked = kind.say(after.forward, language, SUBJECT, after.entity.in_sentence(language))
            clause = _without_subject(marked, clause, language)
        period = period_text(after.via.since, after.via.until, after.ended, language)
        sentences.append(_sentence(clause, period, language))
        topic = before.entity.id  # the subject said; a new subject is named, never implied
    return sentences


SUBJECT = "\x00"
"""Stands for the subject while a clause is checked for where the subject stands."""


def _without_subject(marked: str, clause: str, language: str) -> str:
    """The clause with its subject left implicit ("It runs …", 「…を運営しています」) when the
    subject is what the sentence before was about; the clause as it is otherwise."""
    if language == "en" and marked.startswith(SUBJECT + " "):
        return "it " + marked[2:]
    for particle in ("は", "が"):
        if language == "ja" and marked.startswith(SUBJECT + particle):
            return marked[2:]
    return clause


def _start(first: Entity, door: Entity | None, language: str, then: bool) -> str:
    if language == "ja":
        word = "次に" if then else "まず"
        if door is not None:
            return f"{word}{first.name('ja')}が運営する{door.name('ja')}にご相談ください。"
        return f"{word}{first.name('ja')}にご相談ください。"
    word = "Then go to" if then else "Start with"
    if door is not None:
        return f"{word} {door.in_sentence('en')}, run by {first.in_sentence('en')}."
    return f"{word} {first.in_sentence('en')}."


def _sentence(clause: str, period: str, language: str) -> str:
    if language == "ja":
        return f"{clause}（{period}）。" if period else f"{clause}。"
    clause = clause[0].upper() + clause[1:]
    return f"{clause} ({period})." if period else f"{clause}."


def _stated(date: str, language: str) -> str:
    if language == "ja":
        return f"資料の時点は{month_text(date, 'ja')}です。"
    return f"The source dates from {month_text(date, 'en')}."


def month_text(date: str, language: str) -> str:
    """"2015-05" as 2015年5月 or May 2015 ("2015" as 2015年 or 2015)."""
    year, _, month = date.partition("-")
    if not month:
        return f"{year}年" if language == "ja" else year
    if language == "ja":
        return f"{year}年{int(month)}月"
    return f"{MONTHS[int(month) - 1]} {year}"


def period_text(since: str | None, until: str | None, ended: bool, language: str) -> str:
    """The period a relation states, in words ('' when it states none)."""
    if not (since or until):
        return ""
    start = month_text(since, language) if since else ""
    end = month_text(until, language) if until else ""
    if language == "ja":
        text = f"{start}～{end}"
        return f"{text}、終了" if ended else text
    if start and end:
        text = f"{start} – {end}"
    else:
        text = f"since {start}" if start else f"until {end}"
    return f"{text}, ended" if ended else text
