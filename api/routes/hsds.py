"""The HSDS 3 read API (/hsds/): the graph's organisations and services as Open Referral
publishes directories, paged as its API reference pages them (`page`, `per_page`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query

from tsunagari.api.deps import VIEW_SLOT, Cache, Store
from tsunagari.api.errors import problem_responses
from tsunagari.api.params import NAME_LENGTH
from tsunagari.api.schemas import HsdsAbout, HsdsPage, HsdsRecord
from tsunagari.queries.views import (
    HSDS_VERSION,
    Page,
    directory,
    matching,
    organisation_record,
    organisations_matching,
    page_of,
    places_of,
    service_record,
)

router = APIRouter(prefix="/hsds", tags=["hsds"], dependencies=[VIEW_SLOT],
                   responses=problem_responses(422, 503))

MAX_PER_PAGE = 100
PageNumber = Annotated[int, Query(ge=1, description="Page number, from 1")]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="Records a page holds")]
Search = Annotated[str, Query(max_length=NAME_LENGTH, description="Text the names or "
                                                                  "descriptions hold")]
Language = Annotated[Literal["en", "ja"], Query(
    description="The language of names and descriptions; the other language's name is the "
                "alternate_name")]
RecordId = Annotated[str, Query(max_length=120)]


def _today() -> str:
    return date.today().isoformat()


@router.get("", response_model=HsdsAbout)
def about() -> HsdsAbout:
    """The HSDS version and profile this API serves."""
    return HsdsAbout(version=HSDS_VERSION, profile="https://docs.openreferral.org/en/3.0/",
                     openapi_url="/openapi.json")


@router.get("/services", response_model=HsdsPage)
def services(store: Store, cache: Cache, search: Search = "", organization_id: RecordId = "",
             taxonomy_term_id: RecordId = "", page: PageNumber = 1, per_page: PerPage = 50,
             lang: Language = "en") -> dict[str, Any]:
    """Services, in id order: of one organisation (its HSDS or tsunagari id), meeting one need
    (its taxonomy term: HSDS id or need id), holding a text."""
    found = directory(store, cache)
    chosen = matching(found, search, organization_id, taxonomy_term_id)
    shown = list(page_of(chosen, page, per_page))
    places = places_of(store, (s for s, _ in shown))
    today = _today()
    return Page(len(chosen), page, per_page,
                [service_record(s, e, places, lang, today) for s, e in shown]).to_dict()


@router.get("/services/{service_id}", response_model=HsdsRecord,
            responses=problem_responses(404))
def service(service_id: str, store: Store, cache: Cache, lang: Language = "en") -> dict[str, Any]:
    """One service (by its HSDS id or tsunagari id), with its organisation and evidence."""
    found = directory(store, cache).service(service_id)
    if found is None:
        raise HTTPException(404, f"no service with id {service_id!r}; try /hsds/services?search=...")
    offer, provider = found
    return service_record(offer, provider, places_of(store, [offer]), lang, _today())


@router.get("/organizations", response_model=HsdsPage)
def organizations(store: Store, cache: Cache, search: Search = "", page: PageNumber = 1,
                  per_page: PerPage = 50, lang: Language = "en") -> dict[str, Any]:
    """Organisations, in id order, holding a text in a name or description."""
    chosen = organisations_matching(directory(store, cache), search)
    return Page(len(chosen), page, per_page,
                [organisation_record(e, lang) for e in page_of(chosen, page, per_page)]).to_dict()


@router.get("/organizations/{organization_id}", response_model=HsdsRecord,
            responses=problem_responses(404))
def organization(organization_id: str, store: Store, cache: Cache,
                 lang: Language = "en") -> dict[str, Any]:
    """One organisation (by its HSDS id or tsunagari id) with its services."""
    found = directory(store, cache)
    entity = found.organisation(organization_id)
    if entity is None:
        raise HTTPException(404, f"no organization with id {organization_id!r}; "
                                 "try /hsds/organizations?search=...")
    places = places_of(store, entity.services)
    today = _today()
    return {**organisation_record(entity, lang),
            "services": [service_record(s, entity, places, lang, today)
                         for s in sorted(entity.services, key=lambda s: s.id)]}
