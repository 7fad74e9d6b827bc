"""A load generator: many keep-alive HTTP/1.1 clients, latency percentiles as JSON.

    python benchmarks/loadgen.py --base-url http://127.0.0.1:8000 --clients 64 \\
        --duration 60 --requests requests.jsonl [--max-requests N] [--processes P] [--check]

`requests.jsonl` holds one request spec a line::

    {"kind": "search", "method": "GET", "path": "/v1/search?q=JETRO", "weight": 3,
     "headers": {"Accept": "application/json"}, "body": null,
     "expect_contains": ["\\"id\\":\\"jetro\\""]}

Only `path` is required (`kind` defaults to the path, `method` to GET, `weight` to 1);
a `body` that is not a string is sent as JSON. Each client holds one connection (raw
asyncio streams, no HTTP library) and sends the next request, picked by weight, as soon
as the previous answer is read, until `--duration` seconds pass or `--max-requests` are
sent. `--processes` spreads the clients over that many processes. With `--check`, a
response whose body lacks any `expect_contains` string counts as a `mismatch` error.

SIGINT or SIGTERM (Ctrl-C) ends the run early: requests under way are finished and counted.

One JSON object goes to stdout: requests, errors (non-2xx by status, connection errors,
mismatches), throughput and latency (p50, p95, p99, max, in ms) overall and per kind.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PERCENTILES = (50, 95, 99)


@dataclass(frozen=True)
class Spec:
    """One kind of request, ready to send."""

    kind: str
    weight: float
    raw: bytes
    expect: tuple[bytes, ...]


@dataclass
class Tally:
    """What one process saw, by kind: latencies (s), and counts of requests and errors."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    started: float = 0.0
    ended: float = 0.0

    def add(self, kind: str, seconds: float | None, error: str | None) -> None:
        if seconds is not None:
            self.latencies.setdefault(kind, []).append(seconds)
        counts = self.counts.setdefault(kind, Counter())
        counts["requests"] += 1
        if error:
            counts[error] += 1

    def merge(self, other: Tally) -> None:
        for kind, values in other.latencies.items():
            self.latencies.setdefault(kind, []).extend(values)
        for kind, counts in other.counts.items():
            self.counts.setdefault(kind, Counter()).update(counts)
        self.started = min(self.started or other.started, other.started)
        self.ended = max(self.ended, other.ended)


def read_specs(path: Path, host: str) -> list[Spec]:
    """The request specs of a JSON Lines file, each as the bytes of its request."""
    specs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            specs.append(_spec(item, host))
        except (ValueError, KeyError, TypeError) as exc:
            raise SystemExit(f"{path}:{number}: not a request spec ({exc})") from None
    if not specs:
        raise SystemExit(f"{path}: no request specs")
    return specs


def _spec(item: dict[str, Any], host: str) -> Spec:
    body = item.get("body")
    payload = b"" if body is None else (
        body.encode() if isinstance(body, str) else json.dumps(body).encode()
    )
    headers = {"Host": host, "Connection": "keep-alive", **item.get("headers", {})}
    if body is not None:
        headers.setdefault("Content-Type", "application/json")
        headers["Content-Length"] = str(len(payload))
    head = f"{item.get('method', 'GET').upper()} {item['path']} HTTP/1.1\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
    expect = item.get("expect_contains", [])
    expect = [expect] if isinstance(expect, str) else expect
    weight = float(item.get("weight", 1))
    if weight <= 0:
        raise ValueError("weight must be positive")
    return Spec(item.get("kind", item["path"]), weight, head.encode() + payload,
                tuple(e.encode() for e in expect))


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """(status, body, keep-alive) of one HTTP/1.1 response."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip().lower()
    if headers.get("transfer-encoding") == "chunked":
        body = b""
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            body += (await reader.readexactly(size + 2))[:-2]
        await reader.readuntil(b"\r\n")
    else:
        body = await reader.readexactly(int(headers.get("content-length", "0")))
    return status, body, headers.get("connection") != "close"


class Client:
    """One connection, sending requests back to back until told to stop."""

    def __init__(self, host: str, port: int, timeout: float, check: bool) -> None:
        self.host, self.port, self.timeout, self.check = host, port, timeout, check
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def send(self, spec: Spec) -> tuple[float | None, str | None]:
        """(latency, error) of one request; the connection is reopened after a failure."""
        start = time.perf_counter()
        try:
            if self.streams is None:
                self.streams = await asyncio.wait_for(
                    asyncio.open_connection(self.host, self.port), self.timeout)
            reader, writer = self.streams
            writer.write(spec.raw)
            await writer.drain()
            status, body, keep_alive = await asyncio.wait_for(_read_response(reader), self.timeout)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError,
                TimeoutError):
            await self.close()
            return None, "connection"
        seconds = time.perf_counter() - start
        if not keep_alive:
            await self.close()
        if not 200 <= status < 300:
            return seconds, str(status)
        if self.check and not all(e in body for e in spec.expect):
            return seconds, "mismatch"
        return seconds, None

    async def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def _drive(
    url: str, specs: list[Spec], clients: int, duration: float, budget: int | None,
    timeout: float, check: bool, seed: int,
) -> Tally:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    tally, rng = Tally(started=time.time()), random.Random(seed)
    weights = [s.weight for s in specs]
    deadline = time.monotonic() + duration
    left = [budget if budget is not None else -1]
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(signum, stop.set)

    async def run(client: Client) -> None:
        while time.monotonic() < deadline and left[0] != 0 and not stop.is_set():
            left[0] -= 1
            spec = rng.choices(specs, weights)[0]
            seconds, error = await client.send(spec)
            tally.add(spec.kind, seconds, error)
            if error == "connection":
                await asyncio.sleep(0.05)
        await client.close()

    await asyncio.gather(*(run(Client(host, port, timeout, check)) for _ in range(clients)))
    tally.ended = time.time()
    return tally


def _worker(args: tuple[Any, ...]) -> Tally:
    url, raw_specs, *rest = args
    specs = [Spec(*s) for s in raw_specs]
    return asyncio.run(_drive(url, specs, *rest))


def _child(job: tuple[Any, ...], results: Connection) -> None:
    results.send(_worker(job))
    results.close()


@contextmanager
def _signals_forwarded(children: Sequence[BaseProcess]) -> Iterator[None]:
    """SIGINT and SIGTERM passed on to the worker processes, which stop early."""

    def forward(signum: int, _: object) -> None:
        for child in children:
            if child.pid is not None:
                os.kill(child.pid, signum)

    previous = {signum: signal.signal(signum, forward)
                for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def percentiles(values: list[float]) -> dict[str, float]:
    """p50, p95, p99 and max of latencies in seconds, in milliseconds."""
    if not values:
        return {}
    ordered = sorted(values)
    picked = {f"p{p}": ordered[max(0, -(-len(ordered) * p // 100) - 1)] for p in PERCENTILES}
    picked["max"] = ordered[-1]
    return {name: round(value * 1000, 2) for name, value in picked.items()}


def _errors(counts: Counter[str]) -> dict[str, Any]:
    status = {k: v for k, v in sorted(counts.items()) if k.isdigit()}
    connection, mismatch = counts["connection"], counts["mismatch"]
    return {"total": sum(status.values()) + connection + mismatch, "status": status,
            "connection": connection, "mismatch": mismatch}


def report(tally: Tally, clients: int, processes: int) -> dict[str, Any]:
    """The figures of a run, as printed."""
    overall: Counter[str] = Counter()
    for counts in tally.counts.values():
        overall.update(counts)
    elapsed = max(tally.ended - tally.started, 1e-9)
    kinds = {
        kind: {"requests": counts["requests"], "errors": _errors(counts),
               "latency_ms": percentiles(tally.latencies.get(kind, []))}
        for kind, counts in sorted(tally.counts.items())
    }
    return {
        "clients": clients, "processes": processes, "seconds": round(elapsed, 2),
        "requests": overall["requests"], "errors": _errors(overall),
        "throughput_rps": round(overall["requests"] / elapsed, 1),
        "latency_ms": percentiles([v for vs in tally.latencies.values() for v in vs]),
        "kinds": kinds,
    }


def run(
    url: str, specs: list[Spec], clients: int, duration: float, max_requests: int | None = None,
    processes: int = 1, timeout: float = 30.0, check: bool = False, seed: int = 0,
) -> dict[str, Any]:
    """Drive the load and return the report."""
    processes = max(1, min(processes, clients))
    shares = _split(clients, processes)
    budgets = _split(max_requests, processes) if max_requests is not None else [None] * processes
    raw = [(s.kind, s.weight, s.raw, s.expect) for s in specs]
    jobs = [(url, raw, share, duration, budget, timeout, check, seed + index)
            for index, (share, budget) in enumerate(zip(shares, budgets, strict=True))]
    if processes == 1:
        tallies = [_worker(jobs[0])]
    else:
        context = get_context("spawn")
        pipes = [context.Pipe(duplex=False) for _ in jobs]
        children = [context.Process(target=_child, args=(job, sender))
                    for job, (_, sender) in zip(jobs, pipes, strict=True)]
        for child in children:
            child.start()
        with _signals_forwarded(children):
            tallies = [receiver.recv() for receiver, _ in pipes]
        for child in children:
            child.join()
    total = Tally()
    for tally in tallies:
        total.merge(tally)
    return report(total, clients, processes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Drive an HTTP API with keep-alive clients; "
                                     "print the figures as JSON.")
    parser.add_argument("--base-url", required=True, help="e.g. http://127.0.0.1:8000")
    parser.add_argument("--requests", type=Path, required=True, help="JSON Lines of request specs")
    parser.add_argument("--clients", type=int, default=64, help="concurrent connections")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--max-requests", type=int, help="stop after this many requests")
    parser.add_argument("--processes", type=int, default=1, help="processes sharing the clients")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    parser.add_argument("--check", action="store_true", help="verify expect_contains")
    parser.add_argument("--seed", type=int, default=0, help="seed of the request mix")
    args = parser.parse_args(argv)
    parts = urlsplit(args.base_url)
    if parts.scheme != "http" or not parts.hostname:
        parser.error("--base-url must be http://HOST:PORT")
    specs = read_specs(args.requests, parts.netloc)
    figures = run(args.base_url, specs, args.clients, args.duration, args.max_requests,
                  args.processes, args.timeout, args.check, args.seed)
    json.dump(figures, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
