"""The substring index answers exactly what a scan of every text answers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tsunagari.queries.resolve import SubstringIndex

ALPHABET = "abcab日本\U0010ffff\U0001f600 "
"""Few characters (so that pieces repeat), wide ones too: BMP, the last code point, emoji."""
texts = st.lists(st.text(alphabet=ALPHABET, max_size=8), max_size=40)
parts = st.text(alphabet=ALPHABET, min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(texts, parts)
def test_the_texts_holding_a_part_are_those_a_scan_finds(texts: list[str], part: str) -> None:
    expected = [i for i, text in enumerate(texts) if part in text]
    assert SubstringIndex(texts).containing(part) == expected


def test_a_part_in_many_texts_is_narrowed_by_its_rarest_pieces() -> None:
    texts = [f"common{i}" for i in range(200)] + ["commonrare", "rarecommon"]
    index = SubstringIndex(texts)
    assert index.containing("commonra") == [200]
    assert index.containing("ecommo") == [201]
    assert index.containing("common1") == [1, *range(10, 20), *range(100, 200)]


@pytest.mark.parametrize("part", ["", "a\nb"])
def test_an_empty_part_or_one_with_the_separator_is_refused(part: str) -> None:
    with pytest.raises(ValueError):
        SubstringIndex(["ab"]).containing(part)


def test_a_text_with_the_separator_is_refused() -> None:
    with pytest.raises(ValueError):
        SubstringIndex(["a\nb"])
