"""A contribution as a curated annotation file (the format of seeds/curated/)."""

from __future__ import annotations

from typing import Any

import yaml

from tsunagari.graph.model import Contribution


def annotation_yaml(contribution: Contribution) -> str:
    """YAML that `read_annotation` loads back into the same facts."""
    entities = []
    for entity in contribution.entities:
        item: dict[str, Any] = {"id": entity.id, "type": entity.type.value}
        for key in ("name_ja", "name_en", "aliases", "country", "sectors", "description"):
            value = getattr(entity, key)
            if value:
                item[key] = value
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
    data = {"document": contribution.document.id, "title": contribution.document.title,
            "entities": entities, "relations": relations}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
