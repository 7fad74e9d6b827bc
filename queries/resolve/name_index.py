"""Name resolution: any name, alias or id, in any language, to ranked entities.

Exact (case-insensitive) first, then folded (width, diacritics, spaces and
punctuation ignored), then without administrative words (省, province, city),
then contained names; fuzzy matching only when none of these finds anything (a
misspelt name). Ties go to the better-connected entity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from copy import copy
from dataclasses import dataclass
from itertools import chain

from rapidfuzz import fuzz, process

from tsunagari.graph.memory import bulk_allocation
from tsunagari.graph.model import Entity
from tsunagari.graph.store import ApplyReport, GraphStore
from tsunagari.graph.text import core_of_key, fold
from tsunagari.queries.cache import VersionedCache, View, cached
from tsunagari.queries.projection import MAX_UPDATED, PROJECTION
from tsunagari.queries.query_errors import QueryError, UnknownName
from tsunagari.queries.resolve.layered import Layered
from tsunagari.queries.resolve.substrings import SEPARATOR, SubstringIndex

EXACT, FOLDED, CORE, CONTAINED, FUZZY_CEILING = 1.0, 0.95, 0.9, 0.75, 0.7
FUZZY_CUTOFF = 80
MIN_CONTAINED_LENGTH = 2


@dataclass(frozen=True)
class Match:
    """An entity a text resolved to, with how well and by which name."""

    entity: Entity
    score: float
    matched: str
    how: str


class NameIndex:
    """Lookup tables from every name form to entity ids, built once per graph version."""

    def __init__(self, entities: list[Entity], degree: dict[str, int]) -> None:
        exact: dict[str, set[str]] = defaultdict(set)
        folded: dict[str, set[str]] = defaultdict(set)
        cored: dict[str, set[str]] = defaultdict(set)
        names_by_key: dict[str, str] = {}
        for entity in entities:
            for name in entity.names():
                exact[name.casefold()].add(entity.id)
                key = fold(name)
                if key:
                    folded[key].add(entity.id)
                    names_by_key.setdefault(key, name)
                    cored[core_of_key(key)].add(entity.id)
        self.entities: Layered[Entity | None] = Layered({e.id: e for e in entities})
        self.degree = degree
        self.exact, self.folded, self.cored = Layered(exact), Layered(folded), Layered(cored)
        self.names_by_key = Layered(names_by_key)
        self._indexed = list(folded)
        """The folded names the substring index holds."""
        self._added: list[str] = []
        """Folded names added by updates since the index was built: scanned, not indexed."""
        self._substrings = SubstringIndex(self._indexed)

    @property
    def folded_keys(self) -> list[str]:
        """Every folded name (some may name no entity any more), in index order."""
        return self._indexed + self._added if self._added else self._indexed

    def containing(self, key: str) -> Iterator[str]:
        """The folded names that contain key (other than key itself), in index order."""
        indexed = (self._indexed[i] for i in self._substrings.containing(key))
        added = (name_key for name_key in self._added if key in name_key)
        return (name_key for name_key in chain(indexed, added) if name_key != key)

    def updated(self, store: GraphStore, changes: list[ApplyReport]) -> NameIndex | None:
        """The index after changes that added, removed, renamed or redescribed entities but
        touched no relation (the degrees stay): the changed entries laid over this index's
        tables, which both share; None when it must be rebuilt."""
        touched: set[str] = set()
        for report in changes:
            if report.relations_added or report.relations_removed or report.relations_changed:
                return None
            touched.update(report.entities_added, report.entities_removed, report.entities_changed)
        if len(touched) + len(self.entities.top) > MAX_UPDATED:
            return None
        index = copy(self)
        index.entities, index.exact, index.folded, index.cored, index.names_by_key = (
            table.over({}) for table in (
                self.entities, self.exact, self.folded, self.cored, self.names_by_key))
        index._added = list(self._added)
        for entity_id in touched:
            before, entity = self.entities.get(entity_id), store.entity(entity_id)
            if before is not None:
                index._name(before, entity_id, add=False)
            if entity is not None:
                index._name(entity, entity_id, add=True)
            index.entities.top[entity_id] = entity
        return index

    def _name(self, entity: Entity, entity_id: str, add: bool) -> None:
        """Add the entity's names to the tables, or take them out, with new sets (the sets
        of the index this one was updated from stay as they were)."""
        for name in entity.names():
            key = fold(name)
            keys = [(self.exact, name.casefold())]
            if key:
                keys += [(self.folded, key), (self.cored, core_of_key(key))]
            for table, table_key in keys:
                ids = table.get(table_key, set())
                table.top[table_key] = ids | {entity_id} if add else ids - {entity_id}
            if add and key and self.names_by_key.get(key) is None:
                self.names_by_key.top[key] = name
                self._added.append(key)

    @classmethod
    def of(cls, store: GraphStore) -> NameIndex:
        """The index of the store's graph. Its objects are left out of the cyclic garbage
        collector, whose full scans of them (hundreds of milliseconds at 100,000 entities)
        would stop every request now and then."""
        degree: dict[str, int] = defaultdict(int)
        with bulk_allocation():
            for relation in store.relations():
                degree[relation.source] += 1
                degree[relation.target] += 1
            return cls(list(store.entities()), dict(degree))

    def resolve(self, text: str, types: set[str] | None = None, limit: int = 10) -> list[Match]:
        """Entities the text names, best first."""
        best: dict[str, Match] = {}

        def offer(ids: set[str], score: float, matched: str, how: str) -> None:
            for entity_id in ids:
                entity = self.entities[entity_id]
                assert entity is not None, entity_id  # the tables name only present entities
                if types and not types.intersection(entity.labels):
                    continue
                if entity_id not in best or best[entity_id].score < score:
                    best[entity_id] = Match(entity, score, matched, how)

        query = text.strip()
        key = fold(query)
        if not key:
            return []
        offer(self.exact.get(query.casefold(), set()), EXACT, query, "exact")
        offer(self.folded.get(key, set()), FOLDED, query, "normalised")
        offer(self.cored.get(core_of_key(key), set()), CORE, query, "normalised")
        if len(best) < limit and len(key) >= MIN_CONTAINED_LENGTH and SEPARATOR not in key:
            for name_key in self.containing(key):
                share = len(key) / len(name_key)
                offer(self.folded[name_key], CONTAINED * (0.5 + share / 2),
                      self.names_by_key[name_key], "contained")
        if not best:
            for name_key, ratio, _ in process.extract(
                key, self.folded_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=limit
            ):
                offer(self.folded[name_key], FUZZY_CEILING * ratio / 100,
                      self.names_by_key[name_key], "fuzzy")
        ranked = sorted(
            best.values(),
            key=lambda m: (-m.score, -self.degree.get(m.entity.id, 0), m.entity.id),
        )
        return ranked[:limit]


NAMES = View("names", NameIndex.of,
             update=lambda index, store, changes: index.updated(store, changes))
"""The name index as a view of the versioned cache."""


def resolve_entity(store: GraphStore, text: str, role: str, cache: VersionedCache | None) -> Entity:
    """The best entity for a name or id, or UnknownName with suggestions."""
    text = text.strip()
    if not text:
        raise QueryError(f"{role} is empty: give a name or id", "名前かIDを入力してください。")
    if cache is None:
        entity = store.entity(text)
    else:  # the query's own snapshot: no round trip to the store
        entity = cache.get(PROJECTION).entities.get(text)
    if entity is not None:
        return entity
    index = cached(store, cache, NAMES)
    matches = index.resolve(text, limit=5)
    if matches and matches[0].how != "fuzzy":
        return matches[0].entity
    raise UnknownName(role, text, [m.entity.display_name for m in matches])
