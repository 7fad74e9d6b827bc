"""Questions in English or Japanese, parsed into a `connect` query and answered.

"who connects an Osaka machinist to Dong Nai?", "how can a Kitakyushu firm reach
Haiphong?", 「大阪の機械加工の町工場をドンナイ省につなぐのは？」, 「大田区からタイへ」.
The question is split into an origin part and a destination part; in each,
names of organisations and places are found (longest first), and sector, stage
and entry-point words anywhere in the question become filters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from tsunagari.graph.limits import DEFAULT_BUDGET_SECONDS
from tsunagari.graph.model import Entity
from tsunagari.graph.sectors import sector_words
from tsunagari.graph.store import GraphStore
from tsunagari.graph.text import core, fold, is_cjk
from tsunagari.queries.cache import VersionedCache, cached, pinned
from tsunagari.queries.chains.connect import Connection, connect
from tsunagari.queries.query_errors import QueryError
from tsunagari.queries.resolve import NAMES, NameIndex

MAX_QUESTION_LENGTH = 500
MAX_NAME_WORDS = 6
MAX_NAME_CHARS = 24

PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"who (?:else )?(?:can |could |will )?(?:connects?|links?|introduces?|refers?) "
        r"(?P<origin>.+?) (?:to|with) (?P<destination>.+)",
        r"how (?:can|could|do|does|should|would) (?P<origin>.+?) "
        r"(?:reach|get to|enter|expand to|go to|move to|set up in|find \w+(?: \w+)? in) "
        r"(?P<destination>.+)",
        r"(?P<origin>.+?) (?:looking for|seeking|searching for|that wants?|wanting) .*? "
        r"in (?P<destination>.+)",
        r"from (?P<origin>.+?) to (?P<destination>.+)",
        r"(?P<origin>.+?) (?:to|->|→) (?P<destination>.+)",
        r"(?P<origin>.+?)を(?P<destination>.+?)(?:に|へ)(?:つなぐ|繋ぐ|紹介|橋渡し|結ぶ)",
        r"(?P<origin>.+?)と(?P<destination>.+?)を(?:つなぐ|繋ぐ|結ぶ)",
        r"(?P<origin>.+?)から(?P<destination>.+?)(?:へ|まで|に)",
        r"(?P<origin>.+?)が(?P<destination>.+?)(?:で|に)(?:.*)",
    )
]

STAGE_WORDS = {
    "pre-entry": ("進出前", "検討中", "before entering", "before entry", "considering", "planning"),
    "entry": ("進出時", "setting up", "set up", "when entering"),
    "post-entry": ("進出後", "操業中", "after entering", "after entry", "already operating",
                   "already there"),
}
ENTRY_POINT_WORDS = {
    "land": ("レンタル工場", "貸し工場", "貸工場", "工業用地", "用地", "rental factory",
             "rental factories", "factory space", "land", "a site"),
    "people": ("人材", "研修", "育成", "採用", "training", "workers", "engineers", "staff",
               "hiring", "people"),
    "market": ("販路", "調達", "取引先", "顧客", "buyers", "customers", "market", "sales",
               "suppliers", "procurement"),
}
DEMONYMS = {"japanese": "japan", "日系": "japan", "日本の": "japan", "vietnamese": "vietnam",
            "ベトナムの": "vietnam", "thai": "thailand", "タイの": "thailand"}
"""Adjectives of origin that stand for their country ("a Japanese SME")."""

FILLER = frozenset(
    "a an the who what which how can could do does should would connects connect to with "
    "from in of for firm firms company companies sme smes business businesses manufacturer "
    "manufacturers factory maker makers shop workshop is are there one someone".split()
)


@dataclass
class Parsed:
    """What was recognised in a question."""

    origin: Entity | None = None
    destination: Entity | None = None
    sector: str | None = None
    stage: str | None = None
    entry_point: str | None = None
    recognised: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


@dataclass
class Answer:
    """A parsed question and its chains."""

    parsed: Parsed
    connection: Connection


class QuestionNotUnderstood(QueryError):
    """A question without a recognisable origin or destination."""

    def __init__(self, parsed: Parsed, suggestions: dict[str, list[str]]) -> None:
        self.parsed = parsed
        self.suggestions = suggestions
        missing = [
            role for role, value in (("origin", parsed.origin), ("destination", parsed.destination))
            if value is None
        ]
        parts = [f"could not find the {' and the '.join(missing)} in the question"]
        if parsed.recognised:
            parts.append(f"recognised: {', '.join(parsed.recognised)}")
        for word, names in suggestions.items():
            if names:
                parts.append(f"{word!r} might be {', '.join(names)}")
        parts.append("ask like 'who connects an Osaka machinist to Dong Nai?' "
                     "or 「大阪の町工場をドンナイ省につなぐのは？」")
        super().__init__("; ".join(parts))


def _words_in(text: str, vocabulary: Mapping[str, tuple[str, ...]]) -> str | None:
    folded = fold(text)
    for value, words in vocabulary.items():
        if any(fold(w) in folded for w in words if is_cjk(w)):
            return value
        lowered = f" {text.lower()} "
        if any(f" {w} " in lowered or f" {w}?" in lowered for w in words if not is_cjk(w)):
            return value
    return None


def _sector_in(text: str) -> tuple[str | None, str | None]:
    """The sector a question names and the word that named it."""
    words = sector_words()
    for token in re.findall(r"[\w-]+", text.lower()):
        if not is_cjk(token) and fold(token) in words:
            return words[fold(token)], token
    folded = fold(text)
    for word in sorted((w for w in words if is_cjk(w)), key=len, reverse=True):
        if word in folded:
            return words[word], word
    return None, None


def _lookup(index: NameIndex, surface: str) -> Entity | None:
    """An entity a span names exactly (no partial or fuzzy matches here)."""
    key = fold(surface)
    ids = index.exact.get(surface.casefold()) or index.folded.get(key) or index.cored.get(core(surface))
    if not ids:
        return None
    return max((index.entities[i] for i in ids), key=lambda e: (index.degree.get(e.id, 0), e.id))


def find_mention(index: NameIndex, text: str) -> tuple[Entity, str] | None:
    """The longest name of a known entity standing in the text (or a demonym's country)."""
    best: tuple[int, Entity, str] | None = None
    lowered = text.lower()
    for word, country in DEMONYMS.items():
        found = re.search(rf"\b{word}\b", lowered) if word.isascii() else word in text
        if found and country in index.entities:
            best = (0, index.entities[country], word)
    tokens = re.findall(r"[^\W_]+(?:[-'][^\W_]+)*", text)
    for size in range(min(MAX_NAME_WORDS, len(tokens)), 0, -1):
        for start in range(len(tokens) - size + 1):
            gram = tokens[start : start + size]
            if all(t.lower() in FILLER for t in gram):
                continue
            surface = " ".join(gram)
            entity = _lookup(index, surface)
            if entity and (best is None or len(surface) > best[0]):
                best = (len(surface), entity, surface)
    cjk = "".join(ch if is_cjk(ch) else " " for ch in text)
    for run in cjk.split():
        for length in range(min(MAX_NAME_CHARS, len(run)), 1, -1):
            for start in range(len(run) - length + 1):
                surface = run[start : start + length]
                entity = _lookup(index, surface)
                if entity and (best is None or len(surface) > best[0]):
                    best = (len(surface), entity, surface)
    return (best[1], best[2]) if best else None


def parse(store: GraphStore, question: str, cache: VersionedCache | None = None) -> Parsed:
    """Recognise origin, destination, sector, stage and entry point in a question."""
    text = question.strip().rstrip("?？。.!！ ")
    if not text:
        raise QueryError("the question is empty; ask like 'who connects an Osaka machinist "
                         "to Dong Nai?'")
    if len(question) > MAX_QUESTION_LENGTH:
        raise QueryError(f"the question is longer than {MAX_QUESTION_LENGTH} characters")
    index = cached(store, cache, NAMES)
    parsed = Parsed()
    parsed.sector, sector_word = _sector_in(text)
    parsed.stage = _words_in(text, STAGE_WORDS)
    parsed.entry_point = _words_in(text, ENTRY_POINT_WORDS)
    for label, value in (("sector", sector_word), ("stage", parsed.stage),
                         ("entry point", parsed.entry_point)):
        if value:
            parsed.recognised.append(f"{label}: {value}")
    spans = _split(text)
    for role, span in zip(("origin", "destination"), spans, strict=False):
        found = find_mention(index, span) if span else None
        if found:
            setattr(parsed, role, found[0])
            parsed.recognised.append(f"{role}: {found[1]} = {found[0].id}")
        elif span:
            parsed.unknown.append(span)
    return parsed


def _split(text: str) -> tuple[str, str]:
    """The origin and destination parts of a question ('' when no pattern fits)."""
    for pattern in PATTERNS:
        match = pattern.search(text)
        if match:
            return match.group("origin").strip(), match.group("destination").strip()
    return text, ""


def ask(
    store: GraphStore,
    question: str,
    k: int = 5,
    max_hops: int = 4,
    cache: VersionedCache | None = None,
    budget_seconds: float = DEFAULT_BUDGET_SECONDS,
) -> Answer:
    """Parse a question and answer it with `connect`."""
    cache = pinned(cache)
    parsed = parse(store, question, cache)
    if parsed.origin is None or parsed.destination is None:
        index = cached(store, cache, NAMES)
        suggestions = {
            span: [m.entity.display_name for m in index.resolve(_content(span), limit=3)]
            for span in parsed.unknown
        }
        raise QuestionNotUnderstood(parsed, suggestions)
    connection = connect(
        store,
        parsed.origin.id,
        parsed.destination.id,
        sector=parsed.sector,
        k=k,
        max_hops=max_hops,
        stage=parsed.stage,
        entry_point=parsed.entry_point,
        cache=cache,
        budget_seconds=budget_seconds,
    )
    return Answer(parsed, connection)


def _content(span: str) -> str:
    """A span without filler words, for suggestions."""
    words = [w for w in re.findall(r"[\w-]+", span) if w.lower() not in FILLER]
    return " ".join(words) or span
