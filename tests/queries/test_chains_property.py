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
from tsunagari.queries.chains import paths


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
