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
    **dict.fromkeys(("事務局",), "SECRETARIAT_OF"),
    **dict.fromkeys(("入居", "tenant"), "TENANT_OF"),
    **dict.fromkeys(("出資", "合弁", "invests", "invested", "stake"), "INVESTS_IN"),
    **dict.fromkeys(("締結", "協定", "覚書", "協力文書", "agreement", "MoU", "memorandum"), "AGREEMENT_WITH"),
    **dict.fromkeys(("運営", "管轄", "経営主体", "管理運営", "委託", "operates", "operated", "runs", "run by",
                     "managed"), "OPERATES"),
    **dict.fromkeys(("設置", "設立", "創立", "創設", "開設", "発足", "established", "founded", "set up",
                     "launched"), "ESTABLISHED"),
    **dict.fromkeys(("実施", "開始", "主宰", "主催", "開催", "による", "により", "implements", "implemented",
                     "carried out", "organised", "organized"), "IMPLEMENTS"),
    **dict.fromkeys(("育成", "研修", "教育", "訓練", "指導", "trains", "trained", "training"), "TRAINS"),
    **dict.fromkeys(("紹介", "照会", "斡旋", "案内", "refers", "referred", "introduces"), "REFERS_TO"),
    **dict.fromkeys(("助言", "相談", "アドバイ", "コンサル", "advises", "advised", "advice", "consult"),
                    "ADVISES"),
    **dict.fromkeys(("補助", "助成", "融資", "資金", "負担", "拠出", "funds", "funded", "subsid", "financ",
                     "loan"), "FUNDS"),
    **dict.fromkeys(("コーディネータ", "コーディネート", "調整", "仲介", "coordinat"), "COORDINATES"),
    **dict.fromkeys(("会員", "構成員", "加盟", "参加", "参画", "member", "participat"), "MEMBER_OF"),
    **dict.fromkeys(("姉妹都市", "友好都市", "sister cit"), "SISTER_CITY_OF"),
    **dict.fromkeys(("同じフロア", "併設", "隣接", "same floor"), "CO_LOCATED_WITH"),
    **dict.fromkeys(("連携", "協力", "提携", "協働", "共同", "共催", "協議", "partner", "cooperat",
                     "collaborat", "joint"), "PARTNERS_WITH"),
    **dict.fromkeys(("支援", "後援", "派遣", "サポート", "support", "helps", "assist"), "SUPPORTS"),
    **dict.fromkeys(("所在", "に位置", "located in", "based in"), "LOCATED_IN"),
    **dict.fromkeys(("直属", "傘下", "支部", "支所", "branch of", "part of", "division of"), "PART_OF"),
}
"""Cue words (Japanese and English stems) and the relation type each states."""

CUE_KEYS = {cue.lower(): relation_type for cue, relation_type in CUE_TYPES.items()}
CUE_RE = re.compile(
    "|".join(rf"\b{re.escape(c)}" if c.isascii() else re.escape(c) for c in sorted(CUE_TYPES, key=len)[::-1]),
    re.IGNORECASE,
)
"""Cue words anywhere in Japanese; English ones (stems) at the start of a word."""
AGENT_MARK = re.compile(r"\s?(?:が|は|による|により|によって|を中心に|主導|の主導|,? ?by\b)")
BY = re.compile(r"\bby\s+$|によって$|による$|により$", re.IGNORECASE)

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
    """Every cue word of a text, in order."""
    return tuple(
        Cue(m.start(), m.end(), m.group(), CUE_KEYS[m.group().lower()]) for m in CUE_RE.finditer(text)
    )


def is_agent(text: str, end: int) -> bool:
    """True when the words after a name make it the one who acts (…が, …は, …による)."""
    return AGENT_MARK.match(text, end) is not None


def after_by(text: str, start: int) -> bool:
    """True when a name follows `by` (English passive: supported by JETRO)."""
    return BY.search(text[max(0, start - 6) : start]) is not None


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
