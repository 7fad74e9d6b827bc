"""The projection built in arrays agrees with its plain definition on random graphs."""

from __future__ import annotations

import networkx as nx
from hypothesis import HealthCheck, example, given, settings

from tests.support.strategies import networks, store_of
from tsunagari.graph.model import Contribution, DocumentRecord, Entity, Evidence, Relation
from tsunagari.graph.store import GraphStore
from tsunagari.graph.vocabulary import EntityType
from tsunagari.queries.projection import LOCATING_TYPES, TYPE_WEIGHT, Projection


def plain_weight(relation: Relation) -> float:
    evidence = min(1.0, 0.85 + 0.05 * len(relation.evidence))
    return TYPE_WEIGHT[relation.type] * relation.confidence * evidence


def plain_hops(store: GraphStore) -> dict[str, list[tuple[str, str, bool, float]]]:
    """Every entity's hops, strongest first, then by neighbour and relation id."""
    hops: dict[str, list[tuple[str, str, bool, float]]] = {}
    for r in store.relations():
        hops.setdefault(r.source, []).append((r.target, r.id, True, plain_weight(r)))
        hops.setdefault(r.target, []).append((r.source, r.id, False, plain_weight(r)))
    return {e: sorted(h, key=lambda hop: (-hop[3], hop[0], hop[1])) for e, h in hops.items()}


def plain_places(store: GraphStore) -> dict[str, set[str]]:
    """Places above every entity, after tying entities to their country's top place."""
    entities = {e.id: e for e in store.entities()}
    parents: dict[str, set[str]] = {}
    for r in store.relations():
        if r.type in LOCATING_TYPES:
            parents.setdefault(r.source, set()).add(r.target)

    def above(start: str) -> set[str]:
        upwards = nx.DiGraph((child, parent) for child, ps in parents.items() for parent in ps)
        return set(nx.descendants(upwards, start)) if start in upwards else set()

    def reaches(entity: Entity) -> bool:
        return any(entities[p].country == entity.country for p in above(entity.id))

    tops = sorted((e.country not in e.names(), e.id, e.country) for e in entities.values()
                  if e.is_pure_place and e.country and not reaches(e))
    countries: dict[str, str] = {}
    for _, entity_id, country in tops:  # the place answering to its code, then the first id
        countries.setdefault(country, entity_id)
    ties = {e.id: countries[e.country] for e in entities.values()
            if countries.get(e.country, e.id) != e.id and not reaches(e)}
    for entity_id, place in ties.items():
        parents.setdefault(entity_id, set()).add(place)
    return {entity_id: above(entity_id) for entity_id in entities}


TIED_BELOW = Contribution(
    DocumentRecord("tied", "tied", "0"),
    [Entity("jp", EntityType.PLACE, country="JP"), Entity("assoc", EntityType.NPO, country="JP"),
     Entity("member", EntityType.FIRM)],
    [Relation("TENANT_OF", "member", "assoc", [Evidence("tied", "L1:c0-1", "member")])],
)
"""The association is tied to Japan, so its tenant stands in Japan too."""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
@example(TIED_BELOW)
def test_projection_matches_its_plain_definition(network: Contribution) -> None:
    store = store_of(network)
    projection = Projection.of(store)
    hops = {e: [(h.neighbour, h.relation.id, h.forward, h.weight) for h in entity_hops]
            for e, entity_hops in projection.hops.items()}
    expected = plain_hops(store)
    assert hops == expected
    assert list(projection.hops) == list(dict.fromkeys(
        end for r in store.relations() for end in (r.source, r.target)))
    pure = {e.id for e in store.entities() if e.is_pure_place}
    for entity_id, entity_hops in expected.items():
        firsts = {}
        for hop in entity_hops:
            if hop[0] not in pure:
                firsts.setdefault(hop[0], hop)
        walkable = projection.walkable[entity_id]
        assert [(h.neighbour, h.relation.id, h.forward, h.weight) for h in walkable] == list(
            firsts.values())
        assert projection.reach is not None
        assert projection.reach.row(entity_id).tolist() == [
            projection.reach.index[h.neighbour] for h in walkable]
    places = plain_places(store)
    assert {e: set(p) for e, p in projection.places.items()} == places
    assert {p: members for p, members in projection.contents.items() if members} == {
        p: {e for e, above in places.items() if p in above}
        for p in set().union(*places.values())}
    store.close()
