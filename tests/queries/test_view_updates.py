"""Views brought forward by a write's changes instead of rebuilt, on both stores: a rename or
a new alias updates the projection, the name index and the hub scores in place; a new entity
updates the name index and rebuilds the projection; a new relation rebuilds them all. Every
answer is the one views built afresh give, and an entity's view read from the projection is
the one the store gives."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from tests.support.paths import SEEDS
from tests.support.waiting import eventually
from tsunagari.graph.model import Contribution, DocumentRecord, Entity, Evidence, Relation
from tsunagari.graph.store import GraphStore
from tsunagari.graph.vocabulary import EntityType, Status
from tsunagari.loaders.seeds import load_seeds
from tsunagari.queries import (
    HUB_SCORES,
    NAMES,
    PROJECTION,
    VersionedCache,
    connect,
    entity_view,
    entity_view_in,
    hubs,
)
from tsunagari.queries.resolve import NameIndex

NOTE = "desk-note-2026-12"
ALIAS = "浪速ものづくり窓口"


@pytest.fixture
def store(empty_store: GraphStore) -> GraphStore:
    load_seeds(empty_store, SEEDS)
    return empty_store


@pytest.fixture
def cache(store: GraphStore) -> Iterator[VersionedCache]:
    cache = VersionedCache(store)
    for view in (PROJECTION, NAMES, HUB_SCORES):
        cache.get(view)
    yield cache
    cache.close()


def _note(entities: list[Entity], relations: list[Relation] | None = None) -> Contribution:
    return Contribution(DocumentRecord(NOTE, "desk note", "0" * 64), entities, relations or [])


def _evidence(quote: str) -> list[Evidence]:
    return [Evidence(NOTE, "line 1", quote, 1, 1)]


def _same_answers(store: GraphStore, cache: VersionedCache, names: list[str]) -> None:
    fresh = NameIndex.of(store)
    index = cache.get(NAMES)
    for name in names:
        assert [(m.entity, m.score) for m in index.resolve(name)] == [
            (m.entity, m.score) for m in fresh.resolve(name)], name
    chains = connect(store, "Osaka", "Dong Nai", cache=cache).chains
    assert chains == connect(store, "Osaka", "Dong Nai").chains
    assert [(h.entity.id, h.score) for h in hubs(store, cache=cache)] == [
        (h.entity.id, h.score) for h in hubs(store)]
    for entity_id in ("jetro", "jica", "naniwa-desk", "osaka-pref"):
        assert entity_view_in(cache.get(PROJECTION), entity_id) == entity_view(store, entity_id)


def test_an_alias_updates_every_view_in_place(store: GraphStore, cache: VersionedCache) -> None:
    projection, index, scores = cache.get(PROJECTION), cache.get(NAMES), cache.get(HUB_SCORES)
    jetro = store.entity("jetro")
    assert jetro is not None and not index.resolve(ALIAS)
    store.apply(_note([replace(jetro, aliases=[ALIAS], evidence=_evidence(f"JETRO（{ALIAS}）"))]))
    cache.refresh()
    assert cache.get(PROJECTION).arrays is projection.arrays
    assert cache.get(NAMES)._substrings is index._substrings
    assert cache.entry(HUB_SCORES).value.centrality is scores.centrality
    assert cache.entry(HUB_SCORES).version == store.version()
    assert cache.get(NAMES).resolve(ALIAS)[0].entity.id == "jetro"
    assert ALIAS in cache.get(PROJECTION).entities["jetro"].aliases
    _same_answers(store, cache, [ALIAS, "ものづくり", "JETRO", "ジェトロ", "Osaka"])

    store.retract(NOTE)
    cache.refresh()
    assert not cache.get(NAMES).resolve(ALIAS)
    _same_answers(store, cache, [ALIAS, "ものづくり", "JETRO"])


def test_an_alias_keeps_the_index_of_relations_by_end_once_built(
    store: GraphStore, cache: VersionedCache
) -> None:
    projection = cache.get(PROJECTION)
    assert not projection.indexed_by_end()
    touching = projection.touching
    jetro = store.entity("jetro")
    assert jetro is not None
    store.apply(_note([replace(jetro, aliases=[ALIAS], evidence=_evidence(f"JETRO（{ALIAS}）"))]))
    cache.refresh()
    updated = cache.get(PROJECTION)
    assert updated is not projection and updated.indexed_by_end()
    assert updated.touching is touching
    assert entity_view_in(updated, "jetro") == entity_view(store, "jetro")


def test_a_new_entity_updates_the_names_and_rebuilds_the_projection(
    store: GraphStore, cache: VersionedCache
) -> None:
    projection, index = cache.get(PROJECTION), cache.get(NAMES)
    desk = Entity(id="naniwa-desk", type=EntityType.SUPPORT_CENTER, name_ja=ALIAS,
                  name_en="Naniwa Monozukuri Desk", country="JP", evidence=_evidence(ALIAS))
    store.apply(_note([desk]))
    cache.refresh()
    assert cache.get(NAMES)._substrings is index._substrings
    assert cache.get(PROJECTION).arrays is not projection.arrays
    assert cache.get(NAMES).resolve("monozukuri desk")[0].entity.id == "naniwa-desk"
    _same_answers(store, cache, [ALIAS, "ものづくり", "Naniwa", "monozukuri desk"])


def test_a_new_relation_rebuilds_every_view(store: GraphStore, cache: VersionedCache) -> None:
    projection, index = cache.get(PROJECTION), cache.get(NAMES)
    jetro, jica = store.entity("jetro"), store.entity("jica")
    assert jetro is not None and jica is not None
    partners = Relation(type="PARTNERS_WITH", source="jetro", target="jica",
                        evidence=_evidence("JETRO and JICA"))
    store.apply(_note([replace(jetro, evidence=_evidence("JETRO")),
                       replace(jica, evidence=_evidence("JICA"))], [partners]))
    cache.refresh()
    assert cache.get(PROJECTION).arrays is not projection.arrays
    assert cache.get(NAMES)._substrings is not index._substrings
    assert eventually(lambda: cache.entry(HUB_SCORES).version == store.version())  # background
    _same_answers(store, cache, ["JETRO", "JICA"])


def test_every_entity_view_read_from_the_projection_is_the_stores(
    store: GraphStore, cache: VersionedCache
) -> None:
    jetro, jica = store.entity("jetro"), store.entity("jica")
    assert jetro is not None and jica is not None
    proposed = Relation(type="PARTNERS_WITH", source="jetro", target="jica",
                        status=Status.PROPOSED, evidence=_evidence("JETRO and JICA"))
    store.apply(_note([replace(jetro, evidence=_evidence("JETRO")),
                       replace(jica, evidence=_evidence("JICA"))], [proposed]))
    cache.refresh()
    projection = cache.get(PROJECTION)
    for entity in store.entities():
        assert entity_view_in(projection, entity.id) == entity_view(store, entity.id), entity.id
    view = entity_view_in(projection, "jetro")
    assert view is not None and proposed.id in [r.id for r in view.relations]
    assert entity_view_in(projection, "no-such-entity") is None
