"""The synthetic national network: its shape, its evidence, and that it loads like any document."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tsunagari.graph.model import Contribution
from tsunagari.graph.store import GraphStore
from tsunagari.graph.vocabulary import EntityType
from tsunagari.loaders.curated import load_annotation
from tsunagari.loaders.sources import Document
from tsunagari.loaders.synth import MIN_NODES, synthesize, synthetic_text, write_synthetic

SIZE = 5_000


@pytest.fixture(scope="module")
def network() -> Contribution:
    return synthesize(SIZE, seed=3)


def test_same_seed_same_network_other_seed_other_network(network: Contribution) -> None:
    again = synthesize(SIZE, seed=3)
    assert again.entities == network.entities and again.relations == network.relations
    other = synthesize(SIZE, seed=4)
    assert other.relations != network.relations
    assert len(other.entities) == SIZE


def test_too_small_a_network_is_refused() -> None:
    with pytest.raises(ValueError, match=str(MIN_NODES)):
        synthesize(MIN_NODES - 1)


def test_types_in_proportion_and_heavy_tailed_degrees(network: Contribution) -> None:
    types = Counter(e.type for e in network.entities)
    assert len(network.entities) == SIZE
    assert types[EntityType.FIRM] > SIZE / 2, "firms are the bulk of the network"
    assert types[EntityType.FINANCIAL_INSTITUTION] >= 20
    assert types[EntityType.INDUSTRIAL_PARK] >= 10
    degree: Counter[str] = Counter()
    for relation in network.relations:
        degree[relation.source] += 1
        degree[relation.target] += 1
    ranked = sorted(degree.values(), reverse=True)
    assert ranked[0] > 50 * ranked[len(ranked) // 2], "a few hubs, most entities with few ties"


def test_places_form_a_hierarchy_up_to_a_country(network: Contribution) -> None:
    parents = {r.source: r.target for r in network.relations if r.type == "LOCATED_IN"}
    kinds = {e.id: e for e in network.entities}
    for entity in network.entities:
        if entity.type in (EntityType.PLACE, EntityType.MUNICIPALITY) and entity.id not in (
                "jp", "vn", "th"):
            seen, place = set(), entity.id
            while place in parents and place not in seen:
                seen.add(place)
                place = parents[place]
            assert place in ("jp", "vn", "th"), f"{entity.id} does not reach a country"
            assert kinds[place].country == entity.country


def test_only_a_minority_of_organisations_bridge_japan_and_abroad(network: Contribution) -> None:
    country = {e.id: e.country for e in network.entities}
    places = {e.id for e in network.entities if e.is_place}
    bridges = {
        end
        for r in network.relations
        if country[r.source] != country[r.target] and not {r.source, r.target} & places
        for end in (r.source, r.target)
    }
    organisations = [e for e in network.entities if e.type is not EntityType.PLACE]
    assert 0 < len(bridges) < 0.1 * len(organisations)


def test_every_fact_quotes_its_line_of_the_document(network: Contribution) -> None:
    lines = synthetic_text(network).splitlines()
    for fact in (*network.entities, *network.relations):
        assert fact.evidence, f"{fact.id} has no evidence"
        for evidence in fact.evidence:
            assert lines[evidence.line_start - 1] == evidence.quote


def test_written_files_load_like_any_document(tmp_path: Path, empty_store: GraphStore) -> None:
    small = synthesize(MIN_NODES, seed=5)
    document, annotation = write_synthetic(small, tmp_path)
    assert Document.read(document).locate(small.relations[-1].evidence[0].quote) is not None
    report = load_annotation(empty_store, annotation, tmp_path / "documents")
    assert len(report.entities_added) == MIN_NODES
    assert empty_store.counts() == (MIN_NODES, len(small.relations))
    loaded = {r.id: r for r in empty_store.relations()}
    for relation in small.relations[:50]:
        assert loaded[relation.id].evidence[0].locator == relation.evidence[0].locator
