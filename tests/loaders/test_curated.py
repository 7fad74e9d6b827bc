"""The curated loader: verification, refusal with file and line, idempotence, scope."""

from __future__ import annotations

from pathlib import Path

import pytest

from tsunagari.graph import Contribution
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.graph.store import GraphStore
from tsunagari.loaders import load_seeds
from tsunagari.loaders.curated import AnnotationError, load_annotation
from tsunagari.queries.views import graph_json

DOC_A = """大阪府は、ドンナイ省と協力して
人材育成を支援する。
JETRO大阪は大阪府に置かれている。
"""

ANNOTATION_A = """document: doc-a
entities:
  - id: osaka-pref
    type: Municipality
    name_ja: 大阪府
    name_en: Osaka Prefecture
    quote: 大阪府は
  - id: dong-nai
    type: Municipality
    name_ja: ドンナイ省
    name_en: Dong Nai
    quote: ドンナイ省
  - id: jetro-osaka
    type: GovernmentAgency
    name_ja: JETRO大阪
    quote: JETRO大阪
relations:
  - type: PARTNERS_WITH
    source: osaka-pref
    target: dong-nai
    quote: 大阪府は、ドンナイ省と協力して
  - type: LOCATED_IN
    source: jetro-osaka
    target: osaka-pref
    quote: JETRO大阪は大阪府に置かれている
"""


def make_seeds(root: Path, doc_id: str, text: str, annotation: str) -> Path:
    (root / "documents").mkdir(parents=True, exist_ok=True)
    (root / "curated").mkdir(exist_ok=True)
    (root / "documents" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    path = root / "curated" / f"{doc_id}.yaml"
    path.write_text(annotation, encoding="utf-8")
    return path


def test_load_small_document(empty_store: GraphStore, tmp_path: Path) -> None:
    path = make_seeds(tmp_path, "doc-a", DOC_A, ANNOTATION_A)
    report = load_annotation(empty_store, path, tmp_path / "documents")
    assert sorted(report.entities_added) == ["dong-nai", "jetro-osaka", "osaka-pref"]
    assert empty_store.counts() == (3, 2)
    [partner] = [r for r in empty_store.relations() if r.type == "PARTNERS_WITH"]
    assert partner.evidence[0].locator == "L1:c0-15"
    assert partner.family == "PARTNERS_WITH"
    located = [r for r in empty_store.relations_of("osaka-pref") if r.type == "LOCATED_IN"]
    assert located[0].evidence[0].line_start == 3


def test_loading_twice_changes_nothing(empty_store: GraphStore, tmp_path: Path) -> None:
    path = make_seeds(tmp_path, "doc-a", DOC_A, ANNOTATION_A)
    load_annotation(empty_store, path, tmp_path / "documents")
    before, version = graph_json(empty_store), empty_store.version()
    report = load_annotation(empty_store, path, tmp_path / "documents")
    assert report.unchanged
    assert graph_json(empty_store) == before
    assert empty_store.version() == version


@pytest.mark.parametrize(
    ("edit", "expected_line", "named"),
    [
        (("target: dong-nai", "target: dong-nia"), 20, "dong-nia"),
        (("quote: JETRO大阪は大阪府に置かれている", "quote: JETRO大阪は京都府に置かれている"), 25,
         "京都府"),
        (("type: LOCATED_IN", "type: LIVES_IN"), 22, "LIVES_IN"),
        (("type: Municipality\n    name_ja: 大阪府", "type: City\n    name_ja: 大阪府"), 4, "City"),
        (("  - id: jetro-osaka", "  - id: JETRO Osaka"), 13, "JETRO Osaka"),
        (("relations:", "relations: {"), 18, "malformed YAML"),
        (("name_en: Dong Nai", "name_en: Dong\u200bNai"), 11,
         "field 'name_en' holds a hidden format character U+200B (ZERO WIDTH SPACE)"),
        (("quote: 大阪府は\n", "quote: 大阪府\u202eは\n"), 7,
         "field 'quote' holds a hidden format character U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ],
)
def test_unsound_annotation_is_refused_naming_file_and_line(
    empty_store: GraphStore, tmp_path: Path, edit: tuple[str, str], expected_line: int,
    named: str,
) -> None:
    good = make_seeds(tmp_path / "good", "doc-a", DOC_A, ANNOTATION_A)
    load_annotation(empty_store, good, tmp_path / "good" / "documents")
    before, version = graph_json(empty_store), empty_store.version()
    bad_text = ANNOTATION_A.replace(*edit)
    assert bad_text != ANNOTATION_A
    bad = make_seeds(tmp_path / "bad", "doc-a", DOC_A, bad_text)
    with pytest.raises(AnnotationError) as refused:
        load_annotation(empty_store, bad, tmp_path / "bad" / "documents")
    message = str(refused.value)
    assert f"{bad}:{expected_line}:" in message
    assert named in message
    assert graph_json(empty_store) == before
    assert empty_store.version() == version


def test_changed_document_replaces_its_contribution(
    empty_store: GraphStore, tmp_path: Path
) -> None:
    path = make_seeds(tmp_path, "doc-a", DOC_A, ANNOTATION_A)
    load_annotation(empty_store, path, tmp_path / "documents")
    shorter = ANNOTATION_A.split("  - type: LOCATED_IN")[0]
    path.write_text(shorter, encoding="utf-8")
    report = load_annotation(empty_store, path, tmp_path / "documents")
    assert report.relations_removed == ["jetro-osaka--located-in--osaka-pref"]
    assert empty_store.counts() == (3, 1)


DOC_B = "大阪府とドンナイ省は協力文書を締結した。"
ANNOTATION_B = """document: doc-b
entities:
  - {id: osaka-pref, type: Municipality, name_ja: 大阪府, aliases: [Osaka], quote: 大阪府}
  - {id: dong-nai, type: Municipality, name_ja: ドンナイ省, quote: ドンナイ省}
relations:
  - {type: AGREEMENT_WITH, source: dong-nai, target: osaka-pref, quote: 協力文書を締結}
"""


def load_both(store: GraphStore, tmp_path: Path) -> None:
    """doc-a, then doc-b (which states two of doc-a's entities again)."""
    for doc_id, text, annotation in (("doc-a", DOC_A, ANNOTATION_A), ("doc-b", DOC_B, ANNOTATION_B)):
        load_annotation(store, make_seeds(tmp_path, doc_id, text, annotation), tmp_path / "documents")


def test_retract_keeps_what_another_document_still_states(
    empty_store: GraphStore, tmp_path: Path
) -> None:
    load_both(empty_store, tmp_path)
    osaka = empty_store.entity("osaka-pref")
    assert osaka is not None and "Osaka" in osaka.aliases
    assert {e.document for e in osaka.evidence} == {"doc-a", "doc-b"}
    assert empty_store.document_facts("doc-b")[1] == ["dong-nai--agreement-with--osaka-pref"]

    report = empty_store.retract("doc-a")
    assert report.entities_removed == ["jetro-osaka"]
    assert empty_store.counts() == (2, 1)
    osaka = empty_store.entity("osaka-pref")
    assert osaka is not None and {e.document for e in osaka.evidence} == {"doc-b"}
    assert [d.id for d in empty_store.documents()] == ["doc-b"]


def by_id(contribution: Contribution | None) -> tuple[object, ...]:
    """A contribution's document and facts, in id order (stores keep their own order)."""
    assert contribution is not None
    return (contribution.document, sorted(contribution.entities, key=lambda e: e.id),
            sorted(contribution.relations, key=lambda r: r.id))


def test_a_retraction_is_kept_until_restored_as_it_was(
    empty_store: GraphStore, tmp_path: Path
) -> None:
    load_both(empty_store, tmp_path)
    graph, loaded = graph_json(empty_store), by_id(empty_store.contribution("doc-a"))
    osaka = empty_store.entity("osaka-pref")
    assert empty_store.retracted("doc-a") is None
    assert empty_store.restore("doc-a") is None, "a loaded document has nothing to restore"
    assert graph_json(empty_store) == graph

    empty_store.retract("doc-a")
    assert by_id(empty_store.retracted("doc-a")) == loaded
    assert empty_store.counts() == (2, 1)
    report = empty_store.restore("doc-a")
    assert report is not None
    assert (report.entities_added, report.relations_added) == (
        ["jetro-osaka"], ["dong-nai--partners-with--osaka-pref", "jetro-osaka--located-in--osaka-pref"])
    assert graph_json(empty_store) == graph
    assert empty_store.entity("osaka-pref") == osaka, "evidence of both documents again"
    assert by_id(empty_store.contribution("doc-a")) == loaded
    assert [d.id for d in empty_store.documents()] == ["doc-a", "doc-b"]
    assert empty_store.retracted("doc-a") is None and empty_store.restore("doc-a") is None
    assert empty_store.restore("doc-never-loaded") is None


def test_a_second_retraction_keeps_the_newer_contribution(
    empty_store: GraphStore, tmp_path: Path
) -> None:
    path = make_seeds(tmp_path, "doc-a", DOC_A, ANNOTATION_A)
    load_annotation(empty_store, path, tmp_path / "documents")
    empty_store.retract("doc-a")
    path.write_text(ANNOTATION_A.split("  - type: LOCATED_IN")[0], encoding="utf-8")
    load_annotation(empty_store, path, tmp_path / "documents")
    shorter = by_id(empty_store.contribution("doc-a"))
    empty_store.retract("doc-a")
    assert by_id(empty_store.retracted("doc-a")) == shorter
    empty_store.restore("doc-a")
    assert empty_store.counts() == (3, 1)
    empty_store.retract("doc-a")
    version = empty_store.version()
    empty_store.retract("doc-a")
    assert empty_store.retracted("doc-a") is None, "the last retraction removed nothing"
    assert empty_store.version() == version


def test_store_survives_reopen(tmp_path: Path) -> None:
    path = make_seeds(tmp_path, "doc-a", DOC_A, ANNOTATION_A)
    store = NetworkxStore(tmp_path / "g.sqlite3")
    load_annotation(store, path, tmp_path / "documents")
    saved = graph_json(store)
    store.close()
    reopened = NetworkxStore(tmp_path / "g.sqlite3")
    assert graph_json(reopened) == saved
    reopened.close()


def test_other_process_writes_are_seen(tmp_path: Path) -> None:
    path = make_seeds(tmp_path, "doc-a", DOC_A, ANNOTATION_A)
    reader = NetworkxStore(tmp_path / "g.sqlite3")
    writer = NetworkxStore(tmp_path / "g.sqlite3")
    assert reader.counts() == (0, 0)
    load_annotation(writer, path, tmp_path / "documents")
    assert reader.counts() == (3, 2)
    reader.close()
    writer.close()


def test_seed_load_is_idempotent(seeds_dir: Path, tmp_path: Path) -> None:
    store = NetworkxStore(tmp_path / "g.sqlite3")
    first = load_seeds(store, seeds_dir)
    assert first and not first[0].unchanged
    snapshot = graph_json(store)
    again = load_seeds(store, seeds_dir)
    assert all(r.unchanged for r in again)
    assert graph_json(store) == snapshot
    store.close()
