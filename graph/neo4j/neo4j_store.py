"""The neo4j store: the merged graph in Neo4j, each load all or nothing for readers.

Each document's contribution is kept as `Fact` nodes (one per entity or relation it
states) under a load token that the `Document` node names: writing facts under a new
token changes nothing until the document points at it. A retraction relabels the document
`RetractedDocument`, its facts kept for a restore. The merged entities and relations are
recomputed from the facts for the ids a load touches, exactly as the embedded store
does, and written with batched `UNWIND` statements: in one transaction for a document of
up to `STAGE_ABOVE` facts; staged in batches and published by one short transaction for
a larger one. Evidence travels on the relationships (and nodes) as JSON; documents are
nodes. All Cypher lives in `cypher.py`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any, TypeVar
from uuid import uuid4

import orjson
from neo4j import Driver, ManagedTransaction, Query, Session
from neo4j.exceptions import (
    ClientError,
    DatabaseError,
    DatabaseUnavailable,
    DriverError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from tsunagari.graph.limits import MAX_HOPS
from tsunagari.graph.merge import merged_entity, merged_relation
from tsunagari.graph.model import (
    Contribution,
    DocumentRecord,
    Entity,
    Relation,
    relation_ends,
)
from tsunagari.graph.neo4j import cypher
from tsunagari.graph.neo4j.neo4j_referrals import Neo4jReferralRecords
from tsunagari.graph.progress import ProgressFn
from tsunagari.graph.serialize import (
    document_from_record,
    entity_from_record,
    entity_to_record,
    relation_from_record,
)
from tsunagari.graph.store import ApplyReport, ChangeLog, Revision, StoreUnavailable

BATCH = 10_000
"""Rows per UNWIND statement."""
STAGE_ABOVE = 20_000
"""Facts a document may state and still be written in one transaction; a larger one is
staged in batches and published by one short transaction (`Neo4jStore._apply_staged`)."""
STAGE_ATTEMPTS = 3
"""Times a staged load is planned again when other writes keep changing what it writes."""
FETCH_SIZE = 10_000
"""Records per round trip when reading (whole-graph reads of large graphs)."""
READ_BATCH = 5_000
"""Entities or relations per record of a whole-graph read (measured best at 10,000 entities)."""
UNAVAILABLE_CODES = frozenset({"Neo.ClientError.Database.DatabaseNotFound"})
"""Client errors that a stopping or starting server gives: the database is not there yet."""
T = TypeVar("T")
B = TypeVar("B")


def _json(record: dict[str, Any]) -> str:
    return orjson.dumps(record, option=orjson.OPT_SORT_KEYS).decode()


def entity_row(entity: Entity) -> dict[str, Any]:
    """The row an entity is written from: its id and its node's properties."""
    record = entity_to_record(entity)
    return {
        "id": entity.id,
        "properties": {
            "type": entity.type.value,
            "name_ja": entity.name_ja,
            "name_en": entity.name_en,
            "aliases": entity.aliases,
            "country": entity.country,
            "sectors": entity.sectors,
            "pure_place": entity.is_pure_place,
            "record": _json(record),
        },
    }


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value else None


def relation_row(relation: Relation) -> dict[str, Any]:
    """The row a relation is written from: its id, its ends and its relationship's properties."""
    return {
        "id": relation.id,
        "source": relation.source,
        "target": relation.target,
        "properties": {
            "type": relation.type,
            "family": relation.family,
            "stage": relation.stage,
            "entry_point": relation.entry_point,
            "since": relation.since,
            "until": relation.until,
            "since_year": _year(relation.since),
            "until_year": _year(relation.until),
            "confidence": relation.confidence,
            "status": relation.status.value,
            "record": _json(relation.to_dict()),
        },
    }


def _batches(rows: list[B]) -> Iterator[list[B]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


class Neo4jStore:
    """GraphStore on a Neo4j 5 database, through the official driver (owned by the store)."""

    backend = "neo4j"

    def __init__(self, driver: Driver, database: str = "neo4j", native_paths: bool = False,
                 stage_above: int = STAGE_ABOVE) -> None:
        self.driver = driver
        self.database = database
        self.native_paths = native_paths
        self.stage_above = stage_above
        self._changes = ChangeLog()
        for statements in (cypher.SCHEMA, cypher.MIGRATIONS):
            self._write(partial(_run_each, statements=statements))
        if native_paths:
            self._warm_up()

    def _warm_up(self) -> None:
        """Have the server plan the path queries now (a first plan costs seconds; later
        ones are cached on the server), so that no query's time budget pays for it."""
        for length in range(1, MAX_HOPS + 1):
            self.simple_paths([""], [""], length, [""], limit=1)

    # -- sessions --------------------------------------------------------

    @contextmanager
    def _session(self) -> Iterator[Session]:
        try:
            with self.driver.session(database=self.database, fetch_size=FETCH_SIZE) as session:
                yield session
        except (ServiceUnavailable, SessionExpired, DatabaseUnavailable) as exc:
            raise StoreUnavailable(f"Neo4j database {self.database!r} is unavailable") from exc
        except TransientError as exc:
            raise StoreUnavailable(
                f"Neo4j database {self.database!r} could not finish the work "
                f"({exc.code}): {exc.message}") from exc
        except DatabaseError as exc:
            raise StoreUnavailable(
                f"Neo4j database {self.database!r} failed ({exc.code}): {exc.message}") from exc
        except ClientError as exc:
            if exc.code not in UNAVAILABLE_CODES:
                raise
            raise StoreUnavailable(f"Neo4j database {self.database!r} is unavailable") from exc
        except DriverError as exc:
            raise StoreUnavailable(f"Neo4j database {self.database!r}: {exc}") from exc

    def _read(self, work: Callable[[ManagedTransaction], T]) -> T:
        with self._session() as session:
            return session.execute_read(work)

    def _write(self, work: Callable[[ManagedTransaction], T]) -> T:
        with self._session() as session:
            return session.execute_write(work)

    def _rows(self, statement: str, **parameters: Any) -> list[dict[str, Any]]:
        return self._read(lambda tx: [dict(r) for r in tx.run(statement, **parameters)])

    # -- reading ---------------------------------------------------------

    def version(self) -> int:
        """Read by every query: one auto-commit statement, a single round trip."""
        with self._session() as session:
            return int(session.run(cypher.VERSION).single(strict=True)["version"])

    def changes_since(self, version: int) -> list[ApplyReport] | None:
        """The reports of this process's writes since `version` (see `ChangeLog`): a write
        of another process leaves a gap, and the views are then rebuilt whole."""
        return self._changes.since(version, self.version())

    def entity(self, entity_id: str) -> Entity | None:
        records = _present(self._rows(cypher.ENTITY, id=entity_id))
        return entity_from_record(records[0]) if records else None

    def entities(self) -> Iterator[Entity]:
        return map(entity_from_record, self._all_records(cypher.ALL_ENTITIES))

    def relations(self) -> Iterator[Relation]:
        return map(relation_from_record, self._all_records(cypher.ALL_RELATIONS))

    def _all_records(self, statement: str) -> Iterator[dict[str, Any]]:
        rows = self._rows(statement, batch=READ_BATCH)
        return (orjson.loads(record) for row in rows for record in row["records"]
                if record is not None)

    def relations_of(self, entity_id: str) -> list[Relation]:
        return [relation_from_record(r) for r in _present(self._rows(cypher.RELATIONS_OF, id=entity_id))]

    def surroundings(self, entity_id: str) -> tuple[Entity, list[Relation], list[Entity]] | None:
        rows = self._rows(cypher.SURROUNDINGS, id=entity_id)
        if not rows or rows[0]["record"] is None:
            return None
        row = rows[0]
        return (entity_from_record(orjson.loads(row["record"])),
                [relation_from_record(orjson.loads(r)) for r in row["relations"]],
                [entity_from_record(orjson.loads(e)) for e in row["others"]])

    def counts(self) -> tuple[int, int]:
        row = self._rows(cypher.COUNTS)[0]
        return int(row["entities"]), int(row["relations"])

    def documents(self) -> list[DocumentRecord]:
        return [document_from_record(r) for r in _present(self._rows(cypher.ALL_DOCUMENTS))]

    def document(self, document_id: str) -> DocumentRecord | None:
        records = _present(self._rows(cypher.DOCUMENT, document=document_id))
        return document_from_record(records[0]) if records else None

    def contribution(self, document_id: str) -> Contribution | None:
        return self._read(lambda tx: _Stored.read(tx, document_id).contribution())

    def retracted(self, document_id: str) -> Contribution | None:
        return self._read(lambda tx: _retracted(tx, document_id))

    def document_facts(self, document_id: str) -> tuple[list[str], list[str]]:
        rows = self._rows(cypher.DOCUMENT_FACT_IDS, document=document_id)
        by_kind: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            by_kind[row["kind"]].append(row["id"])
        return sorted(by_kind["entity"]), sorted(by_kind["relation"])

    def simple_paths(
        self,
        sources: list[str],
        targets: list[str],
        length: int,
        on_the_way: list[str],
        *,
        stage: str | None = None,
        entry_point: str | None = None,
        as_of: int | None = None,
        limit: int = 5_000,
        timeout: float | None = None,
    ) -> list[list[str]]:
        """Entity ids of every simple path of exactly `length` relations (native Cypher)."""
        query = Query(cypher.paths_of_length(length), timeout=timeout)
        parameters = {
            "sources": sources,
            "targets": targets,
            "ends": sorted(set(sources) | set(targets)),
            "on_the_way": on_the_way,
            "stage": stage,
            "entry_point": entry_point,
            "as_of": as_of,
            "limit": limit,
        }
        try:
            with self._session() as session:
                return [record["ids"] for record in session.run(query, parameters)]
        except ClientError as exc:
            if "TransactionTimedOut" in (exc.code or ""):
                raise TimeoutError from exc
            raise

    # -- writing ---------------------------------------------------------

    def apply(
        self, contribution: Contribution, on_progress: ProgressFn | None = None
    ) -> ApplyReport:
        if len(contribution.entities) + len(contribution.relations) > self.stage_above:
            return self._apply_staged(contribution, on_progress)
        document_id = contribution.document.id
        return self._write_alone(
            lambda tx: self._replace(tx, _Stored.read(tx, document_id), contribution, on_progress))

    def retract(self, document_id: str) -> ApplyReport:
        return self._write_alone(
            lambda tx: self._replace(tx, _Stored.read(tx, document_id), None, None))

    def revise(self, document_id: str, change: Revision) -> ApplyReport:
        def work(tx: ManagedTransaction) -> ApplyReport:
            stored = _Stored.read(tx, document_id)
            return self._replace(tx, stored, change(stored.contribution()), None)

        return self._write_alone(work)

    def restore(self, document_id: str) -> ApplyReport | None:
        return self._write_alone(lambda tx: self._restore(tx, document_id))

    def _restore(self, tx: ManagedTransaction, document_id: str) -> ApplyReport | None:
        """Put back the facts kept aside by the document's last retraction, as they were."""
        kept = _retracted(tx, document_id)
        stored = _Stored.read(tx, document_id)
        if kept is None or stored.document is not None:
            return None
        tx.run(cypher.DELETE_RETRACTED, document=document_id).consume()
        return self._replace(tx, stored, kept, None)

    def _write_alone(self, work: Callable[[ManagedTransaction], T]) -> T:
        """A write transaction that first takes the graph's write lock (a property set on
        the one `Meta` node, held until the commit): writes of every process on this
        database run one after another, and what a write reads, it reads after the
        writes before it have committed (read-modify-write is safe across processes)."""
        def locked(tx: ManagedTransaction) -> tuple[T, int, int]:
            tx.run(cypher.TAKE_WRITE_LOCK).consume()
            before = _version(tx)
            result = work(tx)
            after = _version(tx)
            tx.run(cypher.CLEAR_WRITE_LOCK).consume()
            return result, before, after

        result, before, after = self._write(locked)
        if isinstance(result, ApplyReport) and after != before:
            self._changes.note(before, after, result)
        return result

    def _replace(
        self,
        tx: ManagedTransaction,
        stored: _Stored,
        contribution: Contribution | None,
        on_progress: ProgressFn | None,
    ) -> ApplyReport:
        """Swap a document's facts and recompute what they touch, inside one transaction."""
        if contribution is None and stored.document is None:
            tx.run(cypher.DELETE_RETRACTED, document=stored.document_id).consume()
            return ApplyReport(stored.document_id)
        plan = _Plan.read(tx, stored, contribution)
        if plan is None:
            return ApplyReport(stored.document_id)
        if plan.document is not None:
            for batch in _batches(plan.facts):
                tx.run(cypher.CREATE_FACTS, load=plan.load, rows=batch).consume()
            if on_progress:
                on_progress("facts written", len(plan.facts))
            if stored.load is not None:
                _run_until_done(tx, cypher.DELETE_FACTS, load=stored.load)
        plan.publish(tx, staged=False)
        if on_progress:
            on_progress("graph written", len(plan.entities) + len(plan.relations))
        return plan.report

    def _apply_staged(
        self, contribution: Contribution, on_progress: ProgressFn | None
    ) -> ApplyReport:
        """Load a large document in batches, each its own transaction, that no reader sees:
        its facts under a new load token, its new entities as `Staged` nodes and the
        relations that touch them. One locked transaction then publishes: it writes
        what changes existing elements, relabels the staged entities and points the
        document at the new facts. If another write changed what the plan was made from,
        the staged rows are given up and the load planned again."""
        document_id = contribution.document.id
        for _ in range(STAGE_ATTEMPTS):
            read_at, plan = self._read(lambda tx: (
                _version(tx), _Plan.read(tx, _Stored.read(tx, document_id), contribution)))
            if plan is None:
                return ApplyReport(document_id)
            try:
                self._stage(plan, on_progress)
                published = self._write_alone(
                    partial(_publish_staged, plan=plan, read_at=read_at, contribution=contribution))
            except BaseException:
                with suppress(StoreUnavailable):
                    self._delete_load(plan.load)
                raise
            if published is not None:
                if plan.stored.load is not None:
                    self._delete_load(plan.stored.load)
                if on_progress:
                    on_progress("graph written", len(plan.entities) + len(plan.relations))
                return published
            self._delete_load(plan.load)
        raise StoreUnavailable(
            f"document {document_id!r} could not be published: the graph changed under it "
            f"{STAGE_ATTEMPTS} times")

    def _stage(self, plan: _Plan, on_progress: ProgressFn | None) -> None:
        def run(statement: str, **parameters: Any) -> None:
            self._write(lambda tx: tx.run(statement, load=plan.load, **parameters).consume())

        for batch in _batches(plan.facts):
            run(cypher.CREATE_FACTS, rows=batch)
        if on_progress:
            on_progress("facts written", len(plan.facts))
        for labels, rows in _entity_rows(plan.entities, plan.report.entities_added).items():
            for batch in _batches(rows):
                run(cypher.create_staged_entities(list(labels)), rows=batch)
        new = plan.new_entities
        by_ends: dict[tuple[str, bool, bool], list[dict[str, Any]]] = defaultdict(list)
        for relation_id in sorted(plan.staged_relations):
            relation = plan.relations[relation_id]
            key = (relation.type, relation.source in new, relation.target in new)
            by_ends[key].append(relation_row(relation))
        for (relation_type, source_new, target_new), rows in sorted(by_ends.items()):
            for batch in _batches(rows):
                run(cypher.create_staged_relations(relation_type, source_new, target_new),
                    rows=batch)
        if on_progress:
            on_progress("graph staged", len(plan.report.entities_added) + sum(
                len(rows) for rows in by_ends.values()))

    def _delete_load(self, load: str) -> None:
        """Delete a load's staged entities and facts, a batch a transaction."""
        for statement in (cypher.DISCARD_STAGED, cypher.DELETE_FACTS):
            while self._write(partial(_done, statement=statement, load=load)) == BATCH:
                pass

    def referral_records(self) -> Neo4jReferralRecords:
        """Referrals as `Referral` nodes of the same database."""
        return Neo4jReferralRecords(self._read, self._write)

    def close(self) -> None:
        self.driver.close()


@dataclass
class _Stored:
    """A document as the database holds it: its record and its facts' rows."""

    document_id: str
    document: dict[str, Any] | None
    facts: list[dict[str, Any]]
    load: str | None = None

    @classmethod
    def read(cls, tx: ManagedTransaction, document_id: str) -> _Stored:
        facts = [dict(r) for r in tx.run(cypher.FACT_VERSIONS_OF_DOCUMENT, document=document_id)]
        found = tx.run(cypher.DOCUMENT, document=document_id).single()
        record = found["record"] if found is not None else None
        return cls(document_id, orjson.loads(record) if record is not None else None,
                   [f for f in facts if f["record"] is not None],
                   found["load"] if found is not None else None)

    def contribution(self) -> Contribution | None:
        """The document's contribution (None when it is not loaded)."""
        if self.document is None:
            return None
        records = sorted(self.facts, key=lambda r: r["id"])
        return Contribution(
            document_from_record(self.document),
            [entity_from_record(orjson.loads(r["record"])) for r in records if r["kind"] == "entity"],
            [relation_from_record(orjson.loads(r["record"])) for r in records
             if r["kind"] == "relation"],
        )


def _retracted(tx: ManagedTransaction, document_id: str) -> Contribution | None:
    """The contribution kept aside by the document's last retraction, or None."""
    kept = tx.run(cypher.RETRACTED_DOCUMENT, document=document_id).single()
    if kept is None:
        return None
    rows = [dict(r) for r in tx.run(cypher.RETRACTED_FACTS, document=document_id)]
    return _Stored(document_id, orjson.loads(kept["record"]),
                   [r for r in rows if r["record"] is not None]).contribution()


def _fact_rows(contribution: Contribution | None) -> list[dict[str, Any]]:
    """The rows of the `Fact` nodes that keep what a contribution states."""
    if contribution is None:
        return []
    return [
        {"kind": "entity", "id": e.id, "record": _json(entity_to_record(e))}
        for e in contribution.entities
    ] + [
        {"kind": "relation", "id": r.id, "record": _json(r.to_dict())}
        for r in contribution.relations
    ]


def _unchanged(
    old: list[dict[str, Any]],
    new: list[dict[str, Any]],
    old_document: dict[str, Any],
    document: DocumentRecord,
) -> bool:
    def key(facts: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
        return {(f["kind"], f["id"], f["record"]) for f in facts}

    return old_document.get("sha256") == document.sha256 and key(old) == key(new)


BUILDERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "entity": entity_from_record,
    "relation": relation_from_record,
}
"""The kinds of fact, with how to rebuild one from its stored record."""

MERGERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "entity": merged_entity,
    "relation": merged_relation,
}


def _version(tx: ManagedTransaction) -> int:
    return int(tx.run(cypher.VERSION).single(strict=True)["version"])


def _present(rows: list[Any]) -> list[dict[str, Any]]:
    """The records of rows, read: a node a concurrent write deletes between the match and the
    read of its property comes back without one, and is as good as gone."""
    return [orjson.loads(row["record"]) for row in rows if row["record"] is not None]


def _versions(tx: ManagedTransaction, kind: str, ids: set[str]) -> dict[str, dict[str, Any]]:
    """What every document states of each id: {id: {document: fact}}."""
    found: dict[str, dict[str, Any]] = defaultdict(dict)
    build = BUILDERS[kind]
    for batch in _batches(sorted(ids)):
        for row in tx.run(cypher.FACT_VERSIONS, kind=kind, ids=batch):
            found[row["id"]][row["document"]] = build(orjson.loads(row["record"]))
    return found


def _merge_all(kind: str, versions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The merged fact of every id that some document states."""
    merge = MERGERS[kind]
    return {fact_id: merge(by_document) for fact_id, by_document in versions.items()
            if by_document}


def _entity_rows(
    entities: dict[str, Entity], ids: list[str]
) -> dict[tuple[str, ...], list[dict[str, Any]]]:
    """The rows of these entities, by the labels they carry."""
    by_labels: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for entity_id in ids:
        entity = entities[entity_id]
        by_labels[tuple(entity.labels)].append(entity_row(entity))
    return dict(sorted(by_labels.items()))


def _write_merged(tx: ManagedTransaction, plan: _Plan, staged: bool) -> None:
    """Write what the change made different: relations removed or changed are deleted, and
    entities removed; entities added or changed are upserted, relations added or changed
    created (a relation no document stated before has nothing to delete). What a staged
    load has staged (its new entities and the relations that touch them) is left out."""
    report, relations = plan.report, plan.relations
    by_type_ids: dict[str, list[str]] = defaultdict(list)
    for relation_id in sorted(report.relations_removed + report.relations_changed):
        by_type_ids[relation_ends(relation_id)[1]].append(relation_id)
    for relation_type, ids in sorted(by_type_ids.items()):
        for id_batch in _batches(ids):
            tx.run(cypher.delete_relations(relation_type), ids=id_batch).consume()
    if report.entities_removed:
        tx.run(cypher.DELETE_ENTITIES, ids=report.entities_removed).consume()
    upserted = report.entities_changed if staged else report.entities_added + report.entities_changed
    for labels, rows in _entity_rows(plan.entities, upserted).items():
        for batch in _batches(rows):
            tx.run(cypher.upsert_entities(list(labels)), rows=batch).consume()
    skipped = plan.staged_relations if staged else frozenset()
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for relation_id in report.relations_added + report.relations_changed:
        if relation_id not in skipped:
            relation = relations[relation_id]
            by_type[relation.type].append(relation_row(relation))
    for relation_type, rows in sorted(by_type.items()):
        for batch in _batches(rows):
            tx.run(cypher.create_relations(relation_type), rows=batch).consume()


def _run_each(tx: ManagedTransaction, statements: tuple[str, ...]) -> None:
    for statement in statements:
        tx.run(statement).consume()


def _done(tx: ManagedTransaction, statement: str, **parameters: Any) -> int:
    """How many rows one batch of a batched statement did."""
    return int(tx.run(statement, batch=BATCH, **parameters).single(strict=True)["done"])


def _run_until_done(tx: ManagedTransaction, statement: str, **parameters: Any) -> None:
    """A batched statement, run until a batch does less than a whole batch."""
    while _done(tx, statement, **parameters) == BATCH:
        pass


@dataclass
class _Plan:
    """A change of one document, computed: its new facts (under a new load token) and the
    merged entities and relations after it, with the report of what differs."""

    stored: _Stored
    document: DocumentRecord | None
    load: str
    facts: list[dict[str, Any]]
    report: ApplyReport
    entities: dict[str, Entity]
    relations: dict[str, Relation]

    @classmethod
    def read(
        cls, tx: ManagedTransaction, stored: _Stored, contribution: Contribution | None
    ) -> _Plan | None:
        """The plan of replacing what the database holds of the document by `contribution`
        (None: retracting it), or None when that changes nothing.

        The merged facts before and after are computed from every document's versions of
        the touched ids (read through the fact id index), so nothing is read back after writing.
        """
        document_id, old = stored.document_id, stored.facts
        document = contribution.document if contribution is not None else None
        facts = _fact_rows(contribution)
        if document is not None and stored.document is not None and _unchanged(
            old, facts, stored.document, document
        ):
            return None
        touched = {
            kind: {f["id"] for f in old + facts if f["kind"] == kind} for kind in BUILDERS
        }
        versions = {kind: _versions(tx, kind, touched[kind]) for kind in BUILDERS}
        before = {kind: _merge_all(kind, versions[kind]) for kind in BUILDERS}
        for kind in BUILDERS:
            for by_document in versions[kind].values():
                by_document.pop(document_id, None)
        if contribution is not None:
            for kind, new_facts in (("entity", contribution.entities),
                                    ("relation", contribution.relations)):
                for fact in new_facts:
                    versions[kind].setdefault(fact.id, {})[document_id] = fact
        after = {kind: _merge_all(kind, versions[kind]) for kind in BUILDERS}
        report = ApplyReport.between(document_id, (before["entity"], after["entity"]),
                                     (before["relation"], after["relation"]))
        return cls(stored, document, uuid4().hex, facts, report, after["entity"],
                   after["relation"])

    @cached_property
    def new_entities(self) -> frozenset[str]:
        """The entities no document stated before: those a staged load stages."""
        return frozenset(self.report.entities_added)

    @cached_property
    def staged_relations(self) -> frozenset[str]:
        """The new relations with a new end: those a staged load stages."""
        return frozenset(relation_id for relation_id in self.report.relations_added
                         if self.new_entities.intersection(relation_ends(relation_id)[::2]))

    def same_change(self, other: _Plan) -> bool:
        """Whether another plan of the same contribution writes exactly what this one does."""
        return (self.stored.load == other.stored.load and self.report == other.report
                and self.entities == other.entities and self.relations == other.relations)

    def publish(self, tx: ManagedTransaction, staged: bool) -> None:
        """Make the change visible: the document points at its new facts (or is set aside),
        the merged graph is written and, for a staged load, its staged entities relabelled."""
        document_id = self.stored.document_id
        if self.document is None:
            tx.run(cypher.DELETE_RETRACTED, document=document_id).consume()
            tx.run(cypher.SET_ASIDE_DOCUMENT, document=document_id).consume()
        else:
            tx.run(cypher.PUT_DOCUMENT, document=document_id,
                   record=_json(self.document.to_dict()), load=self.load).consume()
        _write_merged(tx, self, staged)
        if staged:
            _run_until_done(tx, cypher.PUBLISH_STAGED, load=self.load)
        tx.run(cypher.BUMP_VERSION).consume()


def _publish_staged(
    tx: ManagedTransaction, plan: _Plan, read_at: int, contribution: Contribution
) -> ApplyReport | None:
    """Publish a staged load, unless a write since `read_at` changed what it writes (None)."""
    if _version(tx) != read_at:
        fresh = _Plan.read(tx, _Stored.read(tx, plan.stored.document_id), contribution)
        if fresh is None or not plan.same_change(fresh):
            return None
    plan.publish(tx, staged=True)
    return plan.report
