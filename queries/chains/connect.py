"""Referral chains between organisations or places: `connect` and `paths`.

A place as origin stands for the organisations that serve firms there: its own
government, what stands in it, and what serves an area containing it (or within
it); with a sector, only those of that sector or of all sectors. A place as
destination stands for its own government and what stands in it (an origin that
stands in the destination leads to the rest of it).
"""

from __future__ import annotations

from dataclasses import dataclass

from tsunagari.graph.limits import DEFAULT_BUDGET_SECONDS, MAX_CHAINS, MAX_HOPS
from tsunagari.graph.model import Entity
from tsunagari.graph.referral_model import Outcomes
from tsunagari.graph.sectors import SECTORS, sector_of_word
from tsunagari.graph.store import GraphStore, NativePaths
from tsunagari.graph.vocabulary import EntityType, Family, family_of
from tsunagari.queries.cache import VersionedCache, cached, pinned
from tsunagari.queries.chains.chain import Chain, RelationFilter
from tsunagari.queries.chains.search import find_chains
from tsunagari.queries.projection import PROJECTION, Projection
from tsunagari.queries.query_errors import QueryError, check_range
from tsunagari.queries.resolve import resolve_entity

LOCAL_FIT, AREA_FIT, SECTOR_SILENT_FIT = 1.0, 0.9, 0.95
BROADER_AREA_DECAY = 0.9
"""Per level of the place hierarchy between an origin and the broader area an entity serves."""
ROLE_FIT: dict[EntityType, float] = {
    EntityType.MUNICIPALITY: 1.0, EntityType.SUPPORT_CENTER: 1.0,
    EntityType.GOVERNMENT_AGENCY: 1.0, EntityType.NPO: 0.95,
    EntityType.FINANCIAL_INSTITUTION: 0.95, EntityType.PROGRAM: 0.9,
    EntityType.TRAINING_INSTITUTION: 0.65, EntityType.INDUSTRIAL_PARK: 0.7, EntityType.FIRM: 0.6,
}
"""How naturally a firm is referred onwards by an origin organisation of each type."""
DESTINATION_ROLE_FIT: dict[EntityType, float] = {
    EntityType.MUNICIPALITY: 1.0, EntityType.SUPPORT_CENTER: 1.0,
    EntityType.GOVERNMENT_AGENCY: 1.0, EntityType.INDUSTRIAL_PARK: 0.95, EntityType.NPO: 0.95,
    EntityType.PROGRAM: 0.9, EntityType.FINANCIAL_INSTITUTION: 0.9, EntityType.FIRM: 0.85,
    EntityType.TRAINING_INSTITUTION: 0.8, EntityType.PERSON: 0.8,
}
"""How useful an entity found in a destination place is as the end of a referral
(training institutions count fully when people are the entry point)."""


@dataclass
class Connection:
    """The answer to connect/paths: resolved ends, their chains, and completeness."""

    origin: Entity
    destination: Entity
    sector: str | None
    chains: list[Chain]
    complete: bool


def native_walker(store: GraphStore) -> NativePaths | None:
    """The store, when it is to enumerate chains itself."""
    return store if isinstance(store, NativePaths) and store.native_paths else None


def resolve_sector(sector: str | None) -> str | None:
    """A sector id from an id or any of its words; QueryError when unknown."""
    if sector is None or not sector.strip():
        return None
    if sector in SECTORS:
        return sector
    found = sector_of_word(sector)
    if found is None:
        raise QueryError(f"sector {sector!r} is unknown; known sectors: {', '.join(SECTORS)}",
                         f"業種「{sector}」は登録されていません。")
    return found


def _is_provider(projection: Projection, entity: Entity) -> bool:
    """Can the entity serve a firm: an organisation, programme, or a firm that supports others."""
    if not entity.in_chains or entity.type is EntityType.PERSON:
        return False
    if entity.type is not EntityType.FIRM:
        return True
    return any(
        hop.forward and family_of(hop.relation.type) is Family.SUPPORTS
        for hop in projection.hops_of(entity.id)
    )


def origin_sources(projection: Projection, origin: Entity, sector: str | None) -> dict[str, float]:
    """The start entities of chains for an origin, with how well each fits it."""
    if not origin.is_place:
        return {origin.id: 1.0}
    local = projection.within(origin.id) | ({origin.id} if not origin.is_pure_place else set())
    sources: dict[str, float] = {}
    for entity_id, fit in [(e, LOCAL_FIT) for e in local] + [
        (e, _area_fit(projection, e, origin.id)) for e in projection.serving(origin.id) - local
    ]:
        entity = projection.entities[entity_id]
        if not _is_provider(projection, entity) or not projection.fits_sector(entity_id, sector):
            continue
        if sector and sector not in projection.sectors.get(entity_id, frozenset()):
            fit *= SECTOR_SILENT_FIT
        sources[entity_id] = fit * ROLE_FIT[entity.type]
    return sources


def _area_fit(projection: Projection, entity_id: str, place_id: str) -> float:
    """How closely an entity's service area matches a place: less for broader areas."""
    depth = len(projection.places.get(place_id, ()))
    best = 0.0
    for area in projection.served_areas.get(entity_id, ()):
        if projection.is_within(area, place_id):
            best = max(best, AREA_FIT)
        elif projection.is_within(place_id, area):
            levels = depth - len(projection.places.get(area, ()))
            best = max(best, AREA_FIT * BROADER_AREA_DECAY ** max(levels, 0))
    return best


def destination_targets(
    projection: Projection, destination: Entity, entry_point: str | None = None
) -> dict[str, float]:
    """The entities a chain may end at for a destination, with how well each fits it."""
    if not destination.is_place:
        return {destination.id: 1.0}
    inside = [projection.entities[e] for e in projection.within(destination.id)]
    if not destination.is_pure_place:
        inside.append(destination)
    return {
        entity.id: _destination_fit(entity, entry_point)
        for entity in inside
        if entity.in_chains
    }


def _destination_fit(entity: Entity, entry_point: str | None) -> float:
    """How useful an entity in the destination is as the end of a referral."""
    if entity.type is EntityType.TRAINING_INSTITUTION and entry_point == "people":
        return 1.0
    return DESTINATION_ROLE_FIT[entity.type]


def connect(
    store: GraphStore,
    origin: str,
    destination: str,
    sector: str | None = None,
    k: int = 5,
    max_hops: int = 4,
    stage: str | None = None,
    entry_point: str | None = None,
    as_of: int | None = None,
    cache: VersionedCache | None = None,
    budget_seconds: float = DEFAULT_BUDGET_SECONDS,
    today: str | None = None,
    prefer: dict[str, float] | None = None,
    outcomes: Outcomes | None = None,
) -> Connection:
    """Ranked, diverse referral chains from an origin to a destination.

    Either end may be an organisation or a place, by id or any name. `today` ("YYYY-MM")
    marks the periods that have ended (and ranks them lower); `prefer` weighs first contacts
    and receivers (1.0 is neutral), e.g. receivers that offer what the firm needs; `outcomes`
    (referrals and how they ended) raise routes that worked, within `MAX_BOOST`.
    """
    check_range("k", k, 1, MAX_CHAINS)
    check_range("max_hops", max_hops, 1, MAX_HOPS)
    sector_id = resolve_sector(sector)
    cache = pinned(cache)
    start = resolve_entity(store, origin, "origin", cache)
    end = resolve_entity(store, destination, "destination", cache)
    if start.id == end.id:
        raise QueryError(f"origin and destination are the same entity ({start.id})",
                         f"出発地と行き先が同じです（{start.display_name}）。")
    projection = cached(store, cache, PROJECTION)
    sources = origin_sources(projection, start, sector_id)
    targets = destination_targets(projection, end, entry_point)
    targets.pop(start.id, None)
    for ends in (sources, targets):
        for entity_id in ends:
            ends[entity_id] *= (prefer or {}).get(entity_id, 1.0)
    anchors = frozenset(
        e.id for e in (start, end) if not e.is_pure_place
    )
    result = find_chains(
        projection,
        sources,
        targets,
        k=k,
        max_hops=max_hops,
        relation_filter=RelationFilter(stage, entry_point, as_of, today),
        anchors=anchors,
        interchangeable_targets=end.is_place,
        distinct_ends=start.is_place or end.is_place,
        budget_seconds=budget_seconds,
        native=native_walker(store),
        outcomes=outcomes,
    )
    return Connection(start, end, sector_id, result.chains, result.complete)


def paths(
    store: GraphStore,
    source: str,
    target: str,
    k: int = 5,
    max_hops: int = 4,
    cache: VersionedCache | None = None,
    budget_seconds: float = DEFAULT_BUDGET_SECONDS,
) -> Connection:
    """Ranked, diverse chains between two entities, taken as themselves (no place expansion)."""
    check_range("k", k, 1, MAX_CHAINS)
    check_range("max_hops", max_hops, 1, MAX_HOPS)
    cache = pinned(cache)
    start = resolve_entity(store, source, "source", cache)
    end = resolve_entity(store, target, "target", cache)
    if start.id == end.id:
        raise QueryError(f"source and target are the same entity ({start.id})")
    projection = cached(store, cache, PROJECTION)
    result = find_chains(
        projection,
        {start.id: 1.0},
        {end.id: 1.0},
        k=k,
        max_hops=max_hops,
        anchors=frozenset({start.id, end.id}),
        budget_seconds=budget_seconds,
        native=native_walker(store),
    )
    return Connection(start, end, None, result.chains, result.complete)
