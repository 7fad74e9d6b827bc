"""The shape of Japanese names: their last words, and where a name begins.

A name is found from its last word (…信用金庫, …工業団地, …協会, …省, …市, …社,
…事業) and reaches back over the characters names are made of (kanji, katakana,
latin letters and digits, a middle dot between katakana words, a few words with
hiragana such as ものづくり) until a particle or punctuation. A name may run on from
the previous line of a slide when that line carries other words before it.

>>> text = "関西では近畿経済産業局を事務局とする"
>>> text[name_start(text, text.index("局"), Segment(text)) : text.index("局") + 1]
'近畿経済産業局'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tsunagari.graph.text import is_hiragana, is_kanji, is_katakana, is_latin
from tsunagari.graph.vocabulary import EntityType
from tsunagari.loaders.extract.lexicon import NAME_WORDS
from tsunagari.loaders.extract.segments import Segment

T = EntityType
MAX_NAME = 40
"""Longest name, in characters."""

SUFFIXES: dict[str, tuple[EntityType, float]] = {
    **dict.fromkeys(("信用金庫", "信用組合", "銀行", "金庫", "公庫"), (T.FINANCIAL_INSTITUTION, 0.85)),
    **dict.fromkeys(
        ("工業団地", "工業区", "工業パーク", "テクノパーク", "ハイテクパーク", "インダストリアルパーク",
         "輸出加工区", "経済特区", "工業地域"),
        (T.INDUSTRIAL_PARK, 0.85),
    ),
    **dict.fromkeys(
        ("大学", "大学院", "短大", "短期大学", "高専", "高校", "高等学校", "学校", "訓練校", "学院",
         "専門校"),
        (T.TRAINING_INSTITUTION, 0.8),
    ),
    **dict.fromkeys(
        ("協会", "協議会", "連合会", "連合", "同友会", "財団", "会議所", "商工会", "交流会", "会議",
         "研究所", "中央会", "振興会", "推進機構", "研究会", "協同組合", "工業会"),
        (T.NPO, 0.75),
    ),
    **dict.fromkeys(("機構", "省", "庁", "局", "課", "本部", "委員会", "政権", "事務所", "公館"),
                    (T.GOVERNMENT_AGENCY, 0.75)),
    **dict.fromkeys(("府", "県", "市", "区", "村"), (T.MUNICIPALITY, 0.75)),
    **dict.fromkeys(("郡",), (T.PLACE, 0.7)),
    **dict.fromkeys(("センター", "デスク", "相談窓口"), (T.SUPPORT_CENTER, 0.75)),
    **dict.fromkeys(("プラットフォーム",), (T.SUPPORT_CENTER, 0.6)),
    **dict.fromkeys(("レンタル工場", "ファクトリー"), (T.INDUSTRIAL_PARK, 0.6)),
    **dict.fromkeys(
        ("社", "ホールディングス", "ホールディング", "グループ", "コーポレーション",
         "製作所", "商事", "バンク"),
        (T.FIRM, 0.65),
    ),
    **dict.fromkeys(
        ("事業", "プロジェクト", "制度", "戦略", "大綱", "白書", "フォーラム", "ボランティア",
         "プログラム", "センサス", "イニシアティブ", "パートナーシップ", "特別枠", "ダイレクトリー",
         "展示会", "モデル", "プラン", "パビリオン", "補助金", "助成金", "ローン", "ファンド", "パッケージ"),
        (T.PROGRAM, 0.6),
    ),
    **dict.fromkeys(
        ("支援", "育成", "調査", "研修", "協力", "計画", "サービス", "サポート", "マッチング", "紹介",
         "派遣", "塾", "投融資", "体制", "政策", "優遇策"),
        (T.PROGRAM, 0.45),
    ),
}
"""Last words of Japanese names, the type they suggest and how sure that guess is."""

WEAK = 0.5
"""Names guessed with less than this need support: brackets, a date, a name inside."""

SUFFIXES_LONGEST_FIRST = sorted(SUFFIXES, key=len, reverse=True)
SUFFIX_RE = re.compile("|".join(map(re.escape, SUFFIXES_LONGEST_FIRST)))
SUFFIX_AT = re.compile(f"(?=({SUFFIX_RE.pattern}))")
SUFFIX_END = re.compile(f"(?:{SUFFIX_RE.pattern})$")
ADMIN = frozenset("府県市区村")
ADMIN_FOLLOWERS = frozenset("場内外民立営政長役議町村街県")
"""Characters after 府, 県, 市, 区, 村 that make an ordinary word (市場, 県内, 府立 …)."""

ORDINARY_AT = re.compile(
    "(?=(政府|課題|省庁|事業所|事業者|事業化|事業計画|事業主体|実施主体|見本市|支援策|支援者|協力者|研修生|会議室|社長|社員|社会"
    "|社内|社外|社名|地区|区分|調査票|局面|局長|センター長))"
)
"""Ordinary words a name's last word may be part of (重大課題, 事業所, 社長 …)."""

GENERIC = frozenset(
    """関係省庁 省庁 政府 都道府県 市区町村 地方自治体 本社 会社 子会社 親会社 商社 合弁会社 別会社
    現地法人 支援機関 関係機関 金融機関 大学 大学院 高校 学校 短大 センター 事務局 事務所 事業
    合弁事業 本部 局 課 同社 当社 他社 自社 各社 数社 弊社 貴社 御社 協力 支援 育成 調査 研修 計画
    国際協力 技術協力 経済協力 産学連携 海外展開支援 進出支援 人材育成 会議 国際会議 月例会議
    地域会議 連絡会議 協議会 委員会 商工会 工業会 協会 財団 機構 銀行 地銀 信用金庫 サービス
    モデル 制度 戦略 フォーラム プロジェクト ボランティア 工業団地 工業地域 テクノパーク 見本市 姉妹都市
    グループ 地方省 人民委員会 展示会 ダイレクトリー イニシアティブ パートナーシップ 当時 以下 例
    商工会議所 友好都市 大都市 中央直轄市 公益財団 一般財団 重点事業""".split()
)
"""Whole names that are ordinary words."""

GENERIC_STEMS = frozenset(
    """各 同 本 当 他 全 両 諸 新 旧 同種 関係 関連 現地 日系 ローカル 直轄 専用 中小企業専用 地場 民間
    主要 大手 地元 国内 外国 自社 工業 職業訓練 地域経済産業 ビジネス 訪日 人材 技術 経営 事業 国際 地方
    その他 当時 大規模 重点 研修 労務 資金 親子""".split()
)
"""Words before a last word that make no name of it (現地工業団地, 工業高校 …)."""
COMPANY_WORD_ENDS = frozenset("会数各他自本商支同弊貴当御親子")
"""Kanji before 社 that make an ordinary word (会社, 数社, 他社, 商社 …)."""

LEADING_NOISE = re.compile(
    r"(?:第?\d+(?:年度?|月|日|回|期|号|次|カ所|カ国|(?![\dァ-ヶA-Za-z]))|(?:南部|北部|中部|東部|西部|近郊)(?=[ァ-ヶ])|[省県州]都|首都)+"
)
INNER_NOISE = re.compile(r"第?\d+(?:年度?|月|日|回|期|号|次)")
QUOTED_PART = 16
"""Longest 「…」 a name may hold inside it."""
HIRAGANA_RUN = re.compile("[\u3041-\u309f]+")
PARTICLES = frozenset("はがをにでへも")
"""Particles that never stand inside a name's hiragana (と and の may: せとうち, うみのみらい)."""
JOINING_KANA = frozenset({"と", "や"})
"""Hiragana that alone between two names join them (A社と B市)."""
WRAPPED_LINE = 8
"""A slide line this long or longer that ends inside a name is a wrapped line."""
HEADING_SHARE = 2 / 3
"""A line shorter than this share of the next one is a heading over it, not wrapped into it."""
NAME_WORD_ENDS = frozenset(word[-1] for word in NAME_WORDS)
LEGAL_FORMS = (
    "株式会社", "有限会社", "合同会社", "一般社団法人", "公益社団法人", "一般財団法人", "公益財団法人",
    "独立行政法人", "特定非営利活動法人", "NPO法人",
)
"""Legal forms that open a name: nothing before them belongs to it."""
LEGAL_FORM_ENDS = frozenset(form[-1] for form in LEGAL_FORMS)
KANA_BREAKS = re.compile(
    "する|した|して|され|せる|れる|られ|ている|ます|です|から|まで|より|など|ため|として|について|における"
    "|による|により|および|ある|いる|なる|った|って|ない|こと|よう|なぜ|この|その|あの|これ|それ|ともに|さらに|ほか"
    "|つき|あり|なし|だけ|ごと|[たてだるれ]$"
)
"""Hiragana that are a verb, a particle or a function word, never a word of a name."""


@dataclass(frozen=True)
class Candidate:
    """A span of a segment's clean text that looks like a name."""

    start: int
    end: int
    name: str
    type: EntityType
    confidence: float
    rule: str
    aliases: tuple[str, ...] = ()

    @property
    def weak(self) -> bool:
        return self.confidence < WEAK


def ending_suffix(name: str) -> str | None:
    """The name's last word when it is one of SUFFIXES (the longest that fits)."""
    found = SUFFIX_END.search(name, max(0, len(name) - len(SUFFIXES_LONGEST_FIRST[0])))
    return found.group() if found else None


def name_start(text: str, end: int, segment: Segment, kanji_dots: bool = False) -> int:
    """Where a name ending at `end` begins: back over name characters.

    A name runs on into the previous line only when that line has other words
    before it and is not much shorter than the line the name ends on (a wrapped sentence),
    not when the whole line is one more name or ends with one (a table's cell: …銀行 / 四日市市),
    nor a heading over a longer line, nor when the name opens with its legal form (一般社団法人…).
    """
    start = _kana_words(text, _back(text, end, segment, kanji_dots=kanji_dots), segment)
    if start in segment.line_starts and start > 0 and not text.startswith(LEGAL_FORMS, start):
        line = segment.line_start_before(start - 1)
        following = next((s for s in segment.line_starts if s > start), len(text))
        before = _back(text, start, segment, stop_at=line, kanji_dots=kanji_dots)
        wrapped = start - line >= WRAPPED_LINE and start - line >= HEADING_SHARE * (following - start)
        if line < before < start and wrapped and ending_suffix(text[line:start]) is None:
            start = before
    return start


def _back(text: str, end: int, segment: Segment, stop_at: int = -1, kanji_dots: bool = False) -> int:
    """Start of the run of name characters ending at `end`, not before stop_at or a line start.

    With kanji_dots, a middle dot between kanji words stays in the name (普及・実証事業);
    a word in 「」 inside a name stays too (中小企業海外展開「ワンストップ・サービス」相談窓口).
    """
    i = end
    while i > 0 and end - i < MAX_NAME and i > stop_at:
        if i in segment.line_starts and i != end and stop_at < 0:
            break
        ch = text[i - 1]
        if ch in LEGAL_FORM_ENDS and (form := next((f for f in LEGAL_FORMS if text.endswith(f, 0, i)), None)):
            return max(i - len(form), stop_at)
        word = next((w for w in NAME_WORDS if text.endswith(w, 0, i)), None) if ch in NAME_WORD_ENDS else None
        if word is not None:
            i -= len(word)
        elif is_kanji(ch) or is_katakana(ch) or is_latin(ch):
            i -= 1
        elif ch in "・&-.'" and i >= 2 and _joins(text[i - 2], text[i] if i < len(text) else "", kanji_dots):
            i -= 1
        elif ch == "」" and (opening := text.rfind("「", max(0, i - QUOTED_PART), i)) > 0:
            i = opening
        else:
            break
    return max(i, stop_at)


def _kana_words(text: str, start: int, segment: Segment) -> int:
    """An earlier start when words in hiragana lead the name (さつまひかり信用金庫, 杜の都みらい銀行).

    The name then reaches back to where its line, a punctuation mark or a legal form
    begins it, or to just after hiragana that read as a particle or a verb (と in
    長野県と信州あおば銀行; の only inside a word, after a name's first kanji or after a
    legal form: うみのみらい, 北のみらい, 株式会社杜の都みらい; a particle's letter may open
    the phrase: はるな中央信用金庫).
    """
    if start == 0 or not is_hiragana(text[start - 1]):
        return start
    line = segment.line_start_before(start - 1)
    i = start
    while i > line and start - i < MAX_NAME:
        ch = text[i - 1]
        if not (_word_char(ch) or ch == "・"):
            break
        if ch in LEGAL_FORM_ENDS and any(text.endswith(f, 0, i) for f in LEGAL_FORMS):
            if all(map(_after_legal_form, HIRAGANA_RUN.findall(text, i, start))):
                return i
            break
        i -= 1
    for run in reversed(list(HIRAGANA_RUN.finditer(text, i, start))):
        word = run.group()
        after_one_kanji = (
            word[0] == "の" and run.start() - i == 1 and (i == 0 or not _word_char(text[i - 1]))
            and (word == "の" or name_kana(word[1:]))
        )
        opening = run.start() == i and _opening_kana(word)
        if not (name_kana(word) or after_one_kanji or opening):
            return run.end()
    return i


def _opening_kana(run: str) -> bool:
    """True when hiragana that open a phrase can be a name's first word: no particle stands first
    in a phrase (はるな of 事務局:はるな中央信用金庫)."""
    return len(run) >= 2 and PARTICLES.isdisjoint(run[1:]) and not KANA_BREAKS.search(run)


def _word_char(ch: str) -> bool:
    """A character a Japanese word is written in (a wrapped line runs on with one)."""
    return is_hiragana(ch) or is_kanji(ch) or is_katakana(ch)


def _after_legal_form(run: str) -> bool:
    """True when a run of hiragana can stand in a name its legal form opens (株式会社杜の都みらい銀行),
    not a lone と or や that joins it to the next name (株式会社瀬戸精工と尾道市の…)."""
    return run not in JOINING_KANA and PARTICLES.isdisjoint(run) and not KANA_BREAKS.search(run)


def name_kana(run: str) -> bool:
    """True when a run of hiragana can be a word of a name (みらい, さつま, うみのみらい)."""
    return (
        len(run) >= 2 and run[0] not in "のとや" and PARTICLES.isdisjoint(run) and not KANA_BREAKS.search(run)
    )


def _joins(left: str, right: str, kanji: bool = False) -> bool:
    """A middle dot, ampersand or hyphen inside a katakana or latin name (or kanji, when asked)."""
    return (
        (is_katakana(left) and is_katakana(right))
        or (is_latin(left) and is_latin(right))
        or (kanji and is_kanji(left) and is_kanji(right))
    )


def tidy(
    text: str, start: int, end: int, entity_type: EntityType, confidence: float, rule: str,
    aliases: tuple[str, ...] = (),
) -> Candidate | None:
    """The candidate without leading numbers and dates, or None when nothing proper is left."""
    for inner in INNER_NOISE.finditer(text, start, end):
        start = inner.end()
    noise = LEADING_NOISE.match(text, start, end)
    if noise:
        start = noise.end()
    while start < end and text[start] in "・-.&":
        start += 1
    name = text[start:end]
    if len(name) < 2 or name in GENERIC:
        return None
    return Candidate(start, end, name, entity_type, confidence, rule, aliases)
