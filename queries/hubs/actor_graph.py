"""The graph hub metrics run on, in arrays: actors (pure places and non-actors left out)
and their ties.

Ties are undirected for centrality; support flows along them in a direction
(SUPPORTS from source to target, PARTNERS_WITH both ways), which brokerage
follows. Rows of neighbours, predecessors and successors list actors in id
order, so everything built from them is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress

import numpy as np
from numpy.typing import NDArray

from tsunagari.graph.vocabulary import Family, family_of
from tsunagari.queries.projection import Projection, distinct


@dataclass(frozen=True)
class Rows:
    """Compressed rows: the actors of row i are `indices[indptr[i]:indptr[i + 1]]`."""

    indptr: NDArray[np.int64]
    indices: NDArray[np.int64]

    @classmethod
    def of(cls, pairs: NDArray[np.int64], rank: NDArray[np.int64]) -> Rows:
        """The distinct (row, actor) pairs, each row's actors in id order (`rank`)."""
        size = len(rank)
        keys = distinct(pairs[:, 0] * size + rank[pairs[:, 1]])
        by_rank = np.argsort(rank)
        indptr = np.searchsorted(keys // size, np.arange(size + 1))
        return cls(indptr, by_rank[keys % size])

    def lengths(self) -> NDArray[np.int64]:
        return np.diff(self.indptr)

    def row(self, i: int) -> NDArray[np.int64]:
        return self.indices[self.indptr[i]:self.indptr[i + 1]]


@dataclass
class ActorGraph:
    """Actors, the distinct ties between them (first-seen order, as stated) and the flows."""

    actors: list[str]
    index: dict[str, int]
    rank: NDArray[np.int64]
    """Position of every actor in id order."""
    ties: NDArray[np.int64]
    """Distinct (source, target) pairs of actors, in the order relations state them."""
    neighbours: Rows
    successors: Rows
    predecessors: Rows

    @classmethod
    def of(cls, projection: Projection) -> ActorGraph:
        """The actors of a projection (every entity in chains: no pure place, no source or
        author) and their relations."""
        arrays = projection.arrays
        is_actor = ~arrays.inert
        actors = list(compress(projection.entities, is_actor.tolist()))
        between = is_actor[arrays.ends].all(axis=1)
        ends = (np.cumsum(is_actor) - 1)[arrays.ends[between]]
        kinds = {t: family_of(t) for t in set(arrays.types)}
        codes = {t: (f is Family.SUPPORTS) + 2 * (f is Family.PARTNERS_WITH) for t, f in kinds.items()}
        family = np.array(list(map(codes.__getitem__, arrays.types)), dtype=np.int64)[between]
        flows = np.concatenate([ends[family > 0], ends[family == 2][:, ::-1]])
        rank = np.argsort(np.argsort(arrays.id_rank[is_actor]))
        return cls(
            actors, {actor: i for i, actor in enumerate(actors)}, rank,
            _first_seen(ends, len(actors)),
            Rows.of(np.concatenate([ends, ends[:, ::-1]]), rank),
            Rows.of(flows, rank),
            Rows.of(flows[:, ::-1], rank),
        )

    def degree(self) -> NDArray[np.int64]:
        """Distinct neighbours, a tie of an actor to itself counted twice (as networkx does)."""
        looped = np.zeros(len(self.actors), dtype=np.int64)
        loops = self.ties[self.ties[:, 0] == self.ties[:, 1], 0]
        looped[loops] = 1
        return self.neighbours.lengths() + looped

    def neighbours_of(self, actor: str) -> list[str]:
        """The actor's neighbours, in id order."""
        at = self.index.get(actor)
        if at is None:
            return []
        return [self.actors[i] for i in self.neighbours.row(at).tolist()]


def _first_seen(pairs: NDArray[np.int64], size: int) -> NDArray[np.int64]:
    """The distinct pairs, in the order each first appears."""
    if not len(pairs):
        return pairs
    _, first = np.unique(pairs[:, 0] * size + pairs[:, 1], return_index=True)
    return pairs[np.sort(first)]
