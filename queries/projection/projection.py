"""A read-only projection of the graph for traversal, built once per graph version.

Queries walk relations in either direction; the projection keeps, for every
entity, its hops sorted strongest first, where it is (its places, transitively)
and which areas it serves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import compress

import numpy as np
from numpy.typing import NDArray

from tsunagari.graph.memory import bulk_allocation
from tsunagari.graph.model import Entity, Relation
from tsunagari.graph.sectors import sectors_of
from tsunagari.graph.store import ApplyReport, GraphStore, read_whole
from tsunagari.graph.vocabulary import RelationType, Status
from tsunagari.queries.cache import View
from tsunagari.queries.projection.hop_table import Hop, hop_table
from tsunagari.queries.projection.places import place_closures
from tsunagari.queries.projection.reach import Reach

LOCATING_TYPES = frozenset(t.value for t in RelationType if t.locating)
"""Relation types that say where their source stands."""

TYPE_WEIGHT: dict[str, float] = {t.value: t.weight for t in RelationType}
"""How strongly each relation type carries a referral (the vocabulary's weights, by name)."""
MAX_UPDATED = 1_000
"""Entities a view is updated for in place; more, and it is rebuilt."""


def _shape(entity: Entity) -> tuple[object, ...]:
    """What the projection's tables depend on in an entity (its names and words aside)."""
    return (entity.labels, entity.in_chains, entity.is_place, entity.is_pure_place,
            entity.country, entity.sectors)


def _renamed_only(store: GraphStore, changes: list[ApplyReport],
                  known: Mapping[str, Entity]) -> dict[str, Entity] | None:
    """The entities the changes touched, as they stand now, when the changes touched no
    relation, added or removed no entity and changed none in what the traversal tables depend
    on (names, aliases, descriptions, services may change); None otherwise."""
    changed: set[str] = set()
    for report in changes:
        if (report.relations_added or report.relations_removed or report.relations_changed
                or report.entities_added or report.entities_removed):
            return None
        changed.update(report.entities_changed)
    if len(changed) > MAX_UPDATED:
        return None
    now: dict[str, Entity] = {}
    for entity_id in changed:
        entity, before = store.entity(entity_id), known.get(entity_id)
        if entity is None or before is None or _shape(entity) != _shape(before):
            return None
        now[entity_id] = entity
    return now


def relation_weights(relations: list[Relation], types: list[str]) -> list[float]:
    """Strength of each relation (of the given types) as a referral hop, in (0, 1]: its type's
    weight times its confidence, times 0.9, 0.95 or 1.0 for one, two, three or more pieces of
    evidence."""
    by_type = np.array(list(map(TYPE_WEIGHT.__getitem__, types)), dtype=np.float64)
    confidence = np.array([r.confidence for r in relations], dtype=np.float64)
    evidence = np.array([len(r.evidence) for r in relations], dtype=np.float64)
    weights: list[float] = (by_type * confidence * np.minimum(1.0, 0.85 + 0.05 * evidence)).tolist()
    return weights


@dataclass(frozen=True)
class GraphArrays:
    """Entities and relations as positions, for array computations over the whole graph."""

    relations: list[Relation]
    types: list[str]
    """The type of every relation."""
    ends: NDArray[np.int64]
    """Positions (among the entities) of the source and target of every relation."""
    id_rank: NDArray[np.int64]
    """Position of every entity in id order."""
    inert: NDArray[np.bool_]
    """Whether each entity stays out of chains and hubs (a pure place or not an actor)."""

    @classmethod
    def empty(cls) -> GraphArrays:
        nothing = np.zeros(0, dtype=np.int64)
        return cls([], [], nothing.reshape(0, 2), nothing, nothing.astype(bool))


@dataclass
class Projection:
    """Adjacency, places and sectors of every entity, for queries."""

    entities: dict[str, Entity]
    arrays: GraphArrays = field(default_factory=GraphArrays.empty)
    """The accepted relations (in the store's order) and entities as positions."""
    hops: dict[str, list[Hop]] = field(default_factory=dict)
    places: dict[str, frozenset[str]] = field(default_factory=dict)
    served_areas: dict[str, frozenset[str]] = field(default_factory=dict)
    sectors: dict[str, frozenset[str]] = field(default_factory=dict)
    contents: dict[str, set[str]] = field(default_factory=dict)
    servers: dict[str, set[str]] = field(default_factory=dict)
    walkable: dict[str, list[Hop]] = field(default_factory=dict)
    reach: Reach | None = None
    document_dates: dict[str, str] = field(default_factory=dict)
    """The date each document bears ("YYYY-MM"), by document id."""
    every_relation: list[Relation] = field(default_factory=list)
    """Every relation of the graph, whatever its status."""

    @classmethod
    def of(cls, store: GraphStore) -> Projection:
        """Build the projection of the store's accepted facts."""
        with bulk_allocation():
            return cls._build(store)

    @classmethod
    def _build(cls, store: GraphStore) -> Projection:
        whole = read_whole(store)
        entities = {e.id: e for e in whole.entities}
        projection = cls(entities)
        projection.document_dates = {d.id: d.date for d in whole.documents if d.date}
        projection.every_relation = whole.relations
        accepted = [r for r in whole.relations if r.status is Status.ACCEPTED]
        types = [r.type for r in accepted]
        parents: dict[str, set[str]] = defaultdict(set)
        for relation in compress(accepted, [t in LOCATING_TYPES for t in types]):
            parents[relation.source].add(relation.target)
        served: dict[str, set[str]] = defaultdict(set)
        for relation in compress(accepted, [t == "SERVES_AREA" for t in types]):
            served[relation.source].add(relation.target)
        inert = np.array([not e.in_chains for e in entities.values()], dtype=bool)
        table = hop_table(list(entities), accepted, relation_weights(accepted, types), inert)
        projection.arrays = GraphArrays(accepted, types, table.ends, table.id_rank, inert)
        projection.hops, projection.walkable = table.hops, table.walkable
        projection.reach = Reach(list(entities), table.walk_rows)
        projection.places = place_closures(entities, parents)
        projection.served_areas = {
            entity_id: frozenset(areas) for entity_id, areas in served.items()
        }
        sectors: dict[tuple[str, ...], frozenset[str]] = {}
        for entity in entities.values():
            labels = tuple(entity.sectors)
            if labels not in sectors:
                sectors[labels] = frozenset(sectors_of(labels))
            projection.sectors[entity.id] = sectors[labels]
        projection.contents = _contents(projection.places)
        projection.servers = defaultdict(set)
        for entity_id, areas in served.items():
            for area in areas:
                projection.servers[area].add(entity_id)
        return projection

    def updated(self, store: GraphStore, changes: list[ApplyReport]) -> Projection | None:
        """The projection after changes that only renamed or redescribed entities (the tables
        shared with this one), or None when it must be rebuilt."""
        now = _renamed_only(store, changes, self.entities)
        if now is None:
            return None
        dates = dict(self.document_dates)
        for document_id in {report.document for report in changes}:
            record = store.document(document_id)
            if record is not None and record.date:
                dates[document_id] = record.date
            else:
                dates.pop(document_id, None)
        projection = replace(self, entities={**self.entities, **now}, document_dates=dates)
        if self.indexed_by_end():  # the same relations: the index stays true
            projection.__dict__["touching"] = self.touching
        return projection

    def stated(self, relation: Relation) -> str:
        """When the sources of a relation said it: the newest date of its documents ('' when
        none bears one)."""
        dates = [self.document_dates.get(e.document, "") for e in relation.evidence]
        return max(dates, default="")

    def indexed_by_end(self) -> bool:
        """Whether `touching` is built (reading it costs nothing then)."""
        return "touching" in self.__dict__

    @cached_property
    def touching(self) -> dict[str, list[Relation]]:
        """Every relation under each of its ends (an entity's view read from memory), indexed
        when first asked for: only a server over a database reads entity views from here."""
        touching: dict[str, list[Relation]] = defaultdict(list)
        for relation in self.every_relation:
            touching[relation.source].append(relation)
            if relation.target != relation.source:
                touching[relation.target].append(relation)
        return dict(touching)

    def hops_of(self, entity_id: str) -> list[Hop]:
        return self.hops.get(entity_id, [])

    def degree(self, entity_id: str) -> int:
        return len(self.hops.get(entity_id, ()))

    def is_within(self, entity_id: str, place_id: str) -> bool:
        """True when the entity is the place, or stands in it (at any depth)."""
        return entity_id == place_id or place_id in self.places.get(entity_id, frozenset())

    def within(self, place_id: str) -> set[str]:
        """Every entity that stands in the place, at any depth."""
        return self.contents.get(place_id, set())

    def serving(self, place_id: str) -> set[str]:
        """Entities whose service area contains the place or lies within it."""
        areas = {place_id} | self.places.get(place_id, frozenset()) | self.within(place_id)
        found: set[str] = set()
        for area in areas:
            found |= self.servers.get(area, set())
        return found

    def fits_sector(self, entity_id: str, sector: str | None) -> bool:
        """True without a sector, for entities of the sector, and for all-sector entities."""
        if sector is None:
            return True
        entity_sectors = self.sectors.get(entity_id, frozenset())
        return not entity_sectors or sector in entity_sectors


def _contents(places: dict[str, frozenset[str]]) -> dict[str, set[str]]:
    """Every place with the entities that stand in it (entities sharing places grouped)."""
    sharing: dict[frozenset[str], list[str]] = defaultdict(list)
    for entity_id, above in places.items():
        sharing[above].append(entity_id)
    contents: dict[str, set[str]] = defaultdict(set)
    for above, members in sharing.items():
        for place in above:
            contents[place].update(members)
    return contents


PROJECTION = View("projection", Projection.of,
                  update=lambda projection, store, changes: projection.updated(store, changes))
"""The projection as a view of the versioned cache."""
