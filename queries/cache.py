"""Derived views of a graph (name index, hub scores ...), built once per graph version."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from tsunagari.graph.store import GraphStore

T = TypeVar("T")


class VersionedCache:
    """Keeps values computed from a store until the store's version changes."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._version: int | None = None
        self._values: dict[str, Any] = {}
        self._lock = threading.Lock()

    def get(self, name: str, build: Callable[[GraphStore], T]) -> T:
        """The cached value of `name`, rebuilt with `build(store)` after a graph change."""
        version = self.store.version()
        with self._lock:
            if version != self._version:
                self._values.clear()
                self._version = version
            if name not in self._values:
                self._values[name] = build(self.store)
            value: T = self._values[name]
            return value


def cached(
    store: GraphStore, cache: VersionedCache | None, name: str, build: Callable[[GraphStore], T]
) -> T:
    """`build(store)` through the cache when there is one (queries run without one too)."""
    if cache is None:
        return build(store)
    return cache.get(name, build)
