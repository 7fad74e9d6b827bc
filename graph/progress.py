"""Progress callbacks for long loads: a step name and how many items it handled."""

from __future__ import annotations

from collections.abc import Callable

ProgressFn = Callable[[str, int], None]
