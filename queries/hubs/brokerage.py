"""Gould-Fernandez brokerage roles of every actor, counted in arrays.

For every a -> v -> b along the flows with no a -> b flow, v brokers, in a role
set by the sides (countries) of a, v and b. An actor with at most `exact_pairs`
(predecessor, successor) pairs has every pair counted; above that, a fixed
sample of `exact_pairs` pairs is counted and scaled up. Pairs are walked
predecessor by predecessor, both in id order, and an actor's roles are listed
in the order its pairs first meet them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from tsunagari.queries.hubs.actor_graph import ActorGraph

ROLES = ("coordinator", "gatekeeper", "representative", "itinerant", "liaison")
CHUNK_PAIRS = 4_000_000
"""Pairs held in memory at once."""


@dataclass
class Brokerage:
    """Role counts of every actor (one row per actor, one column per role in ROLES)."""

    counts: NDArray[np.int64]
    first: NDArray[np.int64]
    """Where each role was first met among the actor's pairs (for the order roles are listed in)."""

    def total(self) -> NDArray[np.int64]:
        return self.counts.sum(axis=1)

    def roles(self, at: int) -> dict[str, int]:
        """The roles of the actor at a position, in the order they were first met."""
        met = sorted((int(self.first[at, r]), r) for r in range(len(ROLES)) if self.counts[at, r])
        return {ROLES[r]: int(self.counts[at, r]) for _, r in met}


def brokerage(graph: ActorGraph, side: NDArray[np.int64], exact_pairs: int) -> Brokerage:
    """Roles of every actor; `side` codes each actor's side (country)."""
    size = len(graph.actors)
    before, after = graph.predecessors.lengths(), graph.successors.lengths()
    pairs = before * after
    counts = np.zeros(size * len(ROLES), dtype=np.int64)
    first = np.full(size * len(ROLES), np.iinfo(np.int64).max, dtype=np.int64)
    flows = _flow_keys(graph)
    exact = np.flatnonzero((pairs > 0) & (pairs <= exact_pairs))
    for chunk in _chunks(exact, pairs[exact]):
        v, a, b = _every_pair(graph, chunk, before[chunk], after[chunk])
        _count(v, a, b, side, flows, counts, first)
    sampled = np.flatnonzero(pairs > exact_pairs)
    if sampled.size:
        v, a, b = _sampled_pairs(graph, sampled, before[sampled], after[sampled], exact_pairs)
        scaled = np.zeros_like(counts)
        _count(v, a, b, side, flows, scaled, first)
        weight = np.repeat(pairs / exact_pairs, len(ROLES))
        counts += np.rint(scaled * weight).astype(np.int64)
    return Brokerage(counts.reshape(size, len(ROLES)), first.reshape(size, len(ROLES)))


def _flow_keys(graph: ActorGraph) -> NDArray[np.int64]:
    """Every flow a -> b as the sorted key a * size + b."""
    successors = graph.successors
    sources = np.repeat(np.arange(len(graph.actors)), successors.lengths())
    return np.sort(sources * len(graph.actors) + successors.indices)


def _chunks(actors: NDArray[np.int64], pairs: NDArray[np.int64]) -> list[NDArray[np.int64]]:
    """The actors split so that no part holds many more than CHUNK_PAIRS pairs."""
    part = np.cumsum(pairs) // CHUNK_PAIRS
    return np.split(actors, np.flatnonzero(np.diff(part)) + 1) if actors.size else []


def _every_pair(
    graph: ActorGraph, actors: NDArray[np.int64], before: NDArray[np.int64],
    after: NDArray[np.int64],
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """(v, a, b) for every predecessor a and successor b of each actor v, a-major."""
    counts = before * after
    v = np.repeat(actors, counts)
    step = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    width = np.repeat(after, counts)
    a = graph.predecessors.indices[graph.predecessors.indptr[v] + step // width]
    b = graph.successors.indices[graph.successors.indptr[v] + step % width]
    return v, a, b


def _sampled_pairs(
    graph: ActorGraph, actors: NDArray[np.int64], before: NDArray[np.int64],
    after: NDArray[np.int64], per_actor: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """`per_actor` (v, a, b) drawn with replacement for each actor v (a fixed seed)."""
    rng = np.random.default_rng(7)
    v = np.repeat(actors, per_actor)
    a = graph.predecessors.indices[
        graph.predecessors.indptr[v] + rng.integers(0, np.repeat(before, per_actor))]
    b = graph.successors.indices[
        graph.successors.indptr[v] + rng.integers(0, np.repeat(after, per_actor))]
    return v, a, b


def _count(
    v: NDArray[np.int64], a: NDArray[np.int64], b: NDArray[np.int64], side: NDArray[np.int64],
    flows: NDArray[np.int64], counts: NDArray[np.int64], first: NDArray[np.int64],
) -> None:
    """Add the roles of the brokered pairs (no a -> b flow) to counts and first."""
    keys = a * len(side) + b
    found = np.searchsorted(flows, keys)
    tied = (found < flows.size) & (flows[np.minimum(found, flows.size - 1)] == keys)
    keep = (a != b) & ~tied
    at = np.flatnonzero(keep)
    slot = v[at] * len(ROLES) + _role(side[a[at]], side[v[at]], side[b[at]])
    counts += np.bincount(slot, minlength=counts.size)
    np.minimum.at(first, slot, at)


def _role(sa: NDArray[np.int64], sv: NDArray[np.int64], sb: NDArray[np.int64]) -> NDArray[np.int64]:
    """The role index (in ROLES) of v in a -> v -> b, by the sides of the three."""
    return np.select(
        [(sa == sv) & (sv == sb), sa == sb, sv == sb, sa == sv], [0, 3, 1, 2], default=4
    ).astype(np.int64)
