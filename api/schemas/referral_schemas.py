"""Referrals as the API takes and answers them. Firm details appear only here, in answers to
the two organisations of a referral (and admins)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from tsunagari.api.params import ENTITY_ID
from tsunagari.api.schemas.query_schemas import Explanation, TallyOut
from tsunagari.graph.limits import MAX_HOPS
from tsunagari.graph.referral_model import ReferralStatus

EntityIdText = Annotated[str, StringConstraints(pattern=ENTITY_ID, max_length=120)]
ShortText = Annotated[str, StringConstraints(max_length=200, strip_whitespace=True)]
LongText = Annotated[str, StringConstraints(max_length=2000, strip_whitespace=True)]


class FirmIn(BaseModel):
    """The firm, as it agreed to have it shared with the receiving organisation."""

    name: Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
    sector: ShortText = ""
    municipality: ShortText = ""
    contact: ShortText = Field(default="", description="Whom to call at the firm, and how")


class ReferralIn(BaseModel):
    """A referral made by the caller's organisation."""

    to: EntityIdText = Field(description="The receiving organisation (an entity id)")
    service: EntityIdText | None = Field(default=None,
                                         description="One of the receiver's services, if any")
    chain: list[EntityIdText] | None = Field(
        default=None, min_length=2, max_length=MAX_HOPS + 2,
        description="The chain it follows (entity ids, ending with the receiver)")
    firm: FirmIn
    consent: bool = Field(description="True: the firm agreed that its details be shared")
    note: LongText = ""


class ReferralChange(BaseModel):
    """A new status, set by the receiver (accepted, declined, in_progress, helped,
    not_helped) or the sender (withdrawn); declined and not_helped need a reason."""

    status: ReferralStatus
    reason: LongText = ""
    note: LongText = ""


class Party(BaseModel):
    id: str
    name_ja: str
    name_en: str


class ChangeOut(BaseModel):
    at: str
    by: str = Field(description="The token that made the change")
    organisation: str
    status: str
    reason: str
    note: str


class FirmOut(BaseModel):
    name: str
    sector: str
    municipality: str
    contact: str


class ReferralOut(BaseModel):
    id: str
    sender: Party
    receiver: Party
    service: str
    chain: list[str]
    firm: FirmOut
    status: str
    sent_at: str
    note: str
    history: list[ChangeOut]
    version: int = Field(description="Its version, also the ETag to send back as If-Match")
    overdue: bool = Field(description="Unanswered past the follow-up clock")
    follow_up: Explanation | None = Field(
        description="Whom to call, when the referral is overdue (the fast-pass rule: the "
                    "receiver checks back with the sender)")
    next: list[str] = Field(description="The statuses the caller's side may set now")


class ReferralList(BaseModel):
    box: Literal["sent", "received", "overdue"]
    follow_up_days: int
    referrals: list[ReferralOut]


class TallyOf(TallyOut):
    id: str


class RouteTally(TallyOut):
    route: list[str]


class ReferralStats(BaseModel):
    total: int
    withdrawn: int = Field(description="Withdrawn by their senders: counted here only")
    boost: bool = Field(description="Whether answers rank routes that worked higher")
    by_sender: list[TallyOf]
    by_receiver: list[TallyOf]
    by_service: list[TallyOf]
    by_route: list[RouteTally]
