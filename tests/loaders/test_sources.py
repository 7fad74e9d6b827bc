"""Reading, normalising and locating quotes in source documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tsunagari.graph.text import normalise
from tsunagari.loaders.sources import Document, DocumentError


def test_normalise_ignores_width_case_bullets_and_breaks() -> None:
    assert normalise("\uf0e8 ＪＥＴＲＯ神戸\n") == normalise("jetro 神戸")
    assert normalise("ﾏﾈｰｼﾞｬｰ") == "マネージャー"


def test_quote_split_across_lines_maps_back_to_both_lines(seed_document: Document) -> None:
    locator = seed_document.locate("近畿経済産業局を事務局とする「関西ベトナム経済交流会議」")
    assert locator is not None
    assert locator.line_end == locator.line_start + 1
    original = seed_document.original(locator)
    assert original.startswith("近畿経済産業局") and original.endswith("」")
    lines = seed_document.text.splitlines()
    assert "関西ベトナ" in lines[locator.line_start - 1]
    assert lines[locator.line_end - 1].lstrip().startswith("ム経済交流会議")


def test_half_width_katakana_is_found_by_its_full_width_form(seed_document: Document) -> None:
    originals = [seed_document.original(loc) for loc in seed_document.locate_all("マネージャー")]
    assert "ﾏﾈｰｼﾞｬｰ" in originals


def test_absent_quote_is_not_found(seed_document: Document) -> None:
    assert seed_document.locate("存在しない引用文です") is None
    assert seed_document.locate("   ") is None


UNITS = ["ア", "イ", "ｶﾞ", "ｷﾞ", "ﾏ", "漢", "字", "a", "B", "é", "Đ", " ", "\n", "\uf06c", "•"]


@given(st.lists(st.sampled_from(UNITS), min_size=1, max_size=40), st.data())
def test_any_slice_of_a_text_is_located_at_its_own_place(
    units: list[str], data: st.DataObject
) -> None:
    text = "".join(units)
    doc = Document.from_text("t", text)
    start = data.draw(st.integers(0, len(units) - 1))
    end = data.draw(st.integers(start + 1, len(units)))
    piece = "".join(units[start:end])
    if not normalise(piece):
        return
    found = doc.locate_all(piece)
    assert found, piece
    assert all(normalise(doc.original(loc)) == normalise(piece) for loc in found)


def test_binary_and_undecodable_files_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00broken")
    with pytest.raises(DocumentError, match="bad.txt"):
        Document.read(bad)


@given(text=st.text(alphabet="アイウ大阪府 \n・ab", min_size=1, max_size=80),
       cuts=st.lists(st.tuples(st.integers(0, 79), st.integers(1, 12)), min_size=1, max_size=12),
       absent=st.text(alphabet="アイウ大阪府xy", min_size=1, max_size=6))
def test_quotes_expected_together_are_located_as_one_by_one(
        text: str, cuts: list[tuple[int, int]], absent: str) -> None:
    quotes = [text[start:start + length] for start, length in cuts] + [absent, "  "]
    alone = Document.from_text("d", text)
    together = Document.from_text("d", text)
    together.expect(quotes)
    assert [together.locate(q) for q in quotes] == [alone.locate(q) for q in quotes]
