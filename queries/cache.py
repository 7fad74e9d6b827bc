"""Derived views of a graph (name index, projection, hub scores ...), kept per graph version.

A view is named by a typed key: `cache.get(PROJECTION)` is a `Projection`, built with
`Projection.of(store)` the first time it is asked for. A `Derived` view is computed from
another view of the same version (the hub scores from the projection).

Readers never wait for a rebuild. When the graph changes, readers keep the last complete set
of views (a generation) while one background thread builds the next; a write's own request
calls `refresh` before it answers, so that whoever wrote reads what they wrote. Views marked
`background` (the hub scores, expensive and never needed at once) are rebuilt only by that
thread; their readers learn the version they were built at (`entry(view).version`).

The version is read from the store on every `get` (a memory read for the embedded store). A
cache that `follows` a database reads it every few tenths of a second in its thread instead,
so that no request pays a round trip for it; a write in another process then reaches these
views after that delay and a rebuild.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from tsunagari.graph.store import ApplyReport, GraphStore

T = TypeVar("T")
S = TypeVar("S")

Update = Callable[[T, GraphStore, list[ApplyReport]], T | None]
"""A view, the store and the reports of the writes since the view was built: the view as it
stands after them, or None when they change too much (it is then rebuilt whole)."""

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class View(Generic[T]):
    """The key of a derived view: its name (unique per kind of view) and how to build it."""

    name: str
    build: Callable[[GraphStore], T]
    background: bool = False
    """Rebuilt only in the background after a change; until then readers get the last one."""
    update: Update[T] | None = None
    """The view brought forward by the changes since it was built (None: rebuild it)."""


@dataclass(frozen=True)
class Derived(Generic[S, T]):
    """A view computed from another view of the same graph version."""

    name: str
    base: View[S]
    derive: Callable[[S], T]
    background: bool = False
    update: Callable[[T, S], T | None] | None = None
    """The view carried to its base's next value (None: derive it again)."""


AnyView = View[T] | Derived[Any, T]


@dataclass(frozen=True)
class Entry(Generic[T]):
    """A built view and the graph version it was built at."""

    value: T
    version: int
    view: AnyView[T]


class _Generation:
    """The views built for one graph version (background views may be of an older one)."""

    def __init__(self, version: int, entries: dict[str, Entry[Any]] | None = None) -> None:
        self.version = version
        self.entries: dict[str, Entry[Any]] = entries or {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def lock_for(self, name: str) -> threading.Lock:
        """The lock under which a missing view is built (one build per view, not per reader)."""
        with self._guard:
            return self._locks.setdefault(name, threading.Lock())

    def stale(self) -> list[Entry[Any]]:
        return [e for e in list(self.entries.values()) if e.version != self.version]


class VersionedCache:
    """Keeps views computed from a store, follows its version, never makes a reader wait
    for a rebuild (see the module's docstring)."""

    def __init__(self, store: GraphStore, follow_every: float | None = None) -> None:
        self.store = store
        self.follow_every = follow_every
        self._generation: _Generation | None = None
        self._advancing = threading.Lock()
        self._wanted = threading.Event()
        self._closed = False
        self._worker: threading.Thread | None = None
        self._start_lock = threading.Lock()
        if follow_every is not None:
            self._start()

    # reading

    def get(self, view: AnyView[T]) -> T:
        """The view, built if it never was; the last complete one while a newer is built."""
        return self.entry(view).value

    def entry(self, view: AnyView[T]) -> Entry[T]:
        """The view with the version it was built at."""
        generation = self._current()
        if view.name not in generation.entries and self._behind(generation):
            generation = self._advance(background=False)  # a new view: build it at the newest
        return self._entry(generation, view)

    def built(self, view: AnyView[T]) -> T | None:
        """The view if it is built (None when it never was): for a caller that must not wait."""
        entry = self._current().entries.get(view.name)
        return entry.value if entry is not None and entry.version >= 0 else None

    def pinned(self) -> VersionedCache:
        """This cache fixed at its current generation for one query: the query's views are of
        one version, and the store's version is read once, not once per view."""
        return PinnedCache(self, self._current())

    # following changes

    def refresh(self) -> None:
        """Bring every view but the background ones to the store's version now (a write's
        request calls it before it answers); the background ones follow in the thread."""
        if self._generation is None:
            return
        generation = self._advance(background=False)
        if generation.stale():
            self._wake()

    def warm(self, views: Iterable[AnyView[Any]]) -> None:
        """Build these views in the background thread (at start, before anyone asks)."""
        generation = self._current()
        for view in views:
            generation.entries.setdefault(view.name, Entry(None, -1, view))
        self._wake()

    def close(self) -> None:
        """Stop the background thread (the views stay readable)."""
        self._closed = True
        self._wanted.set()

    # inside

    def _current(self) -> _Generation:
        generation = self._generation
        if generation is None:
            with self._advancing:
                if self._generation is None:
                    self._generation = _Generation(self.store.version())
                return self._generation
        if self._behind(generation):
            self._wake()
        return generation

    def _behind(self, generation: _Generation) -> bool:
        """Whether the store has moved past the generation (always False when following: the
        thread finds out)."""
        return self.follow_every is None and self.store.version() != generation.version

    def _entry(self, generation: _Generation, view: AnyView[T]) -> Entry[T]:
        entry = generation.entries.get(view.name)
        if entry is not None and entry.version >= 0:
            return entry
        with generation.lock_for(view.name):
            entry = generation.entries.get(view.name)
            if entry is None or entry.version < 0:
                entry = Entry(self._build(view, generation), generation.version, view)
                generation.entries[view.name] = entry
        return entry

    def _build(self, view: AnyView[T], generation: _Generation) -> T:
        if isinstance(view, Derived):
            return view.derive(self._entry(generation, view.base).value)
        return view.build(self.store)

    def _advance(self, background: bool) -> _Generation:
        """Publish the generation of the store's version, built beside the current one (views
        already of that version kept), one advance at a time; readers keep the current one
        meanwhile. With `background`, then rebuild the background views, outside the advance:
        a writer's refresh never waits for them."""
        with self._advancing:
            version = self.store.version()
            current = self._generation or _Generation(version)
            entries = list(current.entries.items())
            behind = [e for _, e in entries if e.version != version]
            generation = current
            if version != current.version or any(not e.view.background for e in behind):
                generation = _Generation(version, dict(entries))
                changes: dict[int, list[ApplyReport] | None] = {}
                for entry in behind:
                    if entry.version not in changes:
                        changes[entry.version] = self.store.changes_since(entry.version)
                    self._bring_forward(generation, entry, changes[entry.version])
                self._generation = generation
        if background:
            for entry in generation.stale():
                self._publish(Entry(self._build(entry.view, generation), version, entry.view))
        return generation

    def _bring_forward(self, generation: _Generation, entry: Entry[T],
                       changes: list[ApplyReport] | None) -> None:
        """Put the view into the new generation: updated by the changes when it can be,
        otherwise rebuilt (a background view stays as it is, for the background thread)."""
        view = entry.view
        if view.update is not None and entry.version >= 0:
            updated = (view.update(entry.value, self._entry(generation, view.base).value)
                       if isinstance(view, Derived) else
                       view.update(entry.value, self.store, changes) if changes is not None
                       else None)
            if updated is not None:
                generation.entries[view.name] = Entry(updated, generation.version, view)
                return
        if not view.background:
            del generation.entries[view.name]
            self._entry(generation, view)

    def _publish(self, entry: Entry[Any]) -> None:
        """Put a background view into the newest generation, unless a newer one is there."""
        newest = self._generation
        assert newest is not None
        kept = newest.entries.get(entry.view.name)
        if kept is None or kept.version < entry.version:
            newest.entries[entry.view.name] = entry

    def _build_missing(self) -> None:
        """Build in place the views `warm` asked for (readers asking for one share the build)."""
        generation = self._generation
        if generation is not None:
            for entry in list(generation.entries.values()):
                if entry.version < 0:
                    self._entry(generation, entry.view)

    def _wake(self) -> None:
        self._start()
        self._wanted.set()

    def _start(self) -> None:
        with self._start_lock:
            if self._worker is None and not self._closed:
                self._worker = threading.Thread(target=self._follow, name="views", daemon=True)
                self._worker.start()

    def _follow(self) -> None:
        """The background thread: rebuild when woken (or, when following, every few tenths
        of a second if the store has moved). A failure is logged once until a turn succeeds."""
        failing = False
        while not self._closed:
            self._wanted.wait(self.follow_every)
            self._wanted.clear()
            if self._closed:
                return
            try:
                self._build_missing()
                self._advance(background=True)
                failing = False
            except Exception as error:  # a database away for a while: the next turn tries again
                if not failing:
                    log.warning("the derived views could not follow the graph (%s); the last "
                                "ones are served until they can", error)
                failing = True


class PinnedCache(VersionedCache):
    """A VersionedCache fixed at one generation (see VersionedCache.pinned)."""

    def __init__(self, cache: VersionedCache, generation: _Generation) -> None:
        self._cache = cache
        self._pinned = generation
        self.store = cache.store
        self.follow_every = cache.follow_every

    def entry(self, view: AnyView[T]) -> Entry[T]:
        return self._cache._entry(self._pinned, view)

    def built(self, view: AnyView[T]) -> T | None:
        entry = self._pinned.entries.get(view.name)
        return entry.value if entry is not None and entry.version >= 0 else None

    def pinned(self) -> VersionedCache:
        return self

    def refresh(self) -> None:
        self._cache.refresh()


def pinned(cache: VersionedCache | None) -> VersionedCache | None:
    """The cache fixed at the current graph version for one query (None stays None)."""
    return cache.pinned() if cache is not None else None


def cached(store: GraphStore, cache: VersionedCache | None, view: AnyView[T]) -> T:
    """The view through the cache when there is one (queries run without one too)."""
    if cache is None:
        if isinstance(view, Derived):
            return view.derive(cached(store, None, view.base))
        return view.build(store)
    return cache.get(view)
