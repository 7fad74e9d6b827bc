"""The graph's organisations and services as Open Referral HSDS 3 records.

HSDS identifies every record by a UUID; tsunagari's ids are words (`jetro`). A record's HSDS
id is a UUID derived from its kind and tsunagari id (`hsds_id`), so it is the same in every
export and every answer, and the tsunagari id travels with it: in `organization_identifiers`
(scheme `tsunagari`) and, for services, in an attribute of the `tsunagari-record` taxonomy.

HSDS holds one name and one description per record: `language` chooses which ("en" or "ja"),
the other language's name is the `alternate_name`. What HSDS has no field for (the needs a
service meets, its stage and entry point, the date of the source, the quotes that state it)
is said in attributes of two taxonomies of tsunagari's own (`tsunagari-needs`,
`tsunagari-record`); the JSON records carry it also under the extra property `tsunagari`.
"""

from __future__ import annotations

import calendar
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from tsunagari.graph.model import Entity, Evidence, Service
from tsunagari.graph.needs import Need
from tsunagari.graph.store import GraphStore
from tsunagari.graph.text import fold
from tsunagari.queries.cache import VersionedCache, View, cached

HSDS_VERSION = "3.0"
NAMESPACE = uuid.UUID("6f0c6a52-5d0e-4c1e-9a57-7473756e6761")
"""The namespace of tsunagari's HSDS ids (fixed: changing it changes every id)."""
LANGUAGES = {"ja": ("日本語", "Japanese"), "en": ("英語", "English"), "vi": ("ベトナム語", "Vietnamese"),
             "th": ("タイ語", "Thai"), "zh": ("中国語", "Chinese")}
"""Names of the languages a service is offered in, by ISO 639-1 code."""
NEEDS_TAXONOMY = "tsunagari-needs"
RECORD_TAXONOMY = "tsunagari-record"
RECORD_TERMS = {
    "tsunagari-id": ("tsunagari id", "The record's id in tsunagari."),
    "evidence": ("evidence", "A quote of a source document that states the record, with the "
                             "document and where in it the quote stands."),
    "source-date": ("source date", "When the source document said it (YYYY-MM)."),
    "stage": ("stage", "The stage of a firm's expansion the service serves "
                       "(pre-entry, entry, post-entry)."),
    "entry-point": ("entry point", "What the service is a way in through (land, people, market, "
                                   "finance ...)."),
}
"""The terms of the `tsunagari-record` taxonomy: what HSDS has no field of its own for."""


def hsds_id(kind: str, local_id: str) -> str:
    """The HSDS UUID of a tsunagari record of a kind ("organization", "service", ...)."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{local_id}"))


def hsds_date(value: str | None, *, end: bool = False) -> str:
    """A tsunagari date ("2012", "2010-10", "2014-04-01") as an HSDS date: the first day of
    the year or month it names, or the last day with `end`; "" when there is none."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", (value or "").strip())
    if match is None:
        return ""
    year, month, day = int(match[1]), match[2], match[3]
    if day:
        return date(year, int(month), int(day)).isoformat()
    first_month, last_month = (int(month), int(month)) if month else (1, 12)
    if end:
        return date(year, last_month, calendar.monthrange(year, last_month)[1]).isoformat()
    return date(year, first_month, 1).isoformat()


@dataclass(frozen=True)
class Directory:
    """The organisations that offer services or act in the graph, and their services, in
    id order, with each service's organisation; found by tsunagari id or HSDS id."""

    organisations: tuple[Entity, ...]
    services: tuple[tuple[Service, Entity], ...]
    organisation_ids: dict[str, Entity]
    service_ids: dict[str, tuple[Service, Entity]]

    def organisation(self, any_id: str) -> Entity | None:
        """The organisation of a tsunagari id or an HSDS id."""
        return self.organisation_ids.get(any_id)

    def service(self, any_id: str) -> tuple[Service, Entity] | None:
        """The service (and its organisation) of a tsunagari id or an HSDS id."""
        return self.service_ids.get(any_id)


def _directory(store: GraphStore) -> Directory:
    organisations = sorted((e for e in store.entities()
                            if (e.is_organisation and e.actor) or e.services), key=lambda e: e.id)
    services = sorted(((s, e) for e in organisations for s in e.services), key=lambda p: p[0].id)
    return Directory(
        tuple(organisations), tuple(services),
        {key: e for e in organisations for key in (e.id, hsds_id("organization", e.id))},
        {key: pair for pair in services
         for key in (pair[0].id, hsds_id("service", pair[0].id))})


DIRECTORY = View("HSDS directory", _directory)


def directory(store: GraphStore, cache: VersionedCache | None = None) -> Directory:
    """The organisations and services of the graph as HSDS publishes them."""
    return cached(store, cache, DIRECTORY)


def matching(directory: Directory, search: str = "", organisation: str = "",
             need: str = "") -> list[tuple[Service, Entity]]:
    """The services whose names, description or organisation's names hold `search`, of one
    organisation (any id) and meeting one need (its id, or its HSDS term id), in id order."""
    wanted = fold(search)
    owner = directory.organisation(organisation) if organisation else None
    need_id = need_of_term().get(need, need)
    found = []
    for service, provider in directory.services:
        if organisation and (owner is None or provider.id != owner.id):
            continue
        if need and need_id not in service.needs:
            continue
        if wanted and not any(wanted in fold(text) for text in (
                service.name_ja, service.name_en, service.description_ja, service.description_en,
                *provider.names())):
            continue
        found.append((service, provider))
    return found


def organisations_matching(directory: Directory, search: str = "") -> list[Entity]:
    """The organisations any of whose names or descriptions hold `search`, in id order."""
    wanted = fold(search)
    return [e for e in directory.organisations
            if not wanted or any(wanted in fold(text) for text in
                                 (*e.names(), e.description, e.description_ja))]


def _other(language: str) -> str:
    return "ja" if language == "en" else "en"


def _text(ja: str, en: str, language: str) -> str:
    return (en or ja) if language == "en" else (ja or en)


def _pruned(value: Any) -> Any:
    """A record without the fields it has no value for (HSDS leaves them out, never null)."""
    if isinstance(value, dict):
        return {key: _pruned(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_pruned(item) for item in value]
    return value


def organisation_record(entity: Entity, language: str) -> dict[str, Any]:
    """An organisation as an HSDS `organization` (without its services)."""
    record_id = hsds_id("organization", entity.id)
    alternate = entity.name(_other(language))
    return _pruned({
        "id": record_id,
        "name": entity.name(language),
        "alternate_name": alternate if alternate != entity.name(language) else None,
        "description": entity.about(language) or entity.name(language),
        "organization_identifiers": [{
            "id": hsds_id("organization_identifier", f"{entity.id}:{kind}"),
            "organization_id": record_id, "identifier_scheme": "tsunagari",
            "identifier_type": f"tsunagari {kind}", "identifier": value}
            for kind, value in (("id", entity.id), ("type", entity.type.value))],
        "tsunagari": {"id": entity.id, "type": entity.type.value, "name_ja": entity.name_ja,
                      "name_en": entity.name_en, "country": entity.country,
                      "evidence": [e.to_dict() for e in entity.evidence]},
    })


def service_status(service: Service, today: str) -> str:
    """HSDS status: `inactive` once the period the sources give has ended, else `active`."""
    ended = hsds_date(service.valid_to, end=True)
    return "inactive" if ended and ended < today else "active"


def service_record(service: Service, provider: Entity, places: dict[str, Entity],
                   language: str, today: str) -> dict[str, Any]:
    """A service as an HSDS `service`, with its areas, languages, period and attributes, the
    organisation it belongs to, and tsunagari's own fields under `tsunagari`."""
    record_id = hsds_id("service", service.id)
    alternate = service.name(_other(language))
    return _pruned({
        "id": record_id,
        "organization_id": hsds_id("organization", provider.id),
        "name": service.name(language),
        "alternate_name": alternate if alternate != service.name(language) else None,
        "description": _text(service.description_ja, service.description_en, language) or None,
        "status": service_status(service, today),
        "application_process": _text(service.how_to_apply_ja, service.how_to_apply_en,
                                     language) or None,
        "fees_description": _text(service.cost_ja, service.cost_en, language) or None,
        "eligibility_description": _text(service.eligibility_ja, service.eligibility_en,
                                         language) or None,
        "assured_date": hsds_date(service.assured_date) or None,
        "service_areas": [area_row(service, place_id, places.get(place_id), language)
                          for place_id in service.area_served],
        "languages": [language_row(service, code, language) for code in service.languages],
        "schedules": [schedule_row(service)] if service.valid_from or service.valid_to else [],
        "attributes": [{**row, "taxonomy_term": term_row(row["taxonomy_term_id"], language)}
                       for row in attribute_rows(service)],
        "organization": organisation_record(provider, language),
        "tsunagari": {
            **{key: value for key, value in service.to_dict().items() if key != "evidence"},
            "evidence": [e.to_dict() for e in service.evidence]},
    })


def area_row(service: Service, place_id: str, place: Entity | None,
             language: str) -> dict[str, Any]:
    """A `service_area` row: a place the service serves, by its name."""
    return {"id": hsds_id("service_area", f"{service.id}:{place_id}"),
            "service_id": hsds_id("service", service.id),
            "name": place.name(language) if place else place_id,
            "description": place.about(language) if place else None,
            "extent": None, "extent_type": None, "uri": None}


def language_row(service: Service, code: str, language: str) -> dict[str, Any]:
    """A `language` row: one language the service is offered in."""
    ja, en = LANGUAGES.get(code, (code, code))
    return {"id": hsds_id("language", f"{service.id}:{code}"),
            "service_id": hsds_id("service", service.id), "location_id": None,
            "phone_id": None, "name": en if language == "en" else ja, "code": code,
            "note": None}


def schedule_row(service: Service) -> dict[str, Any]:
    """A `schedule` row: the period the sources give the service."""
    period = f"{service.valid_from or ''}–{service.valid_to or ''}"
    return {"id": hsds_id("schedule", service.id), "service_id": hsds_id("service", service.id),
            "valid_from": hsds_date(service.valid_from) or None,
            "valid_to": hsds_date(service.valid_to, end=True) or None, "description": period}


def _attribute(service: Service, term: str, value: str, n: int = 0) -> dict[str, Any]:
    return {"id": hsds_id("attribute", f"{service.id}:{term}:{n}"),
            "link_id": hsds_id("service", service.id),
            "taxonomy_term_id": hsds_id("taxonomy_term", term), "link_type": term,
            "link_entity": "service", "value": value}


def evidence_value(evidence: Evidence) -> str:
    """An evidence attribute's value: 「quote」 (document, where)."""
    return f"「{evidence.quote}」 ({evidence.document}, {evidence.locator})"


def attribute_rows(service: Service) -> list[dict[str, Any]]:
    """The service's `attribute` rows: its tsunagari id, needs, stages, entry points, source
    date and evidence."""
    rows = [_attribute(service, "tsunagari-id", service.id)]
    rows += [_attribute(service, need, need) for need in service.needs]
    rows += [_attribute(service, "stage", stage, n) for n, stage in enumerate(service.stages)]
    rows += [_attribute(service, "entry-point", point, n)
             for n, point in enumerate(service.entry_points)]
    if service.source_date:
        rows.append(_attribute(service, "source-date", service.source_date))
    rows += [_attribute(service, "evidence", evidence_value(e), n)
             for n, e in enumerate(service.evidence)]
    return rows


def taxonomy_rows() -> list[dict[str, Any]]:
    """The two taxonomies of tsunagari's attributes."""
    return [
        {"id": hsds_id("taxonomy", NEEDS_TAXONOMY), "name": NEEDS_TAXONOMY,
         "description": "What a firm going abroad needs (tsunagari's needs vocabulary).",
         "uri": None, "version": None},
        {"id": hsds_id("taxonomy", RECORD_TAXONOMY), "name": RECORD_TAXONOMY,
         "description": "What tsunagari records of a service that HSDS has no field for.",
         "uri": None, "version": None},
    ]


@cache
def need_of_term() -> dict[str, str]:
    """The need id of each need's HSDS term id."""
    return {hsds_id("taxonomy_term", need.value): need.value for need in Need}


def term_row(term_id: str, language: str) -> dict[str, Any]:
    """The `taxonomy_term` of an HSDS term id (a need or a record term)."""
    return _terms_by_id(language)[term_id]


@cache
def _terms_by_id(language: str) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in term_rows(language)}


def term_rows(language: str) -> list[dict[str, Any]]:
    """Every term: each need of the vocabulary, then the record terms."""
    needs = [(need.value, need.row.en if language == "en" else need.row.ja,
              f"{need.row.en} ({need.row.ja})", NEEDS_TAXONOMY) for need in Need]
    record = [(code, name, about, RECORD_TAXONOMY) for code, (name, about) in RECORD_TERMS.items()]
    return [{"id": hsds_id("taxonomy_term", code), "code": code, "name": name,
             "description": about, "parent_id": None, "taxonomy": taxonomy,
             "language": language, "taxonomy_id": hsds_id("taxonomy", taxonomy), "term_uri": None}
            for code, name, about, taxonomy in (*needs, *record)]


def places_of(store: GraphStore, services: Iterable[Service]) -> dict[str, Entity]:
    """The places the services serve, by id."""
    ids = {place for service in services for place in service.area_served}
    return {place.id: place for place in map(store.entity, sorted(ids)) if place is not None}


@dataclass(frozen=True)
class Page:
    """One page of a listing, as HSDS pages answer."""

    total_items: int
    page_number: int
    per_page: int
    contents: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        total_pages = max(1, -(-self.total_items // self.per_page))
        return {"total_items": self.total_items, "total_pages": total_pages,
                "page_number": self.page_number, "size": len(self.contents),
                "first_page": self.page_number == 1,
                "last_page": self.page_number >= total_pages,
                "empty": self.total_items == 0, "contents": self.contents}


def page_of(items: list[Any], page_number: int, per_page: int) -> Iterator[Any]:
    """The items of one page (pages counted from 1)."""
    start = (page_number - 1) * per_page
    yield from items[start:start + per_page]
