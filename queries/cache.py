"""Derived views of a graph (name index, hub scores ...), built once per graph version.

A view is named by a typed key, `View(name, build)`: `cache.get(PROJECTION)` is a
`Projection`, built with `Projection.of(store)` the first time it is asked for at a version.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from tsunagari.graph.store import GraphStore

T = TypeVar("T")


@dataclass(frozen=True)
class View(Generic[T]):
    """The key of a derived view: its name (unique per kind of view) and how to build it."""

    name: str
    build: Callable[[GraphStore], T]


class _Views:
    """The views built at one graph version (the newest seen), shared by a cache's pins."""

    def __init__(self) -> None:
        self.version: int | None = None
        self.values: dict[str, Any] = {}
        self.lock = threading.Lock()

    def get(self, version: int, view: View[T], store: GraphStore) -> T:
        with self.lock:
            if self.version is None or version >= self.version:
                if version != self.version:
                    self.values.clear()
                    self.version = version
                if view.name not in self.values:
                    self.values[view.name] = view.build(store)
                value: T = self.values[view.name]
                return value
        # A query pinned before a newer version was seen builds its own, outside the lock:
        # the queries at the newest version do not wait for it.
        return view.build(store)

    def built(self, version: int, view: View[T]) -> T | None:
        """The view if it is built at this version, without waiting for a build under way
        (the version is read first: `get` clears the views before it changes it)."""
        built_at = self.version
        value: T | None = self.values.get(view.name)
        return value if built_at == version else None


class VersionedCache:
    """Keeps values computed from a store until the store's version changes."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._views = _Views()

    def get(self, view: View[T]) -> T:
        """The view at the store's current version, built with `view.build(store)` if need be."""
        return self._views.get(self.store.version(), view, self.store)

    def pinned(self) -> VersionedCache:
        """This cache seen at the store's current version, read once: a query that needs
        several views asks the store for its version once, not once per view."""
        return PinnedCache(self.store, self._views, self.store.version())

    def built(self, view: View[T]) -> T | None:
        """The view if it is already built for the store's current version (None when it is
        not, or is being built): for a caller that must not wait."""
        return self._views.built(self.store.version(), view)


class PinnedCache(VersionedCache):
    """A VersionedCache fixed at one graph version (see VersionedCache.pinned)."""

    def __init__(self, store: GraphStore, views: _Views, version: int) -> None:
        self.store = store
        self._views = views
        self.version = version

    def get(self, view: View[T]) -> T:
        return self._views.get(self.version, view, self.store)

    def pinned(self) -> VersionedCache:
        return self


def pinned(cache: VersionedCache | None) -> VersionedCache | None:
    """The cache fixed at the current graph version for one query (None stays None)."""
    return cache.pinned() if cache is not None else None


def cached(store: GraphStore, cache: VersionedCache | None, view: View[T]) -> T:
    """The view through the cache when there is one (queries run without one too)."""
    if cache is None:
        return view.build(store)
    return cache.get(view)
