"""The gazetteer: every known name, folded, and a linear scan of a text for them.

Names are looked up by their folded form (`queries.names.fold`: width, case,
diacritics, spaces and punctuation ignored). The scan looks at each position of the
folded text only for the name lengths that start with its two characters, so its
cost grows with the text, not with the number of names.

>>> g = Gazetteer()
>>> g.add("dong-nai", ["ドンナイ省", "Dong Nai"], primary="ドンナイ省")
>>> folded = FoldedText("ベトナム南部ドンナイ省とDong Nai")
>>> g.add("vietnam", ["ベトナム"])
>>> [(folded.text[s:e], [n.entity for n in names]) for s, e, names in g.scan(folded)]
[('ベトナム', ['vietnam']), ('ドンナイ省', ['dong-nai']), ('Dong Nai', ['dong-nai'])]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tsunagari.graph.text import core, fold, is_katakana, is_latin
from tsunagari.loaders.extract.segments import FoldedText

MIN_KEY = 2
LEVELS = {
    **dict.fromkeys(("province", "prefecture", "省", "府", "県", "都", "道"), "province"),
    **dict.fromkeys(("city", "municipality", "town", "ward", "district", "市", "区", "町", "村"), "city"),
}
"""The level an administrative last word gives a place's name (Nagasaki City is no 長崎県)."""
SHORT_LATIN = 3
"""Latin names this short match only as written (upper case, whole word)."""


@dataclass(frozen=True)
class Name:
    """One name of one entity: as written, and whether it is the entity's own name (not an alias)."""

    entity: str
    written: str
    primary: bool


class Gazetteer:
    """Folded names to the entities they name."""

    def __init__(self) -> None:
        self._names: dict[str, list[Name]] = {}
        self._lengths: dict[str, list[int]] = {}
        self._cores: dict[str, set[str]] = {}
        self._levels: dict[str, set[str]] = {}

    def add(self, entity: str, names: Iterable[str], primary: str = "") -> None:
        """Register the names of an entity (names shorter than two characters are left out)."""
        for written in names:
            key = fold(written)
            if len(key) < MIN_KEY:
                continue
            bucket = self._names.setdefault(key, [])
            if any(n.entity == entity for n in bucket):
                continue
            bucket.append(Name(entity, written, written == primary))
            lengths = self._lengths.setdefault(key[:2], [])
            if len(key) not in lengths:
                lengths.append(len(key))
                lengths.sort(reverse=True)
            self._cores.setdefault(core(written), set()).add(entity)
            if level := _level(key):
                self._levels.setdefault(entity, set()).add(level)

    def __contains__(self, key: str) -> bool:
        return key in self._names

    def lookup(self, name: str) -> list[Name]:
        """Entities a whole name stands for: by folded name, then without 省, 市, province …
        (not a place of another level: Nagasaki City is not 長崎県)."""
        key = fold(name)
        found = self._names.get(key)
        if found:
            return found
        level = _level(key)
        ids = {
            entity for entity in self._cores.get(core(name), set())
            if not level or level in self._levels.get(entity, {level})
        }
        return [Name(entity, name, False) for entity in sorted(ids)]

    def scan(self, text: FoldedText) -> Iterator[tuple[int, int, list[Name]]]:
        """Every name in a text, as clean-text spans, longest first at each position.

        Names may nest (ベトナム in ベトナム商工省). A katakana name may run straight into
        another name (ザ・サポートベトナム).
        """
        folded = text.folded
        joined: set[int] = set()
        for i in range(len(folded) - 1):
            for length in self._lengths.get(folded[i : i + 2], ()):
                if i + length > len(folded) or not self._names.get(folded[i : i + length]):
                    continue
                found = self._match(text, i, length, compound=i in joined)
                if found is None and self._at(text, i + length):
                    found = self._match(text, i, length, compound=True)
                if found:
                    joined.add(i + length)
                    yield found

    def _match(
        self, text: FoldedText, i: int, length: int, compound: bool = False
    ) -> tuple[int, int, list[Name]] | None:
        """The names folded[i:i+length] spells, if it stands alone as a word there."""
        names = self._names.get(text.folded[i : i + length]) if i + length <= len(text.folded) else None
        if not names:
            return None
        start, end = text.span(i, i + length)
        names = [n for n in names if _stands_alone(text.text, start, end, n.written, compound)]
        return (start, end, names) if names else None

    def _at(self, text: FoldedText, i: int) -> bool:
        """True when a whole name starts at folded position i."""
        lengths = self._lengths.get(text.folded[i : i + 2], ())
        return any(self._match(text, i, length, compound=True) for length in lengths)


def _level(key: str) -> str:
    """The level of a folded place name by its last word (city, province), or ''."""
    return next((level for word, level in LEVELS.items() if key.endswith(word) and len(key) > len(word)), "")


def _stands_alone(text: str, start: int, end: int, written: str, compound: bool = False) -> bool:
    """A name is a whole word: latin and katakana names do not run into more of the same
    (unless they are two names written together, a compound), nor latin ones into a hyphened
    word (Kyushu in Minami-Kyushu).

    Short latin names (JP, SV, TPA) also have to be written as they are.
    """
    first, last = text[start], text[end - 1]
    before = text[max(0, start - 2) : start].removesuffix("-")[-1:] or " "
    after = text[end : end + 2].removeprefix("-")[:1] or " "
    if is_latin(first) and is_latin(before) or is_latin(last) and is_latin(after):
        return False
    runs_on = is_katakana(first) and is_katakana(before) or is_katakana(last) and is_katakana(after)
    if runs_on and not compound:
        return False
    plain = "".join(ch for ch in written if is_latin(ch))
    if plain == written.replace(".", "") and len(plain) <= SHORT_LATIN:
        return text[start:end].replace(".", "") == plain
    return True
