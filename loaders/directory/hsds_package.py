"""An Open Referral HSDS 3 tabular data package (datapackage.json and its CSV files) as a
directory: its organisations, their services with the areas, languages, periods and needs
HSDS records, and where each stands in the files.

An organisation or service keeps its tsunagari id when the package gives one (as tsunagari's
own export does: an organisation identifier of scheme `tsunagari`, a service attribute
`tsunagari-id`); otherwise its id is made from its HSDS id. An organisation's type is the
`tsunagari type` identifier when there is one, else SupportCenter (a body that serves firms).
"""

from __future__ import annotations

from tsunagari.graph.model import Entity, Service
from tsunagari.graph.needs import Need
from tsunagari.graph.text import is_cjk
from tsunagari.graph.vocabulary import EntityType
from tsunagari.loaders.directory.organisations import ORGANISATION_TYPES, DirectoryBuilder
from tsunagari.loaders.directory.rows import DirectoryError, Row, read_rows

NEEDS = {need.value for need in Need}


def _names(row: Row) -> tuple[str, str, list[str]]:
    """Japanese name, English name, other names, from `name` and `alternate_name`."""
    name, other = row.required("name"), row.get("alternate_name")
    ja = next((n for n in (name, other) if n and is_cjk(n)), "")
    en = next((n for n in (name, other) if n and not is_cjk(n)), "")
    return ja, en, [n for n in (name, other) if n and n not in (ja, en)]


def _texts(text: str) -> tuple[str, str]:
    """A text as (Japanese, English) by its script."""
    return (text, "") if is_cjk(text) else ("", text)


def read_package(directory: DirectoryBuilder, files: dict[str, str]) -> None:
    """Read the package's tables into the directory (organizations.csv is required)."""
    def rows(name: str, required: tuple[str, ...]) -> list[Row]:
        return (read_rows(name, files[name], required, required, only_these=False)
                if name in files else [])

    identifiers: dict[tuple[str, str], str] = {}
    for row in rows("organization_identifiers.csv", ("organization_id", "identifier_type",
                                                     "identifier")):
        identifiers[row.get("organization_id"), row.get("identifier_type")] = row.get("identifier")
    if "organizations.csv" not in files:
        raise DirectoryError("organizations.csv", 0, "", "", "is missing; the package needs it",
                             "がありません（必要なファイルです）")
    organisations: dict[str, Entity] = {}
    for row in rows("organizations.csv", ("id", "name", "description")):
        hsds = row.required("id")
        ja, en, others = _names(row)
        kind = ORGANISATION_TYPES.get(identifiers.get((hsds, "tsunagari type"), "").casefold(),
                                      EntityType.SUPPORT_CENTER)
        description_ja, description_en = _texts(row.get("description"))
        entity = Entity(id=identifiers.get((hsds, "tsunagari id")) or f"hsds-{hsds[:8]}",
                        type=kind, name_ja=ja, name_en=en, aliases=others,
                        description=description_en, description_ja=description_ja,
                        evidence=[row.evidence(directory.document)])
        directory.add(row, "id", entity)
        organisations[hsds] = entity
    term_codes = {row.get("id"): row.get("code") for row in rows("taxonomy_terms.csv", ("id",))}
    attributes: dict[str, list[tuple[str, str]]] = {}
    for row in rows("attributes.csv", ("link_id", "taxonomy_term_id")):
        code = term_codes.get(row.get("taxonomy_term_id"), "")
        attributes.setdefault(row.get("link_id"), []).append((code, row.get("value")))
    services: dict[str, Service] = {}
    for row in rows("services.csv", ("id", "organization_id", "name")):
        hsds, owner = row.required("id"), organisations.get(row.get("organization_id"))
        if owner is None:
            raise row.refuse("organization_id", "names no organisation of organizations.csv",
                             "organizations.csv にない組織です")
        said = attributes.get(hsds, [])
        ja, en, _ = _names(row)
        description_ja, description_en = _texts(row.get("description"))
        eligibility_ja, eligibility_en = _texts(row.get("eligibility_description"))
        cost_ja, cost_en = _texts(row.get("fees_description"))
        apply_ja, apply_en = _texts(row.get("application_process"))
        service = Service(
            id=next((v for c, v in said if c == "tsunagari-id"), f"hsds-{hsds[:8]}"),
            organization=owner.id, name_ja=ja, name_en=en, description_ja=description_ja,
            description_en=description_en, needs=[c for c, _ in said if c in NEEDS],
            stages=[v for c, v in said if c == "stage"],
            entry_points=[v for c, v in said if c == "entry-point"],
            eligibility_ja=eligibility_ja, eligibility_en=eligibility_en, cost_ja=cost_ja,
            cost_en=cost_en, how_to_apply_ja=apply_ja, how_to_apply_en=apply_en,
            source_date=next((v for c, v in said if c == "source-date"), ""),
            assured_date=row.get("assured_date"), evidence=[row.evidence(directory.document)])
        owner.services.append(service)
        services[hsds] = service
    for row in rows("service_areas.csv", ("service_id", "name")):
        served = directory.service_of(row, services)
        served.area_served.append(directory.place(row, "name").id)
    for row in rows("languages.csv", ("service_id", "code")):
        directory.service_of(row, services).languages.append(row.required("code"))
    for row in rows("schedules.csv", ("service_id", "valid_from", "valid_to")):
        served = directory.service_of(row, services)
        served.valid_from = row.get("valid_from") or None
        served.valid_to = row.get("valid_to") or None
