"""Query results (plain dataclasses) to the API's pydantic shapes."""

from __future__ import annotations

from tsunagari.api.schemas.entity_schemas import EntityOut, RelationOut, ServiceOut
from tsunagari.api.schemas.query_schemas import (
    AskOut,
    ChainOut,
    DeskAnswerOut,
    Explanation,
    ItemOut,
    ParsedQuestion,
    RecognisedOut,
    StepOut,
    TallyOut,
)
from tsunagari.graph.model import Entity, Relation, Service
from tsunagari.graph.referral_model import Tally
from tsunagari.queries.chains import Chain, period_text
from tsunagari.queries.desk import DeskAnswer, Item


def entity_out(entity: Entity) -> EntityOut:
    return EntityOut(**entity.to_dict())


def relation_out(relation: Relation) -> RelationOut:
    return RelationOut(**relation.to_dict())


def service_out(service: Service) -> ServiceOut:
    return ServiceOut(**service.to_dict())


def chain_out(chain: Chain) -> ChainOut:
    return ChainOut(
        score=chain.score,
        hops=chain.hops,
        steps=[
            StepOut(
                entity=entity_out(step.entity),
                via=relation_out(step.via) if step.via else None,
                direction=step.direction,
                role=chain.role_of(position),
                stated=step.stated,
                period=Explanation(**{
                    language: period_text(step.via.since, step.via.until, step.ended, language)
                    if step.via else "" for language in ("ja", "en")}),
                ended=step.ended,
            )
            for position, step in enumerate(chain.steps)
        ],
        explanation=Explanation(**chain.explanation),
        first_contact=entity_out(chain.first_contact),
        receiver=entity_out(chain.receiver),
        referrals=tally_out(chain.referrals),
    )


def item_out(item: Item) -> ItemOut:
    return ItemOut(entity=entity_out(item.entity), role=item.role, reason=Explanation(**item.reason),
                   score=item.score, services=[service_out(s) for s in item.services],
                   relations=[relation_out(r) for r in item.relations],
                   referrals=tally_out(item.referrals))


def tally_out(tally: Tally | None) -> TallyOut | None:
    return TallyOut(**vars(tally)) if tally else None


def ask_out(answer: DeskAnswer) -> AskOut:
    asked = answer.question
    chains = [chain_out(c) for c in answer.chains]

    def maybe(entity: Entity | None) -> EntityOut | None:
        return entity_out(entity) if entity is not None else None

    return AskOut(
        intent=str(asked.intent),
        language=asked.language,
        parsed=ParsedQuestion(
            from_=maybe(asked.origin), to=maybe(asked.destination),
            organisation=maybe(asked.organisation), places=[entity_out(p) for p in asked.places],
            sector=asked.sector, stage=asked.stage, entry_point=asked.entry_point,
            needs=[need.value for need in asked.needs],
            topic=str(asked.topic) if asked.topic else None,
        ),
        recognised=[RecognisedOut(slot=r.slot, text=r.text, value=r.value,
                                  label=Explanation(**r.label) if r.label else None)
                    for r in asked.recognised],
        answer=DeskAnswerOut(advice=Explanation(**answer.advice),
                             items=[item_out(i) for i in answer.items], chains=chains,
                             fallback=answer.fallback,
                             notes=[Explanation(**note) for note in answer.notes]),
        complete=answer.complete,
        chains=chains,
    )
