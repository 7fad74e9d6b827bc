"""General knowledge extraction starts from: places and national bodies anyone names.

Countries and world regions, Japan's regions and prefectures, the main cities of
Vietnam and Thailand, and the well-known public bodies that go by an acronym. None
of it comes from a particular document; a document's own names are found by the
suffix patterns and by the gazetteer of known entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tsunagari.graph.model import Entity
from tsunagari.graph.text import fold
from tsunagari.graph.vocabulary import EntityType


@dataclass(frozen=True)
class LexiconEntry:
    """A name of general knowledge: its type, names and country."""

    type: EntityType
    name_ja: str
    name_en: str
    aliases: tuple[str, ...] = ()
    country: str = ""


def _places(rows: str, entity_type: EntityType = EntityType.PLACE) -> list[LexiconEntry]:
    """Entries from lines `ISO|日本語|English|alias,alias`."""
    entries = []
    for row in rows.strip().splitlines():
        country, name_ja, name_en, aliases = (row.split("|") + [""])[:4]
        entries.append(
            LexiconEntry(entity_type, name_ja, name_en, tuple(a for a in aliases.split(",") if a), country)
        )
    return entries


COUNTRIES = _places("""
JP|日本|Japan|我が国,日本国,Nippon
VN|ベトナム|Vietnam|Viet Nam,越南,ヴェトナム
TH|タイ|Thailand|タイ王国
CN|中国|China|中華人民共和国,チャイナ
KR|韓国|South Korea|大韓民国
TW|台湾|Taiwan|
ID|インドネシア|Indonesia|
MY|マレーシア|Malaysia|
PH|フィリピン|Philippines|
SG|シンガポール|Singapore|
MM|ミャンマー|Myanmar|
KH|カンボジア|Cambodia|
LA|ラオス|Laos|
IN|インド|India|
BD|バングラデシュ|Bangladesh|
US|米国|United States|アメリカ,アメリカ合衆国,USA
MX|メキシコ|Mexico|
BR|ブラジル|Brazil|
DE|ドイツ|Germany|
GB|英国|United Kingdom|イギリス
FR|フランス|France|
|アジア|Asia|
|東南アジア|Southeast Asia|ASEAN
|東アジア|East Asia|
|南アジア|South Asia|
|欧州|Europe|ヨーロッパ
|北米|North America|
|中南米|Latin America|ラテンアメリカ
|南米|South America|
|中東|Middle East|
|アフリカ|Africa|
|オセアニア|Oceania|
""")

JAPAN_REGIONS = _places("""
JP|関西|Kansai|近畿,関西地域,近畿地域,関西地方,近畿地方
JP|関東|Kanto|関東地方,首都圏
JP|中部|Chubu|中部地域,中部地方
JP|東北|Tohoku|東北地方
JP|北陸|Hokuriku|北陸地方
JP|中国地方|Chugoku region|
JP|四国|Shikoku|四国地方
JP|九州|Kyushu|九州地方
""")

_PREFECTURES = (
    "北海道:Hokkaido 青森県:Aomori 岩手県:Iwate 宮城県:Miyagi 秋田県:Akita 山形県:Yamagata "
    "福島県:Fukushima 茨城県:Ibaraki 栃木県:Tochigi 群馬県:Gunma 埼玉県:Saitama 千葉県:Chiba "
    "東京都:Tokyo 神奈川県:Kanagawa 新潟県:Niigata 富山県:Toyama 石川県:Ishikawa 福井県:Fukui "
    "山梨県:Yamanashi 長野県:Nagano 岐阜県:Gifu 静岡県:Shizuoka 愛知県:Aichi 三重県:Mie "
    "滋賀県:Shiga 京都府:Kyoto 大阪府:Osaka 兵庫県:Hyogo 奈良県:Nara 和歌山県:Wakayama "
    "鳥取県:Tottori 島根県:Shimane 岡山県:Okayama 広島県:Hiroshima 山口県:Yamaguchi "
    "徳島県:Tokushima 香川県:Kagawa 愛媛県:Ehime 高知県:Kochi 福岡県:Fukuoka 佐賀県:Saga "
    "長崎県:Nagasaki 熊本県:Kumamoto 大分県:Oita 宮崎県:Miyazaki 鹿児島県:Kagoshima 沖縄県:Okinawa"
)
HIRAGANA_PREFECTURES = {
    "愛知県": "あいち", "兵庫県": "ひょうご", "静岡県": "しずおか", "大阪府": "おおさか",
    "福岡県": "ふくおか", "埼玉県": "さいたま", "宮城県": "みやぎ", "栃木県": "とちぎ",
    "群馬県": "ぐんま", "茨城県": "いばらき", "岐阜県": "ぎふ", "福島県": "ふくしま",
}
"""Prefectures whose bodies often write them in hiragana (あいち国際…)."""
COMMON_WORDS = frozenset({"大分"})
"""Prefecture stems that are ordinary words; only the full name is a mention."""


def _stem(prefecture: str) -> str:
    """A prefecture's name without 都, 府 or 県 (北海道 keeps its 道)."""
    return prefecture if prefecture == "北海道" else prefecture[:-1]


def _prefectures() -> list[LexiconEntry]:
    entries = []
    for pair in _PREFECTURES.split():
        name_ja, name_en = pair.split(":")
        stem = name_ja[:-1] if name_ja != "北海道" else ""
        aliases = [a for a in (stem, HIRAGANA_PREFECTURES.get(name_ja, "")) if a and a not in COMMON_WORDS]
        suffix = {"都": "Metropolis", "府": "Prefecture", "県": "Prefecture"}.get(name_ja[-1], "")
        entries.append(
            LexiconEntry(
                EntityType.MUNICIPALITY,
                name_ja,
                f"{name_en} {suffix}".strip(),
                (*aliases, name_en),
                "JP",
            )
        )
    return entries


PREFECTURES = _prefectures()

MAIN_CITIES = _places(
    """
VN|ハノイ|Hanoi|Ha Noi,ハノイ市
VN|ホーチミン市|Ho Chi Minh City|ホーチミン,HCMC,Saigon,サイゴン
VN|ダナン|Da Nang|ダナン市
VN|ハイフォン|Hai Phong|ハイフォン市
TH|バンコク|Bangkok|バンコク都
TH|チェンマイ|Chiang Mai|チェンマイ市,Chiang Mai City
""",
    EntityType.MUNICIPALITY,
)

NATIONAL_BODIES = [
    LexiconEntry(EntityType.GOVERNMENT_AGENCY, "日本貿易振興機構", "Japan External Trade Organization",
                 ("JETRO", "ジェトロ"), "JP"),
    LexiconEntry(EntityType.GOVERNMENT_AGENCY, "国際協力機構", "Japan International Cooperation Agency",
                 ("JICA", "ジャイカ"), "JP"),
    LexiconEntry(EntityType.GOVERNMENT_AGENCY, "経済産業省", "Ministry of Economy, Trade and Industry",
                 ("METI", "経産省"), "JP"),
    LexiconEntry(EntityType.GOVERNMENT_AGENCY, "外務省", "Ministry of Foreign Affairs of Japan",
                 ("MOFA",), "JP"),
    LexiconEntry(EntityType.GOVERNMENT_AGENCY, "中小企業基盤整備機構",
                 "Organization for Small & Medium Enterprises and Regional Innovation, Japan",
                 ("SMRJ", "中小機構"), "JP"),
    LexiconEntry(EntityType.GOVERNMENT_AGENCY, "日本貿易保険", "Nippon Export and Investment Insurance",
                 ("NEXI",), "JP"),
    LexiconEntry(EntityType.FINANCIAL_INSTITUTION, "国際協力銀行", "Japan Bank for International Cooperation",
                 ("JBIC",), "JP"),
    LexiconEntry(EntityType.FINANCIAL_INSTITUTION, "日本政策投資銀行", "Development Bank of Japan",
                 ("DBJ",), "JP"),
    LexiconEntry(EntityType.FINANCIAL_INSTITUTION, "日本政策金融公庫", "Japan Finance Corporation",
                 ("JFC",), "JP"),
    LexiconEntry(EntityType.FINANCIAL_INSTITUTION, "アジア開発銀行", "Asian Development Bank", ("ADB",)),
    LexiconEntry(EntityType.FINANCIAL_INSTITUTION, "世界銀行", "World Bank", ("世銀",)),
    LexiconEntry(EntityType.GOVERNMENT_AGENCY, "タイ投資委員会", "Thailand Board of Investment",
                 ("BOI",), "TH"),
]
"""Public bodies known by an acronym in any document on Japanese firms abroad."""

LEXICON: list[LexiconEntry] = [*COUNTRIES, *JAPAN_REGIONS, *PREFECTURES, *MAIN_CITIES, *NATIONAL_BODIES]

NOT_NAMES = frozenset(
    """AI AVG BOP CEO CNC CSR EPA EMS EU FDI FTA FS GDP GNP HP HR ICT ID IOT IT JV LLC MOU NG NGO NPO
    OB ODA OEM OJT OK PC PDF PPP QC QCD RD SME SMES TPP URL USD VS WEB WWW""".split()
)
"""Acronyms that name no organisation (checked upper-cased, without dots)."""

_CAPITALS = (
    "札幌:Sapporo 盛岡:Morioka 仙台:Sendai 水戸:Mito 宇都宮:Utsunomiya 前橋:Maebashi 横浜:Yokohama "
    "川崎:Kawasaki 金沢:Kanazawa 甲府:Kofu 名古屋:Nagoya 津:Tsu 大津:Otsu 神戸:Kobe 堺:Sakai 松江:Matsue "
    "高松:Takamatsu 松山:Matsuyama 北九州:Kitakyushu 那覇:Naha 浜松:Hamamatsu"
)
"""Prefectural capitals and large cities whose names are not their prefecture's."""
ROMANISED: dict[str, str] = {
    **{entry.name_en.lower(): entry.name_ja for entry in PREFECTURES},
    **{entry.name_en.split()[0].lower(): _stem(entry.name_ja) for entry in PREFECTURES},
    **{english.lower(): japanese for japanese, english in (pair.split(":") for pair in _CAPITALS.split())},
}
"""Japanese prefectures (Osaka Prefecture: 大阪府, Osaka: 大阪) and main cities, by their romanised names."""
ENGLISH_WORDS: dict[str, str] = {
    "prefecture": "県", "prefectural": "県立", "city": "市", "province": "省", "asia": "アジア",
    "asian": "アジア", "business": "ビジネス", "support": "支援", "center": "センター", "centre": "センター",
    "desk": "デスク", "overseas": "海外", "international": "国際", "association": "協会", "bank": "銀行",
    "industrial": "産業", "industry": "産業", "industries": "産業", "promotion": "振興", "expansion": "展開",
    "foundation": "財団", "university": "大学", "economic": "経済", "economy": "経済", "trade": "貿易",
    "cooperation": "協力", "exchange": "交流", "network": "ネットワーク", "council": "協議会",
    "chamber of commerce": "商工会議所", "chamber of commerce and industry": "商工会議所",
}
"""Words of English names of organisations and their Japanese (Okinawa Asia Business Support
Center: 沖縄アジアビジネス支援センター)."""
_PHRASES = sorted((tuple(p.split()) for p in {*ROMANISED, *ENGLISH_WORDS}), key=len, reverse=True)
"""The known words and phrases, word by word, the longest first."""


def in_japanese(name: str) -> str | None:
    """An English name word by word in Japanese, when every word is known (Naha City: 那覇市;
    an acronym stays: JICA Okinawa: JICA沖縄), else None."""
    words = re.split(r"[\s\-–]+", name.strip())
    lowered = [word.lower() for word in words]
    parts: list[str] = []
    at = 0
    while at < len(words):
        phrase = next((p for p in _PHRASES if lowered[at : at + len(p)] == list(p)), None)
        if phrase is not None:
            key = " ".join(phrase)
            parts.append(ROMANISED.get(key) or ENGLISH_WORDS[key])
            at += len(phrase)
        elif words[at].isupper() and len(words[at]) >= 2:
            parts.append(words[at])
            at += 1
        else:
            return None
    return "".join(parts) if len(words) >= 2 else None


NAME_WORDS = ("ものづくり", "まちづくり", "ひとづくり", "草の根", *HIRAGANA_PREFECTURES.values())
"""Words with hiragana that may stand inside an organisation's or programme's name."""


COUNTRY_CODES = {fold(c.name_ja): c.country for c in COUNTRIES if c.country}
"""Each country's code by its folded Japanese name."""


def country_itself(entity: Entity) -> str:
    """The code of a country entity (日本 → JP; any of its names may say it), or ''."""
    if entity.type is not EntityType.PLACE:
        return ""
    names = {fold(n) for n in (entity.name_ja, entity.name_en, *entity.aliases) if n}
    return next((COUNTRY_CODES[n] for n in names if n in COUNTRY_CODES), "")
