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
    return unicodedata.normalize("NFC", decomposed.translate(_KEPT))


class _Kept(dict[int, int | None]):
    """A `str.translate` table of what folding keeps of decomposed text: every character
    but combining marks (the kana voicing marks excepted), punctuation and symbols. Each
    character is judged the first time it is met."""

    def __missing__(self, code: int) -> int | None:
        char = chr(code)
        kept = ((char in _KANA_MARKS or not unicodedata.combining(char))
                and unicodedata.category(char) not in _PUNCTUATION)
        self[code] = code if kept else None
        return self[code]


_KEPT = _Kept()


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
