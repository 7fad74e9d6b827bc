"""A table shared between versions of an index, with each version's changes laid over it.

Updating a name index of 100,000 entities by copying its tables holds every reader up for
a tenth of a second; laying the few changed entries over the shared table costs what the
change costs.

>>> base = {"osaka": {"osaka-pref"}}
>>> first = Layered(base).over({"sakai": {"sakai-city"}})
>>> first.get("osaka"), first["sakai"], first.get("kyoto", set())
({'osaka-pref'}, {'sakai-city'}, set())
>>> first.over({"osaka": set()}).get("osaka"), first.get("osaka")
(set(), {'osaka-pref'})
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Generic, TypeVar, overload

V = TypeVar("V")
D = TypeVar("D")
_MISSING = object()


class Layered(Generic[V]):
    """`base` read through `top`: an entry of `top` hides the base's (read-only to readers;
    `over` makes the next version)."""

    __slots__ = ("base", "top")

    def __init__(self, base: Mapping[str, V], top: dict[str, V] | None = None) -> None:
        self.base = base
        self.top: dict[str, V] = top or {}

    @overload
    def get(self, key: str) -> V | None: ...

    @overload
    def get(self, key: str, default: D) -> V | D: ...

    def get(self, key: str, default: object = None) -> object:
        value = self.top.get(key, _MISSING)
        return self.base.get(key, default) if value is _MISSING else value

    def __getitem__(self, key: str) -> V:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value  # type: ignore[return-value]

    def over(self, changes: dict[str, V]) -> Layered[V]:
        """The next version: this one with `changes` laid over it (this one unchanged)."""
        return Layered(self.base, {**self.top, **changes})
