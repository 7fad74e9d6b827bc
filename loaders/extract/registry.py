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
from functools import lru_cache

from tsunagari.graph.model import Entity
from tsunagari.graph.text import core, fold
from tsunagari.graph.vocabulary import EntityType
from tsunagari.loaders.extract.gazetteer import Gazetteer, Name
from tsunagari.loaders.extract.lexicon import LEXICON, LexiconEntry
from tsunagari.loaders.extract.names import GENERIC, WEAK, Candidate, ending_suffix

KNOWN_PRIMARY, KNOWN_ALIAS, KNOWN_SHORT, LEXICON_NAME = 0.95, 0.85, 0.6, 0.8
"""How sure a gazetteer match is: an entity's own name, a long alias, a short one, general knowledge."""
PLACE_TYPES = frozenset({EntityType.PLACE, EntityType.MUNICIPALITY})
_fold = lru_cache(maxsize=65536)(fold)


class Registry:
    """Every entity extraction can name: known, general knowledge, new."""

    def __init__(self, known: Iterable[Entity]) -> None:
        self.entities: dict[str, Entity] = {}
        self.existing: set[str] = set()
        self.gazetteer = Gazetteer()
        self.confidence: dict[tuple[str, str], float] = {}
        self.partials: set[tuple[str, str]] = set()
        for entity in known:
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
        """Register a lexicon entry: with the known entity that answers to one of its names, or new."""
        names = [n for n in (entry.name_ja, entry.name_en, *entry.aliases) if n]
        found = next((self.pick(self.gazetteer.lookup(n)) for n in names if self.gazetteer.lookup(n)), None)
        if found is None:
            found = new_id(entry.name_ja or entry.name_en)
            self.entities[found] = Entity(
                id=found, type=entry.type, name_ja=entry.name_ja, name_en=entry.name_en,
                aliases=list(entry.aliases), country=entry.country,
            )
        for name in names:
            if fold(name) not in self.gazetteer:
                self.gazetteer.add(found, [name])
                self.confidence[(found, fold(name))] = LEXICON_NAME

    def pick(self, names: list[Name]) -> str:
        """The entity a name stands for when several answer to it: primary name first."""
        return min(names, key=lambda n: (not n.primary, n.entity not in self.existing)).entity

    def resolve(self, name: str) -> str | None:
        found = self.gazetteer.lookup(name)
        return self.pick(found) if found else None

    def create(self, candidate: Candidate) -> str:
        """The entity a candidate names, made new when nothing known answers to it.

        A new entity takes the candidate's name, and its first alias written in the other
        script as its name in that language (堺市産業振興センター and Sakai Industrial Center).
        """
        entity_id = self.resolve(candidate.name) or next(
            filter(None, map(self.resolve, candidate.aliases)), None
        )
        if entity_id:
            for alias in candidate.aliases:
                if not self.resolve(alias):
                    self.gazetteer.add(entity_id, [alias])
                    self.confidence[(entity_id, fold(alias))] = candidate.confidence
                    if entity_id not in self.existing:
                        self.entities[entity_id].aliases.append(alias)
            return entity_id
        entity_id = new_id(candidate.name)
        names = [candidate.name, *candidate.aliases]
        stem = core(candidate.name)
        if candidate.type in PLACE_TYPES and stem != fold(candidate.name) and len(stem) >= 2:
            names.append(candidate.name[: len(stem)] if not candidate.name.isascii() else stem)
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
        return entity_id

    def partial(self, entity_id: str, name: str) -> bool:
        """True when a name is a known entity's alias that is only part of its own name
        (ジャパンデスク of ジャパンデスク(ハナム省)): a word it shares with others of its kind."""
        return (entity_id, _fold(name)) in self.partials

    def score(self, entity_id: str, name: str) -> float:
        return self.confidence.get((entity_id, _fold(name)), WEAK)


def _ordinary(alias: str) -> bool:
    """An alias that is an ordinary word (別会社, 連絡会議) or a bare last word (大綱)."""
    return alias in GENERIC or ending_suffix(alias) == alias


def new_id(name: str) -> str:
    """An ascii id for a new entity: `new-` and a short hash of its folded name."""
    return "new-" + hashlib.sha1(fold(name).encode("utf-8")).hexdigest()[:10]
