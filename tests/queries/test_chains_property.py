"""Chains on random small graphs, checked against brute force."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.strategies import graphs
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.graph.model import Contribution, DocumentRecord, Entity, Relation
from tsunagari.graph.vocabulary import EntityType
from tsunagari.queries import PROJECTION, VersionedCache
from tsunagari.queries.chains import paths
from tsunagari.queries.chains.chain import RelationFilter
from tsunagari.queries.chains.scoring import ROUNDING, Scorer, diverse, route
from tsunagari.queries.chains.search import Walk, find_chains


def brute_force_shortest(entities: list[Entity], relations: list[Relation], max_hops: int) -> int | None:
    """Fewest hops from e0 to e1 through no pure place, by enumerating every simple path."""
    graph = nx.Graph()
    graph.add_nodes_from(e.id for e in entities)
    graph.add_edges_from((r.source, r.target) for r in relations)
    places = {e.id for e in entities if e.type is EntityType.PLACE}
    lengths = [
        len(path) - 1
        for path in nx.all_simple_paths(graph, "e0", "e1", cutoff=max_hops)
        if not places & set(path)
    ]
    return min(lengths) if lengths else None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs(), st.integers(1, 4), st.integers(1, 5))
def test_chains_match_brute_force(
    graph: tuple[list[Entity], list[Relation]], max_hops: int, k: int
) -> None:
    entities, relations = graph
    store = NetworkxStore(Path(":memory:"))
    store.apply(Contribution(DocumentRecord("gen", "generated", "0"), entities, relations))
    chains = paths(store, "e0", "e1", k=k, max_hops=max_hops).chains
    shortest = brute_force_shortest(entities, relations, max_hops)

    if shortest is None:
        assert chains == []
        return
    assert chains, "a path exists but no chain was found"
    assert min(chain.hops for chain in chains) == shortest, "a shorter chain was missed"
    assert len(chains) <= k
    assert [c.score for c in chains] == sorted((c.score for c in chains), reverse=True)
    by_id = {e.id: e for e in entities}
    for chain in chains:
        assert chain.ids[0] == "e0" and chain.ids[-1] == "e1"
        assert chain.hops <= max_hops
        assert len(set(chain.ids)) == len(chain.ids), "a chain visits an entity twice"
        assert not any(by_id[i].type is EntityType.PLACE for i in chain.ids)
        for before, step in zip(chain.steps, chain.steps[1:], strict=False):
            assert step.via is not None
            assert step.via.id in {r.id for r in relations}
            assert {step.via.source, step.via.target} == {before.entity.id, step.entity.id}
    store.close()


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs(), st.integers(1, 5), st.integers(1, 5), st.booleans(),
       st.sampled_from([0.3, 0.7, 1.0]))
def test_the_search_stops_deepening_only_when_the_answer_is_that_of_the_whole_search(
    graph: tuple[list[Entity], list[Relation]], max_hops: int, k: int, distinct_ends: bool,
    second_fit: float,
) -> None:
    """The search stops before `max_hops` when no longer chain could change the pick; what
    it answers is what picking among every chain up to `max_hops` answers."""
    entities, relations = graph
    store = NetworkxStore(Path(":memory:"))
    store.apply(Contribution(DocumentRecord("gen", "generated", "0"), entities, relations))
    projection = VersionedCache(store).get(PROJECTION)
    actors = [e.id for e in entities if e.type is not EntityType.PLACE][2:4]
    sources = {"e0": 1.0, **({actors[0]: second_fit} if len(actors) == 2 else {})}
    targets = {"e1": 1.0, **({actors[1]: second_fit} if len(actors) == 2 else {})}
    anchors = frozenset(sources) | frozenset(targets)
    found = find_chains(projection, sources, targets, k=k, max_hops=max_hops, anchors=anchors,
                        distinct_ends=distinct_ends)

    rules = RelationFilter()
    walk = Walk(projection, rules, set(sources), set(targets))
    distance = walk.distances_to_targets(max_hops)
    score = Scorer(projection, rules, sources, targets)
    every_chain = [score(nodes, hops) for length in range(1, max_hops + 1)
                   for nodes, hops in walk.paths_of_length(sorted(sources), length, distance, None)]
    for chain in every_chain:
        assert chain.score <= score.ceiling(chain.hops, chain.hops) + ROUNDING
    whole = diverse(every_chain, k, lambda c: route(c, anchors, False),
                    ends_of=(lambda c: (c.ids[0], c.ids[-1])) if distinct_ends else None)
    assert [c.ids for c in found.chains] == [c.ids for c in whole.chains]
    assert found.complete
    store.close()
