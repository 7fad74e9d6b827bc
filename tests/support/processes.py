"""Real processes for the reliability tests: the `tsunagari` CLI and API, the load generator.

The CLI and the API run in processes forked from a server that has imported the project
once (multiprocessing's forkserver), so that a campaign of hundreds of kills does not pay
a second of imports each time; each is still a process of its own, with its own SQLite
connections or Neo4j driver, and SIGKILL ends it as it would end `tsunagari serve`.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from multiprocessing import forkserver
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import httpx

from tests.support.paths import ROOT
from tests.support.servers import free_port

LOADGEN = ROOT / "benchmarks" / "loadgen.py"
PRELOAD = ["__main__", "tsunagari.api.cli.commands", "tsunagari.api.app", "tsunagari.api.stores", "uvicorn"]
_context: ForkServerContext | None = None


def _forkserver() -> ForkServerContext:
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(PRELOAD)
        forkserver.ensure_running()
    return _context


def _run_cli(args: list[str], env: dict[str, str], log: str) -> None:
    """The child: `tsunagari ARGS` with this environment, its output appended to `log`."""
    out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.close(out)
    nothing = os.open(os.devnull, os.O_RDONLY)
    os.dup2(nothing, 0)  # an inheritable stdin, as a terminal gives (worker processes reopen it)
    os.close(nothing)
    sys.stdin = os.fdopen(0)
    os.environ.update(env)
    from tsunagari.api.cli.commands import main

    main(args, prog_name="tsunagari")


def cli(args: list[str], env: Mapping[str, str], log: Path) -> BaseProcess:
    """Start `tsunagari ARGS` in a process of its own (already running when returned)."""
    process = _forkserver().Process(target=_run_cli, args=(args, dict(env), str(log)))
    process.start()
    return process


def kill(process: BaseProcess) -> None:
    """SIGKILL the process if it is still running, and reap it."""
    if process.pid is not None and process.exitcode is None:
        try:
            os.kill(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.join()


class ApiProcess:
    """`tsunagari serve` on a free loopback port, in a process of its own."""

    def __init__(self, env: Mapping[str, str], log: Path, args: Sequence[str] = ()) -> None:
        self.env, self.log, self.args = dict(env), log, list(args)
        self.port = free_port()
        self.process: BaseProcess | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120) -> ApiProcess:
        """Start the server and wait until it answers /healthz (any status)."""
        self.process = cli(["serve", "--port", str(self.port), *self.args], self.env, self.log)
        deadline = time.monotonic() + timeout
        with httpx.Client(base_url=self.url, timeout=5) as client:
            while time.monotonic() < deadline:
                if not self.process.is_alive():
                    raise RuntimeError(f"the API exited ({self.process.exitcode}): {self.tail()}")
                try:
                    client.get("/healthz")
                    return self
                except httpx.TransportError:
                    time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"the API did not answer within {timeout:g}s: {self.tail()}")

    def kill(self) -> None:
        """SIGKILL, as a crash would."""
        if self.process is not None:
            kill(self.process)

    def stop(self) -> None:
        """SIGTERM (uvicorn shuts down cleanly), SIGKILL after ten seconds."""
        if self.process is None or self.process.pid is None:
            return
        if self.process.exitcode is None:
            os.kill(self.process.pid, signal.SIGTERM)
            self.process.join(10)
        kill(self.process)

    def tail(self, lines: int = 20) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def unexpected_errors(self) -> str:
        """What the server logged of each error it answered with a 500 (tracebacks included)."""
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(part for part in text.split("unexpected error on")[1:])

    def __enter__(self) -> ApiProcess:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


def loadgen(
    url: str, specs: Iterable[dict[str, Any]], folder: Path, *, clients: int, duration: float,
    check: bool = True,
) -> subprocess.Popen[str]:
    """Start `benchmarks/loadgen.py` (a process of its own); `figures()` reads its answer."""
    requests = folder / "requests.jsonl"
    requests.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in specs),
                        encoding="utf-8")
    command = [sys.executable, str(LOADGEN), "--base-url", url, "--requests", str(requests),
               "--clients", str(clients), "--duration", str(duration)]
    if check:
        command.append("--check")
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def figures(generator: subprocess.Popen[str], timeout: float = 600) -> dict[str, Any]:
    """The load generator's JSON report, once it has finished."""
    out, err = generator.communicate(timeout=timeout)
    assert generator.returncode == 0, err
    report: dict[str, Any] = json.loads(out)
    return report


def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run one `tsunagari` command on a data directory; its output and exit code."""
    return subprocess.run(
        [sys.executable, "-m", "tsunagari.api.cli.commands", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, timeout=120,
    )
