"""Name folding gives the key its plain definition gives, on any text."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tsunagari.graph.text import KANA_MARKS, PUNCTUATION_CATEGORIES, SPECIAL_LETTERS, fold, normalise


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
