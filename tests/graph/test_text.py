"""Name folding and the matching form give what their plain definitions give, on any text;
what a field may not hold is named with its code point and Unicode name."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tsunagari.graph.text import (
    BULLETS,
    FORMAT,
    KANA_MARKS,
    PUNCTUATION_CATEGORIES,
    SPECIAL_LETTERS,
    clusters,
    field_fault,
    fold,
    normalise,
    normalise_with_map,
    without_formats,
)


def plain_fold(text: str) -> str:
    """NFKC and the rest (normalise), special letters, then every combining mark but the
    kana voicing marks, punctuation and symbols dropped from the decomposed text."""
    decomposed = unicodedata.normalize("NFD", normalise(text).translate(SPECIAL_LETTERS))
    kept = "".join(ch for ch in decomposed
                   if (ch in KANA_MARKS or not unicodedata.combining(ch))
                   and unicodedata.category(ch) not in PUNCTUATION_CATEGORIES)
    return unicodedata.normalize("NFC", kept)


names = st.text(alphabet=st.characters(codec="utf-8"), max_size=30) | st.sampled_from(
    ["Đồng Nai", "ＤＯＮＧ　ＮＡＩ", "ドンナイ省", "ガ", "ｶﾞ", "TP. Hồ Chí Minh", "Ø-ß",
     "กรุงเทพมหานคร", "Osaka-fu", "A社 (大阪)"])


@settings(max_examples=2000, deadline=None)
@given(names)
def test_fold_is_its_plain_definition(text: str) -> None:
    assert fold(text) == plain_fold(text)


def plain_matching_form(text: str) -> tuple[str, list[int], list[int]]:
    """Each cluster (a character and its marks) in NFKC, case-folded, without white space,
    bullets or control, private and format characters; every character it gives keeps the
    cluster's span."""
    out, starts, ends = "", [], []
    for start, end in clusters(text):
        piece = unicodedata.normalize("NFKC", text[start:end]).casefold()
        piece = "".join(ch for ch in piece if not ch.isspace() and ch not in BULLETS
                        and unicodedata.category(ch) not in ("Co", "Cc", "Cf"))
        out += piece
        starts += [start] * len(piece)
        ends += [end] * len(piece)
    return out, starts, ends


texts = names | st.text(alphabet="aA ｶﾞﾊﾟ\u0301e\u0308\u3099か\n\r\t・•㍿ﾞﾟＡ１①\u200b\ue000ß İﬁ"
                                 "\u2028\x85\xa0\xad-", max_size=40)


@settings(max_examples=2000, deadline=None)
@given(texts)
def test_the_matching_form_and_its_map_are_their_plain_definition(text: str) -> None:
    plain = plain_matching_form(text)
    assert normalise_with_map(text) == plain
    if len(clusters(text)) == len(text):  # without marks, whole text and clusters agree
        assert normalise(text) == plain[0]


def test_the_format_class_holds_every_format_character() -> None:
    """FORMATS is written out; it must hold every character of category Cf this Python
    knows, and nothing else but code points later versions of Unicode made Cf."""
    every = "".join(map(chr, range(0x110000)))
    held = set(FORMAT.findall(every))
    assert {ch for ch in every if unicodedata.category(ch) == "Cf"} <= held
    assert {unicodedata.category(ch) for ch in held} <= {"Cf", "Cn"}


@pytest.mark.parametrize(("text", "fault"), [
    ("report\u202etxt.exe", "hidden format character U+202E (RIGHT-TO-LEFT OVERRIDE) at character 6"),
    ("JE\u200bTRO", "hidden format character U+200B (ZERO WIDTH SPACE) at character 2"),
    ("\u2067大阪", "hidden format character U+2067 (RIGHT-TO-LEFT ISOLATE) at character 0"),
    ("tag\U000e0041", "hidden format character U+E0041 (TAG LATIN CAPITAL LETTER A) at character 3"),
    ("soft\u00adhyphen", "hidden format character U+00AD (SOFT HYPHEN) at character 4"),
])
def test_a_field_with_a_hidden_format_character_is_refused_naming_it(text: str, fault: str) -> None:
    assert field_fault(text) == fault


@pytest.mark.parametrize("text", ["Đồng Nai", "ドンナイ省\tDong Nai", "กรุงเทพมหานคร", "A社\n(大阪)"])
def test_names_of_every_script_the_graph_holds_are_fields(text: str) -> None:
    assert field_fault(text) is None and without_formats(text) == text


def test_a_text_is_kept_without_its_format_characters() -> None:
    assert without_formats("\ufeffJE\u200bTRO \u202eOsaka\u202c") == "JETRO Osaka"
