"""Words that state a relation, mark who acts, and date or stage it.

>>> [(c.word, c.type) for c in cues("近畿経済産業局を事務局とする会議が支援")]
[('事務局', 'SECRETARIAT_OF'), ('支援', 'SUPPORTS')]
>>> dates("大阪府とPREXが共同で実施(2014年6月~2017年3月)")
[Dated(start=15, end=30, since='2014-06', until='2017-03')]
>>> stage_of("進出後の現地ベースの支援")
'post-entry'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

CUE_TYPES: dict[str, str] = {
    **dict.fromkeys(("事務局", "secretariat"), "SECRETARIAT_OF"),
    **dict.fromkeys(("入居", "tenant"), "TENANT_OF"),
    **dict.fromkeys(("出資", "合弁", "invests", "invested", "stake"), "INVESTS_IN"),
    **dict.fromkeys(("締結", "協定", "覚書", "協力文書", "agreement", "MoU", "memorandum"), "AGREEMENT_WITH"),
    **dict.fromkeys(("運営", "管轄", "経営主体", "管理運営", "委託", "operates", "operated", "runs", "run by",
                     "managed"), "OPERATES"),
    **dict.fromkeys(("設置", "設立", "創立", "創設", "開設", "発足", "established", "founded", "set up",
                     "launched", "developed by"), "ESTABLISHED"),
    **dict.fromkeys(("実施", "開始", "主宰", "主催", "開催", "による", "により", "implements", "implemented",
                     "carried out", "organised", "organized"), "IMPLEMENTS"),
    **dict.fromkeys(("育成", "研修", "教育", "訓練", "指導", "trains", "trained", "training"), "TRAINS"),
    **dict.fromkeys(("紹介", "照会", "斡旋", "案内", "refers", "referred", "introduces"), "REFERS_TO"),
    **dict.fromkeys(("助言", "相談", "アドバイ", "コンサル", "advises", "advised", "advice", "consult"),
                    "ADVISES"),
    **dict.fromkeys(("補助", "助成", "融資", "資金", "負担", "拠出", "funds", "funded", "subsid", "financ",
                     "loan", "paid for"), "FUNDS"),
    **dict.fromkeys(("コーディネータ", "コーディネート", "調整", "仲介", "coordinat"), "COORDINATES"),
    **dict.fromkeys(("会員", "組合員", "構成員", "加盟", "参加", "参画", "member", "participat", "join"),
                    "MEMBER_OF"),
    **dict.fromkeys(("姉妹都市", "友好都市", "sister cit", "friendship cit"), "SISTER_CITY_OF"),
    **dict.fromkeys(("同じフロア", "同一フロア", "同じ建物", "本店内", "併設", "隣接", "same floor",
                     "same building", "c/o"), "CO_LOCATED_WITH"),
    **dict.fromkeys(("連携", "協力", "提携", "協働", "共同", "共催", "協議", "一体となって", "partner",
                     "cooperat", "collaborat", "joint", "exchange"), "PARTNERS_WITH"),
    **dict.fromkeys(("支援", "後援", "派遣", "サポート", "support", "helps", "assist"), "SUPPORTS"),
    **dict.fromkeys(("所在", "に位置", "located in", "based in"), "LOCATED_IN"),
    **dict.fromkeys(("対象", "serves"), "SERVES_AREA"),
    **dict.fromkeys(("直属", "傘下", "支部", "支所", "branch of", "part of", "division of"), "PART_OF"),
}
"""Cue words (Japanese and English stems) and the relation type each states."""

NOT_CUES = ("に位置づけ", "に位置付け")
"""Words that hold a cue word but state no relation (重点事業に位置づけ)."""
CUE_KEYS = {cue.lower(): relation_type for cue, relation_type in CUE_TYPES.items()}
CUE_RE = re.compile(
    "|".join(
        rf"\b{re.escape(c)}" if c.isascii() else re.escape(c)
        for c in sorted([*CUE_TYPES, *NOT_CUES], key=len)[::-1]
    ),
    re.IGNORECASE,
)
"""Cue words anywhere in Japanese; English ones (stems) at the start of a word."""
TABLE_ROLES: dict[str, str] = {
    **dict.fromkeys(("事業主体", "実施主体"), "IMPLEMENTS"),
    **dict.fromkeys(("資金", "資金協力", "資金支援"), "FUNDS"),
    **dict.fromkeys(("技術研修", "人材供給", "人材育成"), "MEMBER_OF"),
    "運営受託": "OPERATES", "事務局": "SECRETARIAT_OF", "現地窓口": "PART_OF",
    "現地パートナー": "PARTNERS_WITH", "後援": "SUPPORTS",
}
"""Role words of a table's rows (役割 機関名 …) and the relation each gives the row's body to the
programme the table is of. A row may join two roles with a middle dot (事業主体・資金: implements
and funds)."""
_ROLE_WORD = "|".join(map(re.escape, sorted(TABLE_ROLES, key=len, reverse=True)))
TABLE_ROLE_RE = re.compile(rf"(?:{_ROLE_WORD})(?:・(?:{_ROLE_WORD}))*")
TABLE_HEADERS: dict[str, tuple[str, ...]] = {
    "実施機関": ("IMPLEMENTS",), "役割": (), "機関名": (), "所在地": (),
}
"""Column headings of a table of bodies, and the relation a row gives without a role word."""
AGENT_MARK = re.compile(
    r"\s?(?:\([^()]*\)\s?)?(?:が|は|による|により|によって|を中心に|主導|の主導|,? ?by\b)"
)
"""What marks the one who acts after its name, and the bracket that may stand between
(A社(以下「A」という)は)."""
BY = re.compile(r"\bby\s+(?:the\s+)?$|によって$|による$|により$", re.IGNORECASE)
FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
BY_REACH = 10
"""How far before a name its `by` or `from` may stand (by the Center)."""
RECEIVED = re.compile(r"\breceiv(?:e|es|ed|ing)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
RECEIVED_REACH = 40
"""How far before a cue word the verb that receives it may stand (received the first loan)."""

ERA = {"平成": 1988, "H": 1988, "昭和": 1925, "S": 1925, "令和": 2018, "R": 2018}


def _year_month(side: str) -> str:
    """A year (2014, 平成25, H23) and maybe its month, as named groups for one end of a period."""
    return (
        rf"(?:(?P<{side}era>平成|昭和|令和|[HSR]\.?)(?P<{side}eyear>\d{{1,2}})|(?P<{side}year>(?:19|20)\d{{2}}))"
        rf"(?:年度?|\.)?(?:(?P<{side}month>\d{{1,2}})月)?"
    )


DATE_RE = re.compile(
    r"(?<![\d,])" + _year_month("a")
    + r"(?:\s?[~〜～\-–―]\s?(?:" + _year_month("b") + r"|(?P<bshort>\d{2})年度?)?)?"
)

STAGES = {"進出前": "pre-entry", "進出時": "entry", "進出後": "post-entry",
          "pre-entry": "pre-entry", "post-entry": "post-entry", "before entering": "pre-entry",
          "after entering": "post-entry"}
STAGE_KEYS = {word.lower(): stage for word, stage in STAGES.items()}
STAGE_RE = re.compile("|".join(map(re.escape, STAGES)), re.IGNORECASE)


@dataclass(frozen=True)
class Cue:
    """A cue word in a text and the relation type it states."""

    start: int
    end: int
    word: str
    type: str


@dataclass(frozen=True)
class Dated:
    """A date or a period written in a text."""

    start: int
    end: int
    since: str | None
    until: str | None


@lru_cache(maxsize=1024)
def cues(text: str) -> tuple[Cue, ...]:
    """Every cue word of a text, in order; an English one up to the end of its word (financ|ed)."""
    return tuple(
        Cue(m.start(), _word_end(text, m), m.group(), CUE_KEYS[m.group().lower()])
        for m in CUE_RE.finditer(text) if m.group() not in NOT_CUES
    )


def _word_end(text: str, match: re.Match[str]) -> int:
    """Where a cue's word ends: an English stem runs on to the end of its word."""
    end = match.end()
    while match.group().isascii() and end < len(text) and text[end].isascii() and text[end].isalpha():
        end += 1
    return end


def table_role(line: str) -> tuple[int, tuple[str, ...]] | None:
    """Where a table row's role words end and the relations they give, if the row opens with one."""
    match = TABLE_ROLE_RE.match(line)
    if match is None:
        return None
    return match.end(), tuple(dict.fromkeys(TABLE_ROLES[word] for word in match.group().split("・")))


def is_agent(text: str, end: int) -> bool:
    """True when the words after a name make it the one who acts (…が, …は, …による)."""
    return AGENT_MARK.match(text, end) is not None


def after_by(text: str, start: int, receiving: bool = False) -> bool:
    """True when a name follows `by` (English passive: supported by JETRO), or `from` after
    a cue that is received (received advice from JETRO)."""
    before = text[max(0, start - BY_REACH) : start]
    return BY.search(before) is not None or receiving and FROM.search(before) is not None


def received(text: str, start: int) -> bool:
    """True when a cue word at start is what someone received (received advice, receives a loan)."""
    return RECEIVED.search(text[max(0, start - RECEIVED_REACH) : start]) is not None


def dates(text: str) -> list[Dated]:
    """Every year, year-month or period of a text (2014年6月~2017年3月, 2010~13年, 平成25年2月)."""
    found = []
    for match in DATE_RE.finditer(text):
        since = _date(match, "a")
        if since is None:
            continue
        until = _date(match, "b")
        if until is None and match.group("bshort"):
            until = since[:2] + match.group("bshort")
        found.append(Dated(match.start(), match.end(), since, until))
    return found


def _date(match: re.Match[str], side: str) -> str | None:
    era, era_year, year = match.group(f"{side}era"), match.group(f"{side}eyear"), match.group(f"{side}year")
    if year:
        value = int(year)
    elif era and era_year:
        value = ERA[era.rstrip(".")] + int(era_year)
    else:
        return None
    month = match.group(f"{side}month")
    if month and 1 <= int(month) <= 12:
        return f"{value:04d}-{int(month):02d}"
    return f"{value:04d}"


def stage_of(text: str) -> str | None:
    """The expansion stage a text names (進出前, 進出時, 進出後), when it names exactly one."""
    stages = {STAGE_KEYS[m.group().lower()] for m in STAGE_RE.finditer(text)}
    return stages.pop() if len(stages) == 1 else None
