"""The referrals' outcomes a server keeps between questions: read once, read again after its own
write at once, and after the follow interval when other processes write referrals too."""

from __future__ import annotations

from datetime import UTC, datetime

from tsunagari.api.reads import FollowedReferrals
from tsunagari.graph.referral_model import Firm, Referral, new_referral

FIRM = Firm(name="株式会社テスト", sector="machining", municipality="堺市", contact="担当 0000")


class CountingRecords:
    """Referral records in a list, counting how often all of them are read."""

    def __init__(self) -> None:
        self.kept: list[Referral] = []
        self.reads = 0

    def insert(self, referral: Referral) -> None:
        self.kept.append(referral)

    def get(self, referral_id: str) -> Referral | None:
        return next((r for r in self.kept if r.id == referral_id), None)

    def replace(self, referral: Referral, expected_version: int) -> bool:
        self.kept = [referral if r.id == referral.id else r for r in self.kept]
        return True

    def of_organisation(self, organisation: str) -> list[Referral]:
        return [r for r in self.kept if organisation in (r.sender, r.receiver)]

    def all(self) -> list[Referral]:
        self.reads += 1
        return list(self.kept)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _referral(sender: str = "mobio", receiver: str = "jetro") -> Referral:
    return new_referral(sender, receiver, FIRM, "desk", datetime(2026, 11, 2, tzinfo=UTC))


def test_outcomes_are_read_once_and_again_after_an_own_write() -> None:
    records = CountingRecords()
    followed = FollowedReferrals(records, follow_every=None, clock=Clock())
    assert followed.outcomes() is None
    assert followed.outcomes() is None
    assert records.reads == 1
    followed.insert(_referral())
    outcomes = followed.outcomes()
    assert outcomes is not None and outcomes.by_organisation["jetro"]
    assert records.reads == 2
    assert followed.outcomes() is outcomes and records.reads == 2
    unboosted = FollowedReferrals(records, None, boost=False).outcomes()
    assert unboosted is not None and not unboosted.boost


def test_a_server_that_follows_a_database_reads_the_outcomes_again_after_the_interval() -> None:
    records, clock = CountingRecords(), Clock()
    followed = FollowedReferrals(records, follow_every=0.25, clock=clock)
    assert followed.outcomes() is None
    records.kept.append(_referral("jica", "jetro"))  # written by another process
    clock.now += 0.1
    assert followed.outcomes() is None
    clock.now += 0.2
    outcomes = followed.outcomes()
    assert outcomes is not None and outcomes.by_organisation["jica"]
    assert records.reads == 2


def test_outcomes_read_before_a_write_are_not_kept() -> None:
    records = CountingRecords()
    followed = FollowedReferrals(records, follow_every=None, clock=Clock())
    stale = records.all

    def read_then_someone_writes() -> list[Referral]:
        found = stale()
        followed.insert(_referral("jica", "jetro"))  # a write lands while the read is under way
        return found

    records.all = read_then_someone_writes  # type: ignore[method-assign]
    assert followed.outcomes() is None
    records.all = stale  # type: ignore[method-assign]
    outcomes = followed.outcomes()
    assert outcomes is not None and outcomes.by_organisation["jica"]


def test_without_following_time_alone_never_reads_again() -> None:
    records, clock = CountingRecords(), Clock()
    followed = FollowedReferrals(records, follow_every=None, clock=clock)
    followed.outcomes()
    clock.now += 3600
    followed.outcomes()
    assert records.reads == 1
