"""The HSDS 3 tabular form of the graph's directory: one CSV per table and a
datapackage.json describing them (`hsds_files`).

Each table has every column HSDS 3 defines for it, in its order, so that the files validate
against the specification's own data package; cells HSDS has and tsunagari does not know are
empty.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from typing import Any

from tsunagari.graph.model import Entity, Service
from tsunagari.graph.store import GraphStore
from tsunagari.queries.cache import VersionedCache
from tsunagari.queries.views.hsds_records import (
    HSDS_VERSION,
    area_row,
    attribute_rows,
    directory,
    language_row,
    organisation_record,
    places_of,
    schedule_row,
    service_record,
    taxonomy_rows,
    term_rows,
)

Row = dict[str, Any]
NUMBERS = frozenset({"year_incorporated", "minimum_age", "maximum_age", "latitude", "longitude",
                     "timezone", "count", "interval", "amount"})
DATES = frozenset({"assured_date", "valid_from", "valid_to", "dtstart", "until"})
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "organization": ("organizations.csv", (
        "id", "name", "alternate_name", "description", "email", "website", "tax_status", "tax_id",
        "year_incorporated", "legal_status", "logo", "uri", "parent_organization_id")),
    "organization_identifier": ("organization_identifiers.csv", (
        "id", "organization_id", "identifier_scheme", "identifier_type", "identifier")),
    "service": ("services.csv", (
        "id", "organization_id", "program_id", "name", "alternate_name", "description", "url",
        "email", "status", "interpretation_services", "application_process", "fees_description",
        "wait_time", "fees", "accreditations", "eligibility_description", "minimum_age",
        "maximum_age", "assured_date", "assurer_email", "licenses", "alert", "last_modified")),
    "service_area": ("service_areas.csv", (
        "id", "service_id", "name", "description", "extent", "extent_type", "uri")),
    "language": ("languages.csv", (
        "id", "service_id", "location_id", "phone_id", "name", "code", "note")),
    "schedule": ("schedules.csv", (
        "id", "service_id", "location_id", "service_at_location_id", "valid_from", "valid_to",
        "dtstart", "timezone", "until", "count", "wkst", "freq", "interval", "byday", "byweekno",
        "bymonthday", "byyearday", "description", "opens_at", "closes_at", "schedule_link",
        "attending_type", "notes")),
    "taxonomy": ("taxonomies.csv", ("id", "name", "description", "uri", "version")),
    "taxonomy_term": ("taxonomy_terms.csv", (
        "id", "code", "name", "description", "parent_id", "taxonomy", "language", "taxonomy_id",
        "term_uri")),
    "attribute": ("attributes.csv", (
        "id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value")),
}
"""Each table tsunagari writes: its file and its columns, as HSDS 3.0 defines them."""
REFERENCES = {
    "organization_identifier": [("organization_id", "organization")],
    "service": [("organization_id", "organization")],
    "service_area": [("service_id", "service")], "language": [("service_id", "service")],
    "schedule": [("service_id", "service")], "taxonomy_term": [("taxonomy_id", "taxonomy")],
    "attribute": [("taxonomy_term_id", "taxonomy_term")],
}
"""The foreign keys among the tables written."""


def _rows(store: GraphStore, cache: VersionedCache | None, language: str,
          today: str) -> dict[str, list[Row]]:
    found = directory(store, cache)
    services: list[tuple[Service, Entity]] = list(found.services)
    places = places_of(store, (s for s, _ in services))
    organisations = [organisation_record(e, language) for e in found.organisations]

    def each(rows_of: Callable[[Service], Iterable[Row]]) -> list[Row]:
        return [row for service, _ in services for row in rows_of(service)]

    return {
        "organization": organisations,
        "organization_identifier": [row for o in organisations
                                    for row in o["organization_identifiers"]],
        "service": [service_record(s, e, places, language, today) for s, e in services],
        "service_area": each(lambda s: [area_row(s, p, places.get(p), language)
                                        for p in s.area_served]),
        "language": each(lambda s: [language_row(s, code, language) for code in s.languages]),
        "schedule": each(lambda s: [schedule_row(s)] if s.valid_from or s.valid_to else []),
        "taxonomy": taxonomy_rows(),
        "taxonomy_term": term_rows(language),
        "attribute": each(attribute_rows),
    }


def _csv(columns: tuple[str, ...], rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([["" if row.get(c) is None else row[c] for c in columns] for row in rows])
    return out.getvalue()


def _field(name: str) -> dict[str, Any]:
    kind = "number" if name in NUMBERS else "date" if name in DATES else "string"
    return {"name": name, "type": kind}


def datapackage(language: str) -> dict[str, Any]:
    """The data package descriptor of the files (Frictionless tabular data package)."""
    return {
        "name": "tsunagari-hsds", "profile": "tabular-data-package",
        "title": "tsunagari: organisations and services (HSDS 3)",
        "version": HSDS_VERSION, "language": language,
        "resources": [{
            "name": table, "path": path, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": [_field(c) for c in columns], "primaryKey": "id",
                       **({"foreignKeys": [{"fields": field, "reference": {
                           "resource": target, "fields": "id"}}
                           for field, target in REFERENCES[table]]}
                          if table in REFERENCES else {})},
        } for table, (path, columns) in TABLES.items()],
    }


def hsds_files(store: GraphStore, language: str, today: str,
               cache: VersionedCache | None = None) -> dict[str, str]:
    """Every file of the HSDS tabular export, by name: a CSV per table and datapackage.json."""
    rows = _rows(store, cache, language, today)
    files = {path: _csv(columns, rows[table]) for table, (path, columns) in TABLES.items()}
    files["datapackage.json"] = json.dumps(datapackage(language), ensure_ascii=False, indent=1)
    return files

