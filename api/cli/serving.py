"""One server per data directory: `tsunagari serve` holds a lock on a file in it.

The review queue, the merge journal and the start-up repairs belong to one server: a second
one on the same directory would replay the first one's half-made decisions and, on the
embedded store, keep a second copy of the graph in memory. The lock is the operating
system's (`flock`), so it goes with the process: a server that crashed never blocks the next
start. The holder writes who it is into the file, for the message a second server gives.
`tsunagari load`, `review` and the other commands do not take it; their writes are safe
while a server runs (each is one transaction of the store, made to what stands).
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

LOCK_FILE = "serve.lock"


@dataclass(frozen=True)
class Holder:
    """The server that holds a data directory."""

    pid: int
    machine: str
    host: str
    port: int
    since: str

    def describe(self) -> str:
        return (f"tsunagari serve, pid {self.pid} on {self.machine}, listening on "
                f"{self.host}:{self.port} since {self.since}")


class DataDirectoryInUse(RuntimeError):
    """Another server holds the data directory; the message names it."""

    def __init__(self, data_dir: Path, holder: Holder | None) -> None:
        who = holder.describe() if holder else "another tsunagari serve (starting up)"
        super().__init__(
            f"the data directory {str(data_dir)!r} is in use by {who}. Stop that server "
            "first, or serve another data directory (--data-dir); `tsunagari load` and the "
            "other commands may run while it serves")
        self.holder = holder


@contextmanager
def serving(data_dir: Path, host: str, port: int) -> Iterator[Holder]:
    """Hold the data directory for a server listening on host:port, until the block ends
    (or the process does); DataDirectoryInUse if another server holds it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(data_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DataDirectoryInUse(data_dir, _holder_in(descriptor)) from None
        holder = Holder(os.getpid(), socket.gethostname(), host, port,
                        datetime.now(UTC).isoformat(timespec="seconds"))
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, json.dumps(asdict(holder)).encode(), 0)
        try:
            yield holder
        finally:
            os.ftruncate(descriptor, 0)
    finally:
        os.close(descriptor)


def _holder_in(descriptor: int) -> Holder | None:
    """Who the lock file says holds it (None while the holder has not written it yet)."""
    text = os.pread(descriptor, 4096, 0)
    try:
        return Holder(**json.loads(text))
    except (ValueError, TypeError):
        return None
