"""Derived views per graph version: one version read per query, the last complete views while
new ones are built, a writer's own refresh, background views with their version."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.waiting import eventually
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.queries.cache import Derived, VersionedCache, View
from tsunagari.queries.chains import connect, paths
from tsunagari.queries.desk import ask


class CountingStore:
    """A real store that counts the calls a query makes to it."""

    def __init__(self, store: NetworkxStore) -> None:
        self._store = store
        self.calls: dict[str, int] = {}

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._store, name)
        if not callable(attribute):
            return attribute

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] = self.calls.get(name, 0) + 1
            return attribute(*args, **kwargs)
        return counted


QUERIES = [
    lambda s, c: connect(s, "osaka-pref", "dong-nai", cache=c),  # type: ignore[arg-type]
    lambda s, c: connect(s, "Osaka", "Dong Nai", sector="machining", cache=c),  # type: ignore[arg-type]
    lambda s, c: paths(s, "jetro", "dong-nai", cache=c),  # type: ignore[arg-type]
    lambda s, c: ask(s, "who connects an Osaka machinist to Dong Nai?", cache=c),  # type: ignore[arg-type]
]


@pytest.mark.parametrize("query", QUERIES)
def test_a_warm_query_asks_the_store_only_for_its_version_once(
    nx_seed_store: NetworkxStore, query: Any
) -> None:
    store = CountingStore(nx_seed_store)
    cache = VersionedCache(store)  # type: ignore[arg-type]
    query(store, cache)
    store.calls.clear()
    assert query(store, cache)
    assert store.calls == {"version": 1}


class VersionStore:
    """A store that is only a version number (the views below read nothing else)."""

    def __init__(self) -> None:
        self.current = 1
        self.reads = 0

    def version(self) -> int:
        self.reads += 1
        return self.current

    def changes_since(self, version: int) -> None:
        return None


def _counter(label: str) -> View[str]:
    """A view whose value says how many times it was built and at which version."""
    builds = []

    def build(store: VersionStore) -> str:
        builds.append(store.current)
        return f"{label} {len(builds)} at {store.current}"
    return View(label, build)  # type: ignore[arg-type]


@pytest.fixture
def held() -> Iterator[tuple[VersionStore, VersionedCache, threading.Event]]:
    """A store, its cache, and an event that the slow builds of a test wait for."""
    store, release = VersionStore(), threading.Event()
    cache = VersionedCache(store)  # type: ignore[arg-type]
    yield store, cache, release
    release.set()
    cache.close()


def test_after_a_change_readers_get_the_last_views_until_the_new_ones_are_built(
    held: tuple[VersionStore, VersionedCache, threading.Event]
) -> None:
    store, cache, release = held

    def slow(s: VersionStore) -> str:
        if s.current > 1:
            release.wait(10)
        return f"built at {s.current}"
    view = View("slow", slow)
    assert cache.get(view) == "built at 1"  # type: ignore[arg-type]
    store.current = 2
    answers = [cache.get(view) for _ in range(100)]  # type: ignore[arg-type]
    assert set(answers) == {"built at 1"}  # a reader that waited would have got version 2
    release.set()
    assert eventually(lambda: cache.get(view) == "built at 2")  # type: ignore[arg-type]


def test_refresh_brings_the_views_to_the_newest_version_before_it_returns() -> None:
    store = VersionStore()
    cache = VersionedCache(store)  # type: ignore[arg-type]
    names = _counter("names")
    assert cache.get(names) == "names 1 at 1"
    store.current = 2
    cache.refresh()
    assert cache.get(names) == "names 2 at 2"
    cache.refresh()  # nothing changed: nothing rebuilt
    assert cache.get(names) == "names 2 at 2"
    cache.close()


def test_a_background_view_is_not_rebuilt_by_refresh_and_tells_its_version(
    held: tuple[VersionStore, VersionedCache, threading.Event]
) -> None:
    store, cache, release = held
    base = View("base", lambda s: s.current)

    def scores(version: int) -> str:
        if version > 1:
            release.wait(10)
        return f"scores of {version}"
    hubs = Derived("hubs", base, scores, background=True)
    assert cache.entry(hubs).value == "scores of 1"  # type: ignore[arg-type]
    store.current = 2
    cache.refresh()  # a refresh that waited for the held build would leave version 2 below
    assert cache.get(base) == 2  # type: ignore[arg-type]
    entry = cache.entry(hubs)  # type: ignore[arg-type]
    assert (entry.value, entry.version) == ("scores of 1", 1)
    release.set()
    assert eventually(lambda: cache.entry(hubs).version == 2)  # type: ignore[arg-type]
    assert cache.get(hubs) == "scores of 2"  # type: ignore[arg-type]


def test_a_pin_keeps_the_views_of_one_generation() -> None:
    store = VersionStore()
    cache = VersionedCache(store)  # type: ignore[arg-type]
    first = _counter("first")
    assert cache.get(first) == "first 1 at 1"
    pin = cache.pinned()
    store.current = 2
    cache.refresh()
    assert cache.get(first) == "first 2 at 2"
    assert pin.get(first) == "first 1 at 1"
    assert pin.pinned() is pin
    cache.close()


def test_a_view_first_asked_for_after_a_change_is_built_at_the_newest_version() -> None:
    store = VersionStore()
    cache = VersionedCache(store)  # type: ignore[arg-type]
    cache.get(_counter("other"))
    store.current = 2
    assert cache.get(_counter("new")) == "new 1 at 2"
    cache.close()


def test_built_never_builds_and_gives_the_last_complete_view() -> None:
    store = VersionStore()
    cache = VersionedCache(store)  # type: ignore[arg-type]
    view = _counter("view")
    assert cache.built(view) is None
    assert cache.get(view) == "view 1 at 1"
    assert cache.built(view) == "view 1 at 1"
    store.current = 2
    assert cache.built(view) in ("view 1 at 1", "view 2 at 2")
    assert eventually(lambda: cache.built(view) == "view 2 at 2")
    cache.close()


def test_warm_builds_the_views_in_the_background() -> None:
    store = VersionStore()
    cache = VersionedCache(store)  # type: ignore[arg-type]
    view = _counter("warm")
    cache.warm([view])
    assert eventually(lambda: cache.built(view) == "warm 1 at 1")
    assert cache.get(view) == "warm 1 at 1"
    cache.close()


def test_a_following_cache_reads_the_version_in_its_thread_only() -> None:
    store = VersionStore()
    cache = VersionedCache(store, follow_every=0.05)  # type: ignore[arg-type]
    view = _counter("followed")
    try:
        assert cache.get(view) == "followed 1 at 1"
        reads = store.reads
        for _ in range(50):
            cache.get(view)
            cache.pinned().get(view)
        assert store.reads - reads < 10, "readers asked the store for its version"
        store.current = 2
        assert eventually(lambda: cache.get(view) == "followed 2 at 2")
    finally:
        cache.close()
