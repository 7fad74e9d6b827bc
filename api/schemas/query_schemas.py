"""Answers to the questions: chains (connect, paths, ask), neighbours, hubs, the support menu."""

from __future__ import annotations

from pydantic import BaseModel, Field

from tsunagari.api.schemas.entity_schemas import EntityOut, RelationOut, ServiceOut


class Explanation(BaseModel):
    """A sentence in Japanese and in English."""

    ja: str
    en: str


class StepOut(BaseModel):
    entity: EntityOut
    via: RelationOut | None = Field(description="The relation that leads here; null first")
    direction: str | None = Field(
        description="forward: the previous step is the relation's source; backward: its target"
    )
    role: str = Field(description="first-contact, bridge or receiver")
    stated: str = Field(description="When the source said it: its document's date (YYYY-MM)")
    period: Explanation = Field(description="The period the relation states, in words ('' when none)")
    ended: bool = Field(description="True when that period has ended")


class TallyOut(BaseModel):
    """Referrals and their outcomes (never a firm's details)."""

    referrals: int
    closed: int = Field(description="Closed with an outcome (helped or not helped)")
    helped: int


class ChainOut(BaseModel):
    score: float
    hops: int
    steps: list[StepOut]
    explanation: Explanation = Field(description="The chain as advice, in both languages")
    first_contact: EntityOut = Field(
        description="Whom the firm walks into first: the desk its government runs, or the first step")
    receiver: EntityOut = Field(description="Who receives the firm at the destination")
    referrals: TallyOut | None = Field(
        default=None, description="Referrals that took a step of this route, and how they "
                                  "ended, if any")


class ConnectOut(BaseModel):
    from_: EntityOut = Field(alias="from", serialization_alias="from")
    to: EntityOut
    sector: str | None
    complete: bool = Field(description="False when the search stopped at its time budget")
    chains: list[ChainOut]

    model_config = {"populate_by_name": True}


class PathsOut(BaseModel):
    source: EntityOut
    target: EntityOut
    complete: bool
    chains: list[ChainOut]


class ParsedQuestion(BaseModel):
    """The slots recognised in a question."""

    from_: EntityOut | None = Field(alias="from", serialization_alias="from",
                                    description="The firm's side (a referral's origin)")
    to: EntityOut | None = Field(description="Where the firm wants to go")
    organisation: EntityOut | None = Field(description="The organisation a question is about")
    places: list[EntityOut]
    sector: str | None
    stage: str | None
    entry_point: str | None
    needs: list[str]
    topic: str | None = Field(description="What an 'about' question asks: offers, operators, "
                                          "funders, members, partners, location")

    model_config = {"populate_by_name": True}


class RecognisedOut(BaseModel):
    slot: str = Field(description="origin, destination, organisation, place, need, sector, stage, "
                                  "entry_point")
    text: str = Field(description="The words of the question")
    value: str = Field(description="What they stand for: an entity id, a need id, a value")
    label: Explanation | None = Field(description="Its name in both languages")


class ItemOut(BaseModel):
    """An organisation in an answer: its role, why it is there, what grounds it."""

    entity: EntityOut
    role: str = Field(description="first-contact, bridge, receiver, provider, programme, "
                                  "operator, funder, member, partner, place, hub, organisation, "
                                  "origin-support, national, related, or described (found by "
                                  "what the sources say of it in the question's words)")
    reason: Explanation
    score: float
    services: list[ServiceOut]
    relations: list[RelationOut]
    referrals: TallyOut | None = Field(
        default=None, description="A first contact's referrals and how they ended, if any")


class DeskAnswerOut(BaseModel):
    advice: Explanation = Field(description="Whom to contact first and why, in both languages")
    items: list[ItemOut] = Field(description="The organisations, best first")
    chains: list[ChainOut] = Field(description="A referral's chains (empty for other intents)")
    fallback: bool = Field(description="True when nothing answered the question as asked and "
                                       "these are the bodies that can still help")
    notes: list[Explanation]


class AskOut(BaseModel):
    intent: str = Field(description="referral, need, about, hubs or menu")
    language: str = Field(description="The question's language, ja or en")
    parsed: ParsedQuestion
    recognised: list[RecognisedOut]
    answer: DeskAnswerOut
    complete: bool = Field(description="False when a chain search stopped at its time budget")
    chains: list[ChainOut] = Field(description="The same as answer.chains")


class NeighboursOut(BaseModel):
    entity: EntityOut
    depth: int
    truncated: bool
    nodes: list[EntityOut]
    edges: list[RelationOut]


class Bridge(BaseModel):
    kind: str = Field(description="country or community")
    id: str
    name: str
    neighbours: int


class HubOut(BaseModel):
    entity: EntityOut
    score: float
    bridges: list[Bridge]
    roles: dict[str, int] = Field(description="Brokerage roles (Gould-Fernandez) and counts")


class HubsOut(BaseModel):
    metric: str
    hubs: list[HubOut]
    as_of_version: int = Field(description="The graph version the scores were computed at; "
                               "after a change they are recomputed in the background")


class SupportItemOut(BaseModel):
    entity: EntityOut
    stages: list[str]
    entry_points: list[str]
    relations: list[RelationOut]
    services: list[ServiceOut] = Field(description="The organisation's services that fit")


class SupportOut(BaseModel):
    results: list[SupportItemOut]
