"""How a relation reads aloud, in Japanese and English, in either direction.

>>> say("SECRETARIAT_OF", True, "en", "Kinki METI", "the council")
'Kinki METI is the secretariat of the council'
>>> say("SECRETARIAT_OF", False, "ja", "関西ベトナム経済交流会議", "近畿経済産業局")
'関西ベトナム経済交流会議の事務局は近畿経済産業局'
"""

from __future__ import annotations

# type: (ja forward, ja backward, en forward, en backward); {s} is the step before, {t} the next.
PHRASES: dict[str, tuple[str, str, str, str]] = {
    "SUPPORTS": ("{s}は{t}を支援", "{s}は{t}の支援を受ける",
                 "{s} supports {t}", "{s} is supported by {t}"),
    "OPERATES": ("{s}が{t}を運営", "{s}は{t}が運営", "{s} runs {t}", "{s} is run by {t}"),
    "ESTABLISHED": ("{s}が{t}を設置", "{s}は{t}が設置", "{s} set up {t}", "{s} was set up by {t}"),
    "IMPLEMENTS": ("{s}が{t}を実施", "{s}は{t}が実施",
                   "{s} carries out {t}", "{s} is carried out by {t}"),
    "FUNDS": ("{s}が{t}に資金を提供", "{s}は{t}から資金を受ける",
              "{s} funds {t}", "{s} is funded by {t}"),
    "INVESTS_IN": ("{s}が{t}に出資", "{s}は{t}の出資を受ける",
                   "{s} invests in {t}", "{s} has investment from {t}"),
    "TRAINS": ("{s}が{t}の人材を育成", "{s}は{t}から人材育成を受ける",
               "{s} trains the people of {t}", "{s} is trained by {t}"),
    "ADVISES": ("{s}が{t}に助言", "{s}は{t}から助言を受ける",
                "{s} advises {t}", "{s} is advised by {t}"),
    "REFERS_TO": ("{s}は{t}を紹介", "{s}は{t}から紹介を受ける",
                  "{s} refers firms to {t}", "{s} receives referrals from {t}"),
    "COORDINATES": ("{s}が{t}のコーディネータ役", "{s}は{t}がコーディネート",
                    "{s} coordinates {t}", "{s} is coordinated by {t}"),
    "SECRETARIAT_OF": ("{s}が{t}の事務局", "{s}の事務局は{t}",
                       "{s} is the secretariat of {t}", "{s} has {t} as its secretariat"),
    "PARTNERS_WITH": ("{s}は{t}と連携", "{s}は{t}と連携",
                      "{s} works with {t}", "{s} works with {t}"),
    "MEMBER_OF": ("{s}は{t}に参加", "{s}には{t}が参加",
                  "{s} is a member of {t}", "{s} counts {t} among its members"),
    "AGREEMENT_WITH": ("{s}は{t}と協定を締結", "{s}は{t}と協定を締結",
                       "{s} has an agreement with {t}", "{s} has an agreement with {t}"),
    "SISTER_CITY_OF": ("{s}は{t}の姉妹都市", "{s}は{t}の姉妹都市",
                       "{s} is a sister city of {t}", "{s} is a sister city of {t}"),
    "CO_LOCATED_WITH": ("{s}は{t}と同じ場所にある", "{s}は{t}と同じ場所にある",
                        "{s} sits beside {t}", "{s} sits beside {t}"),
    "LOCATED_IN": ("{s}は{t}に所在", "{s}には{t}がある", "{s} is in {t}", "{s} hosts {t}"),
    "SERVES_AREA": ("{s}は{t}を対象とする", "{s}は{t}の対象地域",
                    "{s} serves {t}", "{s} is served by {t}"),
    "TENANT_OF": ("{s}は{t}に入居", "{s}には{t}が入居",
                  "{s} is a tenant of {t}", "{s} houses {t}"),
    "PART_OF": ("{s}は{t}の一部", "{s}には{t}が含まれる", "{s} is part of {t}", "{s} includes {t}"),
}


def say(relation_type: str, forward: bool, language: str, before: str, after: str) -> str:
    """One clause: the step before, the relation (read in the walking direction), the next."""
    ja_forward, ja_backward, en_forward, en_backward = PHRASES[relation_type]
    if language == "ja":
        template = ja_forward if forward else ja_backward
    else:
        template = en_forward if forward else en_backward
    return template.format(s=before, t=after)
