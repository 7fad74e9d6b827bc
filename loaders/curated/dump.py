"""A contribution as a curated annotation file (the format of seeds/curated/)."""

from __future__ import annotations

from typing import Any

import yaml

from tsunagari.graph.model import Contribution, Service


def annotation_yaml(contribution: Contribution) -> str:
    """YAML that `read_annotation` loads back into the same facts."""
    entities = []
    for entity in contribution.entities:
        item: dict[str, Any] = {"id": entity.id, "type": entity.type.value}
        for key in ("name_ja", "name_en", "aliases", "country", "sectors", "description",
                    "description_ja"):
            value = getattr(entity, key)
            if value:
                item[key] = value
        if not entity.actor:
            item["actor"] = False
        if entity.extra_labels:
            item["labels"] = entity.extra_labels
        item["quote"] = [e.quote for e in entity.evidence]
        entities.append(item)
    relations = []
    for relation in contribution.relations:
        entry: dict[str, Any] = {"type": relation.type, "source": relation.source,
                                 "target": relation.target,
                                 "quote": [e.quote for e in relation.evidence]}
        for key in ("since", "until", "stage", "entry_point"):
            value = getattr(relation, key)
            if value:
                entry[key] = value
        if relation.confidence < 1:
            entry["confidence"] = relation.confidence
        relations.append(entry)
    services = [_service_item(s) for entity in contribution.entities for s in entity.services]
    data: dict[str, Any] = {"document": contribution.document.id, "title": contribution.document.title}
    if contribution.document.date:
        data["date"] = contribution.document.date
    data.update(entities=entities, relations=relations)
    if services:
        data["services"] = services
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _service_item(service: Service) -> dict[str, Any]:
    """A service as the annotation states it (its source date is the document's)."""
    renamed = {"stages": "stage", "entry_points": "entry_point"}
    item: dict[str, Any] = {}
    for key, value in vars(service).items():
        if key not in ("evidence", "source_date") and value:
            item[renamed.get(key, key)] = value
    item["quote"] = [e.quote for e in service.evidence]
    return item
