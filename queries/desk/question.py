"""A desk question, understood: its intent and slots.

Questions come as people type them, in Japanese or English, full-width or half-width,
polite or plain, with or without a question mark. What is recognised:

- names of organisations and places (any name or alias in the graph, longest first, never
  overlapping), and which side of the question each stands on: the firm's (`origin`) or
  where it wants to go (`destination`), from the particles and prepositions around it, and
  else from the country (a Japanese place is where a firm comes from);
- a sector (機械加工, machinist …), a stage (進出前 …), an entry point (レンタル工場 …);
- needs (the needs vocabulary: 融資, trade insurance, 通訳 …);
- cue words of each intent: hubs (ハブ, who bridges …), about one organisation (運営, who
  runs, members …), a support menu (支援メニュー, what support …), a referral (つなぐ, refer …).

The intent follows from what is there: hubs when asked for; about an organisation when the
question names one and asks about it; a referral when there is a firm's side and a
destination; a menu when asked for one (or only a stage or entry point is given); a need
when one is named; about an organisation, or the support bodies of a place, when that is
all the question names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from tsunagari.graph import Entity, EntityType
from tsunagari.graph.needs import Need, needs_in
from tsunagari.graph.sectors import SECTORS, sector_words
from tsunagari.graph.text import core, fold, is_cjk
from tsunagari.graph.vocabulary import EntryPoint, Stage
from tsunagari.queries.projection import Projection
from tsunagari.queries.query_errors import QueryError
from tsunagari.queries.resolve import NameIndex

JAPANESE_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff々〆ヶ]+"
                          r"(?:[A-Za-z0-9&・ー]+[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff々〆ヶ]+)*")
"""A run of Japanese letters (a name may hold ・ or Latin letters inside, never punctuation)."""
LATIN_WORD = re.compile(r"[^\W_\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff々〆ヶ]+"
                        r"(?:[-'.&][^\W_\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff々〆ヶ]+)*")
"""A word in Latin letters (with diacritics: Đồng), ending where Japanese begins (「JASMECって」)."""
POSSESSIVE = re.compile(r"['’]s\b")
MAX_QUESTION_LENGTH = 500
MAX_NAME_WORDS = 6
MAX_NAME_CHARS = 24
SHORT_LATIN = 3
"""Latin names this short (codes and acronyms: JP, IT, TPA) match only as written."""
SHORT_KANA = re.compile(r"[\u3040-\u309f]{1,2}")
"""Hiragana this short names a place only with its suffix: 「いの町」, never the 「いの」 of
「使いたいのですが」."""
WEAK_NEEDS = frozenset({Need.CONSULTATION})
"""Needs every question half-states ("help", 支援): they count only when nothing else is asked."""


class Intent(StrEnum):
    """What a desk question asks for."""

    REFERRAL = "referral"
    NEED = "need"
    ABOUT = "about"
    HUBS = "hubs"
    MENU = "menu"


class Topic(StrEnum):
    """What a question about one organisation asks."""

    OFFERS = "offers"
    OPERATORS = "operators"
    FUNDERS = "funders"
    MEMBERS = "members"
    PARTNERS = "partners"
    LOCATION = "location"


def _cues(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.IGNORECASE)


HUB_CUES = _cues(r"ハブ", r"橋渡し", r"取り持", r"\bcoordinators?\b", r"結節点", r"中核",
                 r"中心に?な", r"中心的", r"間に入", r"仲介",
                 r"取りまとめ", r"束ね", r"まとめ役", r"コーディネート", r"真ん中", r"つな[ぎぐ]役",
                 r"間に立", r"(?:と|を)[^。、]{0,12}(?:結んでくれ|結ぶ役)",
                 r"\bties? together\b", r"\b(?:brings?|pulls?|draws?) together\b", r"\bumbrella\b",
                 r"\bhubs?\b", r"\bbridg", r"\bbroker", r"\bkey (?:organi[sz]ations|players|bodies)",
                 r"\bcentral (?:organi[sz]ations|players|bodies)", r"\bwho links\b",
                 r"\bconnectors?\b", r"\bin between\b", r"\bgo-between\b")
TOPIC_CUES: dict[Topic, re.Pattern[str]] = {
    Topic.FUNDERS: _cues(r"出資", r"株主", r"資金を出", r"お金を出", r"\bfund(?:s|ed|ing)? (?:by|it)\b",
                         r"\bwho funds\b", r"\binvest(?:s|ors|ed)\b", r"\bshareholders?\b", r"\bowns\b",
                         r"所有", r"持ち株",
                         r"\bpays? for\b", r"\bowners?\b", r"\bowned\b"),
    Topic.OPERATORS: _cues(r"運営", r"事務局", r"主催", r"主体", r"設置した", r"どこがやって", r"経営",
                           r"母体", r"設立", r"創設", r"(?:誰|どこ)が(?:置|作|つく|造|開|始)",
                           r"(?:でき|作られ|つくられ)た", r"開発した",
                           r"\bwho (?:developed|built|provides|started|opened)\b",
                           r"\b(?:developed|built|founded|started) by\b",
                           r"管理して", r"誰がやって", r"(?:どこ|ど)の(?:部署|部局|課|組織)", r"傘下",
                           r"\bwho (?:set|sets|established|founded|created|runs|operates|manages)\b",
                           r"\bunder (?:which|what)\b", r"\bwhich (?:city )?department\b",
                           r"\bwho runs\b", r"\brun by\b", r"\bruns\b", r"\boperat", r"\bsecretariat",
                           r"\bbehind\b", r"\bset up by\b", r"\bestablished by\b",
                           r"\bmanag(?:es|ed by)\b"),
    Topic.MEMBERS: _cues(r"メンバー", r"会員", r"参加して", r"参加機関", r"構成", r"加盟",
                         r"(?<!どこ)に入って(?:い)?る",
                         r"\bmembers?\b", r"\bsit on\b", r"\bbelongs?\b", r"\bparticipa", r"\bmade up\b",
                         r"\bwho (?:is|are) (?:in|on)\b"),
    Topic.PARTNERS: _cues(r"連携先", r"提携先", r"協力先", r"パートナー", r"どこと連携", r"同じフロア",
                          r"同居", r"併設", r"\bpartners?\b", r"\bworks? with\b", r"\bcooperat",
                          r"\bcollaborat", r"\bshares? the (?:floor|office|building)\b",
                          r"\bsame floor\b", r"\bnext door\b"),
    Topic.LOCATION: _cues(r"どこにある", r"所在地", r"場所は", r"どこに(?:ある|置|設置|入)",
                          r"\bwhere is\b",
                          r"\bwhere (?:does|do) (?:it|they) (?:sit|stand)\b", r"\blocated\b",
                          r"\baddress\b", r"\bwhere in\b"),
    Topic.OFFERS: _cues(r"何を(?:して|する|やって)", r"何ができ", r"サービス", r"支援内容", r"事業内容",
                        r"どんな(?:ところ|組織|団体|機関)", r"とは", r"って何", r"何をしてくれ",
                        r"\boffer", r"\bservices?\b", r"\bwhat (?:does|do|is|are)\b", r"\bdo for\b",
                        r"\bprovides?\b", r"\btell me about\b"),
}
MENU_CUES = _cues(r"支援メニュー", r"メニュー", r"支援策", r"施策", r"どんな[^。？?、]{0,8}支援",
                  r"どのような[^。？?、]{0,8}支援", r"どんな優遇", r"\bwhat incentives\b",
                  r"どういう支援", r"支援(?:には|は)(?:何|どんな)", r"どんなの", r"使える支援",
                  r"受けられる支援", r"支援の一覧", r"選択肢",
                  r"\bwhat (?:kind of )?(?:support|help|assistance)\b", r"\bsupport menu\b",
                  r"\bmenu\b", r"\boptions\b", r"\bschemes\b", r"\bprogram(?:me)?s available\b",
                  r"\bwhat (?:is|'s) (?:there|available)\b", r"\bsupport (?:is|exists) (?:there|available)\b")
KIND_CUES: dict[EntityType, re.Pattern[str]] = {
    EntityType.NPO: _cues(r"NPO", r"協会", r"協議会", r"団体", r"\bassociations?\b", r"\bnon-?profits?\b",
                          r"\bchambers?\b"),
    EntityType.FINANCIAL_INSTITUTION: _cues(r"銀行", r"信用金庫", r"信金", r"金融機関", r"\bbanks?\b",
                                            r"\blenders?\b"),
    EntityType.TRAINING_INSTITUTION: _cues(r"大学", r"学校", r"訓練校", r"\buniversit", r"\bcolleges?\b",
                                           r"\bschools?\b"),
    EntityType.INDUSTRIAL_PARK: _cues(r"工業団地", r"テクノパーク", r"\bindustrial parks?\b"),
    EntityType.GOVERNMENT_AGENCY: _cues(r"当局", r"官庁", r"省庁", r"行政機関", r"\bauthorit(?:y|ies)\b",
                                        r"\bministr(?:y|ies)\b", r"\bgovernment agenc"),
}
"""Words that ask for one kind of organisation."""
FIRM_WORDS = _cues(r"企業", r"会社", r"町工場", r"メーカー", r"事業者", r"\bfirms?\b", r"\bcompan",
                   r"\bmakers?\b", r"\bshops?\b", r"\bsmes?\b", r"\bclients?\b", r"\bmanufacturers?\b")
NATIONAL_CUES = _cues(r"全国", r"国の", r"国レベル", r"政府", r"\bnational", r"\bnationwide",
                      r"\bgovernment")
REFERRAL_CUES = _cues(r"つな(?:ぐ|げ|い)", r"繋", r"紹介", r"相談させ", r"送れば", r"行かせ", r"進出",
                      r"出たい", r"\brefer", r"\bsend (?:them|him|her|the firm|the client)\b",
                      r"\bintroduce\b", r"\bconnect", r"\bpoint (?:them|the)\b", r"\bwho should\b",
                      r"\bwhere should\b", r"\bwho do we\b", r"\bset up in\b", r"\bexpand")
ORIGIN_AFTER = _cues(r"^\s*(?:の|にある|市内の|県内の|府内の|都内の|区内の|で(?:操業|創業))?\s*"
                     r"(?:中小|零細)?(?:企業|会社|町工場|工場|メーカー|製造業|事業者|部品|加工|金型|"
                     r"切削|精密|業者|中小企業|ものづくり)",
                     r"^\s*から", r"^\s*-?based\b", r"^\s*(?:[a-z-]+ ){0,3}(?:firm|company|companies|"
                     r"maker|makers|shop|supplier|manufacturer|machinist|sme|smes|client|business)")
ORIGIN_BEFORE = _cues(r"\bfrom\s*$", r"\b(?:an?|our|the|client is an?)\s*$",
                      r"\b(?:firms?|compan(?:y|ies)|makers?|suppliers?|shops?|smes?|manufacturers?|"
                      r"factor(?:y|ies)|businesses|machinists?)\s+(?:in|from|based in|of)\s*$")
DESTINATION_AFTER = _cues(r"^\s*(?:に|へ|で|まで|の(?:工業団地|レンタル工場|近郊|日系|現地))",
                          r"^\s*(?:近郊|進出|向け)")
DESTINATION_BEFORE = _cues(r"\b(?:to|into|reach|enter|entering|toward|towards|for|explore|"
                           r"exploring|considering|about|eyeing|targeting)\s*$",
                           r"\b(?:in|at|near|around)\s*$")
DEMONYMS = {"japanese": "JP", "vietnamese": "VN", "thai": "TH", "日系": "JP", "日本企業": "JP"}
"""Adjectives of origin that stand for their country ("Japanese buyers")."""
FILLER = frozenset(
    "a an the who what which how can could do does should would connects connect to with from "
    "in of for firm firms company companies sme smes business businesses manufacturer "
    "manufacturers factory maker makers shop workshop is are there one someone our we us they "
    "and or any".split()
)
STAGE_WORDS = {
    "pre-entry": ("進出前", "検討中", "検討段階", "検討しています", "before entering", "before entry",
                  "considering", "planning", "thinking about", "before going"),
    "entry": ("進出時", "立ち上げ", "設立時", "setting up", "set up", "when entering", "start-up phase"),
    "post-entry": ("進出後", "操業中", "操業後", "稼働", "after entering", "after entry",
                   "already operating", "already there", "once the plant", "after we have entered"),
}
ENTRY_POINT_WORDS = {
    "land": ("レンタル工場", "貸し工場", "貸工場", "工業用地", "用地", "工業団地", "rental factory",
             "rental factories", "factory space", "industrial land", "industrial park", "land"),
    "people": ("人材", "研修", "育成", "採用", "人事", "training", "workers", "engineers", "staff",
               "hiring", "human resources", "hr", "people", "managers"),
    "market": ("販路", "調達", "取引先", "顧客", "buyers", "customers", "market", "sales",
               "suppliers", "procurement"),
}


@dataclass(frozen=True, eq=False)
class Mention:
    """An entity named in a question, with the words that named it and where they stand."""

    entity: Entity
    text: str
    start: int
    end: int


@dataclass
class Recognised:
    """One thing recognised in a question: the slot, the words, and what they stand for."""

    slot: str
    text: str
    value: str
    label: dict[str, str] = field(default_factory=dict)


@dataclass
class Question:
    """A question, understood (`intent` None when it could not be)."""

    text: str
    language: str
    intent: Intent | None = None
    origin: Entity | None = None
    destination: Entity | None = None
    organisation: Entity | None = None
    places: list[Entity] = field(default_factory=list)
    sector: str | None = None
    stage: str | None = None
    entry_point: str | None = None
    needs: list[Need] = field(default_factory=list)
    topic: Topic | None = None
    topics: list[Topic] = field(default_factory=list)
    national: bool = False
    kinds: list[EntityType] = field(default_factory=list)
    """Kinds of organisation the question asks for (「NPO」, "a bank", 「大学」)."""
    recognised: list[Recognised] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def as_typed(text: str) -> str:
    """The question in one form however it was typed: NFKC (full-width letters and digits
    made half-width, half-width katakana full-width), white space made single."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def normalised(text: str) -> str:
    """The question as it is read: `as_typed`, a trailing question mark or full stop dropped."""
    return as_typed(text).rstrip("?？。.!！ ")


def language_of(text: str) -> str:
    """"ja" when the text holds Japanese (or other wide) characters, else "en"."""
    return "ja" if is_cjk(text) else "en"


def understand(question: str, index: NameIndex, projection: Projection) -> Question:
    """The intent and slots of a question (QueryError for an empty or too long one)."""
    if len(question) > MAX_QUESTION_LENGTH:
        raise QueryError(f"the question is longer than {MAX_QUESTION_LENGTH} characters",
                         f"質問は{MAX_QUESTION_LENGTH}文字以内でお願いします。")
    text = normalised(question)
    if not text:
        raise QueryError("the question is empty", "質問を入力してください。")
    asked = Question(text=as_typed(question), language=language_of(text))
    asked.mentions = mentions(index, text)
    asked.national = bool(NATIONAL_CUES.search(text))
    asked.kinds = [kind for kind, cue in KIND_CUES.items() if cue.search(text)]
    _slots(asked, text, _masked(text, asked.mentions))
    _sides(asked, text, projection)
    asked.intent = _intent(asked, text)
    if asked.intent is Intent.ABOUT and asked.organisation is None:
        asked.organisation = _focus(asked)
    _note(asked)
    return asked


def mentions(index: NameIndex, text: str) -> list[Mention]:
    """Every entity the text names, longest names first, none overlapping, in text order."""
    found: list[Mention] = []
    for surface, start in _candidate_spans(text):
        entity = _lookup(index, surface)
        if entity is not None:
            found.append(Mention(entity, surface, start, start + len(surface)))
    for word, country in DEMONYMS.items():
        for match in re.finditer(rf"\b{word}\b" if word.isascii() else re.escape(word), text,
                                 re.IGNORECASE):
            place = _country_place(index, country)
            if place is not None:
                found.append(Mention(place, match.group(), match.start(), match.end()))
    chosen: list[Mention] = []
    for mention in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)


def _candidate_spans(text: str) -> list[tuple[str, int]]:
    """Word n-grams of Latin text and substrings of runs of Japanese text, with positions."""
    spans = []
    text = POSSESSIVE.sub("  ", text)  # "Kitakyushu's" names Kitakyushu (positions kept)
    words = list(re.finditer(LATIN_WORD, text))
    latin = [w for w in words if not is_cjk(w.group())]
    for size in range(min(MAX_NAME_WORDS, len(latin)), 0, -1):
        for first in range(len(latin) - size + 1):
            gram = latin[first:first + size]
            if all(w.group().lower() in FILLER for w in gram):
                continue
            if any(gram[i + 1].start() - gram[i].end() > 3 for i in range(size - 1)):
                continue
            start, end = gram[0].start(), gram[-1].end()
            spans.append((text[start:end], start))
    for run in re.finditer(JAPANESE_RUN, text):
        chars = run.group()
        for length in range(min(MAX_NAME_CHARS, len(chars)), 1, -1):
            for first in range(len(chars) - length + 1):
                if _splits_latin(chars, first) or _splits_latin(chars, first + length):
                    continue
                spans.append((chars[first:first + length], run.start() + first))
    return spans


def _splits_latin(chars: str, at: int) -> bool:
    """Whether a cut at `at` falls inside a Latin word (「NPO」 must not yield "NP")."""
    return 0 < at < len(chars) and chars[at - 1].isascii() and chars[at].isascii() \
        and chars[at - 1].isalnum() and chars[at].isalnum()


def _lookup(index: NameIndex, surface: str) -> Entity | None:
    """The entity a span names exactly (by name, folded name or name without 省/市/province).
    A short Latin word counts only as written in a name ("IT" is Italy, "it" is not), and a
    Latin name without its suffix only when capitalised ("Goto" is 五島市, "go-to" is not), and
    a name of one or two hiragana only with its suffix (SHORT_KANA)."""
    key = fold(surface)
    if len(key) < 2:
        return None
    ids = index.exact.get(surface.casefold()) or index.folded.get(key)
    if not ids and len(core(surface)) >= 2 and not (surface.isascii() and surface[:1].islower()) \
            and not SHORT_KANA.fullmatch(surface):
        ids = index.cored.get(core(surface))  # a Latin name without its suffix is capitalised
    found = [index.entities[i] for i in ids or ()]
    if surface.isascii() and len(surface) <= SHORT_LATIN:
        found = [e for e in found if surface in e.names()]
    if not found:
        return None
    return max(found, key=lambda e: (e.in_chains or e.is_place, index.degree.get(e.id, 0), e.id))


def _country_place(index: NameIndex, country: str) -> Entity | None:
    """The place of a whole country: the one that answers to its own code ("JP")."""
    found = [index.entities[i] for i in index.exact.get(country.casefold(), ())]
    places = [e for e in found if e.is_pure_place and e.country == country]
    return min(places, key=lambda e: e.id, default=None)


def _masked(text: str, found: list[Mention]) -> str:
    """The text with the names of organisations blanked out, so that a name is not read as a
    need (日本貿易保険 asks for no insurance, 計画投資省 for no investment)."""
    for mention in found:
        if not mention.entity.is_pure_place:
            text = text[:mention.start] + " " * (mention.end - mention.start) + text[mention.end:]
    return text


def _slots(asked: Question, text: str, without_names: str) -> None:
    """Sector, stage, entry point and needs (needs read outside the organisations' names)."""
    asked.sector, sector_word = _sector_in(text)
    asked.stage = _words_in(text, STAGE_WORDS)
    asked.entry_point = _words_in(text, ENTRY_POINT_WORDS)
    named = needs_in(without_names)
    strong = [need for need, word in named.items() if not need.weak_word(word)]
    asked.needs = strong or list(named)
    for need in asked.needs:
        asked.recognised.append(Recognised("need", named[need], need.value,
                                           {"ja": need.label("ja"), "en": need.label("en")}))
    if asked.sector and sector_word:
        ja, en, _ = SECTORS[asked.sector]
        asked.recognised.append(Recognised("sector", sector_word, asked.sector, {"ja": ja, "en": en}))
    for slot, value in (("stage", asked.stage), ("entry_point", asked.entry_point)):
        if value:
            word = Stage(value) if slot == "stage" else EntryPoint(value)
            asked.recognised.append(Recognised(slot, value, value, {"ja": word.label("ja"),
                                                                     "en": word.label("en")}))


def _sector_in(text: str) -> tuple[str | None, str | None]:
    words = sector_words()
    for token in re.findall(r"[\w-]+", text.lower()):
        if not is_cjk(token) and fold(token) in words:
            return words[fold(token)], token
    folded = fold(text)
    for word in sorted((w for w in words if is_cjk(w)), key=len, reverse=True):
        if word in folded:
            return words[word], word
    return None, None


def _words_in(text: str, vocabulary: dict[str, tuple[str, ...]]) -> str | None:
    folded = fold(text)
    lowered = f" {text.lower()} "
    for value, words in vocabulary.items():
        if any(fold(w) in folded for w in words if is_cjk(w)):
            return value
        if any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", lowered) for w in words
               if not is_cjk(w)):
            return value
    return None


def side_of(entity: Entity, projection: Projection) -> str:
    """The country an entity stands in ("JP", "VN" …; "" when unknown)."""
    if entity.country:
        return entity.country
    for place in sorted(projection.places.get(entity.id, ())):
        country = projection.entities[place].country
        if country:
            return country
    return ""


def _sides(asked: Question, text: str, projection: Projection) -> None:
    """Which mention is the firm's side (origin) and which the destination: the words around
    each name count twice as much as its country (a Japanese place is where firms come from)."""
    scores: dict[Mention, tuple[int, int]] = {}
    for mention in asked.mentions:
        before, after = text[:mention.start][-14:], text[mention.end:]
        demonym = mention.text.lower() in DEMONYMS
        side = "" if demonym else side_of(mention.entity, projection)
        abroad = side not in ("JP", "") or (not demonym and not side and mention.entity.is_pure_place)
        origin = (2 * bool(ORIGIN_AFTER.search(after)) + bool(ORIGIN_BEFORE.search(before))
                  + (side == "JP"))
        destination = (2 * bool(DESTINATION_AFTER.search(after))
                       + bool(DESTINATION_BEFORE.search(before)) + abroad)
        scores[mention] = (origin, destination)
    origins = [m for m, (o, d) in scores.items() if o > d]
    if origins:
        best = max(origins, key=lambda m: (scores[m][0] - scores[m][1], scores[m][0], -m.start))
        asked.origin = best.entity
    destinations = [m for m, (o, d) in scores.items()
                    if d > 0 and m.entity is not asked.origin and (d >= o or origins)]
    if destinations:
        best = max(destinations, key=lambda m: (scores[m][1] - scores[m][0], scores[m][1], m.start))
        asked.destination = best.entity
    asked.places = list({m.entity.id: m.entity for m in asked.mentions if m.entity.is_place}.values())


def _intent(asked: Question, text: str) -> Intent | None:
    organisations = [m.entity for m in asked.mentions if not m.entity.is_pure_place
                     and m.entity.type is not EntityType.MUNICIPALITY]
    strong_needs = [n for n in asked.needs if n not in WEAK_NEEDS]
    national_origin = asked.origin is not None and asked.origin.is_country
    hub_cue, menu_cue = bool(HUB_CUES.search(text)), bool(MENU_CUES.search(text))
    specific_referral = (asked.origin is not None and asked.destination is not None
                         and not national_origin and bool(FIRM_WORDS.search(text)))
    if hub_cue and not specific_referral:
        return Intent.HUBS
    cues = sorted((match.start(), topic) for topic, cue in TOPIC_CUES.items()
                  if (match := cue.search(text)))
    asked.topics = list(dict.fromkeys(topic for _, topic in cues))
    topic = asked.topics[0] if asked.topics else None
    if organisations and topic is not None:
        asked.topic = topic
        asked.organisation = _asked_about(asked, text, cues[0][0])
        return Intent.ABOUT
    if asked.origin is not None and asked.destination is not None \
            and asked.origin.id != asked.destination.id \
            and not (national_origin and (strong_needs or menu_cue or not REFERRAL_CUES.search(text))):
        return Intent.REFERRAL
    if menu_cue:
        return Intent.MENU
    if asked.needs and (strong_needs or not organisations):
        return Intent.NEED
    if organisations:
        asked.topic = topic or Topic.OFFERS
        asked.organisation = organisations[0]
        return Intent.ABOUT
    if asked.stage or asked.entry_point or MENU_CUES.search(text):
        return Intent.MENU
    if asked.places and (REFERRAL_CUES.search(text) or asked.needs):
        return Intent.NEED
    if asked.places:
        return Intent.NEED
    return None


def _asked_about(asked: Question, text: str, cue_at: int) -> Entity:
    """The organisation a question is about: the one it quotes in 「」, else the nearest one
    named before the first topic word, else the first named."""
    named = [m for m in asked.mentions if not m.entity.is_pure_place
             and m.entity.type is not EntityType.MUNICIPALITY]
    quoted = [m for m in named if text[max(0, m.start - 1):m.start] in ("「", "『", '"', "“")]
    before = [m for m in named if m.end <= cue_at]
    return (quoted or before[-1:] or named)[0].entity


def _focus(asked: Question) -> Entity | None:
    return next((m.entity for m in asked.mentions if not m.entity.is_pure_place), None)


def _note(asked: Question) -> None:
    """Record the entities recognised, with their slot."""
    for mention in asked.mentions:
        entity = mention.entity
        slot = ("origin" if entity is asked.origin and asked.intent is Intent.REFERRAL else
                "destination" if entity is asked.destination and asked.intent is Intent.REFERRAL else
                "organisation" if entity is asked.organisation else
                "place" if entity.is_place else "organisation")
        asked.recognised.append(Recognised(slot, mention.text, entity.id,
                                           {"ja": entity.name("ja"), "en": entity.name("en")}))
