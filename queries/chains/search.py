"""Referral chains: bounded, scored, diverse paths between two sets of entities.

The search deepens one hop at a time (shorter chains are found first), prunes
every step that could not reach a target within the hop limit (a breadth-first
distance from the targets), never walks through a pure place, an origin or a
target, and stops at a time budget. It stops deepening once no longer chain could
score high enough to change the chains picked (best first: the answer is the one
of the whole search). Chains are then scored and picked so that
they differ in their connectors.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray

from tsunagari.graph.referral_model import Outcomes
from tsunagari.graph.store import NativePaths
from tsunagari.queries.chains.chain import Chain, RelationFilter
from tsunagari.queries.chains.explain import spell_out
from tsunagari.queries.chains.scoring import (
    ROUNDING,
    Candidate,
    Choice,
    Scorer,
    diverse,
    route,
)
from tsunagari.queries.projection import Distances, Hop, Projection, Reach

DistanceMap: TypeAlias = dict[str, int] | Distances
"""Hops by entity id: a dict from the plain search, arrays from the compact one."""

MAX_CANDIDATES = 2_000
"""Chains scored per query at the most (the shortest are always among them). Since the
search stops deepening once the pick is settled, seed questions stay far below it (at most
137 over 400 random pairs at six hops); at 100,000 entities 2,000 gave the same answers as
5,000 on 300 questions."""

NATIVE_PATHS_LIMIT = 300
"""A store walking natively enumerates paths itself only when at most this many entities
lie on the way (beyond, the database matches the list rather than walks)."""

VECTOR_MIN_DEGREE = 64
"""Entities with more hops than this have them sifted with array operations."""

@dataclass
class SearchResult:
    """Chains found, and whether the search ran to the end within its budget."""

    chains: list[Chain]
    complete: bool = True
    candidates: int = 0


def find_chains(
    projection: Projection,
    sources: dict[str, float],
    targets: dict[str, float],
    *,
    k: int = 5,
    max_hops: int = 4,
    relation_filter: RelationFilter | None = None,
    anchors: frozenset[str] = frozenset(),
    interchangeable_targets: bool = False,
    distinct_ends: bool = False,
    budget_seconds: float | None = None,
    native: NativePaths | None = None,
    outcomes: Outcomes | None = None,
) -> SearchResult:
    """The k best diverse chains from any source to any target.

    `sources` and `targets` map each start and end entity to how well it fits
    the origin or the destination (0-1]; `anchors` are the ends' own entities,
    left out when comparing connectors, and so is the last entity when the
    targets are interchangeable (all the things in a destination place). With
    `distinct_ends`, chains that start or end elsewhere come before variants of a chosen
    chain's middle. `outcomes` raise routes along which referrals helped (`route_boost`).
    """
    rules = relation_filter or RelationFilter()
    deadline = time.monotonic() + budget_seconds if budget_seconds else None
    walk = Walk(projection, rules, set(sources), set(targets))
    if not walk.ends_meet(max_hops):
        return SearchResult([], True, 0)
    distance = walk.distances_to_targets(max_hops)
    reachable = sorted((s for s in sources if distance.get(s, max_hops + 1) <= max_hops),
                       key=lambda s: (-sources[s], s))
    shortest = min((distance.get(s, max_hops + 1) for s in reachable), default=max_hops + 1)
    score = Scorer(projection, rules, sources, targets, outcomes)

    def choose(candidates: list[Candidate]) -> Choice:
        return diverse(candidates, k, lambda c: route(c, anchors, interchangeable_targets),
                       ends_of=(lambda c: (c.ids[0], c.ids[-1])) if distinct_ends else None)

    found: list[Candidate] = []
    complete = True
    for length in range(max(1, shortest), max_hops + 1):
        if found and score.ceiling(length, max_hops) + ROUNDING < choose(found).settled_below:
            break
        if found and deadline and time.monotonic() > deadline:
            complete = False
            break
        try:
            if native is None:
                paths = walk.paths_of_length(reachable, length, distance, deadline)
            else:
                paths = walk.native_paths(native, reachable, length, distance, rules,
                                          MAX_CANDIDATES - len(found), deadline)
            for nodes, hops in paths:
                found.append(score(nodes, hops))
                if len(found) >= MAX_CANDIDATES:
                    break
        except TimeoutError:
            complete = False
            break
        if len(found) >= MAX_CANDIDATES:
            complete = False
            break
    chains = [spell_out(projection, c, rules.today) for c in choose(found).chains]
    if outcomes:
        for chain in chains:
            tally = outcomes.along(chain.ids)
            chain.referrals = tally if tally.referrals else None
    return SearchResult(chains, complete, len(found))



def member_to_member(entering: Hop, leaving: Hop) -> bool:
    """Whether two hops cross a body from one of its members to another: membership of a
    council is not a referral route (a council is crossed through what it does: its
    secretariat, desks and projects)."""
    return (entering.forward and not leaving.forward
            and entering.relation.type == leaving.relation.type == "MEMBER_OF")


class Walk:
    """Walking rules of one query: which hops are allowed from an entity."""

    def __init__(
        self, projection: Projection, rules: RelationFilter, sources: set[str], targets: set[str]
    ) -> None:
        self.projection = projection
        self.rules = rules
        self.sources = sources
        self.targets = targets
        self.unfiltered = rules.walks_everything and projection.reach is not None
        self._cache: dict[str, list[Hop]] = {}
        self._useful: dict[tuple[str, int], list[Hop]] = {}
        self._blocked: NDArray[np.bool_] | None = None

    def hops(self, entity_id: str) -> list[Hop]:
        """Allowed hops, the strongest one per neighbour, strongest first."""
        if self.unfiltered:
            return self.projection.walkable.get(entity_id, [])
        cached = self._cache.get(entity_id)
        if cached is not None:
            return cached
        seen: set[str] = set()
        allowed = []
        for hop in self.projection.hops_of(entity_id):
            if hop.neighbour in seen or not self.rules.allows(hop.relation):
                continue
            neighbour = self.projection.entities.get(hop.neighbour)
            if neighbour is None or not neighbour.in_chains:
                continue
            seen.add(hop.neighbour)
            allowed.append(hop)
        self._cache[entity_id] = allowed
        return allowed

    def passable(self, entity_id: str) -> bool:
        """Whether a chain may walk through the entity (not an end of the query)."""
        return entity_id not in self.sources and entity_id not in self.targets

    def blocked(self, reach: Reach) -> NDArray[np.bool_]:
        if self._blocked is None:
            self._blocked = reach.blocked(self.sources | self.targets)
        return self._blocked

    def ends_meet(self, max_hops: int) -> bool:
        """Whether a source and a target are within max_hops (False ends the search early)."""
        reach = self.projection.reach
        if not self.unfiltered or reach is None:
            return True
        return reach.meet_within(self.sources, self.targets, self.blocked(reach), max_hops)

    def distances_to_targets(self, max_hops: int) -> DistanceMap:
        """Hops from every entity within max_hops to the nearest target."""
        return self.distances_from(self.targets, max_hops)

    def distances_from(self, origins: Iterable[str], max_hops: int) -> DistanceMap:
        """Hops from the nearest origin to every entity within max_hops (through passable ones)."""
        reach = self.projection.reach
        if self.unfiltered and reach is not None:
            return reach.distances(origins, self.blocked(reach), max_hops)
        distance = {o: 0 for o in origins}
        queue = deque(distance)
        while queue:
            current = queue.popleft()
            if distance[current] >= max_hops:
                continue
            if distance[current] > 0 and not self.passable(current):
                continue
            for hop in self.hops(current):
                if hop.neighbour not in distance:
                    distance[hop.neighbour] = distance[current] + 1
                    queue.append(hop.neighbour)
        return distance

    def native_paths(
        self,
        native: NativePaths,
        starts: list[str],
        length: int,
        distance: DistanceMap,
        rules: RelationFilter,
        limit: int,
        deadline: float | None,
    ) -> Iterator[tuple[list[str], list[Hop]]]:
        """The store's own paths of exactly `length` hops, each on its strongest allowed hops.

        Where more than NATIVE_PATHS_LIMIT entities lie on the way, the same paths are
        enumerated on the projection instead (the database then spends its time matching
        the list, not walking)."""
        starts = [s for s in starts if s not in self.targets]
        if not starts:
            return
        timeout = max(0.001, deadline - time.monotonic()) if deadline else None
        on_the_way = self.on_the_way(starts, length)
        if len(on_the_way) > NATIVE_PATHS_LIMIT:
            yield from self.paths_of_length(starts, length, distance, deadline)
            return
        found = native.simple_paths(
            starts, sorted(self.targets), length, on_the_way, stage=rules.stage,
            entry_point=rules.entry_point, as_of=rules.as_of, limit=limit, timeout=timeout,
        )
        for ids in found:
            hops = [self.hop_between(a, b) for a, b in zip(ids, ids[1:], strict=False)]
            walked = [hop for hop in hops if hop is not None]
            if len(walked) == len(hops) and not any(map(member_to_member, walked, walked[1:])):
                yield ids, walked

    def on_the_way(self, starts: list[str], length: int) -> list[str]:
        """Every entity on some walk of at most `length` hops from a start to a target."""
        from_starts = self.distances_from(starts, length)
        to_targets = self.distances_to_targets(length)
        if isinstance(from_starts, Distances) and isinstance(to_targets, Distances):
            total = from_starts.values.astype(np.int32) + to_targets.values
            ids = self.projection.reach.ids if self.projection.reach else []
            return sorted(ids[i] for i in np.flatnonzero(total <= length))
        assert isinstance(from_starts, dict)
        return sorted(
            n for n in from_starts if from_starts[n] + to_targets.get(n, length + 1) <= length
        )

    def hop_between(self, a: str, b: str) -> Hop | None:
        """The strongest allowed hop from a to b."""
        return next((hop for hop in self.hops(a) if hop.neighbour == b), None)

    def paths_of_length(
        self, starts: list[str], length: int, distance: DistanceMap, deadline: float | None
    ) -> Iterator[tuple[list[str], list[Hop]]]:
        """Every simple path of exactly `length` hops from a start to a target."""
        useful = self._useful

        def options(entity_id: str, remaining: int) -> Iterator[Hop]:
            hops = useful.get((entity_id, remaining))
            if hops is None:
                hops = useful[entity_id, remaining] = self.useful_hops(
                    entity_id, remaining, distance)
            return iter(hops)

        expansions = 0
        for start in starts:
            if start in self.targets:
                continue
            nodes: list[str] = [start]
            hops: list[Hop] = []
            stack = [options(start, length)]
            while stack:
                hop = next(stack[-1], None)
                if hop is None:
                    stack.pop()
                    nodes.pop()
                    if hops:
                        hops.pop()
                    continue
                expansions += 1
                if deadline and expansions % 512 == 0 and time.monotonic() > deadline:
                    raise TimeoutError
                neighbour = hop.neighbour
                if neighbour in nodes or (hops and member_to_member(hops[-1], hop)):
                    continue
                depth = len(hops) + 1
                if depth == length:
                    yield [*nodes, neighbour], [*hops, hop]
                    continue
                nodes.append(neighbour)
                hops.append(hop)
                stack.append(options(neighbour, length - depth))

    def useful_hops(self, entity_id: str, remaining: int, distance: DistanceMap) -> list[Hop]:
        """Hops from the entity that can still end at a target in `remaining` hops."""
        hops = self.hops(entity_id)
        reach = self.projection.reach
        if len(hops) > VECTOR_MIN_DEGREE and isinstance(distance, Distances) and reach:
            row = reach.row(entity_id)
            if remaining == 1:
                keep = distance.values[row] == 0
            else:
                keep = (distance.values[row] < remaining) & ~self.blocked(reach)[row]
            return [hops[i] for i in np.flatnonzero(keep)]
        if remaining == 1:
            return [hop for hop in hops if hop.neighbour in self.targets]
        return [
            hop for hop in hops
            if distance.get(hop.neighbour, remaining) < remaining and self.passable(hop.neighbour)
        ]

