"""Every entity's hops, strongest first, and the walkable ones, ordered with array sorts.

A graph of a million relations has two million hops; sorting each entity's hops
with a Python key function costs seconds, one `lexsort` over all of them a
fraction of that. The order is the projection's: strongest first, then by
neighbour id, then by relation id, then as the relations came (a relation from
an entity to itself gives its forward hop first).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from itertools import compress
from typing import NamedTuple, TypeVar

import numpy as np
from numpy.typing import NDArray

from tsunagari.graph.model import Relation

T = TypeVar("T")


class Hop(NamedTuple):
    """One way out of an entity: along `relation` to `neighbour`."""

    neighbour: str
    relation: Relation
    forward: bool
    weight: float


@dataclass
class HopTable:
    """Hops by entity (keyed in the order entities first appear in the relations)."""

    hops: dict[str, list[Hop]]
    walkable: dict[str, list[Hop]]
    walk_rows: list[list[str]]
    """Neighbours along the walkable hops of every entity, in the entities' order."""
    ends: NDArray[np.int64]
    """Positions (among the entities) of the source and target of every relation."""
    id_rank: NDArray[np.int64]
    """Position of every entity in id order."""


def hop_table(
    entity_ids: list[str], relations: list[Relation], weights: list[float], inert: NDArray[np.bool_]
) -> HopTable:
    """The ordered hops of every relation end; walkable ones never step onto an inert entity
    (a pure place, or what is not an actor)."""
    size = len(entity_ids)
    index = {entity_id: i for i, entity_id in enumerate(entity_ids)}
    ends = np.empty((len(relations), 2), dtype=np.int64)
    ends[:, 0] = list(map(index.__getitem__, [r.source for r in relations]))
    ends[:, 1] = list(map(index.__getitem__, [r.target for r in relations]))
    relation_at = np.arange(ends.size) // 2
    weight = np.asarray(weights, dtype=np.float64)[relation_at]
    neighbour = ends[:, ::-1].ravel()
    id_rank = _string_ranks(entity_ids)
    order = np.lexsort((id_rank[neighbour], -weight, ends.ravel()))
    _order_ties_by_relation_id(order, ends.ravel(), neighbour, weight, relations)
    owner, neighbour, relation_at = ends.ravel()[order], neighbour[order], relation_at[order]
    names = [entity_ids[i] for i in neighbour.tolist()]
    every = list(map(_new_hop, zip(names, [relations[i] for i in relation_at.tolist()],
                                   (order % 2 == 0).tolist(), weight[order].tolist(), strict=True)))
    walk = _first_of_each(owner * size + neighbour) & ~inert[neighbour]
    walk_list = walk.tolist()
    keyed = _first_appearance(ends.ravel())
    keys = [entity_ids[i] for i in keyed.tolist()]
    bounds, walk_bounds = _bounds(owner, size), _bounds(owner[walk], size)
    return HopTable(
        dict(zip(keys, _runs(every, bounds, keyed), strict=True)),
        dict(zip(keys, _runs(list(compress(every, walk_list)), walk_bounds, keyed), strict=True)),
        list(_runs(list(compress(names, walk_list)), walk_bounds, np.arange(size))),
        ends,
        id_rank,
    )


_new_hop = partial(tuple.__new__, Hop)
"""A Hop from a (neighbour, relation, forward, weight) tuple without a Python-level call."""


def _string_ranks(strings: list[str]) -> NDArray[np.int64]:
    """The position of every string in sorted order."""
    ranks = np.empty(len(strings), dtype=np.int64)
    ranks[sorted(range(len(strings)), key=strings.__getitem__)] = np.arange(len(strings))
    return ranks


def _order_ties_by_relation_id(
    order: NDArray[np.int64], owner: NDArray[np.int64], neighbour: NDArray[np.int64],
    weight: NDArray[np.float64], relations: list[Relation],
) -> None:
    """Reorder, in place, each run of hops alike in owner, neighbour and weight by relation id
    (runs are rare: parallel relations of one strength between the same two entities)."""
    keys = (owner[order], neighbour[order], weight[order])
    alike = np.logical_and.reduce([key[1:] == key[:-1] for key in keys])
    for start, end in _runs_of_true(alike):
        run = order[start:end + 1].tolist()
        order[start:end + 1] = sorted(run, key=lambda hop: (relations[hop // 2].id, hop))


def _runs_of_true(flags: NDArray[np.bool_]) -> list[tuple[int, int]]:
    """(first, last) position of every run of True."""
    edges = np.diff(np.concatenate([[0], flags.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist(),
                    strict=True))


def _first_of_each(keys: NDArray[np.int64]) -> NDArray[np.bool_]:
    """True at the first occurrence of every key."""
    first = np.zeros(keys.size, dtype=bool)
    first[np.unique(keys, return_index=True)[1]] = True
    return first


def _first_appearance(ends: NDArray[np.int64]) -> NDArray[np.int64]:
    """Entity positions in the order they first appear among the relation ends."""
    values, at = np.unique(ends, return_index=True)
    return values[np.argsort(at, kind="stable")]


def _bounds(owners: NDArray[np.int64], size: int) -> NDArray[np.int64]:
    """Start of every entity's run in owner-sorted order, plus the end."""
    return np.searchsorted(owners, np.arange(size + 1))


def _runs(items: list[T], bounds: NDArray[np.int64], owners: NDArray[np.int64]) -> Iterator[list[T]]:
    """The run of items of each owner, in the owners' order."""
    return map(items.__getitem__, map(slice, bounds[owners].tolist(), bounds[owners + 1].tolist()))
