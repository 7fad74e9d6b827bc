"""Which of many short texts contain a given text, without scanning them all.

The three characters at every position of every text (the last one or two past its end
being separators) are indexed as one number each, sorted (numpy). The texts that contain
a query of up to three characters are read off the index exactly (the pieces that begin
with it are one range); for a longer query, those holding all its three-character pieces
are checked with `in`.

>>> index = SubstringIndex(["dongnai", "nai", "osaka", "higashiosaka"])
>>> index.containing("osaka"), index.containing("na"), index.containing("a")
([2, 3], [0, 1], [0, 1, 2, 3])
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

SEPARATOR = "\n"
"""Ends each text in the index; no text may hold it."""
BITS = 21
"""Bits of one character (the highest code point is below 2**21): a piece of three
characters is one 63-bit number, and the pieces that begin alike are a range."""
FEW = 32
"""Candidates few enough to check with `in` rather than narrow down further."""


class SubstringIndex:
    """The positions, in order, of the texts that contain a query."""

    def __init__(self, texts: list[str]) -> None:
        if any(SEPARATOR in text for text in texts):
            raise ValueError("a text holds the separator")
        self.texts = texts
        chars = _chars("".join(text + SEPARATOR for text in texts) + SEPARATOR)
        owner = np.repeat(np.arange(len(texts), dtype=np.uint32),
                          [len(text) + 1 for text in texts])
        codes = _pieces(chars)
        inside = chars[:-2] != ord(SEPARATOR)
        codes, owner = codes[inside], owner[:len(inside)][inside]
        order = np.argsort(codes, kind="stable")  # stable: each piece's texts stay in order
        codes, owner = codes[order], owner[order]
        fresh = np.ones(len(codes), dtype=bool)
        fresh[1:] = (codes[1:] != codes[:-1]) | (owner[1:] != owner[:-1])
        codes, self._owners = codes[fresh], owner[fresh]
        self._pieces, starts = np.unique(codes, return_index=True)
        self._starts = np.append(starts, len(codes))

    def containing(self, part: str) -> list[int]:
        """Positions of the texts holding `part` (not empty, no separator)."""
        if not part or SEPARATOR in part:
            raise ValueError("a query of one character or more, without the separator")
        if len(part) <= 3:
            first, last = self._runs(np.array([_code(part)]), (3 - len(part)) * BITS)
            return np.unique(self._owners[first[0]:last[0]]).tolist()
        first, last = self._runs(_pieces(_chars(part)), 0)
        rarest, *others = np.argsort(last - first).tolist()
        found = self._owners[first[rarest]:last[rarest]]
        for other in others:
            if len(found) <= FEW:
                break
            found = found[_members(found, self._owners[first[other]:last[other]])]
        return [i for i in found.tolist() if part in self.texts[i]]

    def _runs(self, codes: NDArray[np.int64], shift: int,
              ) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        """Where (first, last) the owners lie of the pieces that begin with each code (of
        3 - shift / BITS characters): in order and once each for whole pieces, else one
        run a piece."""
        low = codes << shift
        first = self._starts[np.searchsorted(self._pieces, low)]
        last = self._starts[np.searchsorted(self._pieces, low + (1 << shift))]
        return first, last


def _chars(text: str) -> NDArray[np.int64]:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)


def _pieces(chars: NDArray[np.int64]) -> NDArray[np.int64]:
    """The code of the three characters from each position on (but the last two)."""
    return (chars[:-2] << 2 * BITS) | (chars[1:-1] << BITS) | chars[2:]


def _code(piece: str) -> int:
    code = 0
    for char in piece:
        code = code << BITS | ord(char)
    return code


def _members(few: NDArray[np.uint32], many: NDArray[np.uint32]) -> NDArray[np.bool_]:
    """Which of the sorted `few` are in the sorted `many`."""
    if len(many) == 0:
        return np.zeros(len(few), dtype=bool)
    at = np.minimum(np.searchsorted(many, few), len(many) - 1)
    return many[at] == few
