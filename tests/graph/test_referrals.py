"""The rules of referrals (who may set which status, the follow-up clock, outcomes and the
bounded boost) and the records of both stores (replaced only over the version read, never
changing the graph's version)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from tsunagari.graph.referral_model import (
    MAX_BOOST,
    Firm,
    InvalidTransition,
    Outcomes,
    ReferralRefused,
    ReferralStatus,
    Tally,
    allowed_steps,
    box,
    business_days_between,
    change_status,
    is_overdue,
    new_referral,
    route_boost,
)
from tsunagari.graph.store import GraphStore

MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
FIRM = Firm("A社", "machining", "東大阪市", "06-0000-0000")


def _sent(sender: str = "mobio", receiver: str = "jetro", chain: tuple[str, ...] = ()) -> object:
    return new_referral(sender, receiver, FIRM, "desk-a", MONDAY, chain=chain)


def test_each_side_sets_only_its_own_steps() -> None:
    referral = new_referral("mobio", "jetro", FIRM, "desk-mobio", MONDAY)
    assert allowed_steps(referral, {"jetro"}) == ["accepted", "declined"]
    assert allowed_steps(referral, {"mobio"}) == ["withdrawn"]
    with pytest.raises(InvalidTransition, match="cannot become accepted"):
        change_status(referral, ReferralStatus.ACCEPTED, "desk-mobio", "mobio", MONDAY)
    with pytest.raises(ReferralRefused, match="needs a reason"):
        change_status(referral, ReferralStatus.DECLINED, "desk-jetro", "jetro", MONDAY)
    accepted = change_status(referral, ReferralStatus.ACCEPTED, "desk-jetro", "jetro", MONDAY)
    assert (accepted.version, accepted.history[-1].organisation) == (2, "jetro")
    helped = change_status(accepted, ReferralStatus.HELPED, "admin", None, MONDAY, admin=True)
    assert helped.status is ReferralStatus.HELPED and allowed_steps(helped, {"jetro", "mobio"}) == []
    with pytest.raises(InvalidTransition, match="nothing to set"):
        change_status(helped, ReferralStatus.WITHDRAWN, "desk-mobio", "mobio", MONDAY)


def test_business_days_and_the_follow_up_clock() -> None:
    friday, next_monday = MONDAY + timedelta(days=4), MONDAY + timedelta(days=7)
    assert business_days_between(MONDAY, friday) == 4
    assert business_days_between(friday, next_monday) == 1
    referral = new_referral("mobio", "jetro", FIRM, "desk-mobio", friday)
    assert not is_overdue(referral, friday + timedelta(days=5), 3)  # Sat, Sun, Mon, Tue, Wed
    assert is_overdue(referral, friday + timedelta(days=6), 3)
    answered = change_status(referral, ReferralStatus.ACCEPTED, "d", "jetro", friday)
    assert not is_overdue(answered, friday + timedelta(days=30), 3)
    assert box([referral, answered], "jetro", "overdue", friday + timedelta(days=6)) == [referral]


def test_outcomes_count_routes_and_the_boost_is_bounded() -> None:
    helped = change_status(change_status(
        new_referral("a", "c", FIRM, "d", MONDAY, chain=("a", "b", "c")),
        ReferralStatus.ACCEPTED, "d", "c", MONDAY), ReferralStatus.HELPED, "d", "c", MONDAY)
    open_one = new_referral("a", "b", FIRM, "d", MONDAY)
    withdrawn = change_status(new_referral("x", "y", FIRM, "d", MONDAY),
                              ReferralStatus.WITHDRAWN, "d", "x", MONDAY)
    outcomes = Outcomes.of([helped, open_one, withdrawn])
    assert outcomes.along(["a", "b", "c"]) == Tally(2, 1, 1)
    assert outcomes.along(["b", "c"]) == Tally(1, 1, 1)
    assert outcomes.along(["x", "y"]) == Tally() and outcomes.through("y") == Tally()
    assert outcomes.through("b") == Tally(2, 1, 1)
    assert route_boost(Tally(5, 0, 0)) == 1.0
    assert 1.0 < route_boost(Tally(1, 1, 1)) < route_boost(Tally(9, 9, 9)) <= 1 + MAX_BOOST
    assert route_boost(Tally(4, 4, 0)) == 1.0
    assert not Outcomes.of([withdrawn])


def test_the_records_of_each_store_replace_only_over_the_version_read(
        empty_store: GraphStore) -> None:
    records = empty_store.referral_records()
    version = empty_store.version()
    first = new_referral("mobio", "jetro", FIRM, "desk-mobio", MONDAY)
    later = new_referral("jica", "mobio", FIRM, "desk-jica", MONDAY + timedelta(hours=1))
    records.insert(first)
    records.insert(later)
    assert records.get(first.id) == first and records.get("ref-none") is None
    accepted = change_status(first, ReferralStatus.ACCEPTED, "desk-jetro", "jetro", MONDAY)
    assert records.replace(accepted, expected_version=1)
    assert not records.replace(replace(accepted, note="lost"), expected_version=1)
    assert records.get(first.id) == accepted
    assert [r.id for r in records.of_organisation("mobio")] == [later.id, first.id]
    assert [r.id for r in records.of_organisation("jetro")] == [first.id]
    assert {r.id for r in records.all()} == {first.id, later.id}
    assert empty_store.version() == version
