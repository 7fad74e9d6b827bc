"""The calibration of relation proposals: the fit, the order it keeps, and that the steps in use
are those the calibration set gives for the rules as they are."""

from __future__ import annotations

import importlib.util
import random

from tests.support.paths import SEEDS
from tsunagari.loaders.extract.calibration import STEPS, calibrated, fit_steps

SCRIPT = SEEDS.parent / "benchmarks" / "extraction_calibration.py"


def test_a_step_above_that_is_less_often_right_is_pooled_into_the_one_below() -> None:
    judged = ([(0.1, i < 2) for i in range(20)] + [(0.5, i < 12) for i in range(20)]
              + [(0.6, i < 3) for i in range(10)])
    assert fit_steps(judged) == ((0.0, 0.1), (0.3, 0.5))


def test_a_step_holds_at_least_the_least_number_of_proposals() -> None:
    judged = [(0.1, False)] * 12 + [(0.4, True)] * 3 + [(0.7, True)] * 12
    steps = fit_steps(judged, least=10)
    assert steps == ((0.0, 0.0), (0.25, 1.0))


def test_calibration_keeps_the_rules_order() -> None:
    figures = sorted(random.Random(7).random() for _ in range(2_000))
    shares = [calibrated(f) for f in figures]
    assert all(a <= b for a, b in zip(shares, shares[1:], strict=False))
    assert all(0 <= s <= 1 for s in shares)
    assert calibrated(0.2) < calibrated(0.3) and calibrated(0.55) < calibrated(0.56)


def test_the_steps_in_use_are_those_the_calibration_set_gives_the_rules_as_they_are() -> None:
    spec = importlib.util.spec_from_file_location("extraction_calibration", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    judged = script.judged()
    assert fit_steps(judged) == STEPS, "refit: python benchmarks/extraction_calibration.py"
    right = sum(r for _, r in judged) / len(judged)
    mean = sum(calibrated(f) for f, _ in judged) / len(judged)
    assert abs(mean - right) < 0.01
