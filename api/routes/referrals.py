"""Referrals (/v1/referrals): a firm referred from one organisation to another, followed until
it is closed with an outcome. A referral is visible only to the tokens of its two
organisations and to admins; to anyone else it does not exist (404). Its firm's details
appear in these answers only, never in logs, errors, exports or public reads; every read of
one is audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, HTTPException, Query, Response

from tsunagari.api.auth import Caller, Role
from tsunagari.api.deps import Audit, Clock, Config, Referrals, Store, Writer
from tsunagari.api.errors import problem_responses
from tsunagari.api.schemas import (
    ReferralChange,
    ReferralIn,
    ReferralList,
    ReferralOut,
    ReferralStats,
)
from tsunagari.graph import Entity, GraphStore
from tsunagari.graph.referral_model import (
    Firm,
    NoOrganisation,
    Outcomes,
    Referral,
    ReferralNotFound,
    ReferralRecords,
    ReferralRefused,
    ReferralStatus,
    StaleReferral,
    Tally,
    allowed_steps,
    box,
    change_status,
    is_overdue,
    new_referral,
    sides_of,
)

router = APIRouter(prefix="/v1", tags=["referrals"],
                   responses=problem_responses(401, 403, 404, 422))
Box = Annotated[Literal["sent", "received", "overdue"], Query(
    description="sent: made by your organisation; received: made to it; overdue: unanswered "
                "past the follow-up clock, either way")]
IfMatch = Annotated[str | None, Header(description="The version (ETag) read; 412 when the "
                                                   "referral has changed since")]


def _party(store: GraphStore, entity_id: str) -> dict[str, str]:
    entity = store.entity(entity_id)
    return {"id": entity_id, "name_ja": entity.name_ja if entity else "",
            "name_en": entity.name_en if entity else ""}


def _named(store: GraphStore, entity_id: str, language: str) -> str:
    entity = store.entity(entity_id)
    return entity_id if entity is None else (
        entity.name("ja") if language == "ja" else entity.in_sentence("en"))


def _follow_up(store: GraphStore, referral: Referral) -> dict[str, str]:
    """Whom to call about an overdue referral: the receiver checks back with the sender."""
    by = referral.history[0].by
    return {"ja": f"未回答のままです。{_named(store, referral.receiver, 'ja')}から"
                  f"{_named(store, referral.sender, 'ja')}（{by}）へ電話で確認してください。",
            "en": f"Still unanswered: {_named(store, referral.receiver, 'en')} should call "
                  f"{_named(store, referral.sender, 'en')} ({by}) back."}


def _out(store: GraphStore, referral: Referral, caller: Caller, now: datetime,
         days: int) -> ReferralOut:
    overdue = is_overdue(referral, now, days)
    sides = sides_of(referral, caller.org, caller.role is Role.ADMIN)
    return ReferralOut(
        id=referral.id, sender=_party(store, referral.sender),
        receiver=_party(store, referral.receiver), service=referral.service,
        chain=list(referral.chain), firm=vars(referral.firm), status=referral.status.value,
        sent_at=referral.sent_at, note=referral.note,
        history=[vars(change) for change in referral.history], version=referral.version,
        overdue=overdue, follow_up=_follow_up(store, referral) if overdue else None,
        next=allowed_steps(referral, sides))


def _own(records: ReferralRecords, referral_id: str, caller: Caller) -> Referral:
    found = records.get(referral_id)
    if found is None or not sides_of(found, caller.org, caller.role is Role.ADMIN):
        raise ReferralNotFound(referral_id)
    return found


def _receiver(store: GraphStore, body: ReferralIn, sender: str) -> Entity:
    receiver = store.entity(body.to)
    if receiver is None or not receiver.is_organisation:
        raise ReferralRefused(f"to: {body.to!r} is no organisation of the graph",
                              f"to：{body.to} はグラフの組織ではありません。")
    if receiver.id == sender:
        raise ReferralRefused("to: an organisation cannot refer a firm to itself",
                              "to：自分の組織には紹介できません。")
    if body.service and body.service not in {s.id for s in receiver.services}:
        raise ReferralRefused(f"service: {body.service!r} is no service of {receiver.id}",
                              f"service：{body.service} は {receiver.id} の支援サービスではありません。")
    if body.chain and (body.chain[-1] != receiver.id
                       or any(store.entity(step) is None for step in body.chain)):
        raise ReferralRefused("chain: entity ids of the graph, ending with the receiver",
                              "chain：受け手で終わる、グラフの組織IDの並びにしてください。")
    return receiver


@router.post("/referrals", status_code=201, response_model=ReferralOut,
             responses=problem_responses(400, 413))
def send_referral(body: ReferralIn, caller: Writer, store: Store, records: Referrals,
                  audit: Audit, settings: Config, clock: Clock,
                  response: Response) -> ReferralOut:
    """Refer a firm from the caller's organisation to another (`consent: true`: the firm
    agreed to share its details). 201 with `Location` and `ETag`."""
    if caller.org is None:
        raise NoOrganisation(caller.name)
    if not body.consent:
        raise ReferralRefused("consent: the firm must agree to share its details (true)",
                              "consent：企業が情報の共有に同意している必要があります（true）。")
    receiver = _receiver(store, body, caller.org)
    now = clock()
    referral = new_referral(caller.org, receiver.id, Firm(**body.firm.model_dump()), caller.name,
                            now, service=body.service or "", chain=body.chain or (),
                            note=body.note)
    records.insert(referral)
    audit.record(caller.name, "referral-sent", referral.id,
                 {"sender": referral.sender, "receiver": referral.receiver})
    response.headers["Location"] = f"/v1/referrals/{referral.id}"
    response.headers["ETag"] = f'"{referral.version}"'
    return _out(store, referral, caller, now, settings.referral_follow_up_days)


@router.get("/referrals", response_model=ReferralList)
def list_referrals(caller: Writer, store: Store, records: Referrals, settings: Config,
                   clock: Clock, which: Annotated[Box, Query(alias="box")] = "received",
                   ) -> ReferralList:
    """The caller's organisation's referrals in one box, overdue first, then newest first (an
    admin of no organisation sees every organisation's)."""
    now, days = clock(), settings.referral_follow_up_days
    if caller.org is None and caller.role is not Role.ADMIN:
        raise NoOrganisation(caller.name)
    every = records.all() if caller.org is None else records.of_organisation(caller.org)
    chosen = box(every, caller.org, which, now, days)
    return ReferralList(box=which, follow_up_days=days,
                        referrals=[_out(store, r, caller, now, days) for r in chosen])


@router.get("/referrals/stats", response_model=ReferralStats, responses=problem_responses())
def referral_stats(records: Referrals, settings: Config) -> dict[str, Any]:
    """Referrals and their outcomes by sender, receiver, service and route: counts only,
    never a firm's details (open, like every read of the graph). Withdrawn referrals are
    counted apart and nowhere else."""
    every = records.all()
    kept = [r for r in every if r.status is not ReferralStatus.WITHDRAWN]
    outcomes = Outcomes.of(kept)

    def tallies(key: Callable[[Referral], Any]) -> list[tuple[Any, Tally]]:
        groups: dict[Any, set[str]] = {}
        for referral in kept:
            if key(referral):
                groups.setdefault(key(referral), set()).add(referral.id)
        return sorted(((k, outcomes.of_ids(ids)) for k, ids in groups.items()),
                      key=lambda pair: (-pair[1].referrals, pair[0]))

    def by(field: str) -> list[dict[str, Any]]:
        return [{"id": k, **vars(t)} for k, t in tallies(lambda r: getattr(r, field))]

    return {"total": len(every), "withdrawn": len(every) - len(kept),
            "boost": settings.referral_boost, "by_sender": by("sender"),
            "by_receiver": by("receiver"), "by_service": by("service"),
            "by_route": [{"route": list(k), **vars(t)} for k, t in tallies(lambda r: r.route)]}


@router.get("/referrals/{referral_id}", response_model=ReferralOut)
def read_referral(referral_id: str, caller: Writer, store: Store, records: Referrals,
                  audit: Audit, settings: Config, clock: Clock,
                  response: Response) -> ReferralOut:
    """One referral with its firm and history (its two organisations and admins; 404 to
    anyone else). `ETag`: its version. Every read is audited."""
    referral = _own(records, referral_id, caller)
    audit.record(caller.name, "referral-read", referral.id, {})
    response.headers["ETag"] = f'"{referral.version}"'
    return _out(store, referral, caller, clock(), settings.referral_follow_up_days)


@router.patch("/referrals/{referral_id}", response_model=ReferralOut,
              responses=problem_responses(400, 409, 412, 413))
def update_referral(referral_id: str, body: ReferralChange, caller: Writer, store: Store,
                    records: Referrals, audit: Audit, settings: Config, clock: Clock,
                    response: Response, if_match: IfMatch = None) -> ReferralOut:
    """Set a new status: the receiver accepts or declines (with a reason), starts and closes
    it as helped or not helped (with a reason); the sender withdraws it while open. 409 for
    a status that may not follow, 412 when `If-Match` names a version that is no longer
    current."""
    referral = _own(records, referral_id, caller)
    expected = referral.version
    if if_match is not None:
        expected = _version_of(if_match)
        if expected != referral.version:
            raise StaleReferral(referral_id, referral.version)
    now = clock()
    changed = change_status(referral, body.status, caller.name, caller.org, now, body.reason,
                            body.note, admin=caller.role is Role.ADMIN)
    if not records.replace(changed, expected):
        current = records.get(referral_id)
        raise StaleReferral(referral_id, current.version if current else expected)
    audit.record(caller.name, "referral-status", referral.id, {"status": body.status.value})
    response.headers["ETag"] = f'"{changed.version}"'
    return _out(store, changed, caller, now, settings.referral_follow_up_days)


def _version_of(if_match: str) -> int:
    text = if_match.strip().removeprefix("W/").strip('"')
    if not text.isdigit():
        raise HTTPException(412, f"If-Match must be a version the API gave (an ETag such as "
                                 f"\"2\"), not {if_match[:40]!r}")
    return int(text)
