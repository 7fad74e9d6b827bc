"""Large loads on Neo4j: staged in batches that no reader sees, published at once.

Every test lowers the store's `stage_above` to nothing, so that the seed documents take the
path a document of more than 20,000 facts takes, and compares the result with the
embedded store applying the same documents in the order they were published.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support.neo4j_servers import Neo4jServers
from tests.support.paths import SEEDS
from tsunagari.graph import Contribution, DocumentRecord, Entity, EntityType
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.graph.neo4j import Neo4jStore
from tsunagari.loaders.seeds import read_seed, seed_sources
from tsunagari.queries.views import graph_json

pytestmark = pytest.mark.neo4j


@pytest.fixture
def staging(scratch_neo4j: Neo4jStore) -> Neo4jStore:
    scratch_neo4j.stage_above = 0
    return scratch_neo4j


def seeds() -> list[Contribution]:
    return [read_seed(source, SEEDS) for source in seed_sources(SEEDS)]


def embedded(tmp_path: Path, *contributions: Contribution) -> NetworkxStore:
    store = NetworkxStore(tmp_path / "graph.sqlite3")
    for contribution in contributions:
        store.apply(contribution)
    return store


def left_over(store: Neo4jStore) -> dict[str, int]:
    """Staged entities and facts that no document holds: what a load must never leave."""
    rows, _, _ = store.driver.execute_query(
        "CALL () { MATCH (e:Staged) RETURN count(e) AS staged } "
        "CALL () { MATCH (f:Fact) WHERE NOT EXISTS { MATCH (d:Document|RetractedDocument "
        "{load: f.load}) } RETURN count(f) AS facts } RETURN staged, facts")
    return dict(rows[0])


def aliased(contribution: Contribution, document_id: str) -> Contribution:
    """A small document giving the first entity of `contribution` another name."""
    first = contribution.entities[0]
    other = Entity(first.id, first.type, aliases=["もうひとつの名前"])
    return Contribution(DocumentRecord(document_id, "Aliased", ""), [other], [])


def apart(_contribution: Contribution, document_id: str) -> Contribution:
    """A small document touching nothing the seed states."""
    return Contribution(DocumentRecord(document_id, "Apart", ""),
                        [Entity("apart-npo", EntityType.NPO, name_en="Apart NPO")], [])


def test_a_staged_load_gives_the_graph_of_one_transaction(
    staging: Neo4jStore, tmp_path: Path
) -> None:
    documents = seeds()
    reports = [staging.apply(contribution) for contribution in documents]
    expected = embedded(tmp_path)
    assert [r.to_dict() for r in reports] == [expected.apply(c).to_dict() for c in documents]
    assert graph_json(staging) == graph_json(expected)
    assert left_over(staging) == {"staged": 0, "facts": 0}
    again = staging.apply(documents[-1])
    assert again.unchanged and graph_json(staging) == graph_json(expected)


def test_a_staged_reload_retraction_and_restore_match_the_embedded_store(
    staging: Neo4jStore, tmp_path: Path
) -> None:
    *rest, curated = seeds()
    for contribution in rest:
        staging.apply(contribution)
    staging.apply(curated)
    fewer = Contribution(curated.document, curated.entities,
                         curated.relations[: len(curated.relations) // 2])
    staging.apply(fewer)
    expected = embedded(tmp_path, *rest, fewer)
    assert graph_json(staging) == graph_json(expected)
    assert staging.document_facts(curated.document.id) == expected.document_facts(
        curated.document.id)
    staging.retract(curated.document.id)
    expected.retract(curated.document.id)
    assert graph_json(staging) == graph_json(expected)
    staging.restore(curated.document.id)
    expected.restore(curated.document.id)
    assert graph_json(staging) == graph_json(expected)
    assert left_over(staging) == {"staged": 0, "facts": 0}


def test_readers_see_nothing_of_a_load_until_it_is_published(staging: Neo4jStore) -> None:
    *rest, curated = seeds()
    for contribution in rest:
        staging.apply(contribution)
    before = (staging.version(), staging.counts(), graph_json(staging))
    seen: list[tuple[int, tuple[int, int], dict[str, Any]]] = []
    new_entity = next(e.id for e in curated.entities if staging.entity(e.id) is None)

    def look(stage: str, _count: int) -> None:
        if stage in ("facts written", "graph staged"):
            assert staging.entity(new_entity) is None
            assert staging.document(curated.document.id) is None
            seen.append((staging.version(), staging.counts(), graph_json(staging)))

    staging.apply(curated, look)
    assert seen and all(view == before for view in seen)
    assert staging.entity(new_entity) is not None
    assert staging.version() > before[0]


def test_a_load_that_fails_while_staging_changes_nothing_and_leaves_nothing(
    staging: Neo4jStore,
) -> None:
    *rest, curated = seeds()
    for contribution in rest:
        staging.apply(contribution)
    before = (staging.version(), graph_json(staging))

    def fail(stage: str, _count: int) -> None:
        if stage == "graph staged":
            raise RuntimeError("the loader stopped")

    with pytest.raises(RuntimeError, match="the loader stopped"):
        staging.apply(curated, fail)
    assert (staging.version(), graph_json(staging)) == before
    assert left_over(staging) == {"staged": 0, "facts": 0}


@pytest.mark.parametrize("between", [aliased, apart], ids=["touching", "apart"])
def test_a_write_landing_while_a_load_is_staged_is_kept(
    staging: Neo4jStore, neo4j_servers: Neo4jServers, tmp_path: Path,
    between: Callable[[Contribution, str], Contribution],
) -> None:
    """Another process writes between the staging and the publish: the load is planned
    and staged again only when that write changed what the load writes, and the graph is
    the one of the two writes one after the other."""
    *rest, curated = seeds()
    for contribution in rest:
        staging.apply(contribution)
    other_writer = neo4j_servers.store(neo4j_servers.scratch_uri)
    other = between(curated, "between")
    stagings: list[str] = []

    def write_once(stage: str, _count: int) -> None:
        if stage == "graph staged":
            stagings.append(stage)
            if len(stagings) == 1:
                other_writer.apply(other)

    try:
        staging.apply(curated, write_once)
    finally:
        other_writer.close()
    assert len(stagings) == (2 if between is aliased else 1)
    assert graph_json(staging) == graph_json(embedded(tmp_path, *rest, other, curated))
    assert left_over(staging) == {"staged": 0, "facts": 0}


def test_a_database_written_before_loads_had_tokens_reads_the_same(
    scratch_neo4j: Neo4jStore, neo4j_servers: Neo4jServers
) -> None:
    """Facts kept by document (and retracted ones relabelled) are moved to loads on opening."""
    *rest, curated = seeds()
    for contribution in [*rest, curated]:
        scratch_neo4j.apply(contribution)
    places = scratch_neo4j.contribution(rest[0].document.id)
    scratch_neo4j.retract(rest[0].document.id)
    kept = (scratch_neo4j.contribution(curated.document.id), graph_json(scratch_neo4j))
    scratch_neo4j.driver.execute_query(
        "MATCH (d:Document|RetractedDocument) MATCH (f:Fact {load: d.load}) "
        "SET f.document = d.id REMOVE f.load "
        "FOREACH (_ IN CASE WHEN d:RetractedDocument THEN [1] ELSE [] END | "
        "  REMOVE f:Fact SET f:RetractedFact) "
        "WITH DISTINCT d REMOVE d.load")
    reopened = neo4j_servers.store(neo4j_servers.scratch_uri)
    try:
        assert (reopened.contribution(curated.document.id), graph_json(reopened)) == kept
        reopened.restore(rest[0].document.id)
        assert reopened.contribution(rest[0].document.id) == places
        assert left_over(reopened) == {"staged": 0, "facts": 0}
    finally:
        reopened.close()
