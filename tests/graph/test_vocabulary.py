"""The vocabulary is one table: every relation type is one row of `RelationType`, and adding a
row is all it takes for a new type to be loaded, walked, scored, explained and stored."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.support.paths import ROOT
from tsunagari.graph.vocabulary import Family, RelationType, family_of, relation_type

NEW_ROW = '''
    MENTORS = "MENTORS", _row(
        Family.SUPPORTS, "source mentors the managers of target", 1.0,
        ("{s}は{t}の経営者を指導しています", "{s}は{t}から経営指導を受けています"),
        ("{s} mentors {t}", "{s} is mentored by {t}"))
'''
"""The one row a test adds: a relation type the graph has never known."""

DOCUMENT = "大阪府の北浜センターは、ドンナイ省の南部協会の経営者を指導している。\n"
ANNOTATION = """\
document: mentoring
title: mentoring
entities:
- {id: osaka, type: Place, name_en: Osaka, quote: 大阪府}
- {id: dong-nai, type: Place, name_en: Dong Nai, quote: ドンナイ省}
- {id: kitahama, type: SupportCenter, name_ja: 北浜センター, name_en: Kitahama Centre, quote: 北浜センター}
- {id: nanbu, type: NPO, name_ja: 南部協会, name_en: Nanbu Association, quote: 南部協会}
relations:
- {type: LOCATED_IN, source: kitahama, target: osaka, quote: 大阪府の北浜センター}
- {type: LOCATED_IN, source: nanbu, target: dong-nai, quote: ドンナイ省の南部協会}
- {type: MENTORS, source: kitahama, target: nanbu, quote: 北浜センターは、ドンナイ省の南部協会の経営者を指導}
"""

SCRIPT = """
import json, sys
from pathlib import Path
import tsunagari.graph.vocabulary as vocabulary
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.graph.neo4j import cypher
from tsunagari.loaders import read_annotation
from tsunagari.queries import connect, hubs

folder = Path(sys.argv[1])
store = NetworkxStore(folder / "graph.sqlite3")
store.apply(read_annotation(folder / "curated" / "mentoring.yaml", folder / "documents"))
chain = connect(store, "Osaka", "Dong Nai").chains[0]
print(json.dumps({
    "vocabulary": vocabulary.__file__,
    "ids": chain.ids,
    "types": [step.via.type for step in chain.steps[1:]],
    "explanation": chain.explanation,
    "hubs": [hub.entity.id for hub in hubs(store, "degree")],
    "indexed": any("relation_id_mentors" in statement for statement in cypher.SCHEMA),
    "create": cypher.create_relations("MENTORS"),
}, ensure_ascii=False))
"""


def test_every_type_has_a_whole_row() -> None:
    for kind in RelationType:
        assert kind.family in Family and 0 < kind.weight <= 1 and kind.meaning
        for language in ("ja", "en"):
            for forward in (True, False):
                clause = kind.say(forward, language, "「S」", "「T」")
                assert "「S」" in clause and "「T」" in clause, (kind, language, forward)
        if kind.symmetric:
            assert kind.say(True, "en", "A", "B") == kind.say(False, "en", "A", "B")
        assert family_of(kind.value) is kind.family
    assert {t for t in RelationType if t.locating} == {
        RelationType.LOCATED_IN, RelationType.TENANT_OF, RelationType.MERGED_INTO}


def test_an_unknown_type_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="'KNOWS' is not in the vocabulary"):
        relation_type("KNOWS")


def test_a_new_row_is_a_new_relation_type_everywhere(tmp_path: Path) -> None:
    package = tmp_path / "src" / "tsunagari"
    for layer in ("graph", "loaders", "queries", "api"):
        shutil.copytree(ROOT / layer, package / layer,
                        ignore=shutil.ignore_patterns("__pycache__"))
    vocabulary = package / "graph" / "vocabulary.py"
    source = vocabulary.read_text(encoding="utf-8")
    anchor = "\n    @property\n    def family(self) -> Family:"
    assert source.count(anchor) == 1
    vocabulary.write_text(source.replace(anchor, NEW_ROW + anchor), encoding="utf-8")
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "mentoring.txt").write_text(DOCUMENT, encoding="utf-8")
    (tmp_path / "curated").mkdir()
    (tmp_path / "curated" / "mentoring.yaml").write_text(ANNOTATION, encoding="utf-8")

    run = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(SCRIPT), str(tmp_path)],
        env={**os.environ, "PYTHONPATH": str(tmp_path / "src")},
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert run.returncode == 0, run.stderr
    answer = json.loads(run.stdout)
    assert answer["vocabulary"] == str(vocabulary)
    assert answer["ids"] == ["kitahama", "nanbu"]
    assert answer["types"] == ["MENTORS"]
    assert answer["explanation"] == {
        "ja": "まず北浜センターにご相談ください。南部協会の経営者を指導しています。",
        "en": "Start with the Kitahama Centre. It mentors the Nanbu Association."}
    assert set(answer["hubs"]) == {"kitahama", "nanbu"}
    assert answer["indexed"] and "`MENTORS`" in answer["create"]
