"""National scale: synthetic networks in both stores, queried, ranked and served.

    python benchmarks/scale.py [--sizes 10000,100000] [--million] [--stores networkx,neo4j]

For each size, a synthetic network (`tsunagari synth`) is loaded into each store
and measured: load throughput (on Neo4j beside a plain driver's writes of the same network,
bare and with every property), `connect` and `paths` latency over random
origin-destination pairs (some with no path), the hub metrics build, and the API
under concurrent clients on loopback (load generator in a second process). Every
figure stands beside a baseline measured in the same run on the same data, so the
ratios hold on a noisy machine. Prints one table; the figures also go to
test-output/bench/scale.json. A Neo4j is started from the project's jars unless
TSUNAGARI_NEO4J_URI names one.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_api import api_rows  # noqa: E402
from bench_queries import query_rows  # noqa: E402
from bench_table import Row, print_table  # noqa: E402

from tsunagari.api.settings import Settings  # noqa: E402
from tsunagari.api.stores import neo4j_driver  # noqa: E402
from tsunagari.graph.embedded import NetworkxStore  # noqa: E402
from tsunagari.graph.model import Contribution, Entity, Relation  # noqa: E402
from tsunagari.graph.neo4j import Neo4jServer, Neo4jStore  # noqa: E402
from tsunagari.graph.neo4j.neo4j_store import entity_row, relation_row  # noqa: E402
from tsunagari.graph.store import GraphStore, StoreUnavailable  # noqa: E402
from tsunagari.loaders.synth import synthesize  # noqa: E402

OUT = ROOT / "test-output" / "bench"
BASELINE_SCHEMA = "CREATE CONSTRAINT bench_id IF NOT EXISTS FOR (n:BenchNode) REQUIRE n.id IS UNIQUE"
BASELINE_NODES = "UNWIND $rows AS row MERGE (n:BenchNode {id: row.id}) SET n.name = row.name"
BASELINE_TIES = (
    "UNWIND $rows AS row MATCH (a:BenchNode {id: row.source}) MATCH (b:BenchNode {id: row.target}) "
    "MERGE (a)-[:BENCH_TIE {id: row.id}]->(b)"
)
PAYLOAD_NODES = "UNWIND $rows AS row MERGE (n:BenchNode {id: row.id}) SET n += row.properties"
PAYLOAD_TIES = (
    "UNWIND $rows AS row MATCH (a:BenchNode {id: row.source}) MATCH (b:BenchNode {id: row.target}) "
    "MERGE (a)-[r:BENCH_TIE {id: row.id}]->(b) SET r += row.properties"
)
BASELINE_DROP = "DROP CONSTRAINT bench_id IF EXISTS"
"""The baseline load, as a plain driver would write the same network: a constraint on the id,
then the entities and the relations by `UNWIND … MERGE`, 10,000 rows a transaction, with no
evidence, documents or merged facts (benchmark only)."""
BATCH = 10_000
WIPE = (
    "MATCH ()-[r]->() WITH r LIMIT 50000 DELETE r RETURN count(*) AS done",
    "MATCH (n) WITH n LIMIT 50000 DELETE n RETURN count(*) AS done",
)
"""Relationships, then nodes, 50,000 a transaction until none is left: one transaction (or one
statement holding every node) runs out of the server's memory at a million entities."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--million", action="store_true", help="Also run 1,000,000 nodes.")
    parser.add_argument("--stores", default="networkx,neo4j")
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--api-seconds", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s] + ([1_000_000] if args.million else [])
    stores = args.stores.split(",")
    rows: list[Row] = []
    with neo4j_uri("neo4j" in stores) as uri:
        for size in sizes:
            started = time.perf_counter()
            network = synthesize(size, args.seed)
            print(f"# {size:,} nodes: {len(network.relations):,} relations, synthesized in "
                  f"{time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
            with tempfile.TemporaryDirectory(prefix="tsunagari-bench-") as scratch:
                data_dir = Path(scratch)
                if "networkx" in stores:
                    embedded = NetworkxStore(Settings(data_dir=data_dir).sqlite_path)
                    rows += _shown(load_rows(embedded, network, "networkx", size))
                    rows += _shown(query_rows(embedded, network, size, args.pairs, args.seed))
                    rows += _shown(api_rows(data_dir, network, size, args.api_seconds, args.seed))
                    embedded.close()
                if uri:
                    rows += _shown(neo4j_rows(uri, network, size, args))
    print_table(rows)
    OUT.mkdir(parents=True, exist_ok=True)
    machine = {"python": platform.python_version(), "machine": platform.machine(),
               "cpus": os.cpu_count(), "system": platform.platform()}
    (OUT / "scale.json").write_text(json.dumps(
        {"machine": machine, "rows": [row.__dict__ for row in rows]}, indent=1))


def neo4j_rows(uri: str, network: Contribution, size: int, args: argparse.Namespace) -> list[Row]:
    """Load and query figures on Neo4j; a load the server cannot hold is one row saying so."""
    graph = neo4j_store(uri)
    try:
        wipe(graph)
        try:
            rows = load_rows(graph, network, "neo4j", size)
        except StoreUnavailable as exc:
            return [Row("load (relations/s)", size, "neo4j", 0.0, 0.0, "", "", "rate",
                        f"not loaded: {exc}")]
        return rows + query_rows(graph, network, size, args.pairs, args.seed)
    finally:
        wipe(graph)
        graph.close()


def _shown(rows: list[Row]) -> list[Row]:
    """Print rows to stderr as soon as they are measured (a long run shows its progress)."""
    print_table(rows, file=sys.stderr)
    return rows


def load_rows(store: GraphStore, network: Contribution, backend: str, size: int) -> list[Row]:
    """Load throughput into the store, beside the baseline of the same relations bare, and on
    Neo4j beside the same properties written plainly (each after a small load of its own, so
    the server has planned its statements; the store's small load is staged on Neo4j, as the
    measured one is)."""
    relations = len(network.relations)
    warm_up = synthesize(2_000, seed=size)
    _baseline_load(store, warm_up)
    baseline = _baseline_load(store, network)
    payload = 0.0
    if isinstance(store, Neo4jStore):
        _baseline_load(store, warm_up, PAYLOAD)
        payload = _baseline_load(store, network, PAYLOAD)
    if isinstance(store, Neo4jStore):
        store.stage_above, stage_above = 0, store.stage_above
        store.apply(warm_up)
        store.stage_above = stage_above
    else:
        store.apply(warm_up)
    store.retract(warm_up.document.id)
    started = time.perf_counter()
    store.apply(network)
    seconds = time.perf_counter() - started
    target = {"networkx": ">= 250,000/s", "neo4j": ">= 50,000/s"}[backend] if size == 100_000 \
        else ""
    rows = [Row("load (relations/s)", size, backend, relations / seconds, relations / baseline,
                "bare edges" if backend == "networkx" else "plain UNWIND … MERGE", target, "rate")]
    if payload:
        rows.append(Row("load, beside the same properties (relations/s)", size, backend,
                        relations / seconds, relations / payload,
                        "plain UNWIND … MERGE of every property", "", "rate",
                        "what quotes, dates and names cost without facts, merge or one transaction"))
    return rows


@dataclass(frozen=True)
class PlainWrite:
    """How a plain driver writes a network: its two statements and the row of each element."""

    nodes: str
    ties: str
    node_row: Callable[[Entity], dict[str, Any]]
    tie_row: Callable[[Relation], dict[str, Any]]


BARE = PlainWrite(BASELINE_NODES, BASELINE_TIES,
                  lambda e: {"id": e.id, "name": e.display_name},
                  lambda r: {"id": r.id, "source": r.source, "target": r.target})
PAYLOAD = PlainWrite(PAYLOAD_NODES, PAYLOAD_TIES, entity_row, relation_row)


def _baseline_load(store: GraphStore, network: Contribution, plain: PlainWrite = BARE) -> float:
    """Seconds to write the same network with nothing else (no facts, merge or log): on Neo4j
    by `plain`'s statements, 10,000 rows a transaction; in memory as bare networkx edges."""
    if isinstance(store, Neo4jStore):
        nodes = [plain.node_row(e) for e in network.entities]
        rows = [plain.tie_row(r) for r in network.relations]
        with store.driver.session(database=store.database) as session:
            session.run(BASELINE_SCHEMA).consume()
            started = time.perf_counter()
            for statement, batch_of in ((plain.nodes, nodes), (plain.ties, rows)):
                for i in range(0, len(batch_of), BATCH):
                    session.execute_write(lambda tx, s=statement, b=batch_of[i:i + BATCH]:
                                          tx.run(s, rows=b).consume())
            seconds = time.perf_counter() - started
        wipe(store)
        with store.driver.session(database=store.database) as session:
            session.run(BASELINE_DROP).consume()
        return seconds
    edges = [(r.source, r.target, r.id) for r in network.relations]
    started = time.perf_counter()
    import networkx as nx

    nx.MultiDiGraph().add_edges_from(edges)
    return time.perf_counter() - started


@contextmanager
def neo4j_uri(wanted: bool) -> Iterator[str | None]:
    """The Bolt URI of the Neo4j to measure: the given one, or one started for the run."""
    if not wanted:
        yield None
        return
    given = os.environ.get("TSUNAGARI_NEO4J_URI")
    if given:
        yield given
        return
    server = Neo4jServer()
    server.start()
    try:
        yield server.uri
    finally:
        server.stop()


def neo4j_store(uri: str) -> Neo4jStore:
    settings = Settings(neo4j_uri=uri, neo4j_password=os.environ.get("TSUNAGARI_NEO4J_PASSWORD", ""))
    return Neo4jStore(neo4j_driver(settings), settings.neo4j_database)


def wipe(store: Neo4jStore) -> None:
    with store.driver.session(database=store.database) as session:
        for statement in WIPE:
            while session.run(statement).single(strict=True)["done"]:
                pass


if __name__ == "__main__":
    main()
