"""The curated loader under generated files: annotations and documents, sound, wrong in
content, broken as YAML or as text. Every one is either loaded, each quote at a locator
that holds it, or refused with every problem naming the file and a line of it, and the
stored graph untouched. Runs on both stores (fewer examples on Neo4j), derandomized.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tsunagari.graph.store import GraphStore
from tsunagari.graph.text import normalise, normalise_with_map
from tsunagari.loaders.curated import AnnotationError, load_annotation
from tsunagari.loaders.sources import Document
from tsunagari.queries.views import graph_json

pytestmark = pytest.mark.slow

DOC_ID = "fuzz-doc"
EXAMPLES = {"networkx": 300, "neo4j": 25}
ORGANISATIONS = [
    ("osaka-pref", "Municipality", "大阪府"), ("dong-nai", "Municipality", "ドンナイ省"),
    ("jetro", "GovernmentAgency", "JETRO"), ("kinki-meti", "GovernmentAgency", "近畿経済産業局"),
    ("sakai-shinkin", "FinancialInstitution", "堺信用金庫"), ("mobio", "SupportCenter", "MOBIO"),
    ("amata-city", "IndustrialPark", "ｱﾏﾀ･ｼﾃｨ工業団地"), ("hanoi-univ", "TrainingInstitution",
                                                        "Đại học Bách khoa Hà Nội"),
]
TRICKY = "\"'「」『』:#-&*!%|>{}[],\t\\\u3000\uf0e8•\u0301ﾞ\u2028\ufeff"
"""Characters that YAML or quote matching treat specially."""
CONTROLS = "\r\x0c\x85\x00\x07\x1b"
LOCATOR = re.compile(r"L\d+(?:-\d+)?:c(\d+)-(\d+)")
FUZZ = settings(derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])

sound_characters = (st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))
                    | st.sampled_from(TRICKY))
words = st.text(sound_characters, max_size=30)
field_words = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Cf"))
    | st.sampled_from([c for c in TRICKY if unicodedata.category(c) != "Cf"]), max_size=30)
"""Words a title or a quote may hold: no field holds a hidden format character (a document's
text may, and is kept without them)."""
noise = st.text(sound_characters | st.sampled_from(CONTROLS), max_size=30)
huge_text = st.builds(lambda piece, times: piece * times,
                      st.text(min_size=1, max_size=4), st.integers(2_000, 100_000))


@st.composite
def sound_files(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A document and an annotation of it that must load: its names, relations, quotes."""
    chosen = draw(st.lists(st.sampled_from(ORGANISATIONS), min_size=2, max_size=5,
                           unique_by=lambda o: o[0]))
    lines, relations = [], []
    for (a_id, _, a_name), (b_id, _, b_name) in zip(chosen, chosen[1:], strict=False):
        sentence = f"{a_name}は{draw(field_words.filter(str.strip))}{b_name}を支援する。"
        lines += [draw(words), sentence]
        relations.append({"type": "SUPPORTS", "source": a_id, "target": b_id,
                          "quote": sentence.rstrip("。")})
    entities = [{"id": oid, "type": kind, "name_ja": name, "quote": name}
                for oid, kind, name in chosen]
    annotation = {"document": DOC_ID, "title": draw(field_words), "entities": entities,
                  "relations": relations}
    return "\n".join(lines) + "\n", annotation


def dump(annotation: dict[str, Any]) -> bytes:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(annotation, Dumper=dumper, allow_unicode=True, sort_keys=False).encode()


WRONG_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2), noise,
    huge_text, st.dates(),
)


@st.composite
def unsound_content(draw: st.DrawFn, annotation: dict[str, Any]) -> dict[str, Any]:
    """The annotation with one item's field set to a wrong value, or a quote that almost
    matches (a character dropped, changed or added)."""
    items = [annotation, *annotation["entities"], *annotation["relations"]]
    item = draw(st.sampled_from(items))
    key = draw(st.sampled_from([*item, "unknown_field"]))
    if key == "quote" and draw(st.booleans()):
        quote = item["quote"]
        at = draw(st.integers(0, len(quote) - 1))
        changed = draw(st.sampled_from([quote[:at] + quote[at + 1:], quote[:at] + "京" + quote[at:],
                                        quote[:at] + "京" + quote[at + 1:]]))
        item[key] = changed
    else:
        item[key] = draw(WRONG_VALUES)
    return annotation


@st.composite
def broken_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """The file broken as YAML or as text: a span replaced, cut or repeated, a foreign
    encoding, bytes that are not UTF-8."""
    at = draw(st.integers(0, len(data)))
    end = draw(st.integers(at, min(len(data), at + 40)))
    how = draw(st.sampled_from(["replace", "cut", "repeat", "encode", "bytes"]))
    if how == "replace":
        return data[:at] + draw(noise).encode("utf-8") + data[end:]
    if how == "cut":
        return data[:at]
    if how == "repeat":
        return data[:end] + data[at:]
    if how == "encode":
        encoding = draw(st.sampled_from(["utf-16", "shift_jis", "euc_jp", "cp1252"]))
        return data.decode("utf-8").encode(encoding, "replace")
    return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[end:]


def snapshot(store: GraphStore) -> tuple[object, ...]:
    return graph_json(store), store.version(), [d.to_dict() for d in store.documents()]


def lines_of(path: Path) -> int:
    return path.read_bytes().count(b"\n") + 1


def assert_refusal_names_file_and_line(refused: AnnotationError, path: Path) -> None:
    assert refused.problems
    for problem in refused.problems:
        place = re.match(rf"{re.escape(str(path))}:(\d+): ", problem)
        assert place, problem
        assert 1 <= int(place.group(1)) <= lines_of(path), problem


def assert_quotes_located(store: GraphStore, document: Document) -> None:
    """Each stored quote of the document stands at its locator (in matching form)."""
    entities, relations = store.document_facts(DOC_ID)
    evidence = [e for fact in entities if (entity := store.entity(fact)) for e in entity.evidence]
    evidence += [e for r in store.relations() if r.id in relations for e in r.evidence]
    for item in evidence:
        if item.document != DOC_ID:
            continue
        where = LOCATOR.fullmatch(item.locator)
        assert where, item.locator
        start, end = int(where.group(1)), int(where.group(2))
        assert item.line_start == document.line_of(start)
        assert normalise(item.quote) in normalise_with_map(document.text[start:end])[0]


def load_or_refuse(store: GraphStore, folder: Path, document: bytes, annotation: bytes) -> str:
    """Write both files, load; check what a load or a refusal must leave. 'loaded' or 'refused'."""
    (folder / "documents").mkdir(parents=True, exist_ok=True)
    (folder / "documents" / f"{DOC_ID}.txt").write_bytes(document)
    path = folder / "annotation.yaml"
    path.write_bytes(annotation)
    before = snapshot(store)
    try:
        load_annotation(store, path, folder / "documents")
    except AnnotationError as refused:
        assert_refusal_names_file_and_line(refused, path)
        assert snapshot(store) == before
        return "refused"
    assert_quotes_located(store, Document.read(folder / "documents" / f"{DOC_ID}.txt"))
    return "loaded"


def fuzz(store: GraphStore, test: Callable[..., str], **strategies: Any) -> Counter[str]:
    """Run the test on generated examples; how many were loaded and how many refused."""
    outcomes: Counter[str] = Counter()

    @functools.wraps(test)
    def counted(*args: Any, **kwargs: Any) -> None:
        outcomes[test(*args, **kwargs)] += 1

    settings(FUZZ, max_examples=EXAMPLES[store.backend])(given(**strategies)(counted))()
    print(f"{test.__name__} on {store.backend}: {dict(outcomes)}")
    return outcomes


def test_sound_annotations_load(empty_store: GraphStore, tmp_path: Path) -> None:
    def sound(files: tuple[str, dict[str, Any]]) -> str:
        text, annotation = files
        outcome = load_or_refuse(empty_store, tmp_path, text.encode(), dump(annotation))
        entities, relations = empty_store.document_facts(DOC_ID)
        assert sorted(entities) == sorted(e["id"] for e in annotation["entities"])
        assert len(relations) == len(annotation["relations"])
        return outcome

    assert set(fuzz(empty_store, sound, files=sound_files())) == {"loaded"}


def test_unsound_annotations_load_or_are_refused(empty_store: GraphStore, tmp_path: Path) -> None:
    def unsound(files: tuple[str, dict[str, Any]], data: st.DataObject) -> str:
        text, annotation = files
        changed = data.draw(unsound_content(annotation))
        return load_or_refuse(empty_store, tmp_path, text.encode(), dump(changed))

    outcomes = fuzz(empty_store, unsound, files=sound_files(), data=st.data())
    assert outcomes["refused"] > outcomes["loaded"]


def test_broken_annotations_are_refused_or_load(empty_store: GraphStore, tmp_path: Path) -> None:
    def broken_annotation(files: tuple[str, dict[str, Any]], data: st.DataObject) -> str:
        text, annotation = files
        damaged = data.draw(broken_bytes(dump(annotation)))
        return load_or_refuse(empty_store, tmp_path, text.encode(), damaged)

    outcomes = fuzz(empty_store, broken_annotation, files=sound_files(), data=st.data())
    assert outcomes["refused"] > 0 and outcomes["loaded"] > 0


def test_broken_documents_are_refused_or_load(empty_store: GraphStore, tmp_path: Path) -> None:
    def broken_document(files: tuple[str, dict[str, Any]], data: st.DataObject) -> str:
        text, annotation = files
        damaged = data.draw(broken_bytes(text.encode()))
        return load_or_refuse(empty_store, tmp_path, damaged, dump(annotation))

    outcomes = fuzz(empty_store, broken_document, files=sound_files(), data=st.data())
    assert outcomes["refused"] > 0 and outcomes["loaded"] > 0


@pytest.mark.parametrize(("content", "problem"), [
    (b"document: fuzz-doc\nentities: &a [*a]\n", ":2: malformed YAML: anchors and aliases"),
    (b"document: fuzz-doc\n" + b"".join(b"x%d: &a%d [%s]\n" % (
        n, n, b", ".join([b"*a%d" % (n - 1)] * 10) if n else b"q") for n in range(9)),
     ":2: malformed YAML: anchors and aliases"),
    (b"document: fuzz-doc\ntitle: a\x07b\n", ":2: malformed YAML: character U+0007"),
    (b"document: fuzz-doc\ntitle: \xff\n", ":2: not UTF-8 text (byte 26"),
    (b'document: fuzz-doc\ntitle: "a\\x07b"\n', ":2: field 'title' holds a control character"),
    (b"document: fuzz-doc\nrelations:\n  - {confidence: true}\n",
     ":3: confidence True must be a number"),
    (b"document: fuzz-doc\ndate: !!int x\n", ":2: malformed YAML: 'x' is not a valid int"),
    (b"document: fuzz-doc\ndate: 2020-13-45\n", ":2: malformed YAML: '2020-13-45' is not a valid timestamp"),
    (b"document: fuzz-doc\n---\ndocument: fuzz-doc\n", ":2: malformed YAML: but found another document"),
    (b"document: fuzz-doc\r\ntitle: a\r\nentities: &e []\r\n", ":3: malformed YAML: anchors and aliases"),
])
def test_what_fuzzing_found_is_refused_with_its_line(
    empty_store: GraphStore, tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "annotation.yaml"
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / f"{DOC_ID}.txt").write_text("大阪府\n", encoding="utf-8")
    path.write_bytes(content)
    before = snapshot(empty_store)
    with pytest.raises(AnnotationError) as refused:
        load_annotation(empty_store, path, tmp_path / "documents")
    assert any(p.startswith(f"{path}{problem}") for p in refused.value.problems), refused.value
    assert snapshot(empty_store) == before
