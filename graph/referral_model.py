"""Referrals: a firm one organisation refers to another, followed until it is closed with an
outcome (the fast-pass loop). A referral is operational data, not a graph fact: it lives in
its own records beside the graph and never changes the graph's version.

The rules are here and pure: which status may follow which and who may set it
(`change_status`), when a referral is overdue (`is_overdue`, business days), which referrals
an organisation sees (`boxes`), and the outcomes along routes that answers count and rank by
(`Outcomes`), which hold no firm data.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol


class ReferralStatus(StrEnum):
    SENT = "sent"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    IN_PROGRESS = "in_progress"
    HELPED = "helped"
    NOT_HELPED = "not_helped"
    WITHDRAWN = "withdrawn"


OPEN = frozenset({ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS})
"""The statuses of a referral still being worked on (the sender may withdraw it)."""
RECEIVER_STEPS: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.SENT: frozenset({ReferralStatus.ACCEPTED, ReferralStatus.DECLINED}),
    ReferralStatus.ACCEPTED: frozenset({ReferralStatus.IN_PROGRESS, ReferralStatus.HELPED,
                                        ReferralStatus.NOT_HELPED}),
    ReferralStatus.IN_PROGRESS: frozenset({ReferralStatus.HELPED, ReferralStatus.NOT_HELPED}),
}
"""What the receiving organisation may set after each status (accepted may close at once)."""
NEEDS_REASON = frozenset({ReferralStatus.DECLINED, ReferralStatus.NOT_HELPED})
DEFAULT_FOLLOW_UP_DAYS = 3
MAX_BOOST = 0.25
"""The most a route's outcomes can raise its score: a quarter, when every referral along it
helped and there have been many."""


class ReferralError(Exception):
    """A referral request refused; `messages` in English and Japanese."""

    def __init__(self, en: str, ja: str) -> None:
        super().__init__(en)
        self.messages = {"en": en, "ja": ja}


class ReferralNotFound(ReferralError):
    """No such referral, or one the caller may not see (the two are not told apart)."""

    def __init__(self, referral_id: str) -> None:
        super().__init__(f"no referral {referral_id!r} that you can see",
                         f"参照できる紹介 {referral_id} はありません。")


class InvalidTransition(ReferralError):
    """A status that may not follow the current one, or not be set by the caller's side."""


class StaleReferral(ReferralError):
    """The referral changed since the version the caller read (If-Match)."""

    def __init__(self, referral_id: str, version: int) -> None:
        super().__init__(f"referral {referral_id!r} has changed since you read it (it is now "
                         f"version {version}); read it again and retry",
                         f"紹介 {referral_id} は読み込んだ後に更新されています（現在の版 {version}）。"
                         "読み直してからやり直してください。")


class ReferralRefused(ReferralError):
    """A referral that cannot be made as asked (no consent, a receiver that is none ...)."""


class NoOrganisation(ReferralError):
    """A token of no organisation cannot send or hold referrals."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"the token {name!r} belongs to no organisation; referrals are sent and received "
            "by organisations (tsunagari token create NAME --org ENTITY_ID)",
            f"トークン {name} はどの組織にも属していません。紹介は組織の間で行います"
            "（tsunagari token create NAME --org ENTITY_ID）。")


@dataclass(frozen=True)
class Firm:
    """The firm referred, as it agreed to share it."""

    name: str
    sector: str = ""
    municipality: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Change:
    """One step of a referral's history: who (token name and organisation), when, what."""

    at: str
    by: str
    organisation: str
    status: str
    reason: str = ""
    note: str = ""


@dataclass(frozen=True)
class Referral:
    """A referral and its history; `version` counts its changes (the ETag)."""

    id: str
    sender: str
    receiver: str
    firm: Firm
    status: ReferralStatus
    sent_at: str
    history: tuple[Change, ...]
    service: str = ""
    chain: tuple[str, ...] = ()
    note: str = ""
    version: int = 1

    @property
    def route(self) -> tuple[str, ...]:
        """The organisations it went through: its chain, or sender then receiver."""
        return self.chain if len(self.chain) >= 2 else (self.sender, self.receiver)

    def to_record(self) -> dict[str, Any]:
        return {**asdict(self), "status": self.status.value}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Referral:
        return cls(**{**record, "firm": Firm(**record["firm"]),
                      "status": ReferralStatus(record["status"]),
                      "history": tuple(Change(**c) for c in record["history"]),
                      "chain": tuple(record["chain"])})


class ReferralRecords(Protocol):
    """Where a store keeps referrals: whole records, replaced only over the version read."""

    def insert(self, referral: Referral) -> None: ...

    def get(self, referral_id: str) -> Referral | None: ...

    def replace(self, referral: Referral, expected_version: int) -> bool:
        """Store the referral in place of the one of `expected_version`; False (nothing
        written) when the stored one is of another version."""
        ...

    def of_organisation(self, organisation: str) -> list[Referral]:
        """The referrals an organisation sent or received, newest first."""
        ...

    def all(self) -> list[Referral]: ...


def new_referral(sender: str, receiver: str, firm: Firm, by: str, now: datetime,
                 service: str = "", chain: Sequence[str] = (), note: str = "") -> Referral:
    """A referral just sent (its id random, so that ids say nothing of how many there are)."""
    at = now.isoformat(timespec="seconds")
    return Referral(id=f"ref-{secrets.token_hex(8)}", sender=sender, receiver=receiver,
                    firm=firm, status=ReferralStatus.SENT, sent_at=at,
                    history=(Change(at, by, sender, ReferralStatus.SENT.value, note=note),),
                    service=service, chain=tuple(chain), note=note)


def sides_of(referral: Referral, organisation: str | None, admin: bool = False) -> set[str]:
    """The sides of the referral a caller acts for: an admin both, anyone else its own
    organisation's (none when it is neither sender nor receiver)."""
    if admin:
        return {referral.sender, referral.receiver}
    return {organisation} & {referral.sender, referral.receiver} if organisation else set()


def change_status(referral: Referral, status: ReferralStatus, by: str, organisation: str | None,
                  now: datetime, reason: str = "", note: str = "",
                  admin: bool = False) -> Referral:
    """The referral after `status` is set by a caller of `organisation` (an admin acts for
    either side); InvalidTransition says why a status may not be set."""
    steps = allowed_steps(referral, sides_of(referral, organisation, admin))
    if status.value not in steps:
        current = referral.status.value
        raise InvalidTransition(
            f"a referral that is {current} cannot become {status.value} by your organisation; "
            + (f"it may become: {', '.join(steps)}" if steps else "your side has nothing to set now"),
            f"{current} の紹介を {status.value} にはできません。"
            + (f"設定できる状態：{'、'.join(steps)}。" if steps else "いま設定できる状態はありません。"))
    if status in NEEDS_REASON and not reason.strip():
        raise ReferralRefused(f"reason: {status.value} needs a reason",
                              f"reason：{status.value} には理由が必要です。")
    at = now.isoformat(timespec="seconds")
    change = Change(at, by, organisation or "", status.value, reason.strip(), note.strip())
    return replace(referral, status=status, history=(*referral.history, change),
                   version=referral.version + 1)


def allowed_steps(referral: Referral, sides: set[str]) -> list[str]:
    """The statuses the given sides (organisation ids) may set now: the receiver's next
    steps, and withdrawing for the sender while the referral is open."""
    steps = sorted(RECEIVER_STEPS.get(referral.status, frozenset())) \
        if referral.receiver in sides else []
    if referral.sender in sides and referral.status in OPEN:
        steps.append(ReferralStatus.WITHDRAWN)
    return [s.value for s in steps]


def business_days_between(start: datetime, end: datetime) -> int:
    """Whole weekdays (Monday to Friday) from `start` to `end`."""
    days, day = 0, start
    while day + timedelta(days=1) <= end:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days += 1
    return days


def is_overdue(referral: Referral, now: datetime, days: int = DEFAULT_FOLLOW_UP_DAYS) -> bool:
    """Unanswered (still `sent`) more than `days` business days after it was sent."""
    return referral.status is ReferralStatus.SENT and business_days_between(
        datetime.fromisoformat(referral.sent_at), now) > days


def box(referrals: Iterable[Referral], organisation: str | None, which: str, now: datetime,
        days: int = DEFAULT_FOLLOW_UP_DAYS) -> list[Referral]:
    """An organisation's `sent`, `received` or `overdue` referrals (overdue first, then newest
    first); with no organisation (an admin's view), every referral, or every overdue one."""
    def belongs(referral: Referral) -> bool:
        if which == "overdue":
            return is_overdue(referral, now, days) and (
                organisation is None or organisation in (referral.sender, referral.receiver))
        return organisation is None or organisation == (
            referral.sender if which == "sent" else referral.receiver)

    return sorted(filter(belongs, referrals), key=lambda r: (
        not is_overdue(r, now, days), _newest_first(r.sent_at), r.id))


def _newest_first(at: str) -> float:
    return -datetime.fromisoformat(at).timestamp()


@dataclass(frozen=True)
class Tally:
    """How many referrals, how many closed, how many of those helped."""

    referrals: int = 0
    closed: int = 0
    helped: int = 0


@dataclass
class Outcomes:
    """The referrals along each step of a route and through each organisation, by id (no
    firm data): what answers count ("3 referrals, 2 helped") and rank routes by."""

    by_step: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    by_organisation: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    closed: set[str] = field(default_factory=set)
    helped: set[str] = field(default_factory=set)
    boost: bool = True
    """Whether routes that worked rank higher (else the outcomes are only counted)."""

    @classmethod
    def of(cls, referrals: Iterable[Referral], boost: bool = True) -> Outcomes:
        outcomes = cls(boost=boost)
        for referral in referrals:
            if referral.status is ReferralStatus.WITHDRAWN:
                continue
            route = referral.route
            for step in zip(route, route[1:], strict=False):
                outcomes.by_step[step].add(referral.id)
            outcomes.by_step[referral.sender, referral.receiver].add(referral.id)
            for organisation in (*route, referral.sender, referral.receiver):
                outcomes.by_organisation[organisation].add(referral.id)
            if referral.status in (ReferralStatus.HELPED, ReferralStatus.NOT_HELPED):
                outcomes.closed.add(referral.id)
            if referral.status is ReferralStatus.HELPED:
                outcomes.helped.add(referral.id)
        return outcomes

    def __bool__(self) -> bool:
        return bool(self.by_organisation)

    def of_ids(self, ids: set[str]) -> Tally:
        """The tally of some referrals."""
        return Tally(len(ids), len(ids & self.closed), len(ids & self.helped))

    def along(self, route: Sequence[str]) -> Tally:
        """The referrals that took any step of the route."""
        ids: set[str] = set()
        for step in zip(route, route[1:], strict=False):
            ids |= self.by_step.get(step, set())
        return self.of_ids(ids)

    def through(self, organisation: str) -> Tally:
        """The referrals an organisation sent, received or passed on."""
        return self.of_ids(self.by_organisation.get(organisation, set()))


def route_boost(tally: Tally) -> float:
    """How much a route's outcomes raise its score: 1.0 with no closed referral, up to
    1 + MAX_BOOST as more of them helped (the share helped, trusted more the more there are)."""
    if not tally.closed:
        return 1.0
    trust = 1.0 - 0.5 ** tally.closed
    return 1.0 + MAX_BOOST * (tally.helped / tally.closed) * trust
