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

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from tsunagari.graph.text import normalise, normalise_display, normalise_with_map


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
        self._first: dict[str, int] = {}
        """Where each quote expected (`expect`) first stands in the matching form, -1 nowhere."""

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

    def expect(self, quotes: Iterable[str]) -> None:
        """Find where many quotes first stand in one pass over the text (an Aho-Corasick
        automaton of them all), so that `locate` answers them without a scan each: a loader
        with thousands of quotes reads the document once, not once a quote."""
        needles = {needle for quote in quotes if (needle := normalise(quote))} - self._first.keys()
        if not needles:
            return
        automaton = ahocorasick.Automaton()
        for needle in needles:
            automaton.add_word(needle, needle)
        automaton.make_automaton()
        for end, needle in automaton.iter(self._normalised):
            if needle in needles:  # the first match of a needle is where it first starts
                self._first[needle] = end - len(needle) + 1
                needles.discard(needle)
                if not needles:
                    break
        self._first.update(dict.fromkeys(needles, -1))

    def locate(self, quote: str) -> Locator | None:
        """The first place where the quote stands, or None."""
        needle = normalise(quote)
        at = self._first.get(needle)
        if at is None:
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


