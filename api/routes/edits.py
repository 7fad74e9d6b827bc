"""Direct edits by staff: entities and relations created, edited, deleted; entities merged.

All need a bearer token and go to the audit log. What a source document states
cannot be deleted here (retract the document instead): only staff facts can.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from tsunagari.api.audit import AuditLog
from tsunagari.api.deps import get_audit, get_merges, get_store
from tsunagari.api.merges import MergeJournal
from tsunagari.api.problems import problem_responses
from tsunagari.api.text_fields import FieldText
from tsunagari.api.write_schemas import EntityWriteOut, GraphChangeOut, MergeOut, RelationWriteOut
from tsunagari.api.writers import require_writer
from tsunagari.graph.merge import STAFF_DOCUMENT
from tsunagari.graph.model import Entity, Relation
from tsunagari.graph.store import GraphStore
from tsunagari.graph.vocabulary import RELATION_TYPES, EntityType, EntryPoint, Stage
from tsunagari.loaders.staff_edits import (
    staff_contribution,
    staff_evidence,
    with_entity,
    with_relation,
    without,
)

router = APIRouter(
    prefix="/v1", tags=["writes"], responses=problem_responses(400, 401, 403, 404, 413, 422)
)

EntityId = Annotated[str, Path(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)]
Source = Annotated[FieldText, Field(min_length=1, max_length=2000,
                                    description="Where the fact comes from (kept as its evidence)")]


def _in_vocabulary(relation_type: str) -> str:
    if relation_type not in RELATION_TYPES:
        raise ValueError(f"relation type {relation_type!r} is not in the vocabulary")
    return relation_type


RelationType = Annotated[str, AfterValidator(_in_vocabulary),
                         Field(description="A relation type of the vocabulary",
                               json_schema_extra={"enum": sorted(RELATION_TYPES)})]


class EntityEdit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: EntityType
    name_ja: FieldText = Field(default="", max_length=300)
    name_en: FieldText = Field(default="", max_length=300)
    aliases: list[Annotated[FieldText, Field(min_length=1, max_length=300)]] = Field(
        default_factory=list, max_length=100)
    country: str = Field(default="", pattern=r"^([A-Za-z]{2})?$",
                         description="ISO 3166 alpha-2 code, or empty")
    sectors: list[Annotated[FieldText, Field(min_length=1, max_length=100)]] = Field(
        default_factory=list, max_length=50)
    description: FieldText = Field(default="", max_length=4000)
    source: Source


class RelationEdit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: RelationType
    source_entity: str = Field(alias="from", max_length=120)
    target_entity: str = Field(alias="to", max_length=120)
    stage: Stage | None = None
    entry_point: EntryPoint | None = None
    source: Source


class MergeEdit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    drop: str = Field(max_length=120, description="The entity that becomes part of the other")
    source: Source


def _stated_elsewhere(store: GraphStore, fact_id: str, kind: int) -> list[str]:
    """Source documents (not staff edits) that state the entity (kind 0) or relation (1)."""
    return [d.id for d in store.documents()
            if d.id != STAFF_DOCUMENT and fact_id in store.document_facts(d.id)[kind]]


def _existing(store: GraphStore, entity_id: str) -> Entity:
    entity = store.entity(entity_id)
    if entity is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    return entity


@router.put("/entities/{entity_id}", response_model=EntityWriteOut)
def put_entity(
    entity_id: EntityId, body: EntityEdit, writer: str = Depends(require_writer),
    store: GraphStore = Depends(get_store), audit: AuditLog = Depends(get_audit),
) -> dict[str, Any]:
    """Create an entity, or edit one (staff values win over what documents say)."""
    if not (body.name_ja or body.name_en):
        raise HTTPException(422, "an entity needs name_ja or name_en")
    entity = Entity(id=entity_id, type=body.type, name_ja=body.name_ja, name_en=body.name_en,
                    aliases=body.aliases, country=body.country.upper(), sectors=body.sectors,
                    description=body.description,
                    evidence=[staff_evidence(writer, body.source)])
    report = store.apply(with_entity(staff_contribution(store), entity))
    audit.record(writer, "put-entity", entity_id, report.to_dict())
    return {"entity": entity.to_dict(), "graph": report.to_dict()}


@router.delete("/entities/{entity_id}", response_model=GraphChangeOut,
               responses=problem_responses(409))
def delete_entity(
    entity_id: EntityId, writer: str = Depends(require_writer),
    store: GraphStore = Depends(get_store), audit: AuditLog = Depends(get_audit),
) -> dict[str, Any]:
    """Delete an entity that only staff stated."""
    _existing(store, entity_id)
    documents = _stated_elsewhere(store, entity_id, 0)
    if documents:
        raise HTTPException(409, f"{entity_id!r} is stated by {', '.join(documents)}; "
                                 "retract or re-annotate those documents instead")
    report = store.apply(without(staff_contribution(store), entity_id=entity_id))
    audit.record(writer, "delete-entity", entity_id, report.to_dict())
    return {"graph": report.to_dict()}


@router.post("/relations", status_code=201, response_model=RelationWriteOut)
def post_relation(
    body: RelationEdit, writer: str = Depends(require_writer),
    store: GraphStore = Depends(get_store), audit: AuditLog = Depends(get_audit),
) -> dict[str, Any]:
    """Create a relation between two existing entities."""
    ends = [_existing(store, body.source_entity), _existing(store, body.target_entity)]
    if ends[0].id == ends[1].id:
        raise HTTPException(422, "a relation needs two different entities")
    relation = Relation(type=body.type, source=ends[0].id, target=ends[1].id,
                        evidence=[staff_evidence(writer, body.source)],
                        stage=body.stage.value if body.stage else None,
                        entry_point=body.entry_point.value if body.entry_point else None)
    report = store.apply(with_relation(staff_contribution(store), relation, ends))
    audit.record(writer, "post-relation", relation.id, report.to_dict())
    return {"relation": relation.to_dict(), "graph": report.to_dict()}


@router.delete("/relations/{relation_id}", response_model=GraphChangeOut,
               responses=problem_responses(409))
def delete_relation(
    relation_id: Annotated[str, Path(max_length=300)], writer: str = Depends(require_writer),
    store: GraphStore = Depends(get_store), audit: AuditLog = Depends(get_audit),
) -> dict[str, Any]:
    """Delete a relation that only staff stated."""
    staff = staff_contribution(store)
    if all(r.id != relation_id for r in staff.relations):
        documents = _stated_elsewhere(store, relation_id, 1)
        if documents:
            raise HTTPException(409, f"{relation_id!r} is stated by {', '.join(documents)}")
        raise HTTPException(404, f"no staff relation {relation_id!r}")
    report = store.apply(without(staff, relation_id=relation_id))
    audit.record(writer, "delete-relation", relation_id, report.to_dict())
    return {"graph": report.to_dict()}


@router.post("/entities/{entity_id}/merge", response_model=MergeOut)
def merge_entity(
    entity_id: EntityId, body: MergeEdit, writer: str = Depends(require_writer),
    store: GraphStore = Depends(get_store), audit: AuditLog = Depends(get_audit),
    merges: MergeJournal = Depends(get_merges),
) -> dict[str, Any]:
    """Merge `drop` into this entity everywhere: its names become aliases, its relations
    and evidence move over, document by document."""
    keep, drop = _existing(store, entity_id), _existing(store, body.drop)
    if keep.id == drop.id:
        raise HTTPException(422, "an entity cannot be merged into itself")
    reports = merges.merge(store, keep, drop, staff_evidence(writer, body.source))
    audit.record(writer, "merge", f"{drop.id}->{keep.id}",
                 {"documents": [r.document for r in reports]})
    merged = store.entity(keep.id)
    return {"entity": merged.to_dict() if merged else None,
            "documents": [r.document for r in reports]}
