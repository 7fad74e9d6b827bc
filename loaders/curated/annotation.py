"""Curated annotations (seeds/curated/*.yaml) -> a verified document contribution.

Every quote is found in the document and every id, type and value is checked
against the vocabulary. Any problem refuses the whole file, with every
problem listed as `file:line: what is wrong`. The format is in
docs/annotation-format.md.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from tsunagari.graph.merge import merge_relations
from tsunagari.graph.model import Contribution, DocumentRecord, Entity, Evidence, Relation, Service
from tsunagari.graph.needs import Need
from tsunagari.graph.text import field_fault
from tsunagari.graph.vocabulary import EntityType, EntryPoint, RelationType, Stage
from tsunagari.loaders.curated.yaml_lines import LineDict, error_line, error_reason, parse_with_lines
from tsunagari.loaders.document_ids import reserved_for
from tsunagari.loaders.sources import Document, DocumentError

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2]))?")
ENTITY_KEYS = frozenset(
    {"id", "type", "labels", "name_ja", "name_en", "aliases", "country", "sectors",
     "description", "description_ja", "actor", "quote"}
)
SERVICE_TEXTS = ("name_ja", "name_en", "description_ja", "description_en", "eligibility_ja",
                 "eligibility_en", "cost_ja", "cost_en", "how_to_apply_ja", "how_to_apply_en")
SERVICE_KEYS = frozenset(
    {"id", "organization", "program", *SERVICE_TEXTS, "needs", "stage", "entry_point", "languages",
     "area_served", "valid_from", "valid_to", "assured_date", "assured_by", "quote"}
)
LANGUAGE = re.compile(r"[a-z]{2}")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
RELATION_KEYS = frozenset(
    {"type", "source", "target", "quote", "since", "until", "stage", "entry_point",
     "confidence", "note"}
)
TOP_KEYS = frozenset({"document", "title", "date", "entities", "relations", "services"})
MAX_PROBLEMS_SHOWN = 20
MAX_VALUE_SHOWN = 120


class AnnotationError(ValueError):
    """An annotation file that cannot be loaded; lists every problem found."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        lines = [f"{path}: refused, {len(problems)} problem(s):", *shown]
        if more:
            lines.append(f"... and {more} more")
        super().__init__("\n".join(lines))


def _shown(value: object) -> str:
    """A value as a problem message quotes it: its repr, cut when long.

    >>> _shown("x" * 200)[-20:]
    'xx… (202 characters)'
    """
    text = repr(value)
    if len(text) <= MAX_VALUE_SHOWN:
        return text
    return f"{text[:MAX_VALUE_SHOWN]}… ({len(text)} characters)"


@dataclass
class _Checker:
    """Collects problems while an annotation is read."""

    path: Path
    document: Document | None = None

    def __post_init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(f"{self.path}:{line}: {message}")

    def text(self, item: LineDict, key: str, required: bool = False) -> str:
        value = item.get(key)
        if value is None:
            if required:
                self.problem(item.line_of(key), f"missing field '{key}'")
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.problem(item.line_of(key), f"field '{key}' must be text, not {_shown(value)}")
            return ""
        return self._stored(item, key, str(value).strip())

    def _stored(self, item: LineDict, key: str, value: str) -> str:
        """The value, or "" with a problem when it holds what a store cannot keep."""
        fault = field_fault(value)
        if fault:
            self.problem(item.line_of(key), f"field '{key}' holds a {fault}")
            return ""
        return value

    def strings(self, item: LineDict, key: str) -> list[str]:
        value = item.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(item.line_of(key),
                         f"field '{key}' must be a list of text, not {_shown(value)}")
            return []
        stored = [self._stored(item, key, v.strip()) for v in value]
        return [v for v in stored if v]

    def choice(self, item: LineDict, key: str, allowed: list[str]) -> str | None:
        value = item.get(key)
        if value is None:
            return None
        if value not in allowed:
            self.problem(item.line_of(key),
                         f"{key} {_shown(value)} is not one of {', '.join(allowed)}")
            return None
        return str(value)

    def date(self, item: LineDict, key: str) -> str | None:
        value = item.get(key)
        if value is None:
            return None
        text = str(value)
        if not DATE.fullmatch(text):
            self.problem(item.line_of(key),
                         f"{key} {_shown(value)} is not a year or year-month (2014, 2014-06)")
            return None
        return text

    def flag(self, item: LineDict, key: str, default: bool) -> bool:
        value = item.get(key, default)
        if not isinstance(value, bool):
            self.problem(item.line_of(key), f"{key} {_shown(value)} must be true or false")
            return default
        return value

    def choices(self, item: LineDict, key: str, allowed: list[str]) -> list[str]:
        """A list field whose every value is one of `allowed` (a single value is a list of one)."""
        values = self.strings(item, key)
        for value in values:
            if value not in allowed:
                self.problem(item.line_of(key),
                             f"{key} {_shown(value)} is not one of {', '.join(allowed)}")
        return [v for v in values if v in allowed]

    def evidence(self, item: LineDict, what: str) -> list[Evidence]:
        quotes = self.strings(item, "quote")
        if not quotes:
            self.problem(item.line_of("quote"), f"{what} has no quote")
            return []
        found = []
        for quote in quotes:
            locator = self.document.locate(quote) if self.document else None
            if locator is None:
                if self.document is not None:
                    self.problem(item.line_of("quote"),
                                 f"{what}: quote not in document {self.document.id}: {_shown(quote)}")
                continue
            found.append(
                Evidence(
                    document=self.document.id if self.document else "",
                    locator=str(locator),
                    quote=quote,
                    line_start=locator.line_start,
                    line_end=locator.line_end,
                )
            )
        return found

    def unknown_keys(self, item: LineDict, allowed: frozenset[str], what: str) -> None:
        for key in sorted(item.keys() - allowed):
            self.problem(item.line_of(key), f"{what}: unknown field '{key}'")


def read_annotation(path: Path, documents_dir: Path) -> Contribution:
    """Read and verify one annotation file against its document.

    Raises AnnotationError naming every problem; nothing is returned unless the
    whole file is sound.
    """
    raw = _read_text(path)
    try:
        data = parse_with_lines(raw)
    except yaml.YAMLError as exc:
        problem = f"{path}:{error_line(exc, raw)}: malformed YAML: {error_reason(exc)}"
        raise AnnotationError(path, [problem]) from None
    check = _Checker(path)
    if not isinstance(data, LineDict):
        raise AnnotationError(path, [f"{path}:1: expected a mapping with document, entities, relations"])
    check.unknown_keys(data, TOP_KEYS, "annotation")
    doc_id = check.text(data, "document", required=True)
    if doc_id:
        check.document = _open_document(check, data.line_of("document"), documents_dir, doc_id)
    if check.document is not None:
        check.document.expect(_quotes(data))
    title = check.text(data, "title")
    date = check.date(data, "date") or ""
    entities = _read_entities(check, data.get("entities"), data.line_of("entities"))
    relations = _read_relations(check, data.get("relations"), data.line_of("relations"), entities)
    for service in _read_services(check, data.get("services"), data.line_of("services"), entities):
        service.source_date = date
        entities[service.organization].services.append(service)
    if check.problems or check.document is None:
        raise AnnotationError(path, check.problems)
    document = check.document
    record = DocumentRecord(
        id=document.id,
        title=title or document.title,
        sha256=hashlib.sha256(document.text.encode("utf-8")).hexdigest(),
        path=document.path,
        loaded_at=datetime.now(UTC).isoformat(timespec="seconds"),
        entity_count=len(entities),
        relation_count=len(relations),
        date=date,
    )
    return Contribution(record, list(entities.values()), relations)


def _quotes(data: LineDict) -> list[str]:
    """Every quote the annotation gives (found in the document together, not one by one)."""
    found: list[str] = []
    for section in ("entities", "relations", "services"):
        items = data.get(section)
        for item in items if isinstance(items, list) else []:
            quotes = item.get("quote") if isinstance(item, dict) else None
            found += [quotes] if isinstance(quotes, str) else [
                q for q in quotes if isinstance(q, str)] if isinstance(quotes, list) else []
    return found


def _read_text(path: Path) -> str:
    """The annotation file as text; AnnotationError naming the line of a byte that is not UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AnnotationError(path, [f"{path}:1: cannot read: {exc.strerror}"]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start:exc.start + 1]
        raise AnnotationError(
            path, [f"{path}:{line}: not UTF-8 text (byte {exc.start}: {bad!r}); save it as UTF-8"]
        ) from None


def _open_document(check: _Checker, line: int, documents_dir: Path, doc_id: str) -> Document | None:
    held = reserved_for(doc_id)
    if held is not None:
        check.problem(line, f"document id {_shown(doc_id)} is reserved for {held[0]}; "
                            "choose another id")
        return None
    path = documents_dir / f"{doc_id}.txt"
    if not SLUG.fullmatch(doc_id.replace("_", "-").lower()) or not path.is_file():
        check.problem(line, f"document {_shown(doc_id)} not found as {path}")
        return None
    try:
        return Document.read(path)
    except DocumentError as exc:
        check.problem(line, str(exc))
        return None


def _items(check: _Checker, value: Any, line: int, what: str) -> list[LineDict]:
    if value is None:
        return []
    if not isinstance(value, list):
        check.problem(line, f"'{what}' must be a list")
        return []
    items = []
    for item in value:
        if isinstance(item, LineDict):
            items.append(item)
        else:
            check.problem(line, f"an item of '{what}' is not a mapping: {_shown(item)}")
    return items


def _read_id(check: _Checker, item: LineDict, seen: dict[str, Any], what: str) -> str:
    """An item's id: an ascii slug not declared before (`what` names it in the message)."""
    item_id = check.text(item, "id", required=True)
    if item_id and not SLUG.fullmatch(item_id):
        check.problem(item.line_of("id"), f"id {_shown(item_id)} is not an ascii slug (a-z, 0-9, '-')")
    if item_id in seen:
        check.problem(item.line_of("id"), f"{what} {_shown(item_id)} is declared twice")
    return item_id


def _read_entities(check: _Checker, value: Any, line: int) -> dict[str, Entity]:
    entity_types = [t.value for t in EntityType]
    entities: dict[str, Entity] = {}
    for item in _items(check, value, line, "entities"):
        check.unknown_keys(item, ENTITY_KEYS, "entity")
        entity_id = _read_id(check, item, entities, "id")
        type_name = check.choice(item, "type", entity_types)
        if item.get("type") is None:
            check.problem(item.line_of("type"), f"entity {_shown(entity_id)} has no type")
        labels = check.strings(item, "labels")
        for label in labels:
            if label not in entity_types:
                check.problem(item.line_of("labels"),
                              f"label {_shown(label)} is not one of {', '.join(entity_types)}")
        name_ja, name_en = check.text(item, "name_ja"), check.text(item, "name_en")
        if not (name_ja or name_en):
            check.problem(item.line, f"entity {_shown(entity_id)} has neither name_ja nor name_en")
        evidence = check.evidence(item, f"entity {_shown(entity_id)}")
        if entity_id and type_name:
            entities[entity_id] = Entity(
                id=entity_id,
                type=EntityType(type_name),
                name_ja=name_ja,
                name_en=name_en,
                aliases=check.strings(item, "aliases"),
                country=check.text(item, "country").upper(),
                sectors=check.strings(item, "sectors"),
                description=check.text(item, "description"),
                description_ja=check.text(item, "description_ja"),
                actor=check.flag(item, "actor", True),
                extra_labels=[label for label in labels if label in entity_types],
                evidence=evidence,
            )
    return entities


def _read_relations(
    check: _Checker, value: Any, line: int, entities: dict[str, Entity]
) -> list[Relation]:
    statements: dict[str, list[Relation]] = {}
    for item in _items(check, value, line, "relations"):
        check.unknown_keys(item, RELATION_KEYS, "relation")
        relation_type = check.choice(item, "type", sorted(RelationType))
        if item.get("type") is None:
            check.problem(item.line_of("type"), "relation has no type")
        ends = {}
        for end in ("source", "target"):
            ends[end] = check.text(item, end, required=True)
            if ends[end] and ends[end] not in entities:
                check.problem(item.line_of(end),
                              f"relation {end} {_shown(ends[end])} is not an entity of this file")
        if ends["source"] and ends["source"] == ends["target"]:
            check.problem(item.line_of("target"), f"relation from {_shown(ends['source'])} to itself")
        confidence = item.get("confidence", 1.0)
        if (not isinstance(confidence, int | float) or isinstance(confidence, bool)
                or not 0 < float(confidence) <= 1):
            check.problem(item.line_of("confidence"),
                          f"confidence {_shown(confidence)} must be a number in (0, 1]")
            confidence = 1.0
        relation = Relation(
            type=relation_type or "",
            source=ends["source"],
            target=ends["target"],
            evidence=check.evidence(item, f"relation {ends['source']} {relation_type} {ends['target']}"),
            since=check.date(item, "since"),
            until=check.date(item, "until"),
            stage=check.choice(item, "stage", [s.value for s in Stage]),
            entry_point=check.choice(item, "entry_point", [e.value for e in EntryPoint]),
            confidence=float(confidence),
        )
        statements.setdefault(relation.id, []).append(relation)
    return [merge_relations(versions) for versions in statements.values()]


def _read_services(
    check: _Checker, value: Any, line: int, entities: dict[str, Entity]
) -> list[Service]:
    """The services of the file, each of an organisation of the file, with its quotes."""
    services: dict[str, Service] = {}
    need_ids = [need.value for need in Need]
    for item in _items(check, value, line, "services"):
        check.unknown_keys(item, SERVICE_KEYS, "service")
        service_id = _read_id(check, item, services, "service")
        owner = check.text(item, "organization", required=True)
        if owner and owner not in entities:
            check.problem(item.line_of("organization"),
                          f"organization {_shown(owner)} is not an entity of this file")
        texts = {key: check.text(item, key) for key in SERVICE_TEXTS}
        program = check.text(item, "program")
        if program and (program not in entities or entities[program].type is not EntityType.PROGRAM):
            check.problem(item.line_of("program"),
                          f"program {_shown(program)} is not a programme of this file")
        if not (texts["name_ja"] or texts["name_en"]):
            check.problem(item.line, f"service {_shown(service_id)} has neither name_ja nor name_en")
        areas = check.strings(item, "area_served")
        for area in areas:
            if area not in entities or not entities[area].is_place:
                check.problem(item.line_of("area_served"),
                              f"area_served {_shown(area)} is not a place of this file")
        languages = check.strings(item, "languages")
        for language in languages:
            if not LANGUAGE.fullmatch(language):
                check.problem(item.line_of("languages"),
                              f"language {_shown(language)} is not a two-letter code (ja, en, vi, th)")
        assured = check.text(item, "assured_date")
        if assured and not DAY.fullmatch(assured):
            check.problem(item.line_of("assured_date"), f"assured_date {_shown(assured)} is not YYYY-MM-DD")
        evidence = check.evidence(item, f"service {_shown(service_id)}")
        if service_id and owner in entities:
            services[service_id] = Service(
                id=service_id, organization=owner, program=program, **texts,
                needs=check.choices(item, "needs", need_ids),
                stages=check.choices(item, "stage", [stage.value for stage in Stage]),
                entry_points=check.choices(item, "entry_point", [e.value for e in EntryPoint]),
                languages=languages, area_served=areas,
                valid_from=check.date(item, "valid_from"), valid_to=check.date(item, "valid_to"),
                assured_date=assured, assured_by=check.text(item, "assured_by"),
                evidence=evidence,
            )
    return list(services.values())
