"""Source documents: reading, normalising for matching, and locating quotes.

Matching ignores what PDF extraction scrambles: width (NFKC), case, private-use
bullet glyphs and every kind of white space, including the line breaks that split
Japanese words across slide lines. Each character of the normalised text remembers
where it came from, so a quote found there maps back to exact lines and offsets of
the original file.

>>> doc = Document.from_text("d1", "関西ベトナ\\nム経済交流会議")
>>> doc.locate("関西ベトナム経済交流会議").lines
(1, 2)
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

BULLETS = frozenset("•‣◦・●○■□◆◇▪▫►▶→⇒–—－-")
"""Glyphs that only mark list items or layout; ignored when matching quotes."""


def _is_ignored(ch: str) -> bool:
    """True for characters that never take part in matching."""
    if ch.isspace():
        return True
    category = unicodedata.category(ch)
    return category in ("Co", "Cc", "Cf") or ch in BULLETS


def _clusters(text: str) -> list[tuple[int, int]]:
    """Split text into (start, end) spans of a base character and its combining marks.

    Half-width voiced marks (ﾞ, ﾟ) count as combining so that ｶﾞ normalises to ガ.
    """
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and (unicodedata.combining(text[j]) or text[j] in "\uff9e\uff9f"):
            j += 1
        spans.append((i, j))
        i = j
    return spans


@lru_cache(maxsize=65536)
def _normalise_cluster(cluster: str) -> str:
    """Matching form of one base character with its marks."""
    piece = unicodedata.normalize("NFKC", cluster).casefold()
    return "".join(ch for ch in piece if not _is_ignored(ch))


def normalise_with_map(text: str) -> tuple[str, list[int], list[int]]:
    """Normalise text for matching; return it with each character's original span.

    The two lists give, for every normalised character, the start and end offset
    of the original characters it came from.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end in _clusters(text):
        piece = _normalise_cluster(text[start:end])
        if piece:
            out.append(piece)
            starts.extend([start] * len(piece))
            ends.extend([end] * len(piece))
    return "".join(out), starts, ends


def normalise(text: str) -> str:
    """The matching form of a text: NFKC, case-folded, no bullets or white space.

    >>> normalise("ﾏﾈｰｼﾞｬｰ  Dong\\nNai")
    'マネージャーdongnai'
    """
    piece = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in piece if not _is_ignored(ch))


@dataclass(frozen=True)
class Locator:
    """Where a quote stands in a document: 1-based lines, 0-based char offsets."""

    line_start: int
    line_end: int
    char_start: int
    char_end: int

    @property
    def lines(self) -> tuple[int, int]:
        return (self.line_start, self.line_end)

    def __str__(self) -> str:
        lines = (
            f"L{self.line_start}"
            if self.line_start == self.line_end
            else f"L{self.line_start}-{self.line_end}"
        )
        return f"{lines}:c{self.char_start}-{self.char_end}"


@dataclass
class Document:
    """One source document with its matching form and line index."""

    id: str
    text: str
    title: str = ""
    path: str = ""

    def __post_init__(self) -> None:
        self._normalised, self._starts, self._ends = normalise_with_map(self.text)
        self._line_offsets = [0] + [i + 1 for i, ch in enumerate(self.text) if ch == "\n"]

    @classmethod
    def from_text(cls, doc_id: str, text: str, title: str = "") -> Document:
        return cls(id=doc_id, text=text, title=title)

    @classmethod
    def read(cls, path: Path) -> Document:
        """Read a UTF-8 text file; its id is the file name without extension."""
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise DocumentError(
                f"{path}:{line}: not UTF-8 text (byte {exc.start}: {data[exc.start:exc.start + 1]!r})"
            ) from None
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            raise DocumentError(f"{path}:{line}: binary content (NUL character), not a text document")
        return cls(id=path.stem, text=text, title=_first_line(text), path=str(path))

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect_right(self._line_offsets, offset)

    def locate_all(self, quote: str) -> list[Locator]:
        """Every place where the quote stands, in matching form."""
        needle = normalise(quote)
        if not needle:
            return []
        found: list[Locator] = []
        at = self._normalised.find(needle)
        while at >= 0:
            found.append(self._locator(at, len(needle)))
            at = self._normalised.find(needle, at + 1)
        return found

    def locate(self, quote: str) -> Locator | None:
        """The first place where the quote stands, or None."""
        needle = normalise(quote)
        at = self._normalised.find(needle) if needle else -1
        return self._locator(at, len(needle)) if at >= 0 else None

    def _locator(self, at: int, length: int) -> Locator:
        start, end = self._starts[at], self._ends[at + length - 1]
        return Locator(self.line_of(start), self.line_of(end - 1), start, end)

    def original(self, locator: Locator) -> str:
        """The original text a locator points at."""
        return self.text[locator.char_start : locator.char_end]


class DocumentError(ValueError):
    """A document that cannot be read as text."""


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return normalise_display(line)
    return ""


def normalise_display(text: str) -> str:
    """Tidy text for display: NFKC, no private-use glyphs, single spaces."""
    cleaned = "".join(
        ch for ch in unicodedata.normalize("NFKC", text) if unicodedata.category(ch) != "Co"
    )
    return " ".join(cleaned.split())
