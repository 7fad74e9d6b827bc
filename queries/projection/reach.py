"""Breadth-first reach over a compact form of the walkable graph (CSR arrays).

Chains need, before they are enumerated, how far every entity is from the
targets (to prune) and whether the two ends meet at all within the hop limit
(to give up at once when they do not). On a graph of a million relations a
Python breadth-first search costs seconds; over sparse row arrays each level is
one vectorised step. Walkable means what a chain may step onto: every relation
in either direction, never onto a pure place or a non-actor.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

UNREACHED = np.iinfo(np.int16).max
"""Distance of an entity the search did not reach (beyond every hop limit)."""
SORT_SHARE = 16
"""New entities of a level are sorted out when fewer than 1/SORT_SHARE of all entities."""


class Distances:
    """Hops from the nearest start to every entity (UNREACHED where not reached)."""

    def __init__(self, values: NDArray[np.int16], index: dict[str, int]) -> None:
        self.values = values
        self._list: list[int] = values.tolist()
        self._index = index

    def get(self, entity_id: str, default: int) -> int:
        at = self._index.get(entity_id)
        return default if at is None else self._list[at]


class Reach:
    """The walkable graph as CSR arrays, with its entity index."""

    def __init__(self, ids: list[str], rows: list[list[str]]) -> None:
        """`rows[i]` lists the neighbours of `ids[i]`, in the order the caller walks them."""
        self.ids = ids
        self.index = {entity_id: i for i, entity_id in enumerate(ids)}
        lengths = np.fromiter((len(row) for row in rows), dtype=np.int64, count=len(rows))
        indptr = np.zeros(len(ids) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        index = self.index
        indices = np.fromiter((index[n] for row in rows for n in row), dtype=np.int64,
                              count=int(indptr[-1]))
        self.indptr, self.indices = indptr, indices

    def row(self, entity_id: str) -> NDArray[np.int64]:
        """Positions of the entity's neighbours, in walking order."""
        at = self.index[entity_id]
        return self.indices[self.indptr[at]:self.indptr[at + 1]]

    def positions(self, entity_ids: Iterable[str]) -> NDArray[np.int64]:
        return np.fromiter((self.index[e] for e in entity_ids if e in self.index), dtype=np.int64)

    def blocked(self, entity_ids: Iterable[str]) -> NDArray[np.bool_]:
        """A mask of entities a search may reach but not walk through."""
        mask = np.zeros(len(self.ids), dtype=bool)
        mask[self.positions(entity_ids)] = True
        return mask

    def _next_level(
        self, frontier: NDArray[np.int64], distance: NDArray[np.int16], blocked: NDArray[np.bool_],
        level: int,
    ) -> NDArray[np.int64]:
        """Entities first reached at `level` from the frontier (reached at level - 1)."""
        if level > 1:
            frontier = frontier[~blocked[frontier]]
        if frontier.size == 0:
            return frontier
        neighbours = self._neighbours(frontier)
        fresh = neighbours[distance[neighbours] == UNREACHED]
        if fresh.size * SORT_SHARE < distance.size:
            fresh = distinct(fresh)
            distance[fresh] = level
            return fresh
        distance[fresh] = level  # many: one pass over all entities is cheaper than a sort
        return np.flatnonzero(distance == level)

    def _neighbours(self, rows: NDArray[np.int64]) -> NDArray[np.int64]:
        """The neighbours of every row, concatenated (repeats kept)."""
        starts = self.indptr[rows]
        lengths = self.indptr[rows + 1] - starts
        total = int(lengths.sum())
        if total == 0:
            return np.empty(0, dtype=np.int64)
        offsets = np.cumsum(lengths) - lengths
        positions = np.arange(total, dtype=np.int64) + np.repeat(starts - offsets, lengths)
        return self.indices[positions]

    def distances(
        self, starts: Iterable[str], blocked: NDArray[np.bool_], max_hops: int
    ) -> Distances:
        """Hops from the nearest start, up to max_hops, never through a blocked entity."""
        distance = np.full(len(self.ids), UNREACHED, dtype=np.int16)
        frontier = self.positions(starts)
        distance[frontier] = 0
        for level in range(1, max_hops + 1):
            frontier = self._next_level(frontier, distance, blocked, level)
            if frontier.size == 0:
                break
        return Distances(distance, self.index)

    def meet_within(
        self, sources: Iterable[str], targets: Iterable[str], blocked: NDArray[np.bool_],
        max_hops: int,
    ) -> bool:
        """Whether some source reaches some target in at most max_hops.

        Both sides grow a level at a time, the smaller frontier first, so a side
        that is cut off ends the search as soon as its few neighbours are seen.
        """
        sides = [self.positions(sources), self.positions(targets)]
        if sides[0].size == 0 or sides[1].size == 0:
            return False
        seen = [np.full(len(self.ids), UNREACHED, dtype=np.int16) for _ in sides]
        for side, frontier in enumerate(sides):
            seen[side][frontier] = 0
        if np.any(seen[1][sides[0]] == 0):
            return True
        levels = [0, 0]
        for _ in range(max_hops):
            side = 0 if sides[0].size <= sides[1].size else 1
            levels[side] += 1
            sides[side] = self._next_level(sides[side], seen[side], blocked, levels[side])
            if sides[side].size == 0:
                return False
            if np.any(seen[1 - side][sides[side]] != UNREACHED):
                return True
        return False


def distinct(positions: NDArray[np.int64]) -> NDArray[np.int64]:
    """The integers sorted, each once (np.unique hashes: many times slower on integers)."""
    ordered = np.sort(positions)
    if ordered.size < 2:
        return ordered
    keep = np.empty(ordered.size, dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]
