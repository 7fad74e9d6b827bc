"""Scoring chains and picking a diverse few: shorter, stronger relations and evidence, more
specific connectors first; the k chosen differ in their connectors."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from tsunagari.graph.referral_model import MAX_BOOST, Outcomes, route_boost
from tsunagari.queries.chains.chain import RelationFilter
from tsunagari.queries.projection import Hop, Projection

MAX_STRICT_OVERLAP = 0.5
"""Chains sharing more than this share of connectors count as variants of each other."""

LENGTH_DECAY = 0.8
"""Each hop beyond the first multiplies a chain's score by this."""


def specificity(projection: Projection, entity_id: str) -> float:
    """Connectors with few ties are more specific than national hubs."""
    return 1.0 / (1.0 + 0.1 * math.log1p(projection.degree(entity_id)))


MOST_SPECIFIC_CONNECTOR = 1.0 / (1.0 + 0.1 * math.log1p(2))
"""`specificity` of a connector with the fewest ties it can have: one in, one out."""

ROUNDING = 1e-6
"""Scores are rounded to six places; a bound compared with them keeps this margin."""


@dataclass
class Candidate:
    """A chain found and scored, not yet spelled out."""

    score: float
    ids: list[str]
    path: list[Hop]

    @property
    def hops(self) -> int:
        return len(self.path)


class Scorer:
    """Shorter, stronger relations and evidence, more specific connectors: higher score.

    The per-hop quality (geometric mean) is decayed by length, so a strong
    two-hop chain can outrank a weak direct tie.
    """

    def __init__(self, projection: Projection, rules: RelationFilter,
                 sources: dict[str, float], targets: dict[str, float],
                 outcomes: Outcomes | None = None) -> None:
        self.projection = projection
        self.outcomes = outcomes
        self.rules = rules
        self.sources = sources
        self.targets = targets
        self._specificity: dict[str, float] = {}

    def __call__(self, nodes: list[str], hops: list[Hop]) -> Candidate:
        quality = self.sources[nodes[0]] * self.targets[nodes[-1]]
        fit = self.rules.fit
        for hop in hops:
            quality *= hop.weight * fit(hop.relation)
        known = self._specificity
        for middle in nodes[1:-1]:
            factor = known.get(middle)
            if factor is None:
                factor = known[middle] = specificity(self.projection, middle)
            quality *= factor
        per_hop = quality ** (1.0 / len(hops))
        score = per_hop * LENGTH_DECAY ** (len(hops) - 1)
        if self.outcomes and self.outcomes.boost:
            score *= route_boost(self.outcomes.along(nodes))
        return Candidate(round(score, 6), nodes, hops)

    def ceiling(self, shortest: int, longest: int) -> float:
        """The highest score a chain of `shortest` to `longest` hops could reach: its ends
        fitting best, every relation at full weight, every connector as specific as can be."""
        ends = max(self.sources.values()) * max(self.targets.values())
        boost = 1.0 + MAX_BOOST if self.outcomes and self.outcomes.boost else 1.0
        return boost * max(
            (ends * MOST_SPECIFIC_CONNECTOR ** (hops - 1)) ** (1.0 / hops)
            * LENGTH_DECAY ** (hops - 1)
            for hops in range(shortest, longest + 1))


def route(chain: Candidate, anchors: frozenset[str], interchangeable_targets: bool) -> frozenset[str]:
    """The connectors that make a chain's route."""
    ids = chain.ids[:-1] if interchangeable_targets else chain.ids
    return frozenset(ids) - anchors


@dataclass
class Choice:
    """The chains picked, and the score below which a chain longer than all of them could
    not change the pick (infinity when no such chain could, 0 when any could)."""

    chains: list[Candidate]
    settled_below: float


def diverse(
    chains: list[Candidate], k: int, route_of: Callable[[Candidate], frozenset[str]],
    ends_of: Callable[[Candidate], tuple[str, str]] | None = None,
) -> Choice:
    """Pick k chains, best first, that are not variants of each other.

    The best of the shortest chains is always picked. Then, with `ends_of`, the best chain
    of every other pair of ends (first contact and receiver); then chains whose routes
    differ enough; when too few do, variants fill the rest (never a chain through the same
    entities as a chosen one).
    """
    ranked = sorted(chains, key=lambda c: (-c.score, c.ids))
    if not ranked:
        return Choice([], 0.0)
    shortest = min(ranked, key=lambda c: (c.hops, -c.score, c.ids))
    chosen: list[Candidate] = [shortest]
    routes: list[frozenset[str]] = [route_of(shortest)]
    if ends_of is not None:
        pairs = {ends_of(shortest)}
        for chain in ranked:
            if len(chosen) >= k:
                break
            if ends_of(chain) not in pairs:
                pairs.add(ends_of(chain))
                chosen.append(chain)
                routes.append(route_of(chain))
        settled_below = _settled_below(chosen, k)
    for chain in ranked:
        if len(chosen) >= k:
            break
        route = route_of(chain)
        if chain is shortest or route in routes:
            continue
        if all(overlap(route, r) <= MAX_STRICT_OVERLAP for r in routes):
            chosen.append(chain)
            routes.append(route)
    if ends_of is None:
        settled_below = _settled_below(chosen, k)
    for chain in ranked:
        if len(chosen) >= k:
            break
        if all(set(chain.ids) != set(c.ids) for c in chosen):
            chosen.append(chain)
    return Choice(sorted(chosen, key=lambda c: (-c.score, c.ids)), settled_below)


def _settled_below(chosen: list[Candidate], k: int) -> float:
    """After the first pass that may pick any chain: when it filled the k places, it looked
    at no chain scoring below its last pick, so no such chain can change the choice."""
    if len(chosen) < k:
        return 0.0
    return chosen[-1].score if len(chosen) > 1 else math.inf


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of connectors two routes have in common (Jaccard; 0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
