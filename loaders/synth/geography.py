"""The fixed geography of the synthetic network: Japan's regions and prefectures,
and the provinces of Vietnam and Thailand where Japanese industry gathers.

Provinces beyond the named ones are numbered (the synthetic network needs their
count, not their names).
"""

from __future__ import annotations

JAPAN_REGIONS: list[tuple[str, str, str]] = [
    ("hokkaido", "北海道地方", "Hokkaido"),
    ("tohoku", "東北地方", "Tohoku"),
    ("kanto", "関東地方", "Kanto"),
    ("chubu", "中部地方", "Chubu"),
    ("kinki", "近畿地方", "Kinki"),
    ("chugoku", "中国地方", "Chugoku"),
    ("shikoku", "四国地方", "Shikoku"),
    ("kyushu", "九州・沖縄地方", "Kyushu-Okinawa"),
]
"""(slug, Japanese name, English name) of each region of Japan."""

PREFECTURES: list[tuple[str, str, str]] = [
    ("hokkaido", "北海道", "Hokkaido"), ("tohoku", "青森県", "Aomori"),
    ("tohoku", "岩手県", "Iwate"), ("tohoku", "宮城県", "Miyagi"),
    ("tohoku", "秋田県", "Akita"), ("tohoku", "山形県", "Yamagata"),
    ("tohoku", "福島県", "Fukushima"), ("kanto", "茨城県", "Ibaraki"),
    ("kanto", "栃木県", "Tochigi"), ("kanto", "群馬県", "Gunma"),
    ("kanto", "埼玉県", "Saitama"), ("kanto", "千葉県", "Chiba"),
    ("kanto", "東京都", "Tokyo"), ("kanto", "神奈川県", "Kanagawa"),
    ("chubu", "新潟県", "Niigata"), ("chubu", "富山県", "Toyama"),
    ("chubu", "石川県", "Ishikawa"), ("chubu", "福井県", "Fukui"),
    ("chubu", "山梨県", "Yamanashi"), ("chubu", "長野県", "Nagano"),
    ("chubu", "岐阜県", "Gifu"), ("chubu", "静岡県", "Shizuoka"),
    ("chubu", "愛知県", "Aichi"), ("kinki", "三重県", "Mie"),
    ("kinki", "滋賀県", "Shiga"), ("kinki", "京都府", "Kyoto"),
    ("kinki", "大阪府", "Osaka"), ("kinki", "兵庫県", "Hyogo"),
    ("kinki", "奈良県", "Nara"), ("kinki", "和歌山県", "Wakayama"),
    ("chugoku", "鳥取県", "Tottori"), ("chugoku", "島根県", "Shimane"),
    ("chugoku", "岡山県", "Okayama"), ("chugoku", "広島県", "Hiroshima"),
    ("chugoku", "山口県", "Yamaguchi"), ("shikoku", "徳島県", "Tokushima"),
    ("shikoku", "香川県", "Kagawa"), ("shikoku", "愛媛県", "Ehime"),
    ("shikoku", "高知県", "Kochi"), ("kyushu", "福岡県", "Fukuoka"),
    ("kyushu", "佐賀県", "Saga"), ("kyushu", "長崎県", "Nagasaki"),
    ("kyushu", "熊本県", "Kumamoto"), ("kyushu", "大分県", "Oita"),
    ("kyushu", "宮崎県", "Miyazaki"), ("kyushu", "鹿児島県", "Kagoshima"),
    ("kyushu", "沖縄県", "Okinawa"),
]
"""(region slug, Japanese name, English name) of the 47 prefectures, in the usual order."""

INDUSTRIAL_WEIGHT = {
    "Tokyo": 8, "Osaka": 8, "Aichi": 8, "Kanagawa": 6, "Saitama": 5, "Shizuoka": 5,
    "Hyogo": 5, "Fukuoka": 4, "Chiba": 4, "Hiroshima": 3, "Kyoto": 3, "Ibaraki": 3,
    "Niigata": 3, "Nagano": 3, "Gifu": 3, "Gunma": 3, "Tochigi": 3, "Mie": 3,
}
"""How much of Japan's manufacturing a prefecture holds, relative to 1 for the rest."""

VIETNAM_PROVINCES: list[tuple[str, str]] = [
    ("ハノイ", "Hanoi"), ("ホーチミン", "Ho Chi Minh City"), ("ドンナイ", "Dong Nai"),
    ("ビンズオン", "Binh Duong"), ("ハイフォン", "Hai Phong"), ("バクニン", "Bac Ninh"),
    ("フンイエン", "Hung Yen"), ("ハナム", "Ha Nam"), ("ダナン", "Da Nang"),
    ("ロンアン", "Long An"), ("バリア・ブンタウ", "Ba Ria-Vung Tau"), ("ビンフック", "Vinh Phuc"),
    ("ハイズオン", "Hai Duong"), ("タイニン", "Tay Ninh"), ("クアンニン", "Quang Ninh"),
]
"""(Japanese name, English name) of the Vietnamese provinces named here; 63 in all."""

THAILAND_PROVINCES: list[tuple[str, str]] = [
    ("バンコク", "Bangkok"), ("チョンブリ", "Chonburi"), ("ラヨーン", "Rayong"),
    ("アユタヤ", "Ayutthaya"), ("パトゥムターニー", "Pathum Thani"),
    ("サムットプラカーン", "Samut Prakan"), ("チャチェンサオ", "Chachoengsao"),
    ("プラチンブリ", "Prachinburi"), ("ナコンラチャシマ", "Nakhon Ratchasima"),
    ("チェンマイ", "Chiang Mai"),
]
"""(Japanese name, English name) of the Thai provinces named here; 77 in all."""

PROVINCE_COUNTS = {"VN": 63, "TH": 77}
COUNTRIES = {"JP": ("日本", "Japan"), "VN": ("ベトナム", "Vietnam"), "TH": ("タイ", "Thailand")}
