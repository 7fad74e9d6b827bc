"""Hub organisations: degree, betweenness, PageRank and brokerage, with what each bridges.

Scores are computed once per graph version on the actor graph (pure places
left out, so "Japan" is not a hub) and cached; a request only ranks and filters.
Brokerage follows Gould and Fernandez: for every a -> v -> b with no a -> b
tie, v brokers, in a role set by the sides (countries) of a, v and b.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

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
BETWEENNESS_SAMPLE = 500
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
    actors = [e for e in projection.entities.values() if not e.is_pure_place]
    undirected = nx.Graph()
    flows = nx.DiGraph()
    undirected.add_nodes_from(e.id for e in actors)
    flows.add_nodes_from(e.id for e in actors)
    for relation in store.relations():
        if relation.source not in undirected or relation.target not in undirected:
            continue
        undirected.add_edge(relation.source, relation.target)
        family = family_of(relation.type)
        if family is Family.SUPPORTS:
            flows.add_edge(relation.source, relation.target)
        elif family is Family.PARTNERS_WITH:
            flows.add_edge(relation.source, relation.target)
            flows.add_edge(relation.target, relation.source)
    sample = (
        None if undirected.number_of_nodes() <= EXACT_BETWEENNESS_LIMIT else BETWEENNESS_SAMPLE
    )
    betweenness = nx.betweenness_centrality(undirected, k=sample, seed=7)
    pagerank = nx.pagerank(undirected) if undirected.number_of_edges() else {}
    degree = dict(undirected.degree())
    side = {e.id: side_of(projection, e.id) for e in actors}
    roles = {node: _brokerage(flows, node, side) for node in flows}
    communities = nx.community.louvain_communities(undirected, seed=7) if degree else []
    community = {node: i for i, members in enumerate(communities) for node in members}
    names = {
        i: projection.entities[max(members, key=lambda n: (degree[n], n))].display_name
        for i, members in enumerate(communities)
    }
    scores = {
        node: {
            "degree": float(degree.get(node, 0)),
            "betweenness": betweenness.get(node, 0.0),
            "pagerank": pagerank.get(node, 0.0),
            "brokerage": float(sum(roles[node].values())),
        }
        for node in undirected
    }
    neighbours = {node: set(undirected[node]) for node in undirected}
    return HubScores(scores, roles, side, community, names, neighbours)


def _brokerage(flows: nx.DiGraph, v: str, side: dict[str, str]) -> Counter[str]:
    """Gould-Fernandez brokerage roles of v."""
    roles: Counter[str] = Counter()
    for a in flows.predecessors(v):
        for b in flows.successors(v):
            if a == b or flows.has_edge(a, b):
                continue
            sa, sv, sb = side[a], side[v], side[b]
            if sa == sv == sb:
                roles["coordinator"] += 1
            elif sa == sb:
                roles["itinerant"] += 1
            elif sv == sb:
                roles["gatekeeper"] += 1
            elif sa == sv:
                roles["representative"] += 1
            else:
                roles["liaison"] += 1
    return roles


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
        entity = projection.entities[entity_id]
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
