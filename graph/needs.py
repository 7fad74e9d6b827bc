"""The needs vocabulary: what a firm comes to a desk for, in Japanese and English.

A need is tied to an organisation only through a service whose quotes state it (see
`model.Service`); the words here are how people ask for it. Words are matched on the
folded form of a question (`text.fold`: width, case, spaces and punctuation ignored), so
「レンタル工場」 and "Rental Factory" need no variants.

>>> Need.LOANS.label("ja"), Need.LOANS.label("en")
('融資', 'loans')
>>> sorted(n.value for n in needs_in("ベトナムで工場の運転資金を借りたい"))
['loans']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from tsunagari.graph.text import fold


@dataclass(frozen=True)
class NeedRow:
    """Labels and the words that ask for a need, per language; `weak` words (「紹介」,
    "introduce") also mean other things, so they name the need only when nothing else does."""

    ja: str
    en: str
    ja_words: tuple[str, ...]
    en_words: tuple[str, ...]
    weak: tuple[str, ...] = ()


class Need(StrEnum):
    """What a firm needs; the value is the need's id."""

    row: NeedRow

    def __new__(cls, value: str, row: NeedRow) -> Need:
        member = str.__new__(cls, value)
        member._value_ = value
        member.row = row
        return member

    LAND = "land", NeedRow(
        "工業用地", "industrial land",
        ("工業用地", "用地", "土地", "工場用地", "敷地", "工業団地", "団地"),
        ("industrial land", "land", "plot", "factory site", "site for a factory", "lot",
         "industrial park", "industrial estate"))
    RENTAL_FACTORY = "rental-factory", NeedRow(
        "レンタル工場・貸工場", "rental factories",
        ("レンタル工場", "貸工場", "貸し工場", "賃貸工場", "共同工場", "工場を借り", "小さな工場",
         "小さい工場", "小規模な工場", "工場スペース", "入居", "インキュベーション工場", "テクノパーク"),
        ("rental factory", "rental factories", "rent a factory", "factory space", "ready-built",
         "shared factory", "small factory", "factory to rent", "tenant", "move into"))
    OFFICE_SPACE = "office-space", NeedRow(
        "事務所・拠点", "office space",
        ("事務所", "オフィス", "拠点", "駐在員事務所", "デスクを置"),
        ("office", "office space", "desk space", "representative office", "base"))
    COMPANY_SETUP = "company-setup", NeedRow(
        "会社設立・投資ライセンス", "company set-up and investment licences",
        ("会社設立", "法人設立", "現地法人", "投資ライセンス", "投資許可", "ライセンス", "許認可",
         "登記", "手続き", "申請手続", "設立"),
        ("company set-up", "set up a company", "incorporat", "investment licence",
         "investment license", "licence", "license", "permit", "registration", "paperwork",
         "red tape", "set-up procedures"))
    HIRE_ENGINEERS = "hire-engineers", NeedRow(
        "技術者の採用", "hiring engineers",
        ("技術者", "エンジニア", "技術人材", "理工系", "大卒", "工学部"),
        ("engineer", "engineers", "technical staff", "graduates", "technicians"))
    HIRE_WORKERS = "hire-workers", NeedRow(
        "ワーカーの採用", "hiring workers",
        ("ワーカー", "従業員", "作業員", "工員", "人手", "採用", "雇用", "人を集め", "人材確保"),
        ("workers", "worker", "hire", "hiring", "recruit", "staff", "labour", "labor",
         "employees", "operators"),
        weak=("従業員", "staff", "employees"))
    MANAGERS = "managers", NeedRow(
        "現地マネージャーの育成", "local managers",
        ("マネージャー", "マネジャー", "管理者", "幹部", "経営人材", "中間管理職", "工場長", "リーダー"),
        ("manager", "managers", "management staff", "supervisor", "executives", "leaders",
         "middle management"))
    TRAINING = "training", NeedRow(
        "人材育成・研修", "training staff",
        ("研修", "育成", "人材育成", "訓練", "教育", "講師", "指導", "技能", "スキル", "職業訓練"),
        ("training", "train", "trainer", "instructor", "teach", "skills", "vocational",
         "education", "coaching", "upskill"))
    RETURNED_INTERNS = "returned-interns", NeedRow(
        "帰国技能実習生の活用", "returned technical interns",
        ("技能実習生", "実習生", "研修生", "帰国"),
        ("technical intern", "interns", "trainee", "former trainees", "returnees", "returned"))
    BUSINESS_MATCHING = "business-matching", NeedRow(
        "ビジネスマッチング", "business matching",
        ("マッチング", "紹介", "引き合わせ", "商談", "パートナー", "提携先", "取引相手", "つない"),
        ("matching", "match", "introduce", "introduction", "partner", "business partner",
         "connect us", "meet", "contacts"),
        weak=("紹介", "つない", "introduce", "introduction", "connect us", "meet"))
    BUYERS = "buyers", NeedRow(
        "販路開拓", "finding buyers",
        ("販路", "顧客", "取引先", "売り先", "納入先", "受注", "販売先", "バイヤー", "日系企業への販売"),
        ("buyer", "buyers", "customer", "customers", "clients", "sales", "sell", "market for",
         "orders"))
    SUPPLIERS = "suppliers", NeedRow(
        "調達先・現地調達", "finding suppliers",
        ("調達", "仕入", "サプライヤー", "協力工場", "外注先", "部品の現地調達", "裾野産業"),
        ("supplier", "suppliers", "procure", "procurement", "sourcing", "source parts",
         "subcontractor", "vendors", "local parts"))
    MARKET_RESEARCH = "market-research", NeedRow(
        "市場調査・現地情報", "market research",
        ("市場調査", "調査", "情報", "現地情報", "事情", "データ", "動向", "視察", "実態"),
        ("market research", "research", "information", "info", "data", "survey", "study",
         "local conditions", "intelligence", "visit"))
    TRADE_FAIR = "trade-fair", NeedRow(
        "展示会・商談会・ミッション", "trade fairs and missions",
        ("展示会", "見本市", "商談会", "ミッション", "視察団", "フェア", "出展"),
        ("trade fair", "trade show", "exhibition", "expo", "fair", "mission", "delegation",
         "business meeting"))
    FS_FUNDING = "fs-funding", NeedRow(
        "F/S（事業化可能性調査）の資金", "feasibility-study funding",
        ("F/S", "FS", "フィージビリティ", "事業化可能性", "案件化調査", "可能性調査", "補助金", "助成"),
        ("feasibility", "f/s", "fs study", "feasibility study", "subsidy", "grant",
         "study funding"))
    ODA = "oda", NeedRow(
        "ODAを活用した中小企業支援", "ODA schemes for SMEs",
        ("ODA", "政府開発援助", "草の根", "JICA", "普及・実証", "基礎調査", "案件化", "途上国"),
        ("oda", "official development assistance", "development aid", "jica scheme",
         "grassroots", "developing country"))
    LOANS = "loans", NeedRow(
        "融資", "loans",
        ("融資", "借り", "借入", "ローン", "資金", "貸付", "運転資金", "設備資金", "お金"),
        ("loan", "loans", "borrow", "lending", "credit", "finance", "financing", "funding",
         "money", "capital"))
    INVESTMENT_FINANCE = "investment-finance", NeedRow(
        "出資・投資資金", "investment finance",
        ("出資", "投資", "投融資", "資本", "合弁"),
        ("investment", "invest", "equity", "capital injection", "joint venture", "investor"))
    GUARANTEES = "guarantees", NeedRow(
        "保証・信用保証", "guarantees",
        ("保証", "信用保証", "スタンドバイ"),
        ("guarantee", "guarantees", "credit guarantee", "standby"))
    INSURANCE = "insurance", NeedRow(
        "貿易保険・投資保険", "trade and investment insurance",
        ("保険", "貿易保険", "投資保険", "リスク"),
        ("insurance", "insure", "trade insurance", "investment insurance", "political risk",
         "risk cover"))
    LEGAL = "legal", NeedRow(
        "法務・契約の相談", "legal advice",
        ("法務", "法律", "契約", "弁護士", "知財", "知的財産", "特許", "紛争", "法的"),
        ("legal", "law", "lawyer", "contract", "attorney", "intellectual property", "patent",
         "dispute", "compliance"))
    TAX_ACCOUNTING = "tax-accounting", NeedRow(
        "税務・会計・労務", "tax, accounting and labour matters",
        ("税務", "税金", "会計", "経理", "労務", "税制", "優遇", "インセンティブ"),
        ("tax", "taxes", "accounting", "bookkeeping", "payroll", "labour law", "incentive",
         "incentives"))
    JAPANESE_LANGUAGE = "japanese-language", NeedRow(
        "日本語での相談・通訳", "Japanese-language support",
        ("日本語", "通訳", "翻訳", "日本人スタッフ", "日本人が"),
        ("japanese-speaking", "in japanese", "japanese language", "interpreter", "translation",
         "japanese staff", "speak japanese"))
    ENVIRONMENT_WATER = "environment-water", NeedRow(
        "環境・水ビジネス", "environment and water technology",
        ("環境", "水ビジネス", "水処理", "上下水道", "水道", "廃棄物", "低炭素", "省エネ", "リサイクル"),
        ("environment", "environmental", "water", "wastewater", "sewage", "waste", "low-carbon",
         "energy saving", "recycling"))
    VISAS = "visas", NeedRow(
        "ビザ・在留資格", "visas and work permits",
        ("ビザ", "査証", "在留資格", "就労許可", "労働許可", "滞在許可"),
        ("visa", "visas", "work permit", "residence permit"))
    WITHDRAWAL = "withdrawal", NeedRow(
        "撤退支援", "withdrawal support",
        ("撤退", "閉鎖", "清算", "事業縮小"),
        ("withdraw", "withdrawal", "exit", "close down", "wind up", "liquidat", "pull out"))
    CURRENCY = "currency", NeedRow(
        "為替リスク対策", "currency risk",
        ("為替", "外貨建て", "ドル建て"),
        ("exchange rate", "currency", "hedg", "forex"))
    CUSTOMS_LOGISTICS = "customs-logistics", NeedRow(
        "通関・物流", "customs and logistics",
        ("通関", "関税", "物流", "輸送", "フォワーダー", "原産地証明", "輸出管理", "該非判定"),
        ("customs", "tariff", "logistics", "freight", "forwarder", "certificate of origin",
         "export control", "dual-use"))
    CERTIFICATION = "certification", NeedRow(
        "規格・認証の取得", "certification and standards",
        ("認証", "規格適合", "ハラール"),
        ("certification", "halal", "product standard"))
    TRADEMARK = "trademark", NeedRow(
        "商標・模倣品対策", "trademarks and counterfeits",
        ("商標", "模倣品", "偽物", "コピー品", "パクリ"),
        ("trademark", "counterfeit", "knock-off", "knockoff", "copycat", "fake"))
    ACQUISITION = "acquisition", NeedRow(
        "M&A・企業買収", "mergers and acquisitions",
        ("買収", "M&A", "デューデリジェンス", "事業承継"),
        ("acquisition", "m&a", "due diligence", "buy a company", "buy out"))
    DEBT_COLLECTION = "debt-collection", NeedRow(
        "代金・債権の回収", "debt collection",
        ("債権回収", "未払い", "未回収", "売掛金"),
        ("debt collection", "unpaid", "collect payment", "receivable"))
    SAFETY = "safety", NeedRow(
        "安全対策・危機管理", "safety and crisis management",
        ("治安", "退避", "危機管理", "政情不安", "テロ", "暴動", "安全確保"),
        ("evacuat", "unrest", "crisis management", "riot", "terror", "safety of our staff"))
    DISASTER = "disaster", NeedRow(
        "災害対策・事業継続", "disaster and business continuity planning",
        ("災害", "洪水", "地震", "事業継続", "BCP"),
        ("disaster", "flood", "earthquake", "business continuity", "bcp"))
    CYBER = "cyber", NeedRow(
        "サイバーセキュリティ", "cyber security",
        ("サイバー", "ランサムウェア", "情報セキュリティ", "不正アクセス"),
        ("cyber", "ransomware", "malware", "hacked", "it security"))
    SOCIAL_SECURITY = "social-security", NeedRow(
        "社会保険・年金", "social security and pensions",
        ("社会保険", "年金", "社会保障"),
        ("social security", "pension"))
    CONSULTATION = "consultation", NeedRow(
        "海外展開の総合相談", "general consultation",
        ("相談", "窓口", "アドバイス", "助言", "支援", "ワンストップ", "進出したい", "海外展開"),
        ("consult", "consultation", "advice", "advise", "help", "support", "one-stop",
         "desk", "guidance", "where to start"))
    EXPERTS = "experts", NeedRow(
        "専門家派遣", "expert dispatch",
        ("専門家", "派遣", "ハンズオン", "アドバイザー", "コンサルタント", "OB"),
        ("expert", "experts", "specialist", "adviser", "advisor", "consultant", "hands-on",
         "dispatch", "send someone"))
    TECHNOLOGY = "technology", NeedRow(
        "技術協力・技術支援", "technical cooperation",
        ("技術協力", "技術支援", "技術移転", "品質", "生産性", "改善", "カイゼン", "ものづくり技術"),
        ("technical cooperation", "technology transfer", "technical support", "quality",
         "productivity", "kaizen", "process improvement", "technology"))

    def label(self, language: str) -> str:
        """The need's name in "ja" or "en"."""
        return self.row.ja if language == "ja" else self.row.en

    def words(self) -> tuple[str, ...]:
        """Every word that asks for the need, in both languages."""
        return self.row.ja_words + self.row.en_words

    def weak_word(self, word: str) -> bool:
        """Whether a word (as `needs_in` gives it) names this need only weakly."""
        return self is Need.CONSULTATION or any(
            word in (fold(w), w.casefold()) for w in self.row.weak)


@cache
def _matchers() -> tuple[tuple[str, re.Pattern[str] | None, Need], ...]:
    """Every word with its matcher, longest first: English words at the start of a word
    (so "land" is not found in "Thailand", and "fair" matches "fairs"), other words anywhere
    in the folded text."""
    found = set()
    for need in Need:
        for word in need.words():
            key = fold(word)
            if key:
                ascii_word = word.casefold() if word.isascii() else None
                pattern = re.compile(rf"(?<![a-z0-9]){re.escape(ascii_word)}") if ascii_word else None
                found.add((ascii_word or key, pattern, need))
    return tuple(sorted(found, key=lambda item: (-len(item[0]), item[0], item[2].value)))


def needs_in(text: str) -> dict[Need, str]:
    """The needs a text asks for, each with the word that named it. A word inside a longer
    word already matched does not count again (「人材育成」 is training once, not also 育成)."""
    plain = unicodedata.normalize("NFKC", text).casefold()
    folded = fold(text)
    owner: dict[str, list[Need | None]] = {"plain": [None] * len(plain),
                                            "folded": [None] * len(folded)}
    found: dict[Need, str] = {}
    for word, pattern, need in _matchers():
        where, spans = ("plain", [m.span() for m in pattern.finditer(plain)]) if pattern else (
            "folded", _spans(folded, word))
        for start, end in spans:
            if any(o not in (None, need) for o in owner[where][start:end]):
                continue
            if all(o is None for o in owner[where][start:end]):
                found.setdefault(need, word)
            owner[where][start:end] = [need] * (end - start)
    return found


def _spans(text: str, word: str) -> list[tuple[int, int]]:
    spans = []
    start = text.find(word)
    while start >= 0:
        spans.append((start, start + len(word)))
        start = text.find(word, start + 1)
    return spans
