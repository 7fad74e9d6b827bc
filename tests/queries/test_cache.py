"""Derived views per graph version: one version read per query, never a stale or mixed view."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from tsunagari.graph.embedded import NetworkxStore
from tsunagari.queries.cache import VersionedCache, View
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


class Versioned:
    """A store reduced to its version, for the cache's own rules."""

    def __init__(self) -> None:
        self.current = 1

    def version(self) -> int:
        return self.current


def test_a_pin_sees_one_version_and_the_cache_follows_the_newest() -> None:
    store = Versioned()
    cache = VersionedCache(store)  # type: ignore[arg-type]
    pin = cache.pinned()
    store.current = 2
    assert cache.get(View("view", lambda s: ("built at", s.version()))) == ("built at", 2)
    # the older pin builds its own value and leaves the newer one cached
    assert pin.get(View("view", lambda s: "older")) == "older"
    assert cache.get(View("view", lambda s: "rebuilt")) == ("built at", 2)
    store.current = 3
    assert cache.get(View("view", lambda s: "rebuilt")) == "rebuilt"


def test_a_pin_of_a_pin_is_the_same_pin() -> None:
    pin = VersionedCache(Versioned()).pinned()  # type: ignore[arg-type]
    assert pin.pinned() is pin


def test_built_gives_a_view_only_at_the_current_version_and_never_builds() -> None:
    store = Versioned()
    cache = VersionedCache(store)  # type: ignore[arg-type]
    assert cache.built(View("view", str)) is None
    cache.get(View("view", lambda s: "one"))
    assert cache.built(View("view", str)) == "one"
    store.current = 2
    assert cache.built(View("view", str)) is None
    assert cache.get(View("view", lambda s: "two")) == "two"
    assert cache.built(View("view", str)) == "two"


class VersionStore:
    """A store that is only a version number (the views below read nothing else)."""

    def __init__(self) -> None:
        self.current = 1

    def version(self) -> int:
        return self.current


def test_a_stale_query_builds_its_view_without_holding_up_the_newest() -> None:
    store = VersionStore()
    cache = VersionedCache(store)  # type: ignore[arg-type]
    started, release = threading.Event(), threading.Event()

    def slow(_: object) -> str:
        started.set()
        release.wait(10)
        return "stale"

    stale_pin = cache.pinned()  # a query pinned at version 1
    store.current = 2
    assert cache.get(View("fast", lambda _: "new")) == "new"  # version 2 is the newest seen
    stale = threading.Thread(target=lambda: stale_pin.get(View("slow", slow)))
    stale.start()
    assert started.wait(10)
    fresh = threading.Thread(target=lambda: cache.get(View("other", lambda _: "other")))
    fresh.start()
    fresh.join(5)
    finished = not fresh.is_alive()
    release.set()
    stale.join(10)
    assert finished, "a query at the newest version waited for a stale build"
