"""Two writers on one store (as two processes open it), and readers while another writes.

Each writer opens the store afresh (its own SQLite connection, its own Neo4j driver), as
`tsunagari serve` and `tsunagari load` do. A revision reads the document and replaces it in
one write, so revisions of one document by both writers at once all land; a reader of the
embedded store while another process writes never fails, and never sees a relation
without its ends.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from tests.support.targets import Target
from tsunagari.graph import Contribution, DocumentRecord, Entity, EntityType, Relation
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.graph.store import GraphStore, read_whole

REVISIONS = 30
"""Revisions by each writer (each adds one entity to the shared document)."""
DOCUMENTS = 120
"""Documents the writer loads while the reader reads."""


def entity(entity_id: str) -> Entity:
    return Entity(entity_id, EntityType.NPO, name_en=entity_id.replace("-", " ").title())


def with_entity(entity_id: str) -> Callable[[Contribution | None], Contribution]:
    """A revision of the shared document that adds one entity to what stands."""
    def change(stands: Contribution | None) -> Contribution:
        stands = stands or Contribution(DocumentRecord("shared", "Shared", ""), [], [])
        return Contribution(stands.document, [*stands.entities, entity(entity_id)], [])
    return change


def in_threads(*work: Callable[[], None]) -> None:
    """Run each piece of work in a thread of its own; re-raise the first failure."""
    failures: list[BaseException] = []

    def run(piece: Callable[[], None]) -> None:
        try:
            piece()
        except BaseException as exc:  # noqa: BLE001 (handed to the test below)
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(piece,)) for piece in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]


def test_revisions_by_two_writers_at_once_all_land(target: Target) -> None:
    writers = [target.open(), target.open()]

    def revise(store: GraphStore, name: str) -> Callable[[], None]:
        return lambda: [store.revise("shared", with_entity(f"{name}-{n}"))
                        for n in range(REVISIONS)]

    try:
        in_threads(*(revise(store, f"writer-{k}") for k, store in enumerate(writers)))
    finally:
        for store in writers:
            store.close()
    fresh = target.open()
    try:
        shared = fresh.contribution("shared")
        assert shared is not None
        written = {f"writer-{k}-{n}" for k in range(2) for n in range(REVISIONS)}
        assert {e.id for e in shared.entities} == written
        assert {e.id for e in fresh.entities()} == written
    finally:
        fresh.close()


def test_a_reader_never_fails_while_another_process_writes(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite3"
    reader, writer = NetworkxStore(path), NetworkxStore(path)
    done = threading.Event()
    seen: list[int] = []

    def write() -> None:
        try:
            for n in range(DOCUMENTS):
                ends = [entity(f"org-{n}-a"), entity(f"org-{n}-b")]
                relation = Relation("PARTNERS_WITH", ends[0].id, ends[1].id)
                writer.apply(Contribution(DocumentRecord(f"doc-{n}", "", f"{n}"), ends,
                                          [relation]))
        finally:
            done.set()

    def read() -> None:
        while not done.is_set():
            whole = read_whole(reader)
            ids = {e.id for e in whole.entities}
            assert all(r.source in ids and r.target in ids for r in whole.relations)
            assert all(reader.document(d.id) is not None for d in whole.documents)
            seen.append(len(whole.documents))

    try:
        in_threads(write, read)
        assert reader.counts() == (2 * DOCUMENTS, DOCUMENTS)
    finally:
        reader.close()
        writer.close()
    assert len(set(seen)) > 1, "the reader never saw the graph change; the test proved little"
