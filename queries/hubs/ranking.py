"""Hub organisations: degree, betweenness, PageRank and brokerage, with what each bridges.

Scores are computed on the actor graph (pure places left out, so "Japan" is not
a hub) once per graph version, each metric when first asked for, and cached; a
request only ranks and filters.
Brokerage follows Gould and Fernandez: for every a -> v -> b with no a -> b
tie, v brokers, in a role set by the sides (countries) of a, v and b.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import NDArray

from tsunagari.graph.model import Entity
from tsunagari.graph.store import GraphStore
from tsunagari.graph.vocabulary import EntityType
from tsunagari.queries.cache import Derived, VersionedCache, cached
from tsunagari.queries.hubs.actor_graph import ActorGraph
from tsunagari.queries.hubs.brokerage import Brokerage, brokerage
from tsunagari.queries.hubs.centrality import Centrality
from tsunagari.queries.projection import PROJECTION, GraphArrays, Projection
from tsunagari.queries.query_errors import QueryError, check_range
from tsunagari.queries.resolve import resolve_entity

METRICS = ("degree", "betweenness", "pagerank", "brokerage")
DEFAULT_METRIC = "betweenness"
BROKERAGE_PAIRS = 2_000
"""Brokerage of an actor with more (predecessor, successor) pairs than this is sampled."""
MAX_HUBS = 100


@dataclass
class HubScores:
    """Sides, communities and brokerage of every actor for one graph version, and each
    metric's scores (in the graph's actor order) once first asked for."""

    graph: ActorGraph
    centrality: Centrality
    roles: Brokerage
    side: list[str]
    community: NDArray[np.int64]
    community_names: dict[int, str]
    leaders: dict[int, str]
    """The actor that names each community (its highest degree)."""
    arrays: GraphArrays
    """The tables of the projection the scores were computed from."""
    _metrics: dict[str, NDArray[np.float64]] = field(default_factory=dict, init=False)
    _rankings: dict[str, list[str]] = field(default_factory=dict, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def metric(self, name: str) -> NDArray[np.float64]:
        with self._lock:
            if name not in self._metrics:
                self._metrics[name] = self._compute(name)
            return self._metrics[name]

    def _compute(self, name: str) -> NDArray[np.float64]:
        if name == "betweenness":
            return self.centrality.betweenness()
        if name == "pagerank":
            return self.centrality.pagerank()
        counts = self.graph.degree() if name == "degree" else self.roles.total()
        return counts.astype(np.float64)

    def score(self, entity_id: str, metric: str) -> float:
        return float(self.metric(metric)[self.graph.index[entity_id]])

    def ranked(self, metric: str) -> list[str]:
        """Every actor, highest score first, ties by id (sorted once per metric)."""
        ranking = self._rankings.get(metric)
        if ranking is None:
            order = np.lexsort((self.graph.rank, -self.metric(metric)))
            ranking = self._rankings[metric] = [self.graph.actors[i] for i in order.tolist()]
        return ranking


@dataclass(frozen=True)
class Bridge:
    """A country or community among a hub's neighbours, and how many of them it holds."""

    kind: str
    """country or community"""
    id: str
    name: str
    neighbours: int


@dataclass
class Hub:
    """One ranked hub."""

    entity: Entity
    score: float
    bridges: list[Bridge]
    roles: dict[str, int]


def side_of(projection: Projection, entity_id: str) -> str:
    """The country an entity belongs to: its own, or that of a place it stands in."""
    entity = projection.entities[entity_id]
    if entity.country:
        return entity.country
    for place in sorted(projection.places.get(entity_id, ())):
        country = projection.entities[place].country
        if country:
            return country
    return "?"


def compute_hub_scores(projection: Projection) -> HubScores:
    """Sides, communities and brokerage over the actor graph (the accepted relations
    between entities that are not pure places); metrics follow when asked for."""
    graph = ActorGraph.of(projection)
    centrality = Centrality(graph)
    community = centrality.communities()
    side = [side_of(projection, actor) for actor in graph.actors]
    codes = {name: code for code, name in enumerate(dict.fromkeys(side))}
    roles = brokerage(graph, np.array([codes[s] for s in side], dtype=np.int64), BROKERAGE_PAIRS)
    leaders = {group: graph.actors[leader]
               for group, leader in _leaders(community, graph.degree(), graph.rank).items()}
    names = {group: projection.entities[leader].display_name for group, leader in leaders.items()}
    return HubScores(graph, centrality, roles, side, community, names, leaders, projection.arrays)


def _leaders(
    community: NDArray[np.int64], degree: NDArray[np.int64], rank: NDArray[np.int64]
) -> dict[int, int]:
    """The actor of highest degree (then last id) of every community."""
    order = np.lexsort((rank, degree, community))
    grouped = community[order]
    last = np.flatnonzero(np.append(grouped[1:] != grouped[:-1], grouped.size > 0))
    return dict(zip(grouped[last].tolist(), order[last].tolist(), strict=True))


def _bridges(hub_scores: HubScores, entity_id: str) -> list[Bridge]:
    """The countries and communities a hub's neighbours belong to (when more than one)."""
    graph = hub_scores.graph
    neighbours = [graph.index[n] for n in graph.neighbours_of(entity_id)]
    bridges: list[Bridge] = []
    sides = Counter(hub_scores.side[n] for n in neighbours)
    if len(sides) > 1:
        bridges += [
            Bridge("country", side, side, count) for side, count in sides.most_common()
        ]
    groups = Counter(hub_scores.community[neighbours].tolist())
    if len(groups) > 1:
        bridges += [
            Bridge("community", str(group), hub_scores.community_names[group], count)
            for group, count in groups.most_common()
        ]
    return bridges


def hubs(
    store: GraphStore,
    metric: str = DEFAULT_METRIC,
    entity_type: str | None = None,
    region: str | None = None,
    limit: int = 10,
    cache: VersionedCache | None = None,
) -> list[Hub]:
    """The top hub organisations by a metric (people and places left out), optionally of one
    type and within a region or serving it (or part of it: a national body is not a hub of
    every region)."""
    if metric not in METRICS:
        raise QueryError(f"metric {metric!r} is unknown; use one of {', '.join(METRICS)}")
    check_range("limit", limit, 1, MAX_HUBS)
    projection = cached(store, cache, PROJECTION)
    hub_scores = scores_of(store, cache)
    region_id = _region(store, region, cache)
    servers = {
        server for server in (projection.serving(region_id) if region_id else ())
        if any(projection.is_within(area, region_id) for area in projection.served_areas.get(server, ()))
    }
    found: list[Hub] = []
    for entity_id in hub_scores.ranked(metric):
        entity = projection.entities.get(entity_id)
        if entity is None:  # the scores are of a newer graph: a write came between the reads
            continue
        if entity.type is EntityType.PERSON or (entity_type and entity_type not in entity.labels):
            continue
        if region_id and not (
            projection.is_within(entity_id, region_id) or entity_id in servers
        ):
            continue
        found.append(Hub(entity, round(hub_scores.score(entity_id, metric), 6),
                         _bridges(hub_scores, entity_id),
                         hub_scores.roles.roles(hub_scores.graph.index[entity_id])))
        if len(found) == limit:
            break
    return found


def _scores_ranked(projection: Projection) -> HubScores:
    """The hub scores with the default metric computed, as the cache keeps them."""
    scores = compute_hub_scores(projection)
    scores.metric(DEFAULT_METRIC)
    return scores


def _followed(scores: HubScores, projection: Projection) -> HubScores | None:
    """The scores for a projection updated in place from theirs (entities renamed or
    redescribed, the tables shared): the same scores, the communities named anew; None when
    the projection was rebuilt and they must be computed again."""
    if projection.arrays is not scores.arrays:
        return None
    return replace(scores, community_names={
        group: projection.entities[leader].display_name
        for group, leader in scores.leaders.items()})


HUB_SCORES = Derived("hubs", PROJECTION, _scores_ranked, background=True, update=_followed)
"""The hub scores as a view: computed once per version in the background, never while a
request waits (after a change, requests get the scores of the version before, which
`VersionedCache.entry` tells); kept as they are by changes that touch no relation."""


def scores_of(store: GraphStore, cache: VersionedCache | None = None) -> HubScores:
    """The hub scores of the graph: of its current version without a cache; with one, the
    newest computed (`cache.entry(HUB_SCORES).version` says which)."""
    if cache is None:
        return compute_hub_scores(cached(store, None, PROJECTION))
    return cache.get(HUB_SCORES)


def _region(store: GraphStore, region: str | None, cache: VersionedCache | None) -> str | None:
    if not region:
        return None
    place = resolve_entity(store, region, "region", cache)
    if not place.is_place:
        raise QueryError(f"region {region!r} is {place.display_name}, not a place")
    return place.id
