"""The API under concurrent clients on loopback: one server process, the load generator in
another (benchmarks/loadgen.py), each figure beside the trivial `/healthz` endpoint."""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench_table import Row

from tsunagari.graph.model import Contribution

HERE = Path(__file__).resolve().parent
SEARCH_CLIENTS = 32
CONNECT_CLIENTS = 4
"""Connect is measured for latency: a few clients, so the figure is the query, not the queue."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def serve(data_dir: Path, port: int, backend: str = "networkx",
          neo4j_uri: str = "") -> subprocess.Popen[bytes]:
    """`tsunagari serve` in a process of its own, once it answers /healthz."""
    env = {**os.environ, "TSUNAGARI_DATA_DIR": str(data_dir), "TSUNAGARI_BACKEND": backend}
    if neo4j_uri:
        env["TSUNAGARI_NEO4J_URI"] = neo4j_uri
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "tsunagari"), "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):
                return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise RuntimeError("the API did not start")


def drive(port: int, specs: list[dict[str, Any]], clients: int, seconds: float) -> dict:
    """The load generator's figures for these requests from this many clients."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as requests:
        requests.write("\n".join(json.dumps(s) for s in specs))
    try:
        done = subprocess.run(
            [sys.executable, str(HERE / "loadgen.py"), "--base-url", f"http://127.0.0.1:{port}",
             "--clients", str(clients), "--duration", str(seconds), "--requests", requests.name],
            check=True, capture_output=True, text=True)
    finally:
        os.unlink(requests.name)
    result: dict = json.loads(done.stdout)
    return result


def warm(port: int, paths: list[str]) -> None:
    for path in paths:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=600):
            pass


def api_rows(data_dir: Path, network: Contribution, size: int, seconds: float,
             seed: int) -> list[Row]:
    """Throughput and latency of /v1/search and /v1/connect against the embedded store."""
    rng = random.Random(seed)
    names = [e.name_en for e in rng.sample(network.entities, 200)]
    search = [{"kind": "search", "path": f"/v1/search?q={quote(n)}"} for n in names]
    origins = [e.id for e in network.entities if e.country == "JP" and e.type.value == "Firm"]
    parks = [e.id for e in network.entities if e.type.value == "IndustrialPark"]
    connects = [{"kind": "connect", "path": f"/v1/connect?from={rng.choice(origins)}"
                 f"&to={rng.choice(parks)}"} for _ in range(200)]
    health = [{"kind": "healthz", "path": "/healthz"}]
    port = free_port()
    server = serve(data_dir, port)
    try:
        warm(port, ["/v1/search?q=JETRO", connects[0]["path"]])  # type: ignore[list-item]
        base = drive(port, health, SEARCH_CLIENTS, seconds)
        found = drive(port, search, SEARCH_CLIENTS, seconds)
        base_few = drive(port, health, CONNECT_CLIENTS, seconds)
        chains = drive(port, connects, CONNECT_CLIENTS, seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    search_target = "2,000 req/s, p99 10 ms" if size == 100_000 else ""
    connect_target = "p50 20 / p99 100 ms" if size == 100_000 else ""
    return [
        Row(f"API /v1/search, {SEARCH_CLIENTS} clients (req/s)", size, "networkx",
            found["throughput_rps"], base["throughput_rps"], "/healthz", search_target, "rate",
            errors(found)),
        *_latency(f"API /v1/search, {SEARCH_CLIENTS} clients", size, found, base, ""),
        *_latency(f"API /v1/connect, {CONNECT_CLIENTS} clients", size, chains, base_few,
                  connect_target),
    ]


def errors(result: dict) -> str:
    return f"{result['requests']:,} requests, {result['errors']['total']} errors"


def _latency(name: str, size: int, result: dict, base: dict, target: str) -> list[Row]:
    ours, theirs = result["latency_ms"], base["latency_ms"]
    return [Row(f"{name} p{p} (ms)", size, "networkx", ours[f"p{p}"], theirs[f"p{p}"], "/healthz",
                target, "ms", errors(result) if p == 50 else "") for p in (50, 99)]
