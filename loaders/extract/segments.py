"""Sentences and bullets of a document, in the clean form extraction reads.

A segment is one sentence or bullet: lines of a slide that carry on one another are
joined (a word broken across lines becomes whole again), a blank line, a bullet glyph
(private-use glyphs of PDF extraction included), a numbered item or 。 starts the next.
The clean text is NFKC (half-width kana made whole), without private-use or control
characters, with runs of white space as one space and circled numbers (①, ②) as
spaces; every character remembers the span of the original text it came from.

>>> [s.text for s in segments("• 関西ベトナ\\nム経済交流会議が支援。大阪府も。\\n\\n\\uf0e8 ﾏﾈｰｼﾞｬｰ")]
['関西ベトナム経済交流会議が支援。', '大阪府も。', 'マネージャー']
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from tsunagari.graph.text import clusters, fold, is_latin
from tsunagari.loaders.sources import Locator

CIRCLED_NUMBERS = frozenset(map(chr, range(0x2460, 0x2474)))
BULLET_GLYPHS = frozenset("•‣◦・●○■□◆◇▪▫►▶▷→⇒➢➤✓✔※–—―－-*") | CIRCLED_NUMBERS
"""Glyphs that open a list item at the start of a line (with private-use glyphs and ①…⑳)."""

NUMBERED = re.compile(r"(?:\d{1,2}[.．](?!\d)|[(（]\d{1,2}[)）]|\d{1,2}[)）])\s*")
SENTENCE_END = re.compile(r"。|(?<=[^\x00-\x7f])[!?]|(?<=[A-Za-z0-9)])[.!?](?= [A-Z])")
CLOSING = frozenset(")」』")
CELL_BARS = frozenset("\t|｜")
"""Characters that part the cells of a table row (so do two spaces or more)."""
MAX_SEGMENT = 1000
"""Longest sentence, in characters: a longer one (a table without stops) is cut at its lines."""
PAGE_BREAK = 3
"""Blank lines in a row that end a page."""
BRACKETS = (("(", ")"), ("「", "」"), ("『", "』"))
ABBREVIATIONS = frozenset({"co", "ltd", "inc", "corp", "no", "dr", "mr", "ms", "prof", "st", "vs"})


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    return fold(ch)


class FoldedText:
    """A clean text in folded form, each folded character mapped to its clean index."""

    def __init__(self, text: str) -> None:
        self.text = text
        pieces: list[str] = []
        self.index: list[int] = []
        for i, ch in enumerate(text):
            piece = _fold_char(ch)
            pieces.append(piece)
            self.index.extend([i] * len(piece))
        self.folded = "".join(pieces)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Clean-text span of folded[start:end]."""
        return self.index[start], self.index[end - 1] + 1


@dataclass
class Segment:
    """One sentence or bullet: clean text and the original span of each character."""

    text: str = ""
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=lambda: [0])
    page: int = 0

    @cached_property
    def folded(self) -> FoldedText:
        """The folded form of the text (for the gazetteer)."""
        return FoldedText(self.text)

    def line_start_before(self, index: int) -> int:
        """Index in text where the line holding text[index] begins."""
        best = 0
        for start in self.line_starts:
            if start > index:
                break
            best = start
        return best

    def locator(self, start: int, end: int, line_of: Callable[[int], int]) -> Locator:
        """Where text[start:end] stands in the original document."""
        first, last = self.starts[start], self.ends[end - 1]
        return Locator(line_of(first), line_of(last - 1), first, last)


@dataclass
class _Builder:
    """Collects clean characters and their original spans, then makes a Segment."""

    chars: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=lambda: [0])
    page: int = 0

    def append(self, piece: str, start: int, end: int) -> None:
        self.chars.extend(piece)
        self.starts.extend([start] * len(piece))
        self.ends.extend([end] * len(piece))

    def join(self, line: Segment) -> None:
        """Append a continuation line; latin text on both sides keeps a space between them."""
        if self.chars and line.text:
            if self.chars[-1].isascii() and self.chars[-1] != " " and is_latin(line.text[0]):
                self.append(" ", self.ends[-1], line.starts[0])
            self.line_starts.append(len(self.chars))
        self.line_starts.extend(len(self.chars) + start for start in line.line_starts[1:])
        self.chars.extend(line.text)
        self.starts.extend(line.starts)
        self.ends.extend(line.ends)

    def last_line(self) -> str:
        return "".join(self.chars[self.line_starts[-1] :])

    def build(self) -> Segment:
        return Segment("".join(self.chars), self.starts, self.ends, self.line_starts, self.page)


@lru_cache(maxsize=65536)
def _clean_cluster(raw: str) -> str:
    """Clean form of one base character and its marks: NFKC, spaces as one, no invisible glyphs."""
    if raw in CIRCLED_NUMBERS:
        return " "
    return "".join(
        " " if ch.isspace() else ch
        for ch in unicodedata.normalize("NFKC", raw)
        if ch.isspace() or unicodedata.category(ch) not in ("Co", "Cc", "Cf")
    )


def _clean_line(line: str, offset: int) -> Segment:
    """The clean form of one line, without its leading bullet or number.

    Its table cells (apart by a tab, a bar or two spaces and more) start lines of their
    own, so that no name runs from one cell into the next.
    """
    clean = _Builder()
    gap = ""
    for start, end in clusters(line):
        raw = line[start:end]
        if not clean.chars and raw in BULLET_GLYPHS:
            continue
        piece = " " if raw in CELL_BARS else _clean_cluster(raw)
        if piece == " ":
            gap += raw
            if not clean.chars or clean.chars[-1] == " ":
                continue
        elif gap:
            if clean.chars and (len(gap) > 1 or not CELL_BARS.isdisjoint(gap)):
                clean.line_starts.append(len(clean.chars))
            gap = ""
        clean.append(piece, offset + start, offset + end)
    return _trim(clean.build())


def _trim(segment: Segment) -> Segment:
    """The segment without a leading bullet glyph or number and outer spaces."""
    text = segment.text
    lo, hi = 0, len(text)
    while True:
        while lo < hi and text[lo] == " ":
            lo += 1
        number = NUMBERED.match(text, lo)
        if lo < hi and text[lo] in BULLET_GLYPHS:
            lo += 1
        elif number and number.end() < hi:
            lo = number.end()
        else:
            break
    while hi > lo and text[hi - 1] == " ":
        hi -= 1
    cells = [start - lo for start in segment.line_starts if lo < start < hi]
    return Segment(text[lo:hi], segment.starts[lo:hi], segment.ends[lo:hi], [0, *cells])


def _starts_item(raw_line: str) -> bool:
    """True when a line opens a new list item (bullet glyph, private-use glyph, number)."""
    stripped = raw_line.lstrip()
    if not stripped:
        return False
    first = stripped[0]
    if unicodedata.category(first) == "Co" or first in BULLET_GLYPHS:
        return True
    return NUMBERED.match(unicodedata.normalize("NFKC", stripped[:6])) is not None


def _left_open(paragraph: _Builder) -> bool:
    """True when the last line ends on a middle dot or leaves a bracket open."""
    if not paragraph.chars:
        return False
    last = paragraph.last_line()
    return last.endswith("・") or any(last.count(o) > last.count(c) for o, c in BRACKETS)


def _paragraphs(text: str) -> Iterator[Segment]:
    """Runs of lines up to a blank line or a new list item, joined, with their page.

    A line that closes a bracket ends its paragraph; a line that ends on a middle dot
    or leaves a bracket open carries on past blank lines. A form feed or three blank
    lines or more start a new page (a new slide).
    """
    current = _Builder()
    offset = page = blanks = 0
    for raw in text.splitlines(keepends=True):
        line = _clean_line(raw.rstrip("\r\n\f"), offset)
        offset += len(raw)
        if _left_open(current):
            if line.text:
                current.join(line)
            continue
        if not line.text or _starts_item(raw) or (current.chars and current.chars[-1] in CLOSING):
            if current.chars:
                yield current.build()
            current = _Builder(page=page)
        if line.text:
            if blanks >= PAGE_BREAK:
                page += 1
                current.page = page
            blanks = 0
            current.join(line)
        else:
            blanks += 1
        if "\f" in raw:
            blanks = PAGE_BREAK
    if current.chars:
        yield current.build()


def _sentences(paragraph: Segment) -> Iterator[Segment]:
    """A paragraph cut after every sentence end, and where a sentence runs too long."""
    text, line_starts = paragraph.text, paragraph.line_starts
    cuts = [
        m.end()
        for m in SENTENCE_END.finditer(text)
        if m.group() != "." or _last_word(text, m.start()).lower() not in ABBREVIATIONS
    ]
    bounds = sorted({0, len(text), *cuts})
    long = [cut for lo, hi in zip(bounds, bounds[1:], strict=False) for cut in _limit(lo, hi, line_starts)]
    bounds = sorted({*bounds, *long})
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        piece = text[lo:hi]
        lo, hi = lo + len(piece) - len(piece.lstrip(" ")), lo + len(piece.rstrip(" "))
        if hi <= lo:
            continue
        lines = line_starts[bisect_right(line_starts, lo) : bisect_left(line_starts, hi)]
        starts, ends = paragraph.starts[lo:hi], paragraph.ends[lo:hi]
        yield Segment(text[lo:hi], starts, ends, [0] + [s - lo for s in lines], paragraph.page)


def _limit(lo: int, hi: int, line_starts: list[int]) -> list[int]:
    """Cuts that keep text[lo:hi] in pieces of MAX_SEGMENT characters at most, at line starts if it can."""
    cuts = []
    while hi - lo > MAX_SEGMENT:
        line = bisect_right(line_starts, lo + MAX_SEGMENT) - 1
        lo = line_starts[line] if line_starts[line] > lo else lo + MAX_SEGMENT
        cuts.append(lo)
    return cuts


def _last_word(text: str, end: int) -> str:
    """The latin word that ends at text[end]."""
    start = end
    while start > 0 and is_latin(text[start - 1]):
        start -= 1
    return text[start:end]


def segments(text: str) -> Iterator[Segment]:
    """Every sentence or bullet of a text, in reading order."""
    for paragraph in _paragraphs(text):
        yield from _sentences(paragraph)
