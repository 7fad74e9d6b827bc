"""One row of the scale benchmark, and the table they make."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TextIO


@dataclass
class Row:
    """A measured figure beside its baseline from the same run.

    `kind` says how to read the numbers: `rate` (per second, higher is better),
    `ms` or `s` (time, lower is better). `cost` is what the figure costs relative
    to its baseline: 1 is as cheap as the baseline, 3 three times dearer.
    """

    figure: str
    size: int
    store: str
    value: float
    baseline: float
    baseline_name: str
    target: str
    kind: str
    note: str = ""

    @property
    def cost(self) -> float:
        if not self.value or not self.baseline:
            return 0.0
        return self.baseline / self.value if self.kind == "rate" else self.value / self.baseline


def _number(value: float, kind: str) -> str:
    if kind == "rate":
        return f"{value:,.0f}"
    return f"{value:,.1f}" if value >= 10 else f"{value:,.2f}"


def print_table(rows: list[Row], file: TextIO = sys.stdout) -> None:
    """The rows as a fixed-width table (values, baselines and their ratio)."""
    headers = ("size", "store", "figure", "value", "baseline", "cost vs baseline", "target", "note")
    cells = [
        (f"{r.size:,}", r.store, r.figure, _number(r.value, r.kind),
         f"{_number(r.baseline, r.kind)} ({r.baseline_name})" if r.baseline else "",
         f"{r.cost:.2f}" if r.baseline else "", r.target, r.note)
        for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) if cells else len(h)
              for i, h in enumerate(headers)]
    print(" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)), file=file)
    print("-+-".join("-" * w for w in widths), file=file)
    for cell in cells:
        print(" | ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)), file=file)
    file.flush()
