"""The support menu: what exists for a country, a stage and an entry point.

Each item is an organisation or programme, grounded in the relations (with
their evidence) that state it acts at that stage or entry point, in or for that
country. Where a stage or entry point is asked, only relations that state it count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tsunagari.graph.model import Entity, Relation, Service
from tsunagari.graph.store import GraphStore
from tsunagari.graph.vocabulary import EntityType, EntryPoint, Family, Stage, family_of
from tsunagari.queries.cache import VersionedCache, cached
from tsunagari.queries.projection import PROJECTION, Projection
from tsunagari.queries.query_errors import QueryError, check_range
from tsunagari.queries.resolve import resolve_entity

MAX_SUPPORT_ITEMS = 200


@dataclass
class SupportItem:
    """One entry of the menu: an organisation, its services that fit, and the relations that
    ground it."""

    entity: Entity
    relations: list[Relation] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)

    @property
    def stages(self) -> list[str]:
        return sorted({r.stage for r in self.relations if r.stage}
                      | {stage for s in self.services for stage in s.stages})

    @property
    def entry_points(self) -> list[str]:
        return sorted({r.entry_point for r in self.relations if r.entry_point}
                      | {point for s in self.services for point in s.entry_points})


def _check(value: str | None, allowed: type[Stage] | type[EntryPoint], name: str) -> None:
    if value is not None and value not in {item.value for item in allowed}:
        options = ", ".join(item.value for item in allowed)
        raise QueryError(f"{name} {value!r} is unknown; use one of {options}")


def support(
    store: GraphStore,
    country: str | None = None,
    stage: str | None = None,
    entry_point: str | None = None,
    limit: int = 50,
    cache: VersionedCache | None = None,
) -> list[SupportItem]:
    """The support menu, most grounded items first."""
    _check(stage, Stage, "stage")
    _check(entry_point, EntryPoint, "entry_point")
    check_range("limit", limit, 1, MAX_SUPPORT_ITEMS)
    projection = cached(store, cache, PROJECTION)
    place = resolve_entity(store, country, "country", cache) if country else None
    if place is not None and not place.is_place:
        raise QueryError(f"country {country!r} is {place.display_name}, not a place")
    servers = projection.serving(place.id) if place is not None else set()
    items: dict[str, SupportItem] = {}
    for relation in store.relations():
        if stage and relation.stage != stage:
            continue
        if entry_point and relation.entry_point != entry_point:
            continue
        if not (relation.stage or relation.entry_point):
            continue
        provider = projection.entities.get(relation.source)
        if provider is None or not _offers(provider, relation):
            continue
        if place is not None and not _concerns(projection, relation, place.id, servers):
            continue
        items.setdefault(provider.id, SupportItem(provider)).relations.append(relation)
    for provider in projection.entities.values():
        for service in provider.services:
            if provider.in_chains and _service_fits(projection, service, provider, stage,
                                                    entry_point, place):
                items.setdefault(provider.id, SupportItem(provider)).services.append(service)
    ranked = sorted(
        items.values(),
        key=lambda item: (-len(item.relations) - len(item.services), item.entity.display_name),
    )
    for item in ranked:
        item.relations.sort(key=lambda r: r.id)
    return ranked[:limit]


def _service_fits(projection: Projection, service: Service, provider: Entity, stage: str | None,
                  entry_point: str | None, place: Entity | None) -> bool:
    """Whether a service states the asked stage and entry point (one of them at least when
    neither is asked) and serves the place (its stated area, or where its provider stands)."""
    if stage and stage not in service.stages:
        return False
    if entry_point and entry_point not in service.entry_points:
        return False
    if not (service.stages or service.entry_points):
        return False
    if place is None:
        return True
    areas = service.area_served or [provider.id]
    return any(projection.is_within(area, place.id) or projection.is_within(place.id, area)
               for area in areas)


def _offers(provider: Entity, relation: Relation) -> bool:
    """Whether the relation shows its source offering support (not merely standing somewhere)."""
    if provider.is_pure_place:
        return False
    family = family_of(relation.type)
    if provider.type is EntityType.FIRM:
        return family is Family.SUPPORTS
    if family is not Family.LOCATED_IN:
        return True
    return provider.type in (
        EntityType.PROGRAM, EntityType.SUPPORT_CENTER, EntityType.INDUSTRIAL_PARK
    )


def _concerns(
    projection: Projection, relation: Relation, place_id: str, servers: set[str]
) -> bool:
    """Whether a relation acts in or for the place (through its source or its target)."""
    source, target = relation.source, relation.target
    return (
        projection.is_within(source, place_id)
        or projection.is_within(target, place_id)
        or source in servers
    )
