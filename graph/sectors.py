"""The sector vocabulary: what a firm makes, in the words people use for it.

>>> sector_of_word("machinist"), sector_of_word("金属加工"), sector_of_word("金型")
('machining', 'machining', 'moulds')
>>> sorted(sectors_of(["plastic injection moulds", "machine tools"]))
['moulds', 'plastics', 'tools']
"""

from __future__ import annotations

from collections.abc import Iterable

from tsunagari.graph.text import fold

SECTORS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # id: (Japanese, English, words that name it, in any language)
    "machining": ("機械加工", "machining", (
        "機械加工", "金属加工", "精密加工", "機械金属", "単加工", "切削", "加工", "町工場",
        "machining", "machinist", "machinists", "metalworking", "metal working", "metal",
        "machinery", "micro-machining", "precision", "精密", "machine shop", "cnc")),
    "automotive": ("自動車", "automotive", (
        "自動車", "自動車部品", "automotive", "auto parts", "car parts", "automobile", "cars")),
    "moulds": ("金型", "moulds and dies", (
        "金型", "mould", "moulds", "mold", "molds", "die", "dies", "die-casting", "casting")),
    "tools": ("工具", "tools", ("工具", "作業工具", "tools", "tool", "hand tools", "machine tools")),
    "plant": ("プラント", "plant engineering", (
        "プラント", "配管", "plant engineering", "plant", "piping", "installation")),
    "plastics": ("樹脂・プラスチック", "plastics", (
        "樹脂", "プラスチック", "plastics", "plastic", "resin")),
    "textiles": ("繊維・衣服", "textiles", ("繊維", "衣服", "textiles", "textile", "garments")),
    "electronics": ("電機・電子", "electronics", (
        "電機", "電子", "electronics", "electrical", "high-tech")),
    "environment": ("環境", "environment and water", (
        "環境", "水", "水道", "水ビジネス", "廃棄物", "environment", "environmental", "water",
        "waste management", "energy")),
    "steel": ("鉄鋼・素材", "steel and materials", (
        "鉄鋼", "素材", "化学", "steel", "chemicals", "chemical", "materials")),
    "aerospace": ("航空機", "aerospace", ("航空機", "aerospace", "aircraft")),
    "food": ("食品", "food", ("食品", "food", "agriculture")),
}
"""The sectors a question or an entity may name."""

_WORDS: dict[str, str] = {
    fold(word): sector for sector, (_, _, words) in SECTORS.items() for word in words
}


def sector_of_word(word: str) -> str | None:
    """The sector a single word or phrase names, if any."""
    return _WORDS.get(fold(word))


def sectors_of(labels: Iterable[str]) -> set[str]:
    """Sector ids for free-text sector labels (an entity's `sectors`)."""
    found: set[str] = set()
    for label in labels:
        key = fold(label)
        found.update(sector for word, sector in _WORDS.items() if len(word) > 2 and word in key)
        if key in _WORDS:
            found.add(_WORDS[key])
    return found


def sector_words() -> dict[str, str]:
    """Every folded word of the vocabulary with its sector (for question parsing)."""
    return dict(_WORDS)
