"""The fact log: files of the earlier one-row-per-fact layout are converted when opened."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tsunagari.graph.embedded import FactLog
from tsunagari.graph.serialize import entity_to_record
from tsunagari.loaders.synth import synthesize

OLD_LAYOUT = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE entity_facts (document_id TEXT NOT NULL, entity_id TEXT NOT NULL,
    record TEXT NOT NULL, PRIMARY KEY (document_id, entity_id));
CREATE TABLE relation_facts (document_id TEXT NOT NULL, relation_id TEXT NOT NULL,
    record TEXT NOT NULL, PRIMARY KEY (document_id, relation_id));
INSERT INTO meta VALUES ('version', '7');
"""


def test_a_file_of_the_per_fact_layout_is_converted_whole(tmp_path: Path) -> None:
    network = synthesize(1_000, seed=2)
    doc = network.document
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(OLD_LAYOUT)
        db.execute("INSERT INTO documents VALUES (?, ?)",
                   (doc.id, json.dumps(doc.to_dict(), ensure_ascii=False)))
        db.executemany("INSERT INTO entity_facts VALUES (?, ?, ?)",
                       [(doc.id, e.id, json.dumps(entity_to_record(e))) for e in network.entities])
        db.executemany("INSERT INTO relation_facts VALUES (?, ?, ?)",
                       [(doc.id, r.id, json.dumps(r.to_dict())) for r in network.relations])
    log = FactLog(path)
    stored = log.snapshot()[1][doc.id]
    assert stored.entities == network.entities and stored.relations == network.relations
    assert log.version() == 7
    log.close()
    with sqlite3.connect(path) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    assert not tables & {"entity_facts", "relation_facts"}
    assert FactLog(path).snapshot()[1][doc.id].relations == network.relations
