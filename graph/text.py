"""Text as the graph compares and keeps it: matching forms, name keys, character classes,
and what a stored field may not hold.

- `normalise`: the form quotes are matched in (NFKC, case-folded, no bullets or white
  space), with `normalise_with_map` keeping where each character came from.
- `fold` and `core`: one key for every way of writing a name (Đồng Nai, dong nai, DongNai
  and ＤＯＮＧ　ＮＡＩ all fold to `dongnai`; `core` also drops 省, province, city ...).
- `is_kanji`, `is_katakana`, `is_hiragana`, `is_latin`, `is_cjk`: character classes.
- `field_fault`: why a text cannot be a name, quote or other field (control and invisible
  format characters, lone surrogates); `without_formats`: a document's text as it is kept.

>>> fold("Đồng Nai") == fold("dongnai") == fold("ＤＯＮＧ　ＮＡＩ")
True
>>> core("ドンナイ省"), core("Dong Nai Province"), core("TP. Hồ Chí Minh")
('ドンナイ', 'dongnai', 'hochiminh')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

import numpy as np

BULLETS = frozenset("•‣◦・●○■□◆◇▪▫►▶→⇒–—－-")
"""Glyphs that only mark list items or layout; ignored when matching quotes."""


def _is_ignored(ch: str) -> bool:
    """True for characters that never take part in matching."""
    if ch.isspace():
        return True
    category = unicodedata.category(ch)
    return category in ("Co", "Cc", "Cf") or ch in BULLETS


def _is_mark(ch: str) -> bool:
    """Combining marks, and the half-width voiced marks (ﾞ, ﾟ) so that ｶﾞ normalises to ガ."""
    return bool(unicodedata.combining(ch)) or ch in "\uff9e\uff9f"


def clusters(text: str) -> list[tuple[int, int]]:
    """Split text into (start, end) spans of a base character and its combining marks."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and _is_mark(text[j]):
            j += 1
        spans.append((i, j))
        i = j
    return spans


@lru_cache(maxsize=65536)
def _normalise_cluster(cluster: str) -> str:
    """Matching form of one base character with its marks."""
    piece = unicodedata.normalize("NFKC", cluster).casefold()
    return "".join(ch for ch in piece if not _is_ignored(ch))


class _Table(dict[int, str]):
    """A `str.translate` table filled as characters are first met: the translation then
    runs in C, and a character's rule runs once per process, not once per occurrence."""

    def __init__(self, rule: Callable[[str], str]) -> None:
        super().__init__()
        self.rule = rule

    def __missing__(self, code: int) -> str:
        value = self[code] = self.rule(chr(code))
        return value


_MATCHED = _Table(lambda ch: "" if _is_ignored(ch) else ch)
_PIECE = _Table(_normalise_cluster)
_PIECE_LENGTH = _Table(lambda ch: chr(len(_normalise_cluster(ch))))
"""Each character's matching form alone, and that form's length as a character's code."""


_MARK = _Table(lambda ch: "1" if _is_mark(ch) else "0")
"""1 for a combining mark, 0 for any other character."""
_MARKS = re.compile("1+")


def normalise_with_map(text: str) -> tuple[str, list[int], list[int]]:
    """Normalise text for matching; return it with each character's original span.

    The two lists give, for every normalised character, the start and end offset
    of the original characters it came from. Runs of unmarked characters (nearly all
    text) are translated whole; a character with combining marks is normalised with them
    (the same form as `clusters` gives, one cluster at a time).
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def unmarked(start: int, end: int) -> None:
        run = text[start:end]
        if run:
            counts = np.frombuffer(run.translate(_PIECE_LENGTH).encode("utf-32-le"), np.uint32)
            offsets = np.repeat(np.arange(start, end, dtype=np.int64), counts)
            out.append(run.translate(_PIECE))
            starts.extend(offsets.tolist())
            ends.extend((offsets + 1).tolist())

    done = 0
    for marks in _MARKS.finditer(text.translate(_MARK)):
        base = max(marks.start() - 1, 0)
        unmarked(done, base)
        piece = _normalise_cluster(text[base:marks.end()])
        out.append(piece)
        starts.extend([base] * len(piece))
        ends.extend([marks.end()] * len(piece))
        done = marks.end()
    unmarked(done, len(text))
    return "".join(out), starts, ends


def normalise(text: str) -> str:
    """The matching form of a text: NFKC, case-folded, no bullets or white space.

    >>> normalise("ﾏﾈｰｼﾞｬｰ  Dong\\nNai")
    'マネージャーdongnai'
    """
    return unicodedata.normalize("NFKC", text).casefold().translate(_MATCHED)


def normalise_display(text: str) -> str:
    """Tidy text for display: NFKC, no private-use glyphs, single spaces."""
    cleaned = "".join(
        ch for ch in unicodedata.normalize("NFKC", text) if unicodedata.category(ch) != "Co"
    )
    return " ".join(cleaned.split())


SPECIAL_LETTERS = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ı": "i", "ß": "ss"})
KANA_MARKS = "\u3099\u309a"
PUNCTUATION_CATEGORIES = frozenset("Pd Po Ps Pe Pi Pf Pc Sk Sm So".split())

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
    decomposed = unicodedata.normalize("NFD", normalise(text).translate(SPECIAL_LETTERS))
    return unicodedata.normalize("NFC", decomposed.translate(_KEPT))


def _folded(char: str) -> str:
    """What folding keeps of a decomposed character: all but combining marks (the kana
    voicing marks excepted), punctuation and symbols."""
    kept = ((char in KANA_MARKS or not unicodedata.combining(char))
            and unicodedata.category(char) not in PUNCTUATION_CATEGORIES)
    return char if kept else ""


_KEPT = _Table(_folded)


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


def is_latin(ch: str) -> bool:
    """True for ASCII letters and digits."""
    return ch.isascii() and ch.isalnum()


def is_katakana(ch: str) -> bool:
    """True for katakana letters and the long-vowel mark."""
    return "\u30a1" <= ch <= "\u30fa" or ch == "ー"


def is_kanji(ch: str) -> bool:
    """True for CJK ideographs and the marks that stand in their place (々, ヶ)."""
    return "\u4e00" <= ch <= "\u9fff" or ch in "々〆ヶ"


def is_hiragana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u309f"


def is_cjk(text: str) -> bool:
    """True when the text holds a wide (Chinese, Japanese, Korean or full-width) character."""
    return any(unicodedata.east_asian_width(ch) in "WF" for ch in text)


SURROGATE = re.compile("[\ud800-\udfff]")
CONTROLS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
"""The control characters a field may not hold, as a regular expression class body."""
CONTROL = re.compile(f"[{CONTROLS}]")
FORMATS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
"""The format characters (Unicode category Cf) as a regular expression class body, written
with the characters themselves: invisible characters that change how the text around them
is shown or read, such as the bidirectional overrides (U+202E makes "exe.txt" show as
"txt.exe"), zero-width spaces and joiners (look-alike names), the soft hyphen and the byte
order mark. No field may hold one; a document's text is kept without them."""
FORMAT = re.compile(f"[{FORMATS}]")


def _at(match: re.Match[str], what: str) -> str:
    char = match.group()
    name = unicodedata.name(char, "")
    return f"{what} U+{ord(char):04X}{f' ({name})' if name else ''} at character {match.start()}"


def unencodable(text: str) -> str | None:
    """Why the text has no UTF-8 form, or None.

    >>> unencodable("大阪府")
    >>> unencodable("a\\ud800")
    'lone surrogate U+D800 at character 1'
    """
    found = SURROGATE.search(text)
    return _at(found, "lone surrogate") if found else None


def field_fault(text: str) -> str | None:
    """Why the text cannot be a name, quote or other field, or None: a control character
    (tab and line breaks aside), a hidden format character (FORMATS), or a lone surrogate.

    >>> field_fault("Dong Nai\\tProvince")
    >>> field_fault("大阪\\x07府")
    'control character U+0007 at character 2'
    >>> field_fault("JE\\u200bTRO")
    'hidden format character U+200B (ZERO WIDTH SPACE) at character 2'
    """
    for pattern, what in ((CONTROL, "control character"), (FORMAT, "hidden format character")):
        found = pattern.search(text)
        if found:
            return _at(found, what)
    return unencodable(text)


def without_formats(text: str) -> str:
    """The text without its hidden format characters (FORMATS).

    >>> without_formats("\\ufeff大阪\\u202e府")
    '大阪府'
    """
    return FORMAT.sub("", text)


DOUBLED_STOP = re.compile(r"\.\.(?=[\s\"”)]|$)")


SENTENCE_THE = re.compile(r"(^|[.!?]\s+)the ")


def tidy(sentence: str) -> str:
    """Sentences built around names: a name's own full stop ends its sentence
    ("… Esuhai Co., Ltd.." → "… Esuhai Co., Ltd."), and a sentence that opens with a name's
    "the" opens with "The"."""
    return SENTENCE_THE.sub(r"\1The ", DOUBLED_STOP.sub(".", sentence))


ARTICLE_HEADS = re.compile(
    r"\b(?:Ministry|Agency|Organi[sz]ation|Council|Cent(?:er|re)|Association|Bureau|Federation|"
    r"Forum|Desk|Institute|Office|Committee|Secretariat|Platform|Network|Initiative|Foundation|"
    r"Chamber|Headquarters|Commission|Unit|Division|Bank (?:of|for)|Finance Corporation|"
    r"Development Corporation|Project|Programme|Program|Survey|System|Scheme|Area)\b")
NO_ARTICLE = re.compile(r"^(?:The|An?)\b|\b(?:Co\.|Ltd|Inc|Holdings|Group)\b|^[A-Z]{2,}(?: \S+)?$")
"""English names that take "the" in a sentence, and those that never do."""


def with_article(name: str) -> str:
    """An English name as a sentence says it: "the" before the name of a body ("the Japan
    International Cooperation Agency"), not of a firm, a city or an acronym."""
    return f"the {name}" if ARTICLE_HEADS.search(name) and not NO_ARTICLE.search(name) else name


def slug(text: str) -> str:
    """An ascii id from a name: "Chuo Ward, Sapporo" → "chuo-ward-sapporo"."""
    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return re.sub(r"[^a-z0-9]+", "-", plain.encode("ascii", "ignore").decode().lower()).strip("-")
