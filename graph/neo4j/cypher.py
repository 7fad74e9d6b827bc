"""Every Cypher statement of the neo4j store, parameterised.

Values always travel as parameters. The only text ever put into a statement is a
label or relationship type taken from the vocabulary allow-list (checked here),
because Cypher cannot take those as parameters.
"""

from __future__ import annotations

from tsunagari.graph.limits import MAX_HOPS
from tsunagari.graph.vocabulary import EntityType, RelationType, relation_type

ENTITY_LABELS = frozenset(t.value for t in EntityType)

SCHEMA = (
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE",
    "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
    "CREATE CONSTRAINT meta_key IF NOT EXISTS FOR (m:Meta) REQUIRE m.key IS UNIQUE",
    "CREATE INDEX fact_load IF NOT EXISTS FOR (f:Fact) ON (f.load)",
    "CREATE INDEX document_load IF NOT EXISTS FOR (d:Document) ON (d.load)",
    "CREATE INDEX staged_id IF NOT EXISTS FOR (e:Staged) ON (e.id)",
    "CREATE INDEX staged_load IF NOT EXISTS FOR (e:Staged) ON (e.load)",
    "CREATE INDEX fact_document IF NOT EXISTS FOR (f:Fact) ON (f.document)",
    "CREATE CONSTRAINT referral_id IF NOT EXISTS FOR (r:Referral) REQUIRE r.id IS UNIQUE",
    "CREATE INDEX referral_sender IF NOT EXISTS FOR (r:Referral) ON (r.sender)",
    "CREATE INDEX referral_receiver IF NOT EXISTS FOR (r:Referral) ON (r.receiver)",
    "CREATE INDEX fact_id IF NOT EXISTS FOR (f:Fact) ON (f.id)",
    "CREATE INDEX retracted_document_id IF NOT EXISTS FOR (d:RetractedDocument) ON (d.id)",
    *(
        f"CREATE INDEX relation_id_{t.lower()} IF NOT EXISTS FOR ()-[r:`{t}`]-() ON (r.id)"
        for t in RelationType
    ),
)
"""Constraints and indexes; relations are found by id through one index per type."""

MIGRATIONS = (
    "MATCH (d:Document) WHERE d.load IS NULL SET d.load = d.id",
    "MATCH (d:RetractedDocument) WHERE d.load IS NULL SET d.load = 'retracted ' + d.id",
    "MATCH (f:Fact) WHERE f.document IS NOT NULL SET f.load = f.document REMOVE f.document",
    "MATCH (f:RetractedFact) SET f:Fact, f.load = 'retracted ' + f.document "
    "REMOVE f:RetractedFact, f.document",
)
"""Databases written before facts were kept by load: each document's facts become its load
(a retracted document's, a load of its own). Each finds nothing once done (`fact_document`
indexes the facts still to move)."""

VERSION = "OPTIONAL MATCH (m:Meta {key: 'graph'}) RETURN coalesce(m.version, 0) AS version"
BUMP_VERSION = (
    "MERGE (m:Meta {key: 'graph'}) ON CREATE SET m.version = 0 "
    "SET m.version = m.version + 1 RETURN m.version AS version"
)

TAKE_WRITE_LOCK = (
    "MERGE (m:Meta {key: 'graph'}) ON CREATE SET m.version = 0 SET m.writing = true"
)
"""First statement of every write: setting a property of the one `Meta` node takes its
write lock, held until the transaction ends, so writes (of every process) go one at a time."""
CLEAR_WRITE_LOCK = "MATCH (m:Meta {key: 'graph'}) REMOVE m.writing"
"""Last statement of every write: the property goes (the lock is held to the commit)."""

DOCUMENT_FACT_IDS = (
    "MATCH (d:Document {id: $document}) MATCH (f:Fact {load: d.load}) "
    "RETURN f.kind AS kind, f.id AS id"
)
FACT_VERSIONS_OF_DOCUMENT = (
    "MATCH (d:Document {id: $document}) MATCH (f:Fact {load: d.load}) "
    "RETURN f.kind AS kind, f.id AS id, f.record AS record"
)
"""A document's facts are those of its load: the `Fact` nodes written with the token its
`Document` node holds (facts of any other token are staged, or left over, and read by no one)."""
PUT_DOCUMENT = "MERGE (d:Document {id: $document}) SET d.record = $record, d.load = $load"
"""The one statement that makes a load's facts the document's (publishes them)."""
SET_ASIDE_DOCUMENT = (
    "MATCH (d:Document {id: $document}) REMOVE d:Document SET d:RetractedDocument"
)
"""A retraction keeps the document aside, relabelled, with its load's facts, for a restore."""
DELETE_RETRACTED = (
    "MATCH (d:RetractedDocument {id: $document}) WITH d, d.load AS load DETACH DELETE d "
    "WITH load MATCH (f:Fact {load: load}) DELETE f"
)
RETRACTED_DOCUMENT = "MATCH (d:RetractedDocument {id: $document}) RETURN d.record AS record"
RETRACTED_FACTS = (
    "MATCH (d:RetractedDocument {id: $document}) MATCH (f:Fact {load: d.load}) "
    "RETURN f.kind AS kind, f.id AS id, f.record AS record"
)
CREATE_FACTS = (
    "UNWIND $rows AS row "
    "CREATE (:Fact {load: $load, kind: row.kind, id: row.id, record: row.record})"
)
DELETE_FACTS = "MATCH (f:Fact {load: $load}) WITH f LIMIT $batch DELETE f RETURN count(*) AS done"
"""Up to `$batch` facts of a load no document holds any more (run until none is left)."""
FACT_VERSIONS = (
    "UNWIND $ids AS id MATCH (f:Fact {id: id}) WHERE f.kind = $kind "
    "MATCH (d:Document {load: f.load}) "
    "RETURN f.id AS id, d.id AS document, f.record AS record"
)
DELETE_ENTITIES = "MATCH (e:Entity) WHERE e.id IN $ids DETACH DELETE e"

ENTITY = "MATCH (e:Entity {id: $id}) RETURN e.record AS record"
ALL_ENTITIES = (
    "MATCH (e:Entity) WITH collect(e) AS found "
    "UNWIND range(0, size(found) - 1, $batch) AS at "
    "RETURN [e IN found[at..at + $batch] | e.record] AS records"
)
ALL_RELATIONS = (
    "MATCH (:Entity)-[r]->(:Entity) WITH collect(r) AS found "
    "UNWIND range(0, size(found) - 1, $batch) AS at "
    "RETURN [r IN found[at..at + $batch] | r.record] AS records"
)
"""Whole-graph reads, `$batch` records a row: the driver's cost is per row, not per byte."""
# The seek hints keep the planner from scanning an index (or starting at the other end) when
# its statistics come from a small or new graph; at scale a scan per statement is quadratic.
RELATIONS_OF = (
    "MATCH (e:Entity {id: $id})-[r]-(:Entity) USING INDEX SEEK e:Entity(id) "
    "RETURN DISTINCT r.id AS id, r.record AS record"
)
SURROUNDINGS = (
    "MATCH (e:Entity {id: $id}) USING INDEX SEEK e:Entity(id) "
    "OPTIONAL MATCH (e)-[r]-(o:Entity) "
    "WITH e, collect(DISTINCT r.record) AS relations, collect(DISTINCT o.record) AS others "
    "RETURN e.record AS record, relations, others"
)
COUNTS = (
    "CALL () { MATCH (e:Entity) RETURN count(e) AS entities } "
    "CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS relations } "
    "RETURN entities, relations"
)
ALL_DOCUMENTS = "MATCH (d:Document) RETURN d.record AS record ORDER BY d.id"
DOCUMENT = "MATCH (d:Document {id: $document}) RETURN d.record AS record, d.load AS load"


def _label(label: str) -> str:
    if label not in ENTITY_LABELS:
        raise ValueError(f"label {label!r} is not in the vocabulary")
    return f"`{label}`"


def _relation_type(name: str) -> str:
    return f"`{relation_type(name).value}`"


def upsert_entities(labels: list[str]) -> str:
    """Create or update entities carrying exactly these labels (besides Entity)."""
    label_text = ":".join(_label(label) for label in labels)
    remove = ":".join(_label(label) for label in sorted(ENTITY_LABELS - set(labels)))
    return (
        "UNWIND $rows AS row MERGE (e:Entity {id: row.id}) "
        f"SET e += row.properties, e:{label_text} REMOVE e:{remove}"
    )


def delete_relations(relation_type: str) -> str:
    """Delete relations of one type by id (through the type's id index)."""
    rel = _relation_type(relation_type)
    return f"UNWIND $ids AS id MATCH ()-[r:{rel} {{id: id}}]->() USING INDEX SEEK r:{rel}(id) DELETE r"


def create_relations(relation_type: str) -> str:
    """Create relations of one type between existing entities (their ids are not in use)."""
    rel = _relation_type(relation_type)
    return (
        "UNWIND $rows AS row "
        "MATCH (s:Entity {id: row.source}), (t:Entity {id: row.target}) "
        f"CREATE (s)-[r:{rel} {{id: row.id}}]->(t) SET r += row.properties"
    )


def create_staged_entities(labels: list[str]) -> str:
    """Stage new entities: `Staged` instead of `Entity`, so that no read sees them (every
    read matches `Entity`, at both ends of a relation) until the publish relabels them."""
    label_text = ":".join(_label(label) for label in labels)
    return (
        f"UNWIND $rows AS row CREATE (e:Staged:{label_text} {{id: row.id, load: $load}}) "
        "SET e += row.properties"
    )


def create_staged_relations(relation_type: str, source_staged: bool, target_staged: bool) -> str:
    """Stage relations with at least one staged end (invisible while that end is). Each end is
    found by its id's index: the planner, seeing few staged entities per load when it plans,
    would otherwise start from the load's index, which at publish time holds all of them."""
    rel = _relation_type(relation_type)

    def end(name: str, key: str, staged: bool) -> str:
        if staged:
            return f"({name}:Staged {{id: row.{key}, load: $load}})"
        return f"({name}:Entity {{id: row.{key}}})"

    hints = " ".join(f"USING INDEX {name}:{'Staged' if staged else 'Entity'}(id)"
                     for name, staged in (("s", source_staged), ("t", target_staged)))
    return (
        f"UNWIND $rows AS row MATCH {end('s', 'source', source_staged)}, "
        f"{end('t', 'target', target_staged)} {hints} "
        f"CREATE (s)-[r:{rel} {{id: row.id}}]->(t) SET r += row.properties"
    )


PUBLISH_STAGED = (
    "MATCH (e:Staged {load: $load}) WITH e LIMIT $batch "
    "SET e:Entity REMOVE e:Staged, e.load RETURN count(*) AS done"
)
"""Up to `$batch` staged entities of a load become entities (run until none is left)."""
DISCARD_STAGED = (
    "MATCH (e:Staged {load: $load}) WITH e LIMIT $batch DETACH DELETE e RETURN count(*) AS done"
)
"""Up to `$batch` staged entities of a load given up, with their relations."""


def paths_of_length(length: int) -> str:
    """Simple paths of exactly `length` relations, both ends anchored on indexed ids.

    Every step must land on an entity of `$on_the_way` (the caller's pruning: the
    entities that lie on some path short enough), so the expansion stays bounded;
    `replan=skip` keeps one plan whatever the sizes of the lists (replanning for
    each size costs more than the query);
    the middle may hold no pure place and no end of the query; relations must be
    accepted and fit the stage, entry point and year asked.
    """
    if not 1 <= length <= MAX_HOPS:
        raise ValueError(f"path length {length} out of range")
    return (
        "CYPHER replan=skip "
        "MATCH p = (s:Entity)((a)-[x]-(b:Entity) WHERE b.id IN $on_the_way "
        "  AND x.status = 'accepted' "
        "  AND ($stage IS NULL OR x.stage IS NULL OR x.stage = $stage) "
        "  AND ($entry_point IS NULL OR x.entry_point IS NULL OR x.entry_point = $entry_point) "
        "  AND ($as_of IS NULL OR ((x.since_year IS NULL OR x.since_year <= $as_of) "
        "       AND (x.until_year IS NULL OR x.until_year >= $as_of)))"
        "){" + str(length) + "}(t:Entity) "
        "WHERE s.id IN $sources AND t.id IN $targets "
        "AND all(n IN nodes(p)[1..-1] WHERE NOT n.pure_place AND NOT n.id IN $ends) "
        "AND all(i IN range(0, size(nodes(p)) - 2) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..]) "
        "RETURN DISTINCT [n IN nodes(p) | n.id] AS ids LIMIT $limit"
    )

# -- referrals (operational records beside the graph; never the Meta node) ---

REFERRAL_CREATE = (
    "CREATE (r:Referral {id: $id, sender: $sender, receiver: $receiver, version: $version, "
    "sent_at: $sent_at, record: $record})"
)
REFERRAL_GET = "MATCH (r:Referral {id: $id}) RETURN r.record AS record"
REFERRAL_REPLACE = (
    # the lock is taken (SET) before the version is read, so two writers cannot both pass
    "MATCH (r:Referral {id: $id}) SET r.locked = true "
    "WITH r, r.version = $expected AS current "
    "SET r.version = CASE WHEN current THEN $version ELSE r.version END, "
    "r.record = CASE WHEN current THEN $record ELSE r.record END "
    "REMOVE r.locked RETURN current AS replaced"
)
REFERRALS_OF = (
    "MATCH (r:Referral) WHERE r.sender = $organisation RETURN r.record AS record, r.sent_at AS at "
    "UNION MATCH (r:Referral) WHERE r.receiver = $organisation "
    "RETURN r.record AS record, r.sent_at AS at"
)
REFERRALS_ALL = "MATCH (r:Referral) RETURN r.record AS record ORDER BY r.sent_at DESC, r.id"
