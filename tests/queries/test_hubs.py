"""Hub metrics counted in arrays agree with their plain definitions on random graphs."""

from __future__ import annotations

import importlib
import json
import os
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path
from unittest import mock

import igraph as ig
import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from tests.support.paths import SEEDS
from tests.support.strategies import networks, store_of
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.graph.model import Contribution, DocumentRecord, Entity, Evidence, Relation
from tsunagari.graph.store import GraphStore
from tsunagari.graph.vocabulary import EntityType, Family, family_of
from tsunagari.queries.cache import VersionedCache
from tsunagari.queries.hubs import ActorGraph, Centrality, brokerage, centrality, compute_hub_scores, hubs
from tsunagari.queries.projection import Projection

brokerage_module = importlib.import_module("tsunagari.queries.hubs.brokerage")
"""The module, which the package's `brokerage` function hides."""


def plain_roles(projection: Projection, side: dict[str, str]) -> dict[str, dict[str, int]]:
    """Gould-Fernandez roles of every actor, pair by pair, in the order first met."""
    successors: dict[str, set[str]] = {a: set() for a in side}
    for r in projection.arrays.relations:
        if r.source in side and r.target in side:
            if family_of(r.type) in (Family.SUPPORTS, Family.PARTNERS_WITH):
                successors[r.source].add(r.target)
            if family_of(r.type) is Family.PARTNERS_WITH:
                successors[r.target].add(r.source)
    roles = {}
    for v in side:
        counted: Counter[str] = Counter()
        for a in sorted(a for a in side if v in successors[a]):
            for b in sorted(successors[v]):
                if a != b and b not in successors[a]:
                    counted[role_of(side[a], side[v], side[b])] += 1
        roles[v] = dict(counted)
    return roles


def role_of(sa: str, sv: str, sb: str) -> str:
    if sa == sv == sb:
        return "coordinator"
    if sa == sb:
        return "itinerant"
    if sv == sb:
        return "gatekeeper"
    return "representative" if sa == sv else "liaison"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_actor_graph_and_brokerage_match_their_plain_definitions(network: Contribution) -> None:
    store = store_of(network)
    projection = Projection.of(store)
    with mock.patch.object(brokerage_module, "CHUNK_PAIRS", 3):  # several chunks of pairs
        scores = compute_hub_scores(projection)
    graph = scores.graph
    actors = [e.id for e in projection.entities.values() if not e.is_pure_place]
    assert graph.actors == actors
    plain = nx.Graph()
    plain.add_nodes_from(actors)
    plain.add_edges_from((r.source, r.target) for r in projection.arrays.relations
                         if r.source in graph.index and r.target in graph.index)
    assert scores.metric("degree").tolist() == [plain.degree(a) for a in actors]
    for actor in actors:
        assert graph.neighbours_of(actor) == sorted(plain[actor])
    side = dict(zip(actors, scores.side, strict=True))
    expected = plain_roles(projection, side)
    assert {a: list(scores.roles.roles(i).items()) for i, a in enumerate(actors)} == {
        a: list(roles.items()) for a, roles in expected.items()}
    store.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_exact_betweenness_is_networkx_s(network: Contribution) -> None:
    store = store_of(network)
    graph = ActorGraph.of(Projection.of(store))
    plain = nx.Graph()
    plain.add_nodes_from(graph.actors)
    plain.add_edges_from((graph.actors[a], graph.actors[b]) for a, b in graph.ties.tolist())
    expected = nx.betweenness_centrality(plain)
    assert Centrality(graph).betweenness().tolist() == pytest.approx(
        [expected[a] for a in graph.actors], abs=1e-12)
    store.close()


def test_an_empty_actor_graph_has_empty_centralities(empty_store: GraphStore) -> None:
    graph = ActorGraph.of(Projection.of(empty_store))
    assert Centrality(graph).betweenness().tolist() == []
    assert hubs(empty_store, "betweenness") == []


def test_exact_betweenness_ranks_the_seed_as_networkx_does(nx_seed_store: NetworkxStore) -> None:
    graph = ActorGraph.of(Projection.of(nx_seed_store))
    plain = nx.Graph()
    plain.add_nodes_from(graph.actors)
    plain.add_edges_from((graph.actors[a], graph.actors[b]) for a, b in graph.ties.tolist())
    expected = nx.betweenness_centrality(plain)
    ours = Centrality(graph).betweenness()
    by_networkx = np.array([expected[a] for a in graph.actors])
    assert np.lexsort((graph.rank, -ours)).tolist() == np.lexsort((graph.rank, -by_networkx)).tolist()


def test_sampled_brokerage_scales_to_every_pair() -> None:
    """Seven suppliers and seven clients of one broker, all on one side and not tied to each
    other: each of the 49 pairs is brokered, so a sample of 10 pairs scales back to 49."""
    names = ["broker", *(f"a{i}" for i in range(7)), *(f"b{i}" for i in range(7))]
    evidence = [Evidence("fan", "L1:c0-1", "fan")]
    ties = [Relation("SUPPORTS", f"a{i}", "broker", evidence) for i in range(7)]
    ties += [Relation("SUPPORTS", "broker", f"b{i}", evidence) for i in range(7)]
    store = NetworkxStore(Path(":memory:"))
    store.apply(Contribution(DocumentRecord("fan", "fan", "0"),
                             [Entity(n, EntityType.NPO, country="JP") for n in names], ties))
    graph = ActorGraph.of(Projection.of(store))
    sides = np.zeros(len(graph.actors), dtype=np.int64)
    broker = graph.index["broker"]
    assert brokerage(graph, sides, exact_pairs=10).roles(broker) == {"coordinator": 49}
    assert brokerage(graph, sides, exact_pairs=49).roles(broker) == {"coordinator": 49}
    store.close()


def test_a_metric_is_computed_only_when_asked_for(nx_seed_store: NetworkxStore) -> None:
    """The cached scores hold the default metric (betweenness) from the start; the others
    are computed when first asked for."""
    cache = VersionedCache(nx_seed_store)
    with mock.patch.object(Centrality, "pagerank", side_effect=AssertionError("pagerank")):
        by_degree = hubs(nx_seed_store, "degree", limit=3, cache=cache)
        by_betweenness = hubs(nx_seed_store, "betweenness", limit=3, cache=cache)
    assert len(by_degree) == 3
    assert [h.entity.id for h in by_betweenness] == [
        h.entity.id for h in hubs(nx_seed_store, "betweenness", limit=3)]
    by_pagerank = hubs(nx_seed_store, "pagerank", limit=3, cache=cache)
    assert [h.entity.id for h in by_pagerank] == [
        h.entity.id for h in hubs(nx_seed_store, "pagerank", limit=3)]
    cache.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_sampled_centralities_do_not_depend_on_vertex_numbering(network: Contribution) -> None:
    """igraph runs on vertices renumbered for locality; the scores are those of actor order."""
    store = store_of(network)
    graph = ActorGraph.of(Projection.of(store))
    with mock.patch.object(centrality, "EXACT_BETWEENNESS_LIMIT", 0):
        sampled = Centrality(graph)
        betweenness, pagerank = sampled.betweenness(), sampled.pagerank()
    size = len(graph.actors)
    plain = ig.Graph(n=size, edges=graph.ties.tolist())
    plain.simplify(multiple=True, loops=False)
    sources = random.Random(7).sample(range(size), min(centrality.BETWEENNESS_SAMPLE, size))
    expected = np.array(plain.betweenness(directed=False, sources=sources))
    assert betweenness == pytest.approx(expected * centrality.sampled_scale(size, len(sources)))
    assert pagerank == pytest.approx(np.array(plain.pagerank(directed=False)))
    store.close()


COMMUNITIES_OF_THE_SEED = """
import json, sys, tempfile
from pathlib import Path
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.graph.store import GraphStore
from tsunagari.loaders import load_seeds
from tsunagari.queries.hubs import ActorGraph, Centrality
from tsunagari.queries.projection import Projection
store = NetworkxStore(Path(tempfile.mkdtemp()) / "graph.sqlite3")
load_seeds(store, Path(sys.argv[1]))
graph = ActorGraph.of(Projection.of(store))
print(json.dumps(dict(zip(graph.actors, Centrality(graph).communities().tolist()))))
"""


def test_communities_are_the_same_in_every_process() -> None:
    """A hub's bridges name communities; a restarted server (another string hash seed) must
    find the same ones."""
    found = []
    for seed in ("0", "1", "12345"):
        run = subprocess.run([sys.executable, "-c", COMMUNITIES_OF_THE_SEED, str(SEEDS)],
                             capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed})
        found.append(json.loads(run.stdout))
    assert len(set(found[0].values())) > 1
    assert found[0] == found[1] == found[2]
