"""The round-two attack campaign, short: every attack of `tests/support/attacks.py` tried
twice against a real API process on each store, then three servers writing at once.
Nothing may be lost, answered 500 or left unrefused. Figures are printed; longer campaigns
run with `benchmarks/attack_campaign.py` (docs/reliability.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.attacks import concurrent_writers, run_campaign
from tests.support.targets import Target

pytestmark = pytest.mark.slow


def test_the_attack_campaign_holds(target: Target, tmp_path: Path) -> None:
    outcomes = run_campaign(target, tmp_path, tries=2)
    outcomes.append(concurrent_writers(target, tmp_path, processes=3, writes=150))
    for outcome in outcomes:
        print(json.dumps({"store": target.backend, **outcome.to_dict()}, ensure_ascii=False))
    assert len(outcomes) == 7
    failed = {o.attack: o.failures for o in outcomes if o.failures or o.held < o.tries}
    assert failed == {}
