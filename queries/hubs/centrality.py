"""Betweenness, PageRank and Louvain communities of the actor graph.

Up to EXACT_BETWEENNESS_LIMIT actors (the seed graph among them) they are exact: igraph
computes betweenness from every source (in C: 0.1 s at 2,000 actors, where networkx took
6 s, with the same values to 1e-15 and the same rankings) and networkx PageRank and Louvain
communities; above, igraph computes all three, with betweenness estimated from a fixed
sample of sources. Betweenness is always put on networkx's normalised scale. Each is computed when first asked
for, so a question about one metric does not pay for another.
"""

from __future__ import annotations

import random
from functools import cached_property

import igraph as ig
import networkx as nx
import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import reverse_cuthill_mckee

from tsunagari.queries.hubs.actor_graph import ActorGraph

EXACT_BETWEENNESS_LIMIT = 5_000
"""Above this many actors, betweenness is estimated from a fixed sample of sources."""
BETWEENNESS_SAMPLE = 128
SOURCES_PER_CALL = 2
"""Sampled sources per igraph call. igraph keeps the interpreter's lock for a whole call,
so the sample is summed over short calls (a tenth of a second each at 100,000 entities)
between which the server's other threads answer requests."""


class Centrality:
    """Centralities of one actor graph, as arrays in the graph's actor order."""

    def __init__(self, graph: ActorGraph) -> None:
        self.graph = graph
        self.exact = len(graph.actors) <= EXACT_BETWEENNESS_LIMIT

    def betweenness(self) -> NDArray[np.float64]:
        size = len(self.graph.actors)
        graph, vertex = self._igraph
        if self.exact:
            raw = graph.betweenness(directed=False)
            return np.array(raw, dtype=np.float64)[vertex] * sampled_scale(size, size)
        sources = vertex[random.Random(7).sample(range(size), min(BETWEENNESS_SAMPLE, size))]
        raw = np.zeros(size, dtype=np.float64)
        for first in range(0, sources.size, SOURCES_PER_CALL):
            chunk = sources[first:first + SOURCES_PER_CALL].tolist()
            raw += np.array(graph.betweenness(directed=False, sources=chunk), dtype=np.float64)
        return raw[vertex] * sampled_scale(size, sources.size)

    def pagerank(self) -> NDArray[np.float64]:
        if self.exact:
            graph = self._networkx
            return self._by_actor(nx.pagerank(graph) if graph.number_of_edges() else {})
        graph, vertex = self._igraph
        return np.array(graph.pagerank(directed=False), dtype=np.float64)[vertex]

    def communities(self) -> NDArray[np.int64]:
        """The Louvain community of every actor (communities numbered from 0)."""
        if self.exact:
            community = np.empty(len(self.graph.actors), dtype=np.int64)
            if self.graph.actors:
                groups = nx.community.louvain_communities(self._by_name_order(), seed=7)
                for group, members in enumerate(groups):
                    community[self._name_order[sorted(members)]] = group
            return community
        graph, vertex = self._igraph
        ig.set_random_number_generator(random.Random(7))
        try:
            clusters = graph.community_multilevel()
        finally:
            ig.set_random_number_generator(random)
        return np.array(clusters.membership, dtype=np.int64)[vertex]

    def _by_actor(self, values: dict[str, float]) -> NDArray[np.float64]:
        return np.array([values.get(a, 0.0) for a in self.graph.actors], dtype=np.float64)

    @cached_property
    def _networkx(self) -> nx.Graph:
        graph = nx.Graph()
        graph.add_nodes_from(self.graph.actors)
        actors = self.graph.actors
        graph.add_edges_from((actors[a], actors[b]) for a, b in self.graph.ties.tolist())
        return graph

    @cached_property
    def _name_order(self) -> NDArray[np.int64]:
        """The actors' indices in the order of their ids."""
        actors = self.graph.actors
        return np.array(sorted(range(len(actors)), key=actors.__getitem__), dtype=np.int64)

    def _by_name_order(self) -> nx.Graph:
        """The actor graph with actors numbered in id order and edges added in that order.

        Louvain walks sets of nodes; sets of ids would be walked in the order of Python's
        string hashes, which changes with every process, and so would the communities.
        """
        rank = np.empty(len(self.graph.actors), dtype=np.int64)
        rank[self._name_order] = np.arange(rank.size)
        graph = nx.Graph()
        graph.add_nodes_from(range(rank.size))
        graph.add_edges_from(sorted(tuple(sorted(pair)) for pair in rank[self.graph.ties].tolist()))
        return graph

    @cached_property
    def _igraph(self) -> tuple[ig.Graph, NDArray[np.int64]]:
        """igraph's graph of the actors and the vertex of each actor.

        Vertices are numbered in reverse Cuthill-McKee order, so neighbours have
        nearby numbers and a breadth-first search touches nearby memory: the sampled
        betweenness takes half the time it takes with actors numbered as they come.
        """
        size = len(self.graph.actors)
        if size == 0:  # Cuthill-McKee has nothing to order
            return ig.Graph(), np.empty(0, dtype=np.int64)
        rows = self.graph.neighbours
        adjacency = csr_matrix((np.ones(rows.indices.size), rows.indices, rows.indptr),
                               shape=(size, size))
        vertex = np.empty(size, dtype=np.int64)
        vertex[reverse_cuthill_mckee(adjacency, symmetric_mode=True)] = np.arange(size)
        graph = ig.Graph(n=size, edges=vertex[self.graph.ties].tolist())
        graph.simplify(multiple=True, loops=False)
        return graph, vertex


def sampled_scale(size: int, sampled: int) -> float:
    """Factor from igraph's betweenness over sampled sources to networkx's normalised one.

    igraph counts a pair of actors once when either is a sampled source, which
    happens with probability `counted`; networkx normalises by (n-1)(n-2)/2 pairs.
    """
    if size <= 2 or sampled == 0:
        return 0.0
    counted = 1 - (size - sampled) * (size - sampled - 1) / (size * (size - 1))
    return 2 / ((size - 1) * (size - 2) * counted)
