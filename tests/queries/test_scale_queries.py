"""Speed never changes an answer: the compact search agrees with the plain one, and a
question with no answer at national scale ends without walking the graph."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from unittest import mock

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from tests.support.strategies import graphs
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.graph.limits import DEFAULT_BUDGET_SECONDS
from tsunagari.graph.model import Contribution, DocumentRecord, Entity, Relation
from tsunagari.graph.store import GraphStore
from tsunagari.graph.vocabulary import EntityType
from tsunagari.loaders.synth import synthesize
from tsunagari.queries.cache import VersionedCache
from tsunagari.queries.chains import connect, find_chains, search
from tsunagari.queries.hubs import ActorGraph, Centrality, centrality
from tsunagari.queries.projection import PROJECTION, Projection, Reach
from tsunagari.queries.resolve import NameIndex

NATIONAL = 100_000


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs(), st.integers(1, 5))
def test_compact_and_plain_search_give_the_same_chains(
    graph: tuple[list[Entity], list[Relation]], max_hops: int
) -> None:
    entities, relations = graph
    store = NetworkxStore(Path(":memory:"))
    store.apply(Contribution(DocumentRecord("gen", "generated", "0"), entities, relations))
    projection = Projection.of(store)
    sources = {"e0": 1.0, "e2": 0.8} if len(entities) > 3 else {"e0": 1.0}
    ends = dict(sources=sources, targets={"e1": 1.0}, k=5, max_hops=max_hops)
    plain = find_chains(dataclasses.replace(projection, reach=None), **ends)  # type: ignore[arg-type]
    with mock.patch.object(search, "VECTOR_MIN_DEGREE", 0):
        compact = find_chains(projection, **ends)  # type: ignore[arg-type]
    assert [(c.ids, c.score) for c in compact.chains] == [(c.ids, c.score) for c in plain.chains]
    assert compact.candidates == plain.candidates
    store.close()


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> NetworkxStore:
    store = NetworkxStore(tmp_path_factory.mktemp("national") / "graph.sqlite3")
    store.apply(synthesize(NATIONAL, seed=1))
    return store


def test_no_path_at_national_scale_ends_at_the_meeting_test(national: NetworkxStore) -> None:
    cache = VersionedCache(national)
    cache.get(PROJECTION)
    newcomer = next(e.id for e in national.entities() if "-newcomer-" in e.id)
    with mock.patch.object(Reach, "distances", side_effect=AssertionError("searched the graph")):
        answer = connect(national, "pref-27", newcomer, max_hops=6, cache=cache,
                         budget_seconds=DEFAULT_BUDGET_SECONDS)
    assert answer.chains == [] and answer.complete


def test_a_question_with_an_answer_at_national_scale_gets_one(national: NetworkxStore) -> None:
    cache = VersionedCache(national)
    answer = connect(national, "pref-27", "vn-province-03", cache=cache)
    assert answer.chains, "Osaka reaches Dong Nai"
    projection = cache.get(PROJECTION)
    assert all(projection.is_within(c.ids[-1], "vn-province-03") for c in answer.chains)
    assert answer.chains[0].explanation["en"] and answer.chains[0].explanation["ja"]


def test_sampled_hub_metrics_agree_with_exact_ones_on_the_seed(seed_store: GraphStore) -> None:
    graph = ActorGraph.of(Projection.of(seed_store))
    exact = Centrality(graph)
    with mock.patch.object(centrality, "EXACT_BETWEENNESS_LIMIT", 0):
        sampled = Centrality(graph)
    assert exact.exact and not sampled.exact

    def top(scores: NDArray[np.float64]) -> set[int]:
        return set(np.argsort(-scores, kind="stable")[:10].tolist())

    assert len(top(exact.betweenness()) & top(sampled.betweenness())) >= 7
    assert top(exact.pagerank()) == top(sampled.pagerank())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcxyz日本", min_size=1, max_size=6), min_size=1, max_size=30),
       st.text(alphabet="abcxyz日本", min_size=1, max_size=3))
def test_contained_names_are_every_name_holding_the_text(names: list[str], key: str) -> None:
    index = NameIndex([Entity(f"e{i}", EntityType.NPO, name_en=n)
                       for i, n in enumerate(names)], {})
    expected = [k for k in index.folded_keys if key in k and k != key]
    assert list(index.containing(key)) == expected


def test_sampled_betweenness_is_on_the_networkx_scale() -> None:
    """The sampled estimate is on networkx's normalised scale (checked on a small star)."""
    actors = [Entity("hub", EntityType.NPO), *(Entity(f"leaf{i}", EntityType.NPO) for i in range(6))]
    ties = [Relation("PARTNERS_WITH", "hub", leaf.id) for leaf in actors[1:]]
    store = NetworkxStore(Path(":memory:"))
    store.apply(Contribution(DocumentRecord("star", "star", "0"), actors, ties))
    graph = ActorGraph.of(Projection.of(store))
    with (mock.patch.object(centrality, "BETWEENNESS_SAMPLE", len(actors)),
          mock.patch.object(centrality, "EXACT_BETWEENNESS_LIMIT", 0)):
        estimate = Centrality(graph).betweenness()
    exact = nx.betweenness_centrality(nx.star_graph(6))
    assert estimate[graph.index["hub"]] == pytest.approx(exact[0])
    store.close()
