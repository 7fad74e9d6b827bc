"""Plain-text tables that line up with Japanese (double-width) text in a terminal."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    """Terminal columns the text takes: 2 for wide and full-width characters."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, columns: int) -> str:
    if width(text) <= columns:
        return text + " " * (columns - width(text))
    out, used = "", 0
    for ch in text:
        if used + width(ch) > columns - 1:
            break
        out += ch
        used += width(ch)
    return out + "…" + " " * (columns - used - 1)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]], max_width: int = 40) -> str:
    """Rows under headers, each column as wide as its widest cell (at most max_width).

    >>> print(render_table(["id", "name"], [["osaka-pref", "大阪府"]]))
    id          name
    ----------  ------
    osaka-pref  大阪府
    """
    widths = [
        min(max_width, max([width(h)] + [width(str(r[i])) for r in rows]))
        for i, h in enumerate(headers)
    ]
    lines = [
        "  ".join(_fit(h, w) for h, w in zip(headers, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    for row in rows:
        lines.append("  ".join(_fit(str(c), w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)
