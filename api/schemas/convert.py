"""Query results (plain dataclasses) to the API's pydantic shapes."""

from __future__ import annotations

from tsunagari.api.schemas.entity_schemas import EntityOut, RelationOut
from tsunagari.api.schemas.query_schemas import ChainOut, Explanation, StepOut
from tsunagari.graph.model import Entity, Relation
from tsunagari.queries.chains import Chain


def entity_out(entity: Entity) -> EntityOut:
    return EntityOut(**entity.to_dict())


def relation_out(relation: Relation) -> RelationOut:
    return RelationOut(**relation.to_dict())


def chain_out(chain: Chain) -> ChainOut:
    return ChainOut(
        score=chain.score,
        hops=chain.hops,
        steps=[
            StepOut(
                entity=entity_out(step.entity),
                via=relation_out(step.via) if step.via else None,
                direction=step.direction,
            )
            for step in chain.steps
        ],
        explanation=Explanation(**chain.explanation),
    )
