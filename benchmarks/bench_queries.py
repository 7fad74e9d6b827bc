"""Query latency at scale: connect, paths and the hub metrics, each beside a baseline.

The baseline of a chain query is networkx's bidirectional shortest path between
the same two entities on the same graph (pure places left out, as chains never
step onto them): one path, no scoring, no evidence. The baseline of the hub build
is networkx PageRank alone on the actor graph.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable
from functools import partial

import networkx as nx
import numpy as np
from bench_table import Row

from tsunagari.graph.model import Contribution, Entity
from tsunagari.graph.store import GraphStore
from tsunagari.graph.vocabulary import EntityType
from tsunagari.queries.cache import VersionedCache
from tsunagari.queries.chains import connect, paths
from tsunagari.queries.hubs import hubs
from tsunagari.queries.projection import PROJECTION

NO_PATH_SHARE = 0.1
"""Share of the pairs whose destination nobody is tied to (the answer must be empty)."""
WARM_UP = 10
TARGETS = {
    ("connect", "networkx"): {10_000: "2 / 10 ms", 100_000: "15 / 50 ms", 1_000_000: "50 / 250 ms"},
    ("connect", "neo4j"): {10_000: "5 / 20 ms", 100_000: "10 / 50 ms", 1_000_000: "30 / 150 ms"},
}
HUB_TARGETS = {100_000: "<= 10 s", 1_000_000: "<= 120 s"}
ORIGIN_TYPES = {EntityType.MUNICIPALITY, EntityType.FIRM, EntityType.NPO,
                EntityType.FINANCIAL_INSTITUTION, EntityType.SUPPORT_CENTER}
DESTINATION_TYPES = {EntityType.PLACE, EntityType.INDUSTRIAL_PARK, EntityType.FIRM,
                     EntityType.GOVERNMENT_AGENCY, EntityType.TRAINING_INSTITUTION}


def query_pairs(network: Contribution, count: int, seed: int) -> list[tuple[str, str]]:
    """Random (Japanese origin, Vietnamese or Thai destination) pairs, a tenth with no path.

    Each end's type is drawn first, then an entity of that type, so that the pairs
    mix firms, organisations and places rather than being almost all firms.
    """
    rng = random.Random(seed)
    origins = _by_type(e for e in network.entities if e.country == "JP" and e.type in ORIGIN_TYPES)
    destinations = _by_type(e for e in network.entities if e.country in ("VN", "TH")
                            and e.type in DESTINATION_TYPES and "-newcomer-" not in e.id)
    newcomers = [e.id for e in network.entities if "-newcomer-" in e.id]

    def draw(groups: dict[EntityType, list[str]]) -> str:
        return rng.choice(groups[rng.choice(sorted(groups))])

    unreachable = round(count * NO_PATH_SHARE)
    pairs = [(draw(origins), draw(destinations)) for _ in range(count - unreachable)]
    pairs += [(draw(origins), rng.choice(newcomers)) for _ in range(unreachable)]
    rng.shuffle(pairs)
    return pairs


def _by_type(entities: Iterable[Entity]) -> dict[EntityType, list[str]]:
    groups: dict[EntityType, list[str]] = {}
    for entity in entities:
        groups.setdefault(entity.type, []).append(entity.id)
    return groups


def walk_graph(network: Contribution) -> nx.Graph:
    """The graph chains walk, for the baseline: actors, relations in either direction."""
    actors = {e.id for e in network.entities if not e.is_pure_place}
    graph = nx.Graph()
    graph.add_nodes_from(actors)
    graph.add_edges_from((r.source, r.target) for r in network.relations
                         if r.source in actors and r.target in actors)
    return graph


def _latencies(run: Callable[[str, str], object], pairs: list[tuple[str, str]]) -> list[float]:
    found = []
    for origin, destination in pairs:
        started = time.perf_counter()
        run(origin, destination)
        found.append((time.perf_counter() - started) * 1000)
    return found


def _percentiles(values: list[float]) -> tuple[float, float, float]:
    p50, p95, p99 = np.percentile(values, [50, 95, 99])
    return float(p50), float(p95), float(p99)


def _shortest(graph: nx.Graph) -> Callable[[str, str], object]:
    def run(a: str, b: str) -> object:
        if a not in graph or b not in graph:
            return None
        try:
            return nx.bidirectional_shortest_path(graph, a, b)
        except nx.NetworkXNoPath:
            return None
    return run


def query_rows(
    store: GraphStore, network: Contribution, size: int, count: int, seed: int
) -> list[Row]:
    """connect, paths and hubs on one store, with their baselines."""
    backend = store.backend
    cache = VersionedCache(store)
    rows = [_timed_row("projection build (s)", size, backend,
                       lambda: cache.get(PROJECTION), "")]
    pairs = query_pairs(network, count, seed)
    graph = walk_graph(network)
    baseline = _latencies(_shortest(graph), pairs)
    answers: list[int] = []

    def ask(origin: str, destination: str, max_hops: int) -> None:
        found = connect(store, origin, destination, max_hops=max_hops, cache=cache)
        answers.append(len(found.chains))

    def between(origin: str, destination: str) -> None:
        paths(store, origin, destination, cache=cache)

    for origin, destination in pairs[:WARM_UP]:
        connect(store, origin, destination, cache=cache)
    for hops in (4, 6):
        answers.clear()
        measured = _latencies(partial(ask, max_hops=hops), pairs)
        empty = sum(1 for a in answers if a == 0)
        rows += _latency_rows(f"connect, max_hops {hops},", size, backend, measured, baseline,
                              f"{len(pairs)} pairs, {empty} with no chain")
    rows += _latency_rows("paths", size, backend, _latencies(between, pairs), baseline, "")
    rows += _place_rows(store, network, size, cache)
    rows.append(_timed_row("hubs build, PageRank + betweenness (s)", size, backend,
                           partial(_hub_build, store),
                           HUB_TARGETS.get(size, ""),
                           baseline=lambda: nx.pagerank(graph), baseline_name="nx PageRank"))
    return rows


def _hub_build(store: GraphStore) -> None:
    """PageRank and betweenness from nothing (projection included), as after a graph change."""
    cache = VersionedCache(store)
    for metric in ("pagerank", "betweenness"):
        hubs(store, metric, cache=cache)


def _latency_rows(name: str, size: int, backend: str, measured: list[float],
                  baseline: list[float], note: str) -> list[Row]:
    ours, theirs = _percentiles(measured), _percentiles(baseline)
    target = TARGETS.get((name.split(",")[0], backend), {}).get(size, "")
    return [
        Row(f"{name} p{p} (ms)", size, backend, value, base, "nx shortest path",
            target if p != 95 else "", "ms", note if p == 50 else "")
        for p, value, base in zip((50, 95, 99), ours, theirs, strict=True)
    ]


def _place_rows(store: GraphStore, network: Contribution, size: int,
                cache: VersionedCache) -> list[Row]:
    """The heaviest questions: a whole prefecture to a whole province (thousands of ends)."""
    prefectures = [e.id for e in network.entities if e.id.startswith("pref-") and "-" not in
                   e.id[5:]]
    provinces = [e.id for e in network.entities if "-province-" in e.id and e.country != "JP"
                 and not e.id.endswith("-committee")]
    rng = random.Random(size)
    pairs = [(rng.choice(prefectures[:30]), rng.choice(provinces[:10])) for _ in range(20)]
    measured = _latencies(lambda a, b: connect(store, a, b, cache=cache), pairs)
    p50, _, p99 = _percentiles(measured)
    return [Row("connect prefecture -> province p50 / p99 (ms)", size, store.backend, p50,
                0.0, "", "", "ms", f"20 pairs; p99 {p99:,.0f} ms")]


def _timed_row(figure: str, size: int, backend: str, run: Callable[[], object], target: str,
               baseline: Callable[[], object] | None = None, baseline_name: str = "") -> Row:
    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    base = 0.0
    if baseline is not None:
        started = time.perf_counter()
        baseline()
        base = time.perf_counter() - started
    return Row(figure, size, backend, seconds, base, baseline_name, target, "s")
