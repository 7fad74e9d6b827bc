"""Where a read runs: on the event loop when the store answers from memory, in the thread
pool when it may wait (a database round trip, a rebuild after the graph changed).

A handler of FastAPI that is a plain function runs in the thread pool; for a read of a
few microseconds the hop there and back costs more than the read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from tsunagari.queries.cache import VersionedCache
from tsunagari.queries.resolve import NameIndex

T = TypeVar("T")


async def run_read(request: Request, read: Callable[..., T], *args: Any) -> T:
    """`read(*args)`, on the event loop when the app's store answers from memory."""
    if request.app.state.reads_in_memory:
        return read(*args)
    return await run_in_threadpool(read, *args)


async def name_index(request: Request) -> NameIndex:
    """The name index of the graph's current version. The app holds the last one it was
    given; a new one (after a change, or from a database) is fetched in the thread pool,
    where a rebuild does not stop the event loop."""
    state = request.app.state
    if not state.reads_in_memory:
        return await run_in_threadpool(state.cache.get, "names", NameIndex.of)
    held: tuple[int, NameIndex] | None = state.name_index
    if held is None or held[0] != state.store.version():
        held = state.name_index = await run_in_threadpool(_versioned_index, state.cache)
    return held[1]


def _versioned_index(cache: VersionedCache) -> tuple[int, NameIndex]:
    """The index with the graph version read before it (the index is at least that new)."""
    version = cache.store.version()
    return version, cache.get("names", NameIndex.of)
