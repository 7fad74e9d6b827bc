"""Hub organisations: degree, betweenness, PageRank and brokerage, with what each bridges.

Scores are computed once per graph version on the actor graph (pure places
left out, so "Japan" is not a hub) and cached; a request only ranks and filters.
Brokerage follows Gould and Fernandez: for every a -> v -> b with no a -> b
tie, v brokers, in a role set by the sides (countries) of a, v and b.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import igraph as ig
import networkx as nx

from tsunagari.graph.model import Entity
from tsunagari.graph.store import GraphStore
from tsunagari.graph.vocabulary import Family, family_of
from tsunagari.queries.cache import VersionedCache, cached
from tsunagari.queries.connect import resolve_entity
from tsunagari.queries.errors import QueryError, check_range
from tsunagari.queries.projection import Projection

METRICS = ("degree", "betweenness", "pagerank", "brokerage")
ROLES = ("coordinator", "gatekeeper", "representative", "itinerant", "liaison")
EXACT_BETWEENNESS_LIMIT = 5_000
"""Above this many actors, betweenness is estimated from a fixed sample of sources."""
BETWEENNESS_SAMPLE = 128
BROKERAGE_PAIRS = 2_000
"""Brokerage of an actor with more (predecessor, successor) pairs than this is sampled."""
MAX_LIMIT = 100


@dataclass
class HubScores:
    """Every metric for every actor, with sides and communities, for one graph version."""

    scores: dict[str, dict[str, float]]
    roles: dict[str, Counter[str]]
    side: dict[str, str]
    community: dict[str, int]
    community_names: dict[int, str]
    neighbours: dict[str, set[str]] = field(default_factory=dict)


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


def compute_hub_scores(store: GraphStore, projection: Projection) -> HubScores:
    """All metrics at once over the actor graph."""
    actors = [e.id for e in projection.entities.values() if not e.is_pure_place]
    graph = _ActorGraph(actors)
    for relation in store.relations():
        graph.add(relation.source, relation.target, family_of(relation.type))
    if len(actors) <= EXACT_BETWEENNESS_LIMIT:
        betweenness, pagerank, communities = _networkx_centralities(graph)
    else:
        betweenness, pagerank, communities = _igraph_centralities(graph)
    degree = {node: len(near) + (node in near) for node, near in graph.neighbours.items()}
    side = {node: side_of(projection, node) for node in actors}
    roles = {node: _brokerage(graph, node, side) for node in actors}
    community = {node: i for i, members in enumerate(communities) for node in members}
    names = {
        i: projection.entities[max(members, key=lambda n: (degree[n], n))].display_name
        for i, members in enumerate(communities)
    }
    scores = {
        node: {
            "degree": float(degree[node]),
            "betweenness": betweenness.get(node, 0.0),
            "pagerank": pagerank.get(node, 0.0),
            "brokerage": float(sum(roles[node].values())),
        }
        for node in actors
    }
    return HubScores(scores, roles, side, community, names, graph.neighbours)


class _ActorGraph:
    """Actors with their ties: undirected neighbours, and the direction support flows in."""

    def __init__(self, actors: list[str]) -> None:
        self.actors = actors
        self.neighbours: dict[str, set[str]] = {a: set() for a in actors}
        self.edges: dict[tuple[str, str], None] = {}
        self.successors: dict[str, set[str]] = {a: set() for a in actors}
        self.predecessors: dict[str, set[str]] = {a: set() for a in actors}

    def add(self, source: str, target: str, family: Family) -> None:
        if source not in self.neighbours or target not in self.neighbours:
            return
        self.neighbours[source].add(target)
        self.neighbours[target].add(source)
        self.edges[source, target] = None
        if family is Family.SUPPORTS:
            self._flow(source, target)
        elif family is Family.PARTNERS_WITH:
            self._flow(source, target)
            self._flow(target, source)

    def _flow(self, source: str, target: str) -> None:
        self.successors[source].add(target)
        self.predecessors[target].add(source)


Centralities = tuple[dict[str, float], dict[str, float], list[set[str]]]
"""Betweenness and PageRank by actor, and the communities of the actor graph."""


def _networkx_centralities(graph: _ActorGraph) -> Centralities:
    """Exact betweenness, PageRank and Louvain communities (networkx) for small graphs."""
    undirected = nx.Graph()
    undirected.add_nodes_from(graph.actors)
    undirected.add_edges_from(graph.edges)
    betweenness = nx.betweenness_centrality(undirected)
    pagerank = nx.pagerank(undirected) if undirected.number_of_edges() else {}
    communities = nx.community.louvain_communities(undirected, seed=7) if graph.actors else []
    return betweenness, pagerank, communities


def _igraph_centralities(graph: _ActorGraph) -> Centralities:
    """Betweenness from a fixed sample of sources, PageRank and Louvain communities (igraph)
    for large graphs; betweenness on the same scale as networkx's normalised estimate."""
    index = {actor: i for i, actor in enumerate(graph.actors)}
    undirected = ig.Graph(n=len(graph.actors), edges=[(index[a], index[b]) for a, b in graph.edges])
    undirected.simplify(multiple=True, loops=False)
    size = len(graph.actors)
    sources = random.Random(7).sample(range(size), min(BETWEENNESS_SAMPLE, size))
    raw = undirected.betweenness(directed=False, sources=sources)
    scale = _sampled_scale(size, len(sources))
    pagerank = undirected.pagerank(directed=False)
    ig.set_random_number_generator(random.Random(7))
    try:
        clusters = undirected.community_multilevel()
    finally:
        ig.set_random_number_generator(random)
    actors = graph.actors
    return (
        {actors[i]: value * scale for i, value in enumerate(raw)},
        {actors[i]: value for i, value in enumerate(pagerank)},
        [{actors[i] for i in members} for members in clusters],
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


def _brokerage(graph: _ActorGraph, v: str, side: dict[str, str]) -> Counter[str]:
    """Gould-Fernandez brokerage roles of v; above BROKERAGE_PAIRS (a, b) pairs, counted on
    a fixed random sample of them and scaled up."""
    roles: Counter[str] = Counter()
    before, after = sorted(graph.predecessors[v]), sorted(graph.successors[v])
    pairs = len(before) * len(after)
    if pairs <= BROKERAGE_PAIRS:
        chosen: Iterable[tuple[str, str]] = ((a, b) for a in before for b in after)
        weight = 1.0
    else:
        rng = random.Random(v)
        chosen = ((rng.choice(before), rng.choice(after)) for _ in range(BROKERAGE_PAIRS))
        weight = pairs / BROKERAGE_PAIRS
    for a, b in chosen:
        if a == b or b in graph.successors[a]:
            continue
        roles[_role(side[a], side[v], side[b])] += 1
    if weight != 1:
        roles = Counter({role: round(count * weight) for role, count in roles.items()})
    return roles


def _role(sa: str, sv: str, sb: str) -> str:
    """The brokerage role of v in a -> v -> b, by the sides (countries) of the three."""
    if sa == sv == sb:
        return "coordinator"
    if sa == sb:
        return "itinerant"
    if sv == sb:
        return "gatekeeper"
    if sa == sv:
        return "representative"
    return "liaison"


def _bridges(hub_scores: HubScores, entity_id: str) -> list[dict[str, Any]]:
    """The countries and communities a hub's neighbours belong to (when more than one)."""
    neighbours = hub_scores.neighbours.get(entity_id, set())
    bridges: list[dict[str, Any]] = []
    sides = Counter(hub_scores.side.get(n, "?") for n in neighbours)
    if len(sides) > 1:
        bridges += [
            {"kind": "country", "id": side, "name": side, "neighbours": count}
            for side, count in sides.most_common()
        ]
    groups = Counter(hub_scores.community[n] for n in neighbours if n in hub_scores.community)
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
    hub_scores = cached(
        store, cache, "hubs", lambda s: compute_hub_scores(s, projection)
    )
    region_id = _region(store, region, cache)
    servers = projection.serving(region_id) if region_id else set()
    ranked = []
    for entity_id, scores in hub_scores.scores.items():
        entity = projection.entities.get(entity_id)
        if entity is None:  # the scores are of a newer graph: a write came between the reads
            continue
        if entity_type and entity_type not in entity.labels:
            continue
        if region_id and not (
            projection.is_within(entity_id, region_id) or entity_id in servers
        ):
            continue
        ranked.append((scores[metric], entity_id))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    return [
        Hub(projection.entities[entity_id], round(score, 6), _bridges(hub_scores, entity_id),
            dict(hub_scores.roles.get(entity_id, Counter())))
        for score, entity_id in ranked[:limit]
    ]


def _region(store: GraphStore, region: str | None, cache: VersionedCache | None) -> str | None:
    if not region:
        return None
    place = resolve_entity(store, region, "region", cache)
    if not place.is_place:
        raise QueryError(f"region {region!r} is {place.display_name}, not a place")
    return place.id
