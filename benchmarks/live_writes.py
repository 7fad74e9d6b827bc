"""Reads while the graph is written: eight readers (entity views, searches, connects) alone,
then with one staff edit every two seconds and every second, on a synthetic network.

    python benchmarks/live_writes.py [--sizes 50000,100000] [--stores networkx,neo4j]

Each figure stands beside the same readers without the writer, measured in the same run.
The edits go through the API (`PUT /v1/entities/{id}`, a staff alias on a firm), so each
changes the graph's version and the derived views follow it while the readers read. Rows
also give the writes' own latency (a write answers once its views are rebuilt) and the first
read after a write against the warm p99. A Neo4j is started from the project's jars unless
TSUNAGARI_NEO4J_URI names one.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_api import drive, errors, free_port, serve, warm  # noqa: E402
from bench_table import Row, print_table  # noqa: E402
from loadgen import percentiles  # noqa: E402
from scale import neo4j_store, neo4j_uri, wipe  # noqa: E402

from tsunagari.api.auth import Role, TokenStore  # noqa: E402
from tsunagari.api.settings import Settings  # noqa: E402
from tsunagari.graph.embedded import NetworkxStore  # noqa: E402
from tsunagari.graph.model import Contribution, Entity  # noqa: E402
from tsunagari.graph.store import GraphStore  # noqa: E402
from tsunagari.loaders.synth import synthesize  # noqa: E402

READERS = 8
INTERVALS = (2.0, 1.0)
CROWDS = (16, 64)
"""Clients of the concurrency rows (the reader mix alone), compared across the stores."""
TARGET_P99_MS = {"networkx": 50.0, "neo4j": 150.0}


def reader_mix(network: Contribution, seed: int) -> list[dict[str, Any]]:
    """Entity views, searches and connects, a third each."""
    rng = random.Random(seed)
    sample = rng.sample(network.entities, 200)
    firms = [e.id for e in network.entities if e.country == "JP" and e.type.value == "Firm"]
    parks = [e.id for e in network.entities if e.type.value == "IndustrialPark"]
    return [
        *({"kind": "entity", "path": f"/v1/entities/{e.id}"} for e in sample),
        *({"kind": "search", "path": f"/v1/search?q={quote(e.name_en)}"} for e in sample),
        *({"kind": "connect", "path": f"/v1/connect?from={rng.choice(firms)}&to={rng.choice(parks)}"}
          for _ in range(200)),
    ]


class Writer(threading.Thread):
    """One staff edit every `interval` seconds until stopped; notes each write's latency."""

    def __init__(self, port: int, token: str, firms: list[Entity], interval: float) -> None:
        super().__init__(daemon=True)
        self.port, self.token, self.firms, self.interval = port, token, firms, interval
        self.stop = threading.Event()
        self.latencies: list[float] = []
        self.first_reads: list[float] = []
        """Seconds of the search for the new alias right after each write answered."""
        self.warm_reads: list[float] = []
        """Seconds of the same search for a name known before, just before each write."""
        self.failures = 0
        self.stale = 0
        """Searches right after a write that did not find what it wrote."""

    def run(self) -> None:
        count = 0
        while not self.stop.wait(self.interval):
            count += 1
            firm = self.firms[count % len(self.firms)]
            body = {"type": firm.type.value, "name_ja": firm.name_ja, "name_en": firm.name_en,
                    "aliases": [f"bench alias {count}"], "country": firm.country,
                    "source": "benchmark edit"}
            request = urllib.request.Request(
                f"http://127.0.0.1:{self.port}/v1/entities/{firm.id}", method="PUT",
                data=json.dumps(body).encode(), headers={
                    "Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
            search = f"http://127.0.0.1:{self.port}/v1/search?q="
            try:
                self.warm_reads.append(_timed(urllib.request.Request(
                    search + quote(firm.name_en or firm.name_ja)))[0])
                self.latencies.append(_timed(request)[0])
                seconds, answer = _timed(urllib.request.Request(
                    search + quote(f"bench alias {count}")))
                self.first_reads.append(seconds)
                self.stale += firm.id not in {hit["id"] for hit in json.loads(answer)["results"]}
            except OSError:
                self.failures += 1


def _timed(request: urllib.request.Request) -> tuple[float, bytes]:
    """Seconds to the whole answer of the request, and the answer."""
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as answer:
        body = answer.read()
    return time.perf_counter() - started, body


def _ms(values: list[float], percentile: str) -> float:
    """A percentile of latencies in seconds, in milliseconds (0 when there are none)."""
    return percentiles(values).get(percentile, 0.0)


def live_rows(data_dir: Path, network: Contribution, size: int, backend: str, seconds: float,
              seed: int, uri: str = "") -> tuple[list[Row], dict[int, dict]]:
    """Readers alone and beside a writer, on a served store already holding the network; and
    the reader mix alone under each crowd of clients (its figures, by clients)."""
    token = TokenStore(Settings(data_dir=data_dir).tokens_path).create("bench-writer", Role.ADMIN)
    specs = reader_mix(network, seed)
    firms = [e for e in network.entities if e.type.value == "Firm"][:50]
    port = free_port()
    started = time.perf_counter()
    server = serve(data_dir, port, backend, uri)
    up = time.perf_counter() - started
    rows: list[Row] = []
    try:
        connect = str(specs[-1]["path"])
        first = _timed(urllib.request.Request(f"http://127.0.0.1:{port}{connect}"))[0] * 1000
        warm(port, [str(spec["path"]) for spec in specs[::100]])
        drive(port, specs, READERS, seconds / 2)  # the first pass of each path warms it
        alone = drive(port, specs, READERS, seconds)
        rows.append(Row("first connect after /healthz is up (ms)", size, backend, first,
                        _timed(urllib.request.Request(f"http://127.0.0.1:{port}{connect}"))[0] * 1000,
                        "the same connect, warm", "≤ 1,000 ms", "ms",
                        f"/healthz up {up:.1f} s after the start (views built before it)"))
        crowds = {clients: drive(port, specs, clients, seconds) for clients in CROWDS}
        for interval in INTERVALS:
            writer = Writer(port, token, firms, interval)
            writer.start()
            beside = drive(port, specs, READERS, seconds)
            writer.stop.set()
            writer.join(180)
            name = f"{READERS} readers, a write every {interval:g} s"
            rows += [
                Row(f"{name} (req/s)", size, backend, beside["throughput_rps"],
                    alone["throughput_rps"], "readers alone", "≥ 0.8× alone", "rate",
                    errors(beside)),
                Row(f"{name} p99 (ms)", size, backend, beside["latency_ms"]["p99"],
                    alone["latency_ms"]["p99"], "readers alone",
                    f"p99 ≤ {TARGET_P99_MS[backend]:g} ms", "ms",
                    f"{len(writer.latencies)} writes, {writer.failures} failed; write p50 "
                    f"{_ms(writer.latencies, 'p50'):,.0f} ms, p99 "
                    f"{_ms(writer.latencies, 'p99'):,.0f} ms"),
                Row(f"{name}: first search after each write p99 (ms)", size, backend,
                    _ms(writer.first_reads, 'p99'), _ms(writer.warm_reads, 'p99'),
                    "the same search of a known name", "≤ 3× warm p99", "ms",
                    f"{len(writer.first_reads) - writer.stale} of {len(writer.first_reads)} "
                    "found what was just written"),
            ]
    finally:
        server.terminate()
        server.wait(timeout=60)
    return rows, crowds


def crowd_rows(size: int, crowds: dict[str, dict[int, dict]]) -> list[Row]:
    """Neo4j beside the embedded store, the same reader mix under the same clients."""
    if not {"networkx", "neo4j"} <= crowds.keys():
        return []
    rows = []
    for clients in CROWDS:
        ours, theirs = crowds["neo4j"][clients], crowds["networkx"][clients]
        rows += [
            Row(f"reader mix, {clients} clients (req/s)", size, "neo4j", ours["throughput_rps"],
                theirs["throughput_rps"], "embedded store", "≥ 0.7× embedded" if clients == 16
                else "", "rate", errors(ours)),
            Row(f"reader mix, {clients} clients p99 (ms)", size, "neo4j",
                ours["latency_ms"]["p99"], theirs["latency_ms"]["p99"], "embedded store", "",
                "ms", ""),
        ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50000,100000")
    parser.add_argument("--stores", default="networkx,neo4j")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    stores = args.stores.split(",")
    rows: list[Row] = []
    with neo4j_uri("neo4j" in stores) as uri:
        for size in (int(s) for s in args.sizes.split(",") if s):
            network = synthesize(size, args.seed)
            crowds: dict[str, dict[int, dict]] = {}
            for backend in stores:
                with tempfile.TemporaryDirectory(prefix="tsunagari-live-") as scratch:
                    data_dir = Path(scratch)
                    store: GraphStore = (NetworkxStore(Settings(data_dir=data_dir).sqlite_path)
                                         if backend == "networkx" else neo4j_store(uri or ""))
                    if backend == "neo4j":
                        wipe(store)  # type: ignore[arg-type]
                    store.apply(network)
                    store.close()
                    measured, crowds[backend] = live_rows(data_dir, network, size, backend,
                                                          args.seconds, args.seed, uri or "")
                    print_table(measured, file=sys.stderr)
                    rows += measured
            rows += crowd_rows(size, crowds)
    print_table(rows)


if __name__ == "__main__":
    main()
