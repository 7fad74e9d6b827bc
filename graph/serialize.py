"""Plain-dict forms of the model, for persistence and export (the inverse of to_dict)."""

from __future__ import annotations

from typing import Any

from tsunagari.graph.model import DocumentRecord, Entity, Evidence, Relation, Service
from tsunagari.graph.vocabulary import EntityType, Status


def evidence_from_dict(data: dict[str, Any]) -> Evidence:
    return Evidence(
        document=data["document"],
        locator=data["locator"],
        quote=data["quote"],
        line_start=data.get("line_start", 0),
        line_end=data.get("line_end", 0),
    )


def entity_to_record(entity: Entity) -> dict[str, Any]:
    """Everything needed to rebuild the entity, evidence and extra labels included."""
    record = entity.to_dict()
    record["extra_labels"] = list(entity.extra_labels)
    record["evidence"] = [e.to_dict() for e in entity.evidence]
    if entity.services:
        record["services"] = [service.to_dict() for service in entity.services]
    return record


def entity_from_record(data: dict[str, Any]) -> Entity:
    return Entity(
        id=data["id"],
        type=EntityType(data["type"]),
        name_ja=data.get("name_ja", ""),
        name_en=data.get("name_en", ""),
        aliases=list(data.get("aliases", [])),
        country=data.get("country", ""),
        sectors=list(data.get("sectors", [])),
        description=data.get("description", ""),
        description_ja=data.get("description_ja", ""),
        actor=data.get("actor", True),
        extra_labels=list(data.get("extra_labels", [])),
        evidence=[evidence_from_dict(e) for e in data.get("evidence", [])],
        services=[service_from_dict(s) for s in data.get("services", [])],
    )


def service_from_dict(data: dict[str, Any]) -> Service:
    fields = {key: value for key, value in data.items() if key != "evidence"}
    return Service(**fields, evidence=[evidence_from_dict(e) for e in data.get("evidence", [])])


def relation_from_record(data: dict[str, Any]) -> Relation:
    return Relation(
        type=data["type"],
        source=data["source"],
        target=data["target"],
        evidence=[evidence_from_dict(e) for e in data.get("evidence", [])],
        since=data.get("since"),
        until=data.get("until"),
        stage=data.get("stage"),
        entry_point=data.get("entry_point"),
        confidence=float(data.get("confidence", 1.0)),
        status=Status(data.get("status", Status.ACCEPTED.value)),
    )


def document_from_record(data: dict[str, Any]) -> DocumentRecord:
    return DocumentRecord(**data)
