"""What a relation proposal's confidence means: the share of such proposals found right.

The rules give each proposal the confidence of the rule that found it, raised a little each
time another sentence states it again. Those figures do not add up to shares: a relation
stated three times by a weak rule is not right nine times in ten. The final confidence maps
the rules' figure through a non-decreasing step function fitted (pool-adjacent-violators) on
an annotated set that no rule was written against, so that of the proposals at 0.5 about half
are right on a new document; `benchmarks/extraction_calibration.py` fits it again. Order is kept: within a
step, the rules' figure still ranks.

>>> calibrated(0.1) < calibrated(0.55) < calibrated(0.9)
True
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

__all__ = ["STEPS", "calibrated", "fit_steps", "step_of"]

STEPS: tuple[tuple[float, float], ...] = (
    (0.0, 0.0),
    (0.075, 0.12),
    (0.3, 0.14),
    (0.5, 0.39),
    (0.575, 0.53),
    (0.625, 0.54),
)
"""(lowest rule figure of the step, share right in it), fitted on held-out set 4, which no rule
was made or changed on (324 proposals, the seed graph's entities known, 2026-12-08): on the
sets the rules were written against, the same figures are right more often than on a new
document."""
TIE_BREAK = 0.01
"""How much of the rules' own figure is kept, so that a step keeps their order (at most 0.01)."""


def step_of(raw: float, steps: Sequence[tuple[float, float]] = STEPS) -> int:
    """The index of the step a rule figure falls in."""
    return max(0, bisect_right([low for low, _ in steps], raw) - 1)


def calibrated(raw: float) -> float:
    """The share right of proposals with the rules' figure `raw` (order kept)."""
    return round(min(1.0, STEPS[step_of(raw)][1] + TIE_BREAK * raw), 4)


def fit_steps(judged: Iterable[tuple[float, bool]], least: int = 10) -> tuple[tuple[float, float], ...]:
    """Steps fitted to (rule figure, right) pairs: the pool-adjacent-violators fit over the
    distinct figures, each step holding at least `least` proposals, its lowest figure moved
    halfway down to the figure below it."""
    grouped: dict[float, list[float]] = {}
    for raw, right in judged:
        counts = grouped.setdefault(round(raw, 4), [0.0, 0.0])
        counts[0], counts[1] = counts[0] + right, counts[1] + 1
    blocks: list[list[float]] = []  # lowest figure, highest figure, right, count
    for raw in sorted(grouped):
        blocks.append([raw, raw, *grouped[raw]])
        while len(blocks) > 1 and (
            blocks[-2][2] * blocks[-1][3] >= blocks[-1][2] * blocks[-2][3] or blocks[-2][3] < least
        ):
            _pool(blocks)
    if len(blocks) > 1 and blocks[-1][3] < least:
        _pool(blocks)
    return tuple(
        (round((blocks[i - 1][1] + low) / 2, 3) if i else 0.0, round(right / count, 2))
        for i, (low, _, right, count) in enumerate(blocks)
    )


def _pool(blocks: list[list[float]]) -> None:
    """Join the last block into the one before it."""
    top = blocks.pop()
    blocks[-1][1] = top[1]
    blocks[-1][2] += top[2]
    blocks[-1][3] += top[3]
