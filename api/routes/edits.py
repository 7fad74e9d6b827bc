"""Direct edits by staff: entities and relations created, edited, deleted; entities merged.

All need a bearer token (a merge, an admin token) and go to the audit log. What a source
document states cannot be deleted here (retract the document instead): only staff facts can.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tsunagari.api.deps import Admin, Store, WritePath, Writer
from tsunagari.api.errors import problem_responses
from tsunagari.api.params import EntityId, RelationId
from tsunagari.api.schemas import (
    EntityEdit,
    EntityWriteOut,
    GraphChangeOut,
    MergeEdit,
    MergeOut,
    RelationEdit,
    RelationWriteOut,
)
from tsunagari.graph import Entity

router = APIRouter(
    prefix="/v1", tags=["writes"], responses=problem_responses(400, 401, 403, 404, 413, 422)
)


@router.put("/entities/{entity_id}", response_model=EntityWriteOut)
def put_entity(entity_id: EntityId, body: EntityEdit, writer: Writer,
               writes: WritePath) -> dict[str, Any]:
    """Create an entity, or edit one (staff values win over what documents say)."""
    entity = Entity(id=entity_id, type=body.type, name_ja=body.name_ja, name_en=body.name_en,
                    aliases=body.aliases, country=body.country.upper(), sectors=body.sectors,
                    description=body.description)
    report = writes.put_entity(writer.name, entity, body.source)
    return {"entity": entity.to_dict(), "graph": report.to_dict()}


@router.delete("/entities/{entity_id}", response_model=GraphChangeOut,
               responses=problem_responses(409))
def delete_entity(entity_id: EntityId, writer: Writer, writes: WritePath) -> dict[str, Any]:
    """Delete an entity that only staff stated."""
    return {"graph": writes.delete_entity(writer.name, entity_id).to_dict()}


@router.post("/relations", status_code=201, response_model=RelationWriteOut)
def post_relation(body: RelationEdit, writer: Writer, writes: WritePath) -> dict[str, Any]:
    """Create a relation between two existing entities."""
    relation, report = writes.add_relation(
        writer.name, body.type, body.source_entity, body.target_entity, body.source,
        stage=body.stage.value if body.stage else None,
        entry_point=body.entry_point.value if body.entry_point else None)
    return {"relation": relation.to_dict(), "graph": report.to_dict()}


@router.delete("/relations/{relation_id}", response_model=GraphChangeOut,
               responses=problem_responses(409))
def delete_relation(relation_id: RelationId, writer: Writer, writes: WritePath) -> dict[str, Any]:
    """Delete a relation that only staff stated."""
    return {"graph": writes.delete_relation(writer.name, relation_id).to_dict()}


@router.post("/entities/{entity_id}/merge", response_model=MergeOut)
def merge_entity(entity_id: EntityId, body: MergeEdit, admin: Admin, writes: WritePath,
                 store: Store) -> dict[str, Any]:
    """Merge `drop` into this entity everywhere (an admin token): its names become aliases,
    its relations and evidence move over, document by document."""
    reports = writes.merge(admin.name, entity_id, body.drop, body.source)
    merged = store.entity(entity_id)
    return {"entity": merged.to_dict() if merged else None,
            "documents": [r.document for r in reports]}
