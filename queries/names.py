"""Name folding for lookups: one key for every way of writing a name.

Đồng Nai, dong nai, DongNai and ＤＯＮＧ　ＮＡＩ all fold to `dongnai`.

>>> fold("Đồng Nai") == fold("dongnai") == fold("ＤＯＮＧ　ＮＡＩ")
True
>>> core("ドンナイ省"), core("Dong Nai Province"), core("TP. Hồ Chí Minh")
('ドンナイ', 'dongnai', 'hochiminh')
"""

from __future__ import annotations

import re
import unicodedata

from tsunagari.loaders.documents import normalise

_SPECIAL = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ı": "i", "ß": "ss"})
_KANA_MARKS = "\u3099\u309a"
_PUNCTUATION = frozenset("Pd Po Ps Pe Pi Pf Pc Sk Sm So".split())

ADMIN_SUFFIXES = (
    "province", "prefecture", "city", "ward", "district", "municipality", "town",
    "省", "府", "県", "都", "道", "市", "区", "町", "村",
)
"""Trailing words of administrative names, dropped by `core`."""

_SUFFIXES_LONGEST_FIRST = tuple(sorted(ADMIN_SUFFIXES, key=len, reverse=True))

ADMIN_PREFIXES = ("thanhpho", "tinh", "tp")
"""Leading Vietnamese administrative words (Thành phố, Tỉnh, TP.), dropped by `core`."""


_NOT_KEPT_ASCII = re.compile(r"[^0-9a-z$]")
"""What folding drops from ASCII text: white space, controls, punctuation and symbols but $."""


def fold(text: str) -> str:
    """Matching key: NFKC, case-folded, diacritics and punctuation gone, no spaces."""
    if text.isascii():
        return _NOT_KEPT_ASCII.sub("", text.lower())
    decomposed = unicodedata.normalize("NFD", normalise(text).translate(_SPECIAL))
    kept = (
        ch
        for ch in decomposed
        if (ch in _KANA_MARKS or not unicodedata.combining(ch))
        and unicodedata.category(ch) not in _PUNCTUATION
    )
    return unicodedata.normalize("NFC", "".join(kept))


def core(text: str) -> str:
    """The folded name without a trailing administrative word (省, province, city ...)."""
    return core_of_key(fold(text))


def core_of_key(key: str) -> str:
    """`core` of a text already folded (`core(text) == core_of_key(fold(text))`)."""
    for prefix in ADMIN_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            key = key[len(prefix) :]
            break
    for suffix in _SUFFIXES_LONGEST_FIRST:
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            return key[: -len(suffix)]
    return key
