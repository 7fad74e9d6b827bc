"""Hypothesis strategies: small random graphs, for properties checked against plain
definitions and brute force."""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from tsunagari.graph import Contribution, DocumentRecord, Entity, EntityType, Evidence, Relation, RelationType
from tsunagari.graph.embedded import NetworkxStore

NETWORK_TYPES = [EntityType.NPO, EntityType.FIRM, EntityType.PLACE, EntityType.MUNICIPALITY,
                 EntityType.GOVERNMENT_AGENCY]
NETWORK_RELATIONS = ["LOCATED_IN", "TENANT_OF", "SUPPORTS", "PARTNERS_WITH", "MEMBER_OF",
                     "SERVES_AREA", "REFERS_TO"]


@st.composite
def networks(draw: st.DrawFn) -> Contribution:
    """Small graphs with places, countries, location cycles, self ties and parallel ties."""
    size = draw(st.integers(2, 9))
    entities = [
        Entity(id=f"e{i}", type=draw(st.sampled_from(NETWORK_TYPES)), name_en=f"Entity {i}",
               country=draw(st.sampled_from(["", "JP", "VN"])))
        for i in range(size)
    ]
    relations = {}
    for a, b, kind in draw(st.lists(st.tuples(st.integers(0, size - 1), st.integers(0, size - 1),
                                              st.sampled_from(NETWORK_RELATIONS)), max_size=size * 3)):
        relation = Relation(
            type=kind, source=f"e{a}", target=f"e{b}",
            evidence=[Evidence("gen", f"L{n}:c0-1", f"{a}-{b}") for n in range(draw(st.integers(1, 3)))],
            confidence=draw(st.sampled_from([1.0, 0.8])),
        )
        relations[relation.id] = relation
    return Contribution(DocumentRecord("gen", "generated", "0"), entities, list(relations.values()))


def store_of(network: Contribution) -> NetworkxStore:
    store = NetworkxStore(Path(":memory:"))
    store.apply(network)
    return store


GRAPH_TYPES = [EntityType.NPO, EntityType.FIRM, EntityType.PROGRAM, EntityType.PLACE,
               EntityType.MUNICIPALITY, EntityType.GOVERNMENT_AGENCY]


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[Entity], list[Relation]]:
    size = draw(st.integers(3, 10))
    entities = [
        Entity(id=f"e{i}", type=draw(st.sampled_from(GRAPH_TYPES)), name_en=f"Entity {i}")
        for i in range(size)
    ]
    entities[0].type = entities[1].type = EntityType.NPO
    pairs = draw(st.lists(st.tuples(st.integers(0, size - 1), st.integers(0, size - 1)),
                          max_size=size * 3))
    relations = {}
    for a, b in pairs:
        if a == b:
            continue
        relation = Relation(
            type=draw(st.sampled_from(sorted(t.value for t in RelationType))),
            source=f"e{a}",
            target=f"e{b}",
            evidence=[
                Evidence("gen", f"L{n}:c0-1", f"{a}-{b} ({n})") for n in range(draw(st.integers(1, 3)))
            ],
            confidence=draw(st.sampled_from([1.0, 0.8, 0.5])),
        )
        relations[relation.id] = relation
    return entities, list(relations.values())
