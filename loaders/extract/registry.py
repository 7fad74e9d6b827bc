"""The registry: every entity extraction can name, under one gazetteer.

The known entities (reused, never duplicated; an alias that is an ordinary word is
not looked for), the general knowledge of the lexicon (a lexicon name a known entity
answers to adds to that entity), and the new entities extraction finds: one per
folded name, with an ascii id `new-` and a short hash of that name. A name resolves
by its folded form, or without 省, 市, province ….
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from tsunagari.graph.model import Entity
from tsunagari.graph.text import core, fold
from tsunagari.graph.vocabulary import EntityType
from tsunagari.loaders.extract.gazetteer import LEVELS, Gazetteer, Name
from tsunagari.loaders.extract.lexicon import LEXICON, LexiconEntry, in_japanese
from tsunagari.loaders.extract.names import GENERIC, LEGAL_FORMS, SUFFIXES, WEAK, Candidate, ending_suffix

KNOWN_PRIMARY, KNOWN_ALIAS, KNOWN_SHORT, LEXICON_NAME = 0.95, 0.85, 0.6, 0.8
"""How sure a gazetteer match is: an entity's own name, a long alias, a short one, general knowledge."""
PLACE_TYPES = frozenset({EntityType.PLACE, EntityType.MUNICIPALITY})
GOVERNED_ENDS = tuple(word for word in LEVELS if not word.isascii())
"""The Japanese endings of a place that governs itself (a prefecture, a city, a province):
the administrative last words of the gazetteer's levels."""
OWNED = "立"
"""What joins a place to the name of a body it runs (三重県立…)."""
_fold = lru_cache(maxsize=65536)(fold)


def governing(entity: Entity) -> Entity:
    """A known place that governs itself (大阪府, 呉市, ニンビン省) as the municipality it is when a
    document speaks of it: it acts, and its departments are part of it. A new one is typed so
    by its ending already; the reference places name them as places only."""
    if entity.type is EntityType.PLACE and entity.name_ja.endswith(GOVERNED_ENDS):
        return replace(entity, type=EntityType.MUNICIPALITY)
    return entity


class Registry:
    """Every entity extraction can name: known, general knowledge, new."""

    def __init__(self, known: Iterable[Entity]) -> None:
        self.entities: dict[str, Entity] = {}
        self.existing: set[str] = set()
        self.gazetteer = Gazetteer()
        self.confidence: dict[tuple[str, str], float] = {}
        self.partials: set[tuple[str, str]] = set()
        self.translations: dict[str, str] = {}
        for entity in known:
            entity = governing(entity)
            self.entities[entity.id] = entity
            self.existing.add(entity.id)
            primary = {entity.name_ja, entity.name_en}
            aliases = [a for a in entity.aliases if a in primary or not _ordinary(a)]
            self._add(entity.id, [n for n in (entity.name_ja, entity.name_en, *aliases) if n], primary)
            self.partials |= {
                (entity.id, key) for alias in aliases
                if any(len(key := fold(alias)) < len(fold(p)) and key in fold(p) for p in primary if p)
            }
        for entry in LEXICON:
            self._add_lexicon(entry)

    def _add(self, entity_id: str, names: list[str], primary: set[str]) -> None:
        """Register a known entity's names, each with how sure a match on it is."""
        for name in names:
            self.gazetteer.add(entity_id, [name], primary=name if name in primary else "")
            key = fold(name)
            score = KNOWN_PRIMARY if name in primary else KNOWN_ALIAS if len(key) > 3 else KNOWN_SHORT
            self.confidence[(entity_id, key)] = max(score, self.confidence.get((entity_id, key), 0))

    def _add_lexicon(self, entry: LexiconEntry) -> None:
        """Register a lexicon entry: with the known entity that answers to one of its names, or new
        (a new one's aliases without the stem its city shares: 長崎 of 長崎県 is 長崎市's too)."""
        names = [n for n in (entry.name_ja, entry.name_en, *entry.aliases) if n]
        found = next((self.pick(self.gazetteer.lookup(n)) for n in names if self.gazetteer.lookup(n)), None)
        if found is None:
            found = new_id(entry.name_ja or entry.name_en)
            stems = {core(entry.name_ja), core(entry.name_en)} - {fold(entry.name_ja), fold(entry.name_en)}
            self.entities[found] = Entity(
                id=found, type=entry.type, name_ja=entry.name_ja, name_en=entry.name_en,
                aliases=[a for a in entry.aliases if fold(a) not in stems], country=entry.country,
            )
        for name in names:
            if fold(name) not in self.gazetteer:
                self.gazetteer.add(found, [name])
                self.confidence[(found, fold(name))] = LEXICON_NAME

    def pick(self, names: list[Name]) -> str:
        """The entity a name stands for when several answer to it: primary name first."""
        return min(names, key=lambda n: (not n.primary, n.entity not in self.existing)).entity

    def resolve(self, name: str) -> str | None:
        """The entity a name stands for, with or without its legal form (株式会社…)."""
        found = self.gazetteer.lookup(name) or self.gazetteer.lookup(without_legal_form(name))
        return self.pick(found) if found else None

    def create(self, candidate: Candidate) -> str:
        """The entity a candidate names, made new when nothing known answers to it, nor a new
        entity it translates (Naha City: 那覇市, in the document's other language).

        A new entity takes the candidate's name, and its first alias written in the other
        script as its name in that language (堺市産業振興センター and Sakai Industrial Center);
        its names without their legal form and without the body or place they open with are its
        aliases too; a name another entity answers to by one of those is that entity.
        """
        tails = self._tails(candidate.name)
        entity_id = self.resolve(candidate.name) or next(
            filter(None, map(self.resolve, (*candidate.aliases, *tails))), None
        ) or self.translations.get(_translation_key(candidate.name))
        if entity_id:
            for alias in (candidate.name, *candidate.aliases):
                if not self.resolve(alias):
                    self.gazetteer.add(entity_id, [alias])
                    self.confidence[(entity_id, fold(alias))] = candidate.confidence
                    if entity_id not in self.existing:
                        self.entities[entity_id].aliases.append(alias)
            return entity_id
        entity_id = new_id(candidate.name)
        names = [candidate.name, *candidate.aliases]
        names += [bare for name in names if (bare := without_legal_form(name)) not in names]
        names += tails
        stem = core(candidate.name)
        short = candidate.name[: len(stem)] if not candidate.name.isascii() else stem
        if candidate.type in PLACE_TYPES and stem != fold(candidate.name) and len(stem) >= 2 \
                and not self.resolve(short):
            names.append(short)
        company = candidate.name.removesuffix("社")
        if candidate.type is EntityType.FIRM and company != candidate.name and len(fold(company)) >= 3:
            names.append(company)
        english = next((n for n in names if n.isascii()), "")
        japanese = next((n for n in names if not n.isascii()), "")
        self.entities[entity_id] = Entity(
            id=entity_id,
            type=candidate.type,
            name_ja=japanese,
            name_en=english,
            aliases=[n for n in names[1:] if n not in (english, japanese)],
        )
        self.gazetteer.add(entity_id, names, primary=candidate.name)
        for name in names:
            self.confidence[(entity_id, fold(name))] = candidate.confidence
            if key := _translation_key(name):
                self.translations.setdefault(key, entity_id)
        return entity_id

    def _tails(self, name: str) -> list[str]:
        """The name without the place or body that owns what it names, when what is left is a
        name of its own: 三重県立北勢高等技術学校: 北勢高等技術学校, a bank's desk
        いせ湾みらい銀行バンコク・デスク: バンコク・デスク."""
        for cut in range(2, len(name) - 3):
            rest = name[cut:].removeprefix(OWNED)
            suffix = ending_suffix(rest)
            if suffix is None or len(rest) <= len(suffix) + 1:
                continue
            owner = self.resolve(name[:cut])
            if owner and (rest != name[cut:] or self._office(owner, suffix)):
                return [rest]
        return []

    def _office(self, owner: str, suffix: str) -> bool:
        """True when a name is a body's office (a bank's desk), not a place's."""
        return not self.entities[owner].is_place and SUFFIXES[suffix][0] is EntityType.SUPPORT_CENTER

    def partial(self, entity_id: str, name: str) -> bool:
        """True when a name is a known entity's alias that is only part of its own name
        (ジャパンデスク of ジャパンデスク(ハナム省)): a word it shares with others of its kind."""
        return (entity_id, _fold(name)) in self.partials

    def score(self, entity_id: str, name: str) -> float:
        return self.confidence.get((entity_id, _fold(name)), WEAK)


def _ordinary(alias: str) -> bool:
    """An alias that is an ordinary word (別会社, 連絡会議) or a bare last word (大綱)."""
    return alias in GENERIC or ending_suffix(alias) == alias


def _translation_key(name: str) -> str:
    """What a new name is matched on across languages: a Japanese name folded, an English one
    folded in Japanese word by word (Naha City and 那覇市), or '' when it cannot be."""
    if not name.isascii():
        return fold(without_legal_form(name))
    japanese = in_japanese(name)
    return fold(japanese) if japanese else ""


def without_legal_form(name: str) -> str:
    """A name without the legal form it opens with (一般社団法人筑後タイ経済研究会: 筑後タイ経済研究会)."""
    form = next((f for f in LEGAL_FORMS if name.startswith(f) and len(name) > len(f) + 1), "")
    return name[len(form) :]


def new_id(name: str) -> str:
    """An ascii id for a new entity: `new-` and a short hash of its folded name."""
    return "new-" + hashlib.sha1(fold(name).encode("utf-8")).hexdigest()[:10]
