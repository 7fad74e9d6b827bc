"""A read-only projection of the graph for traversal, built once per graph version.

Queries walk relations in either direction; the projection keeps, for every
entity, its hops sorted strongest first, where it is (its places, transitively)
and which areas it serves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from tsunagari.graph.memory import bulk_allocation
from tsunagari.graph.model import Entity, Relation
from tsunagari.graph.store import GraphStore
from tsunagari.graph.vocabulary import Status
from tsunagari.queries.reach import Reach
from tsunagari.queries.sectors import sectors_of

LOCATING_TYPES = frozenset({"LOCATED_IN", "TENANT_OF"})
"""Relation types that say where their source stands."""

TYPE_WEIGHT: dict[str, float] = {
    "SECRETARIAT_OF": 1.0, "OPERATES": 1.0, "IMPLEMENTS": 1.0, "TRAINS": 1.0,
    "REFERS_TO": 1.0, "FUNDS": 1.0, "INVESTS_IN": 1.0, "ESTABLISHED": 1.0,
    "COORDINATES": 1.0, "ADVISES": 1.0, "SUPPORTS": 0.95, "MEMBER_OF": 0.9,
    "AGREEMENT_WITH": 0.9, "SISTER_CITY_OF": 0.9, "PARTNERS_WITH": 0.85, "TENANT_OF": 0.8,
    "SERVES_AREA": 0.8, "PART_OF": 0.85, "CO_LOCATED_WITH": 0.75, "LOCATED_IN": 0.6,
}
"""How strongly a relation type carries a referral: specific support ties first."""


def relation_weight(relation: Relation) -> float:
    """Strength of one relation as a referral hop, in (0, 1]."""
    evidence = min(1.0, 0.85 + 0.05 * len(relation.evidence))
    return TYPE_WEIGHT[relation.type] * relation.confidence * evidence


@dataclass(frozen=True)
class Hop:
    """One way out of an entity: along `relation` to `neighbour`."""

    neighbour: str
    relation: Relation
    forward: bool
    weight: float


@dataclass
class Projection:
    """Adjacency, places and sectors of every entity, for queries."""

    version: int
    entities: dict[str, Entity]
    hops: dict[str, list[Hop]] = field(default_factory=dict)
    places: dict[str, frozenset[str]] = field(default_factory=dict)
    served_areas: dict[str, frozenset[str]] = field(default_factory=dict)
    sectors: dict[str, frozenset[str]] = field(default_factory=dict)
    contents: dict[str, set[str]] = field(default_factory=dict)
    servers: dict[str, set[str]] = field(default_factory=dict)
    walkable: dict[str, list[Hop]] = field(default_factory=dict)
    reach: Reach | None = None

    @classmethod
    def of(cls, store: GraphStore) -> Projection:
        """Build the projection of the store's accepted facts."""
        with bulk_allocation():
            return cls._build(store)

    @classmethod
    def _build(cls, store: GraphStore) -> Projection:
        version = store.version()
        entities = {e.id: e for e in store.entities()}
        projection = cls(version, entities)
        hops: dict[str, list[Hop]] = defaultdict(list)
        parents: dict[str, set[str]] = defaultdict(set)
        served: dict[str, set[str]] = defaultdict(set)
        for relation in store.relations():
            if relation.status is not Status.ACCEPTED:
                continue
            weight = relation_weight(relation)
            hops[relation.source].append(Hop(relation.target, relation, True, weight))
            hops[relation.target].append(Hop(relation.source, relation, False, weight))
            if relation.type in LOCATING_TYPES:
                parents[relation.source].add(relation.target)
            elif relation.type == "SERVES_AREA":
                served[relation.source].add(relation.target)
        projection.hops = {
            entity_id: sorted(entity_hops, key=lambda h: (-h.weight, h.neighbour, h.relation.id))
            for entity_id, entity_hops in hops.items()
        }
        pure_places = {e.id for e in entities.values() if e.is_pure_place}
        projection.walkable = {
            entity_id: _walkable(pure_places, entity_hops)
            for entity_id, entity_hops in projection.hops.items()
        }
        projection.reach = Reach(
            list(entities),
            [[hop.neighbour for hop in projection.walkable.get(e, ())] for e in entities],
        )
        _place_by_country(entities, parents)
        projection.places = _closures(entities, parents)
        projection.served_areas = {
            entity_id: frozenset(areas) for entity_id, areas in served.items()
        }
        sectors: dict[tuple[str, ...], frozenset[str]] = {}
        for entity in entities.values():
            labels = tuple(entity.sectors)
            if labels not in sectors:
                sectors[labels] = frozenset(sectors_of(labels))
            projection.sectors[entity.id] = sectors[labels]
        projection.contents = defaultdict(set)
        for entity_id, places in projection.places.items():
            for place in places:
                projection.contents[place].add(entity_id)
        projection.servers = defaultdict(set)
        for entity_id, areas in served.items():
            for area in areas:
                projection.servers[area].add(entity_id)
        return projection

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


def _walkable(pure_places: set[str], hops: list[Hop]) -> list[Hop]:
    """The hops a chain may take: the strongest one per neighbour, never onto a pure place."""
    seen: set[str] = set()
    walk = []
    for hop in hops:
        if hop.neighbour in seen or hop.neighbour in pure_places:
            continue
        seen.add(hop.neighbour)
        walk.append(hop)
    return walk


def _place_by_country(entities: dict[str, Entity], parents: dict[str, set[str]]) -> None:
    """Tie each entity to its country's place when its locations do not reach it.

    An entity's `country` (JP, VN ...) says it stands in that country even where
    no LOCATED_IN says so. The country's place is the top place with that code.
    """
    closures = _closures(entities, parents)
    countries = {
        e.country: e.id
        for e in entities.values()
        if e.is_pure_place
        and e.country
        and not any(entities[p].country == e.country for p in closures[e.id] if p in entities)
    }
    for entity in entities.values():
        place = countries.get(entity.country)
        if place is None or place == entity.id:
            continue
        if not any(entities[p].country == entity.country for p in closures[entity.id]
                   if p in entities):
            parents[entity.id].add(place)


def _closures(entity_ids: Iterable[str], parents: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """Every place reachable upwards from each entity, sharing the work between entities."""
    memo: dict[str, frozenset[str]] = {}
    active: set[str] = set()

    def closure_of(entity_id: str) -> frozenset[str]:
        known = memo.get(entity_id)
        if known is not None:
            return known
        if entity_id in active:
            return _closure(entity_id, parents)
        active.add(entity_id)
        found: set[str] = set()
        for parent in parents.get(entity_id, ()):
            found.add(parent)
            found |= closure_of(parent)
        active.discard(entity_id)
        found.discard(entity_id)
        result = memo[entity_id] = frozenset(found)
        return result

    return {entity_id: closure_of(entity_id) for entity_id in entity_ids}


def _closure(start: str, parents: dict[str, set[str]]) -> frozenset[str]:
    """Every place reachable upwards from start."""
    seen: set[str] = set()
    frontier = list(parents.get(start, ()))
    while frontier:
        place = frontier.pop()
        if place not in seen:
            seen.add(place)
            frontier.extend(parents.get(place, ()))
    seen.discard(start)
    return frozenset(seen)
