"""Hub organisations: degree, betweenness, PageRank and brokerage, with what each bridges.

Scores are computed once per graph version on the actor graph (pure places
left out, so "Japan" is not a hub) and cached; a request only ranks and filters.
Brokerage follows Gould and Fernandez: for every a -> v -> b with no a -> b
tie, v brokers, in a role set by the sides (countries) of a, v and b.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np
from numpy.typing import NDArray

from tsunagari.graph.model import Entity
from tsunagari.graph.store import GraphStore
from tsunagari.queries.actor_graph import ActorGraph
from tsunagari.queries.brokerage import Brokerage, brokerage
from tsunagari.queries.cache import VersionedCache, cached
from tsunagari.queries.connect import resolve_entity
from tsunagari.queries.errors import QueryError, check_range
from tsunagari.queries.projection import Projection

METRICS = ("degree", "betweenness", "pagerank", "brokerage")
EXACT_BETWEENNESS_LIMIT = 5_000
"""Above this many actors, betweenness is estimated from a fixed sample of sources."""
BETWEENNESS_SAMPLE = 128
BROKERAGE_PAIRS = 2_000
"""Brokerage of an actor with more (predecessor, successor) pairs than this is sampled."""
MAX_LIMIT = 100


@dataclass
class HubScores:
    """Every metric for every actor, with sides and communities, for one graph version."""

    graph: ActorGraph
    metrics: dict[str, NDArray[np.float64]]
    """Each metric's score of every actor, in the graph's actor order."""
    roles: Brokerage
    side: list[str]
    community: NDArray[np.int64]
    community_names: dict[int, str]

    def score(self, entity_id: str, metric: str) -> float:
        return float(self.metrics[metric][self.graph.index[entity_id]])

    def ranked(self, metric: str) -> list[str]:
        """Every actor, highest score first, ties by id."""
        order = np.lexsort((self.graph.rank, -self.metrics[metric]))
        return [self.graph.actors[i] for i in order.tolist()]


@dataclass
class Hub:
    """One ranked hub."""

    entity: Entity
    score: float
    bridges: list[dict[str, Any]]
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
    """All metrics at once over the actor graph (the accepted relations between actors)."""
    graph = ActorGraph.of(projection)
    actors = graph.actors
    if len(actors) <= EXACT_BETWEENNESS_LIMIT:
        betweenness, pagerank, community = _networkx_centralities(graph)
    else:
        betweenness, pagerank, community = _igraph_centralities(graph)
    degree = graph.degree()
    side = [side_of(projection, actor) for actor in actors]
    codes = {name: code for code, name in enumerate(dict.fromkeys(side))}
    roles = brokerage(graph, np.array([codes[s] for s in side], dtype=np.int64), BROKERAGE_PAIRS)
    metrics = {
        "degree": degree.astype(np.float64),
        "betweenness": betweenness,
        "pagerank": pagerank,
        "brokerage": roles.total().astype(np.float64),
    }
    names = {
        group: projection.entities[graph.actors[leader]].display_name
        for group, leader in _leaders(community, degree, graph.rank).items()
    }
    return HubScores(graph, metrics, roles, side, community, names)


def _leaders(
    community: NDArray[np.int64], degree: NDArray[np.int64], rank: NDArray[np.int64]
) -> dict[int, int]:
    """The actor of highest degree (then last id) of every community."""
    order = np.lexsort((rank, degree, community))
    grouped = community[order]
    last = np.flatnonzero(np.append(grouped[1:] != grouped[:-1], grouped.size > 0))
    return dict(zip(grouped[last].tolist(), order[last].tolist(), strict=True))


Centralities = tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.int64]]
"""Betweenness and PageRank of every actor, and the community each belongs to."""


def _networkx_centralities(graph: ActorGraph) -> Centralities:
    """Exact betweenness, PageRank and Louvain communities (networkx) for small graphs."""
    undirected = nx.Graph()
    undirected.add_nodes_from(graph.actors)
    undirected.add_edges_from((graph.actors[a], graph.actors[b]) for a, b in graph.ties.tolist())
    betweenness = nx.betweenness_centrality(undirected)
    pagerank = nx.pagerank(undirected) if undirected.number_of_edges() else {}
    communities = nx.community.louvain_communities(undirected, seed=7) if graph.actors else []
    community = np.empty(len(graph.actors), dtype=np.int64)
    for group, members in enumerate(communities):
        community[[graph.index[m] for m in members]] = group
    return (
        np.array([betweenness[a] for a in graph.actors], dtype=np.float64),
        np.array([pagerank.get(a, 0.0) for a in graph.actors], dtype=np.float64),
        community,
    )


def _igraph_centralities(graph: ActorGraph) -> Centralities:
    """Betweenness from a fixed sample of sources, PageRank and Louvain communities (igraph)
    for large graphs; betweenness on the same scale as networkx's normalised estimate."""
    size = len(graph.actors)
    undirected = ig.Graph(n=size, edges=graph.ties.tolist())
    undirected.simplify(multiple=True, loops=False)
    sources = random.Random(7).sample(range(size), min(BETWEENNESS_SAMPLE, size))
    raw = undirected.betweenness(directed=False, sources=sources)
    pagerank = undirected.pagerank(directed=False)
    ig.set_random_number_generator(random.Random(7))
    try:
        clusters = undirected.community_multilevel()
    finally:
        ig.set_random_number_generator(random)
    return (
        np.array(raw, dtype=np.float64) * _sampled_scale(size, len(sources)),
        np.array(pagerank, dtype=np.float64),
        np.array(clusters.membership, dtype=np.int64),
    )


def _sampled_scale(size: int, sampled: int) -> float:
    """Factor from igraph's betweenness over sampled sources to networkx's normalised one.

    igraph counts a pair of actors once when either is a sampled source, which
    happens with probability `counted`; networkx normalises by (n-1)(n-2)/2 pairs.
    """
    if size <= 2 or sampled == 0:
        return 0.0
    counted = 1 - (size - sampled) * (size - sampled - 1) / (size * (size - 1))
    return 2 / ((size - 1) * (size - 2) * counted)


def _bridges(hub_scores: HubScores, entity_id: str) -> list[dict[str, Any]]:
    """The countries and communities a hub's neighbours belong to (when more than one)."""
    graph = hub_scores.graph
    neighbours = [graph.index[n] for n in graph.neighbours_of(entity_id)]
    bridges: list[dict[str, Any]] = []
    sides = Counter(hub_scores.side[n] for n in neighbours)
    if len(sides) > 1:
        bridges += [
            {"kind": "country", "id": side, "name": side, "neighbours": count}
            for side, count in sides.most_common()
        ]
    groups = Counter(hub_scores.community[neighbours].tolist())
    if len(groups) > 1:
        bridges += [
            {"kind": "community", "id": str(group), "name": hub_scores.community_names[group],
             "neighbours": count}
            for group, count in groups.most_common()
        ]
    return bridges


def hubs(
    store: GraphStore,
    metric: str = "betweenness",
    entity_type: str | None = None,
    region: str | None = None,
    limit: int = 10,
    cache: VersionedCache | None = None,
) -> list[Hub]:
    """The top hubs by a metric, optionally of one type and within or serving a region."""
    if metric not in METRICS:
        raise QueryError(f"metric {metric!r} is unknown; use one of {', '.join(METRICS)}")
    check_range("limit", limit, 1, MAX_LIMIT)
    projection = cached(store, cache, "projection", Projection.of)
    hub_scores = cached(store, cache, "hubs", lambda _: compute_hub_scores(projection))
    region_id = _region(store, region, cache)
    servers = projection.serving(region_id) if region_id else set()
    found: list[Hub] = []
    for entity_id in hub_scores.ranked(metric):
        entity = projection.entities.get(entity_id)
        if entity is None:  # the scores are of a newer graph: a write came between the reads
            continue
        if entity_type and entity_type not in entity.labels:
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


def _region(store: GraphStore, region: str | None, cache: VersionedCache | None) -> str | None:
    if not region:
        return None
    place = resolve_entity(store, region, "region", cache)
    if not place.is_place:
        raise QueryError(f"region {region!r} is {place.display_name}, not a place")
    return place.id
