"""Writers killed with SIGKILL at random moments, on both stores (campaigns in tests/crash.py).

Twenty kills per store and writer, with a fixed seed for the kill moments; the figures
are printed (`-s`). `python benchmarks/crash_campaign.py --runs 300` runs longer ones.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tests.support.crash import LOAD_SIZES, Figures, api_campaign, load_campaign
from tests.support.targets import Target

pytestmark = pytest.mark.slow

RUNS = 20
SEED = 20261124


def show(figures: Figures) -> None:
    print(json.dumps(figures.to_dict(), ensure_ascii=False))


def test_a_load_killed_anywhere_leaves_the_graph_before_or_after_each_document(
    target: Target, tmp_path: Path
) -> None:
    figures = load_campaign(target, tmp_path, RUNS, random.Random(SEED),
                            *LOAD_SIZES[target.backend])
    show(figures)
    assert figures.violations == []
    assert figures.kills >= RUNS // 2, "most loads should be killed, not finish first"
    assert figures.outcomes["before"], "no kill landed before a commit; the test proved little"
    assert figures.outcomes["after A"] + figures.outcomes["after A and B"], (
        "no kill landed after a commit; the test proved little")


def test_an_api_killed_while_writing_keeps_every_acknowledged_write(
    target: Target, tmp_path: Path
) -> None:
    figures = api_campaign(target, tmp_path, RUNS, random.Random(SEED))
    show(figures)
    assert figures.violations == []
    assert figures.kills == RUNS
    assert figures.outcomes["acknowledged"] >= RUNS, "too few writes were acknowledged"
    unanswered = figures.outcomes["unanswered, absent"] + figures.outcomes["unanswered, present"]
    assert unanswered, "no kill landed while a write was in flight; the test proved little"
