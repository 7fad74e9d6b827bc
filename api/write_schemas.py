"""Pydantic shapes of the answers to writes, proposals and the audit log."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from tsunagari.api.schemas import DocumentOut, EntityOut, EvidenceOut, RelationOut

Decision = Literal["proposed", "accepted", "rejected"]


class GraphChange(BaseModel):
    """What a write changed in the merged graph."""

    summary: str
    entities_added: list[str]
    entities_removed: list[str]
    relations_added: list[str]
    relations_removed: list[str]


class EntityRecordOut(EntityOut):
    extra_labels: list[str]
    evidence: list[EvidenceOut]


class EntityProposalOut(BaseModel):
    id: str
    kind: Literal["entity"]
    existing: bool = Field(description="True when the document names an entity already in the graph")
    confidence: float
    status: Decision
    entity: EntityRecordOut


class RelationProposalOut(BaseModel):
    id: str
    kind: Literal["relation"]
    existing: bool
    confidence: float
    status: Decision
    relation: RelationOut


ProposalOut = Annotated[EntityProposalOut | RelationProposalOut, Field(discriminator="kind")]


class ProposedCounts(BaseModel):
    entities: int
    relations: int


class UploadOut(BaseModel):
    document: DocumentOut
    proposed: ProposedCounts
    proposals: list[ProposalOut]


class ProposalsOut(BaseModel):
    document: str
    proposals: list[ProposalOut]


class DecisionOut(BaseModel):
    proposal: ProposalOut
    graph: GraphChange


class GraphChangeOut(BaseModel):
    graph: GraphChange


class EntityWriteOut(BaseModel):
    entity: EntityOut
    graph: GraphChange


class RelationWriteOut(BaseModel):
    relation: RelationOut
    graph: GraphChange


class MergeOut(BaseModel):
    entity: EntityOut | None = Field(description="The merged entity")
    documents: list[str] = Field(description="The documents rewritten by the merge")


class AuditEntry(BaseModel):
    at: str
    token: str = Field(description="The name of the token that wrote")
    action: str
    target: str
    changes: dict[str, Any]


class AuditOut(BaseModel):
    entries: list[AuditEntry]
