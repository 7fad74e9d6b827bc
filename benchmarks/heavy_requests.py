"""Heavy requests without a token, against the embedded store: the whole graph view, eight
concurrent GraphML exports, and 32 concurrent connect clients.

    python benchmarks/heavy_requests.py [--size 20000] [--seed 1] [--connect-seconds 10]

A synthetic network (`tsunagari synth`) is loaded into a scratch data directory and served
by `tsunagari serve` in a process of its own (started with this interpreter, so PYTHONPATH
picks the code measured). The server's resident memory is sampled every 10 ms while each
request runs; the figures are its peak beside its size at rest. Settings in the environment
(TSUNAGARI_MAX_CONCURRENT_EXPORTS=8 ...) reach the server. Prints one line a figure.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import httpx
import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_api import free_port  # noqa: E402

from tsunagari.api.settings import Settings  # noqa: E402
from tsunagari.graph.embedded import NetworkxStore  # noqa: E402
from tsunagari.loaders.synth import synthesize  # noqa: E402

SERVE = "from tsunagari.api.cli.commands import main; main()"
EXPORTS = 8
T = TypeVar("T")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--views", type=int, default=3, help="whole views asked, one at a time")
    parser.add_argument("--connect-seconds", type=float, default=20.0, help="0: no connect")
    args = parser.parse_args()
    network = synthesize(args.size, args.seed)
    with tempfile.TemporaryDirectory(prefix="tsunagari-heavy-") as scratch:
        data_dir = Path(scratch)
        store = NetworkxStore(Settings(data_dir=data_dir).sqlite_path)
        store.apply(network)
        store.close()
        print(f"# {len(network.entities):,} entities, {len(network.relations):,} relations")
        with serving(data_dir) as (url, server):
            client = httpx.Client(base_url=url, timeout=600)
            client.get("/v1/search", params={"q": "JETRO"}).raise_for_status()
            rest = server.memory_info().rss
            print(f"server at rest: {rest / 2**20:.0f} MB")
            view_figures(client, server, rest, args.views)
            export_figures(url, server, rest)
            prefectures = [e.id for e in network.entities if e.type.value == "Municipality"
                           and e.id.startswith("pref-")]
            provinces = [e.id for e in network.entities if e.type.value == "Place"
                         and e.country in ("VN", "TH") and "province" in e.id]
            if args.connect_seconds:
                connect_figures(url, prefectures, provinces, args.connect_seconds)


@contextmanager
def serving(data_dir: Path) -> Iterator[tuple[str, psutil.Process]]:
    """`tsunagari serve` on a free port over the data directory, and its process."""
    port = free_port()
    env = {**os.environ, "TSUNAGARI_DATA_DIR": str(data_dir), "TSUNAGARI_BACKEND": "networkx"}
    process = subprocess.Popen([sys.executable, "-c", SERVE, "serve", "--port", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                httpx.get(f"{url}/healthz", timeout=5).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield url, psutil.Process(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)


def peak_memory(server: psutil.Process, work: Callable[[], T]) -> tuple[T, int]:
    """What `work()` returns, and the server's peak resident memory while it ran."""
    peak = [server.memory_info().rss]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.01):
            peak[0] = max(peak[0], server.memory_info().rss)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        result = work()
    finally:
        done.set()
        sampler.join()
    return result, max(peak[0], server.memory_info().rss)


def view_figures(client: httpx.Client, server: psutil.Process, rest: int, views: int) -> None:
    """Seconds, size and peak memory of the whole graph view, asked `views` times in turn."""
    def ask() -> list[tuple[float, httpx.Response]]:
        answers = []
        for _ in range(views):
            started = time.perf_counter()
            response = client.get("/v1/graph/view")
            answers.append((time.perf_counter() - started, response))
        return answers

    answers, peak = peak_memory(server, ask)
    seconds = [s for s, _ in answers]
    last = answers[-1][1]
    body = last.json() if last.status_code == 200 else {}
    print(f"whole view: status {last.status_code}, {len(last.content) / 2**20:.1f} MB, "
          f"{len(body.get('nodes', []))} nodes of {body.get('total', len(body.get('nodes', [])))}"
          f", seconds median {statistics.median(seconds):.2f} max {max(seconds):.2f}, "
          f"peak {peak / 2**20:.0f} MB ({peak / rest:.2f} x at rest)")


def export_figures(url: str, server: psutil.Process, rest: int) -> None:
    """Eight GraphML exports at once: their statuses, seconds and the server's peak memory."""
    results: list[tuple[int, float, int]] = []

    def export() -> None:
        started = time.perf_counter()
        size = 0
        with httpx.stream("GET", f"{url}/v1/graph", params={"format": "graphml"},
                          timeout=600) as response:
            for chunk in response.iter_bytes():
                size += len(chunk)
        results.append((response.status_code, time.perf_counter() - started, size))

    def all_at_once() -> None:
        threads = [threading.Thread(target=export) for _ in range(EXPORTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    _, peak = peak_memory(server, all_at_once)
    statuses = sorted(status for status, _, _ in results)
    served = [(s, n) for status, s, n in results if status == 200]
    seconds = sorted(s for s, _ in served)
    print(f"{EXPORTS} concurrent GraphML exports: statuses {statuses}, "
          f"{served[0][1] / 2**20 if served else 0:.1f} MB each, seconds of those served "
          f"median {statistics.median(seconds) if seconds else 0:.2f} "
          f"max {max(seconds, default=0):.2f}, peak {peak / 2**20:.0f} MB "
          f"({peak / rest:.2f} x at rest)")


def connect_figures(url: str, prefectures: list[str], provinces: list[str],
                    seconds: float) -> None:
    """32 clients asking for chains from a whole prefecture to a whole province (the heaviest
    questions, many of them stopped by the query budget) for `seconds`
    (benchmarks/loadgen.py): latency and statuses."""
    specs = [{"kind": "connect", "path": f"/v1/connect?from={o}&to={p}&max_hops=6"}
             for o, p in zip(prefectures, provinces, strict=False)]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as requests:
        requests.write("\n".join(json.dumps(s) for s in specs))
    try:
        done = subprocess.run(
            [sys.executable, str(HERE / "loadgen.py"), "--base-url", url, "--clients", "32",
             "--duration", str(seconds), "--requests", requests.name, "--timeout", "60"],
            check=True, capture_output=True, text=True)
    finally:
        os.unlink(requests.name)
    report = json.loads(done.stdout)
    latency = report["latency_ms"]
    print(f"32 connect clients (prefecture to province, max_hops 6), {seconds:.0f} s: "
          f"{report['requests']:,} requests, "
          f"errors {report['errors']}, latency ms p50 {latency['p50']:.0f} "
          f"p99 {latency['p99']:.0f} max {latency['max']:.0f}")


if __name__ == "__main__":
    main()
