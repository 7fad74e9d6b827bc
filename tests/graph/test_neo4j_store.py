"""The neo4j store against the embedded one, its Cypher, injection attempts and outages."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest

from tests.support.neo4j_servers import Neo4jServers
from tests.support.paths import SEEDS
from tests.support.servers import LiveServer
from tsunagari.api.settings import Settings
from tsunagari.api.stores import open_store
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.graph.limits import MAX_HOPS
from tsunagari.graph.model import Contribution, DocumentRecord, Entity, Evidence
from tsunagari.graph.neo4j import Neo4jStore, cypher
from tsunagari.graph.vocabulary import EntityType
from tsunagari.loaders import load_seeds
from tsunagari.queries.chains import (
    connect,
    destination_targets,
    find_chains,
    native_walker,
    origin_sources,
    paths,
    search,
)
from tsunagari.queries.desk import ask
from tsunagari.queries.hubs import hubs
from tsunagari.queries.projection import Projection
from tsunagari.queries.views import graph_json, support

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def both(
    neo4j_servers: Neo4jServers, nx_seed_store: NetworkxStore
) -> Iterator[tuple[NetworkxStore, Neo4jStore]]:
    """The seed graph in both stores (the Neo4j copy on the seed server)."""
    neo4j = neo4j_servers.store(neo4j_servers.seed_uri)
    if neo4j.counts() == (0, 0):
        load_seeds(neo4j, SEEDS)
    yield nx_seed_store, neo4j
    neo4j.close()


def test_same_graph_in_both_stores(both: tuple[NetworkxStore, Neo4jStore]) -> None:
    embedded, neo4j = both
    assert graph_json(embedded) == graph_json(neo4j)
    assert embedded.documents()[0].sha256 == neo4j.documents()[0].sha256
    assert embedded.document_facts("000_4a12a5157f8c4e5f") == neo4j.document_facts(
        "000_4a12a5157f8c4e5f"
    )


@pytest.mark.parametrize("entity_id", ["jetro", "ha-nam", "hamamatsu-city", "no-such-entity"])
def test_the_surroundings_of_an_entity_are_the_same(
        both: tuple[NetworkxStore, Neo4jStore], entity_id: str) -> None:
    embedded, neo4j = both

    def read(store: NetworkxStore | Neo4jStore) -> object:
        found = store.surroundings(entity_id)
        if found is None:
            return None
        entity, relations, others = found
        assert sorted(r.id for r in relations) == sorted(r.id for r in store.relations_of(entity_id))
        assert {o.id for o in others} == {r.other(entity_id) for r in relations}
        return (entity, sorted(relations, key=lambda r: r.id), sorted(others, key=lambda e: e.id))

    assert read(embedded) == read(neo4j)
    assert (read(embedded) is None) == (entity_id == "no-such-entity")


NO_BUDGET = 600.0
"""The comparison wants complete answers, even while Neo4j compiles its first plans."""

QUERIES = [
    lambda s: connect(s, "Osaka", "Dong Nai", sector="machining", budget_seconds=NO_BUDGET),
    lambda s: connect(s, "Ota", "Thailand", entry_point="land", budget_seconds=NO_BUDGET),
    lambda s: connect(s, "Kansai", "Vietnam", stage="pre-entry", k=8, budget_seconds=NO_BUDGET),
    lambda s: connect(s, "Japan", "Vietnam", k=10, max_hops=4, budget_seconds=NO_BUDGET),
    lambda s: paths(s, "jetro", "dong-nai", k=5, budget_seconds=NO_BUDGET),
    lambda s: ask(s, "大阪の機械加工の町工場をドンナイ省につなぐのは？", budget_seconds=NO_BUDGET),
]


@pytest.mark.parametrize("native", [False, True], ids=["projection", "native"])
@pytest.mark.parametrize("query", QUERIES)
def test_same_chains_in_the_same_order(
    both: tuple[NetworkxStore, Neo4jStore], query, native: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same answers whether Neo4j enumerates the chains itself or not."""
    embedded, neo4j = both
    monkeypatch.setattr(neo4j, "native_paths", native)
    a, b = query(embedded), query(neo4j)
    assert a.chains, "the query should find chains"
    assert a.complete and b.complete
    assert [(c.ids, c.score) for c in a.chains] == [(c.ids, c.score) for c in b.chains]
    assert [[s.via.id if s.via else None for s in c.steps] for c in a.chains] == [
        [s.via.id if s.via else None for s in c.steps] for c in b.chains
    ]


def test_the_native_walk_is_a_setting(neo4j_servers: Neo4jServers) -> None:
    for native in (False, True):
        store = open_store(Settings(backend="neo4j", neo4j_uri=neo4j_servers.seed_uri,
                                    neo4j_native_paths=native))
        assert store.native_paths is native
        assert (native_walker(store) is store) is native
        store.close()


# Kansai no longer reaches Thailand within four hops (the concept 「複数企業による共同進出」 that
# joined the Vietnam and Thailand routes is no entity now): Ota City's route to Thailand instead.
ENDS = [("osaka-pref", "dong-nai"), ("japan", "vietnam"), ("jetro", "dong-nai"),
        ("ota-city", "thailand")]


@pytest.mark.parametrize(("origin", "destination"), ENDS)
def test_native_paths_are_the_projections_paths(
    both: tuple[NetworkxStore, Neo4jStore], origin: str, destination: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whichever of the two enumerates a length (the store or the projection), the
    candidates and the chains are the same."""
    _, neo4j = both
    projection = Projection.of(neo4j)
    sources = origin_sources(projection, neo4j.entity(origin), None)
    targets = destination_targets(projection, neo4j.entity(destination), None)
    answers = []
    for limit, native in ((10**9, neo4j), (-1, neo4j), (10**9, None)):
        monkeypatch.setattr(search, "NATIVE_PATHS_LIMIT", limit)
        found = find_chains(projection, sources, targets, k=5, max_hops=4,
                            budget_seconds=NO_BUDGET, native=native)
        answers.append((found.candidates, [c.ids for c in found.chains]))
    assert answers[0][0] > 0
    assert answers[0] == answers[1] == answers[2]


@pytest.mark.parametrize("metric", ["degree", "betweenness", "pagerank", "brokerage"])
def test_same_hubs(both: tuple[NetworkxStore, Neo4jStore], metric: str) -> None:
    embedded, neo4j = both
    assert [(h.entity.id, h.score) for h in hubs(embedded, metric, limit=15)] == [
        (h.entity.id, h.score) for h in hubs(neo4j, metric, limit=15)
    ]


def test_same_support_menu(both: tuple[NetworkxStore, Neo4jStore]) -> None:
    embedded, neo4j = both
    a = support(embedded, "Vietnam", "post-entry")
    b = support(neo4j, "Vietnam", "post-entry")
    assert [(i.entity.id, [r.id for r in i.relations]) for i in a] == [
        (i.entity.id, [r.id for r in i.relations]) for i in b
    ]


def test_same_answer_through_the_api(both: tuple[NetworkxStore, Neo4jStore]) -> None:
    question = {"q": "who connects an Osaka machinist to Dong Nai?"}
    answers = []
    for store in both:
        with LiveServer(store) as server:
            response = httpx.get(f"{server.url}/v1/ask", params=question, timeout=30)
            assert response.status_code == 200
            answers.append(response.json())
    assert answers[0] == answers[1]
    assert answers[0]["chains"]


def test_chain_query_plan_is_bounded(both: tuple[NetworkxStore, Neo4jStore]) -> None:
    _, neo4j = both
    for length in (1, 4):
        with neo4j.driver.session() as session:
            plan = session.run(
                "EXPLAIN " + cypher.paths_of_length(length),
                sources=["osaka-pref"], targets=["dong-nai"], ends=["osaka-pref", "dong-nai"],
                on_the_way=["dong-nai"], stage=None, entry_point=None, as_of=None, limit=10,
            ).consume().plan
        operators = _operators(plan)
        details = " ".join(op["args"].get("Details", "") for op in operators)
        names = {op["operatorType"].split("@")[0] for op in operators}
        assert "VarLengthExpand(All)" not in names and "ShortestPath" not in names
        assert f"{{{length}, {length}}}" in details, details
        assert any(n.startswith("NodeUniqueIndexSeek") for n in names), names


def _operators(plan: dict) -> list[dict]:
    return [plan, *(op for child in plan.get("children", []) for op in _operators(child))]


KEYED_STATEMENTS = {
    "entity by id": (cypher.ENTITY, {"id": "jetro"}),
    "relations of an entity": (cypher.RELATIONS_OF, {"id": "jetro"}),
    "surroundings of an entity": (cypher.SURROUNDINGS, {"id": "jetro"}),
    "referral by id": (cypher.REFERRAL_GET, {"id": "ref-1"}),
    "document": (cypher.DOCUMENT, {"document": "d"}),
    "facts of a document": (cypher.FACT_VERSIONS_OF_DOCUMENT, {"document": "d"}),
    "document set aside": (cypher.SET_ASIDE_DOCUMENT, {"document": "d"}),
    "retracted document": (cypher.RETRACTED_DOCUMENT, {"document": "d"}),
    "retracted facts": (cypher.RETRACTED_FACTS, {"document": "d"}),
    "retracted document deleted": (cypher.DELETE_RETRACTED, {"document": "d"}),
    "versions of facts": (cypher.FACT_VERSIONS, {"ids": ["a"], "kind": "entity"}),
    "document put": (cypher.PUT_DOCUMENT, {"document": "d", "record": "{}", "load": "l"}),
    "facts of a load deleted": (cypher.DELETE_FACTS, {"load": "l", "batch": 10}),
    "staged entities published": (cypher.PUBLISH_STAGED, {"load": "l", "batch": 10}),
    "staged entities discarded": (cypher.DISCARD_STAGED, {"load": "l", "batch": 10}),
    "relations staged": (cypher.create_staged_relations("SUPPORTS", True, False), {
        "rows": [], "load": "l"}),
    "entities deleted": (cypher.DELETE_ENTITIES, {"ids": ["a"]}),
    "entities written": (cypher.upsert_entities(["Firm"]), {"rows": []}),
    "relations deleted": (cypher.delete_relations("SUPPORTS"), {"ids": ["a"]}),
    "relations created": (cypher.create_relations("SUPPORTS"), {"rows": []}),
}
SCANS = ("AllNodesScan", "NodeByLabelScan", "AllRelationshipsScan", "RelationshipTypeScan")


@pytest.mark.parametrize("name", sorted(KEYED_STATEMENTS))
def test_statements_by_key_are_planned_on_an_index(
    both: tuple[NetworkxStore, Neo4jStore], name: str
) -> None:
    """Reads and writes that name their entities, facts or relations never scan a label
    or a type: at 100,000 entities a scan per row would make a load quadratic."""
    _, neo4j = both
    statement, parameters = KEYED_STATEMENTS[name]
    with neo4j.driver.session() as session:
        plan = session.run("EXPLAIN " + statement, parameters).consume().plan
    names = [op["operatorType"].split("@")[0] for op in _operators(plan)]
    assert any("IndexSeek" in n for n in names), names
    assert not any(n.endswith(SCANS) for n in names), names


@pytest.mark.parametrize("ends", [(True, True), (True, False), (False, True)])
def test_staged_relations_find_their_ends_by_id_not_by_load(
    both: tuple[NetworkxStore, Neo4jStore], ends: tuple[bool, bool]
) -> None:
    """Every staged entity of a load shares its load token: a seek on the load would read
    all of them for every row (a 100,000-entity load took 330 s instead of 15 s)."""
    _, neo4j = both
    statement = cypher.create_staged_relations("SUPPORTS", *ends)
    with neo4j.driver.session() as session:
        plan = session.run("EXPLAIN " + statement, {"rows": [], "load": "l"}).consume().plan
    seeks = [op.get("args", {}).get("Details", "") for op in _operators(plan)
             if "IndexSeek" in op["operatorType"]]
    assert len(seeks) == 2 and all("(id)" in seek for seek in seeks), seeks


def test_cypher_takes_labels_and_types_only_from_the_vocabulary() -> None:
    assert "`Firm`" in cypher.upsert_entities(["Firm"])
    assert "`SUPPORTS`" in cypher.create_relations("SUPPORTS")
    assert "`SUPPORTS`" in cypher.delete_relations("SUPPORTS")
    for bad in ("Firm`) MATCH (n) DETACH DELETE n //", "Castle", "Firm:Admin"):
        with pytest.raises(ValueError, match="vocabulary"):
            cypher.upsert_entities([bad])
        for statement in (cypher.create_relations, cypher.delete_relations):
            with pytest.raises(ValueError, match="vocabulary"):
                statement(bad)
    with pytest.raises(ValueError):
        cypher.paths_of_length(MAX_HOPS + 1)


def test_every_statement_takes_values_as_parameters() -> None:
    statements = [v for k, v in vars(cypher).items() if k.isupper() and isinstance(v, str)]
    statements += list(cypher.SCHEMA)
    statements += [cypher.upsert_entities(["Firm"]), cypher.create_relations("SUPPORTS"),
                   cypher.delete_relations("SUPPORTS"), cypher.paths_of_length(3)]
    for statement in statements:
        assert "'" not in statement.replace("'graph'", "").replace("'accepted'", ""), statement
        assert '"' not in statement, statement


INJECTIONS = [
    "x`) MATCH (n) DETACH DELETE n //",
    "'}) MATCH (n) DETACH DELETE n RETURN 1 //",
    "a\\u0027 OR 1=1 }",
    "Firm`:`Admin",
]


@pytest.mark.parametrize("attack", INJECTIONS)
def test_injection_attempts_change_nothing(
    both: tuple[NetworkxStore, Neo4jStore], attack: str
) -> None:
    _, neo4j = both
    before = neo4j.counts()
    with LiveServer(neo4j) as server, httpx.Client(
        base_url=server.url, follow_redirects=True
    ) as client:
        for path, params in [
            ("/v1/search", {"q": attack}),
            ("/v1/search", {"q": "osaka", "type": attack}),
            ("/v1/connect", {"from": attack, "to": "Dong Nai"}),
            ("/v1/hubs", {"type": attack}),
            ("/v1/support", {"country": attack}),
            (f"/v1/entities/{quote(attack, safe='')}", {}),
            ("/v1/ask", {"q": f"who connects {attack} to Dong Nai?"}),
        ]:
            response = client.get(path, params=params)
            assert response.status_code in (200, 404, 422), (path, response.text)
    assert neo4j.counts() == before


def test_names_with_cypher_text_are_stored_as_plain_data(scratch_neo4j: Neo4jStore) -> None:
    name = "MATCH (n) DETACH DELETE n } ) `"
    entity = Entity(id="odd", type=EntityType.NPO, name_ja=name, aliases=[name],
                    evidence=[Evidence("d", "L1:c0-1", name)])
    other = Entity(id="other", type=EntityType.NPO, name_en="Other")
    scratch_neo4j.apply(Contribution(DocumentRecord("d", "t", "0"), [entity, other], []))
    stored = scratch_neo4j.entity("odd")
    assert stored is not None and stored.name_ja == name and stored.aliases == [name]
    assert scratch_neo4j.counts() == (2, 0)


@pytest.fixture
def outage_api(
    neo4j_servers: Neo4jServers, scratch_neo4j: Neo4jStore
) -> Iterator[tuple[httpx.Client, Neo4jServers]]:
    if neo4j_servers.scratch is None:
        pytest.skip("TSUNAGARI_NEO4J_URI names an existing server that the suite cannot stop")
    load_seeds(scratch_neo4j, SEEDS)
    with LiveServer(scratch_neo4j) as server, httpx.Client(
        base_url=server.url, timeout=30
    ) as client:
        yield client, neo4j_servers


def test_neo4j_outage_gives_503_and_recovers_alone(
    outage_api: tuple[httpx.Client, Neo4jServers],
) -> None:
    """While Neo4j is down, what needs it answers 503 naming it, and search and entity views
    keep answering from the views in memory; once it is back, everything answers again."""
    client, servers = outage_api
    assert servers.scratch is not None
    assert client.get("/healthz").json()["backend"] == "neo4j"
    servers.scratch.stop(keep_data=True)
    try:
        for path in ("/healthz", "/v1/documents", "/v1/ask?q=who+connects+Osaka+to+Dong+Nai"):
            response = client.get(path)
            assert response.status_code == 503, (path, response.text)
            body = response.json()
            assert response.headers["content-type"] == "application/problem+json"
            assert "neo4j" in body["detail"].lower() and "Traceback" not in body["detail"]
        kept = client.get("/v1/search", params={"q": "JETRO"})  # from the views in memory
        assert kept.status_code == 200 and kept.json()["results"][0]["id"] == "jetro"
        view = client.get("/v1/entities/jetro")
        assert view.status_code == 200 and view.json()["relations"], view.text
    finally:
        servers.scratch.restart()
    recovered = client.get("/v1/search", params={"q": "JETRO"})
    assert recovered.status_code == 200
    assert recovered.json()["results"][0]["id"] == "jetro"
    assert client.get("/healthz").json()["status"] == "ok"


@pytest.mark.parametrize(("code", "said"), [
    ("Neo.TransientError.General.MemoryPoolOutOfMemoryError", "MemoryPoolOutOfMemoryError"),
    ("Neo.DatabaseError.Transaction.TransactionStartFailed", "TransactionStartFailed"),
    ("Neo.ClientError.Database.DatabaseNotFound", "unavailable"),
])
def test_what_a_failing_server_says_is_unavailable_not_a_crash(code: str, said: str) -> None:
    """A transaction over the server's memory limit, a database failing or not yet started
    (as a stopping or starting server says) ends as StoreUnavailable (a 503)."""
    from neo4j.exceptions import Neo4jError

    from tsunagari.graph.store import StoreUnavailable

    class FailingServer:
        def session(self, **_: object) -> object:
            raise Neo4jError._hydrate_neo4j(code=code, message="the server's words")

    store = Neo4jStore.__new__(Neo4jStore)
    store.driver, store.database = FailingServer(), "neo4j"  # type: ignore[assignment]
    with pytest.raises(StoreUnavailable, match=said):
        store.counts()


def test_a_mistake_in_a_statement_is_not_hidden_as_unavailable() -> None:
    """Other client errors (a statement of ours the server refuses) stay errors: a 500, logged."""
    from neo4j.exceptions import CypherSyntaxError, Neo4jError

    class StrictServer:
        def session(self, **_: object) -> object:
            raise Neo4jError._hydrate_neo4j(code="Neo.ClientError.Statement.SyntaxError",
                                            message="Invalid input")

    store = Neo4jStore.__new__(Neo4jStore)
    store.driver, store.database = StrictServer(), "neo4j"  # type: ignore[assignment]
    with pytest.raises(CypherSyntaxError):
        store.counts()
