"""The vocabulary: every entity type, relation type and attribute value the graph knows.

This module is the allow-list. Labels and relationship types that reach a store
(and Cypher in particular) come from here and nowhere else. A relation type is one
row of `RelationType`: its family, whether its direction matters, whether it says
where its source stands, how strongly it carries a referral, and how it reads aloud.

>>> RelationType.SECRETARIAT_OF.family, RelationType.SECRETARIAT_OF.weight
(<Family.SUPPORTS: 'SUPPORTS'>, 1.0)
>>> RelationType.SECRETARIAT_OF.say(True, "en", "Kinki METI", "the council")
'Kinki METI is the secretariat of the council'
>>> RelationType.SECRETARIAT_OF.say(False, "ja", "関西ベトナム経済交流会議", "近畿経済産業局")
'関西ベトナム経済交流会議の事務局は近畿経済産業局です'
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EntityType(StrEnum):
    """Primary type of an entity; doubles as its node label."""

    MUNICIPALITY = "Municipality"
    GOVERNMENT_AGENCY = "GovernmentAgency"
    FINANCIAL_INSTITUTION = "FinancialInstitution"
    NPO = "NPO"
    SUPPORT_CENTER = "SupportCenter"
    INDUSTRIAL_PARK = "IndustrialPark"
    TRAINING_INSTITUTION = "TrainingInstitution"
    FIRM = "Firm"
    PROGRAM = "Program"
    PERSON = "Person"
    PLACE = "Place"


class Family(StrEnum):
    """The three core relation families of the client's model."""

    SUPPORTS = "SUPPORTS"
    PARTNERS_WITH = "PARTNERS_WITH"
    LOCATED_IN = "LOCATED_IN"


@dataclass(frozen=True)
class Phrases:
    """How a relation reads aloud in one language, as a sentence without its full stop: `{s}`
    is the step before, `{t}` the next; `forward` walks from source to target, `backward` from
    target to source. Japanese sentences are polite (です・ます)."""

    forward: str
    backward: str


@dataclass(frozen=True)
class RelationRow:
    """Everything the graph knows of one relation type."""

    family: Family
    meaning: str
    """What "source TYPE target" means."""
    weight: float
    """How strongly the type carries a referral, in (0, 1]: specific support ties first."""
    ja: Phrases
    en: Phrases
    symmetric: bool = False
    """Direction carries no meaning (ids and phrases ignore it)."""
    locating: bool = False
    """The relation says where its source stands."""


def _row(family: Family, meaning: str, weight: float, ja: tuple[str, str], en: tuple[str, str],
         *, symmetric: bool = False, locating: bool = False) -> RelationRow:
    return RelationRow(family, meaning, weight, Phrases(*ja), Phrases(*en), symmetric, locating)


class RelationType(StrEnum):
    """Relation types, each with its row (see `RelationRow`); the value is the type's name."""

    row: RelationRow

    def __new__(cls, value: str, row: RelationRow) -> RelationType:
        member = str.__new__(cls, value)
        member._value_ = value
        member.row = row
        return member

    SUPPORTS = "SUPPORTS", _row(
        Family.SUPPORTS, "source helps target (firms, projects, expansion)", 0.95,
        ("{s}は{t}を支援しています", "{s}は{t}の支援を受けています"),
        ("{s} supports {t}", "{s} is supported by {t}"))
    OPERATES = "OPERATES", _row(
        Family.SUPPORTS, "source runs target (a centre, park, desk or programme)", 1.0,
        ("{s}が{t}を運営しています", "{s}は{t}が運営しています"),
        ("{s} runs {t}", "{s} is run by {t}"))
    ESTABLISHED = "ESTABLISHED", _row(
        Family.SUPPORTS, "source set up or founded target", 1.0,
        ("{s}が{t}を設置しました", "{s}は{t}が設置しました"),
        ("{s} set up {t}", "{s} was set up by {t}"))
    IMPLEMENTS = "IMPLEMENTS", _row(
        Family.SUPPORTS, "source carries out target (a programme or project)", 1.0,
        ("{s}が{t}を実施しています", "{s}は{t}が実施しています"),
        ("{s} carries out {t}", "{s} is carried out by {t}"))
    FUNDS = "FUNDS", _row(
        Family.SUPPORTS, "source pays for or subsidises target", 1.0,
        ("{s}が{t}に資金を出しています", "{s}は{t}から資金を受けています"),
        ("{s} funds {t}", "{s} is funded by {t}"))
    INVESTS_IN = "INVESTS_IN", _row(
        Family.SUPPORTS, "source holds capital in target", 1.0,
        ("{s}は{t}に出資しています", "{s}には{t}が出資しています"),
        ("{s} invests in {t}", "{s} has investment from {t}"))
    TRAINS = "TRAINS", _row(
        Family.SUPPORTS, "source trains the people of target", 1.0,
        ("{s}は{t}の人材を育成しています", "{s}は{t}から人材育成の支援を受けています"),
        ("{s} trains people for {t}", "{s} has its people trained by {t}"))
    ADVISES = "ADVISES", _row(
        Family.SUPPORTS, "source gives advice or consulting to target", 1.0,
        ("{s}は{t}に助言しています", "{s}は{t}から助言を受けています"),
        ("{s} advises {t}", "{s} is advised by {t}"))
    REFERS_TO = "REFERS_TO", _row(
        Family.SUPPORTS, "source refers firms on to target", 1.0,
        ("{s}は{t}に企業を紹介しています", "{s}は{t}から企業の紹介を受けています"),
        ("{s} refers firms to {t}", "{s} takes referrals from {t}"))
    COORDINATES = "COORDINATES", _row(
        Family.SUPPORTS, "source acts as coordinator of target", 1.0,
        ("{s}が{t}の調整役を務めています", "{s}の調整役は{t}です"),
        ("{s} coordinates {t}", "{s} is coordinated by {t}"))
    SECRETARIAT_OF = "SECRETARIAT_OF", _row(
        Family.SUPPORTS, "source is the secretariat of target", 1.0,
        ("{s}が{t}の事務局を務めています", "{s}の事務局は{t}です"),
        ("{s} is the secretariat of {t}", "{s} has {t} as its secretariat"))
    PARTNERS_WITH = "PARTNERS_WITH", _row(
        Family.PARTNERS_WITH, "source and target work together", 0.85,
        ("{s}は{t}と連携しています", "{s}は{t}と連携しています"),
        ("{s} works with {t}", "{s} works with {t}"),
        symmetric=True)
    MEMBER_OF = "MEMBER_OF", _row(
        Family.PARTNERS_WITH, "source is a member or participant of target", 0.9,
        ("{s}は{t}に参加しています", "{s}には{t}が参加しています"),
        ("{s} is a member of {t}", "{s} has {t} as a member"))
    AGREEMENT_WITH = "AGREEMENT_WITH", _row(
        Family.PARTNERS_WITH, "source signed an agreement or MoU with target", 0.9,
        ("{s}は{t}と協定を結んでいます", "{s}は{t}と協定を結んでいます"),
        ("{s} has an agreement with {t}", "{s} has an agreement with {t}"), symmetric=True)
    SISTER_CITY_OF = "SISTER_CITY_OF", _row(
        Family.PARTNERS_WITH, "source and target are sister or partner cities", 0.9,
        ("{s}は{t}と姉妹都市です", "{s}は{t}と姉妹都市です"),
        ("{s} is a sister city of {t}", "{s} is a sister city of {t}"), symmetric=True)
    CO_LOCATED_WITH = "CO_LOCATED_WITH", _row(
        Family.PARTNERS_WITH, "source sits beside target (same floor, one site)", 0.75,
        ("{s}は{t}と同じ場所にあります", "{s}は{t}と同じ場所にあります"),
        ("{s} sits beside {t}", "{s} sits beside {t}"), symmetric=True)
    LOCATED_IN = "LOCATED_IN", _row(
        Family.LOCATED_IN, "source stands in place target", 0.6,
        ("{s}は{t}にあります", "{s}には{t}があります"),
        ("{s} is in {t}", "{s} is home to {t}"), locating=True)
    SERVES_AREA = "SERVES_AREA", _row(
        Family.LOCATED_IN, "source serves firms of place target", 0.8,
        ("{s}は{t}の企業を対象としています", "{s}の企業は{t}の支援対象です"),
        ("{s} serves firms in {t}", "firms in {s} are served by {t}"))
    TENANT_OF = "TENANT_OF", _row(
        Family.LOCATED_IN, "source is a tenant of park or factory target", 0.8,
        ("{s}は{t}に入居しています", "{s}には{t}が入居しています"),
        ("{s} is a tenant of {t}", "{s} houses {t}"),
        locating=True)
    MERGED_INTO = "MERGED_INTO", _row(
        Family.LOCATED_IN, "source (a former administrative unit) is now part of target", 0.6,
        ("{s}は{t}に統合されました", "{s}には{t}が統合されました"),
        ("{s} was merged into {t}", "{s} took in {t}"), locating=True)
    PART_OF = "PART_OF", _row(
        Family.LOCATED_IN, "source is a unit, branch or part of target", 0.85,
        ("{s}は{t}の一部です", "{s}には{t}が含まれます"),
        ("{s} is part of {t}", "{s} includes {t}"))

    @property
    def family(self) -> Family:
        return self.row.family

    @property
    def weight(self) -> float:
        return self.row.weight

    @property
    def symmetric(self) -> bool:
        return self.row.symmetric

    @property
    def locating(self) -> bool:
        return self.row.locating

    @property
    def meaning(self) -> str:
        return self.row.meaning

    def say(self, forward: bool, language: str, before: str, after: str) -> str:
        """One clause: the step before, this relation read in the walking direction, the next."""
        phrases = self.row.ja if language == "ja" else self.row.en
        template = phrases.forward if forward else phrases.backward
        return template.format(s=before, t=after)


SYMMETRIC_TYPES = frozenset(t.value for t in RelationType if t.symmetric)
"""Relation types whose direction carries no meaning (for membership tests on plain strings)."""


class Stage(StrEnum):
    """Stage of a firm's expansion a relation serves."""

    PRE_ENTRY = "pre-entry"
    ENTRY = "entry"
    POST_ENTRY = "post-entry"

    def label(self, language: str) -> str:
        """The stage in words: 進出前 / before entry."""
        return LABELS[self][language == "en"]


class EntryPoint(StrEnum):
    """What a firm needs to enter: land, people or a market."""

    LAND = "land"
    PEOPLE = "people"
    MARKET = "market"

    def label(self, language: str) -> str:
        """The entry point in words: 工業用地・工場 / land and factories."""
        return LABELS[self][language == "en"]


LABELS: dict[StrEnum, tuple[str, str]] = {
    Stage.PRE_ENTRY: ("進出前", "before entry"), Stage.ENTRY: ("進出時", "at entry"),
    Stage.POST_ENTRY: ("進出後", "after entry"),
    EntryPoint.LAND: ("工業用地・工場", "land and factories"), EntryPoint.PEOPLE: ("人材", "people"),
    EntryPoint.MARKET: ("販路・調達先", "markets and suppliers"),
}
"""Stages and entry points in Japanese and English."""


class Status(StrEnum):
    """Whether a fact is curated/accepted or only proposed by extraction."""

    ACCEPTED = "accepted"
    PROPOSED = "proposed"


def is_relation_type(name: str) -> bool:
    """Whether a name is a relation type of the vocabulary."""
    return name in RelationType.__members__


def relation_type(name: str) -> RelationType:
    """The relation type of a name (raises ValueError naming it when it is not in the vocabulary)."""
    found = RelationType.__members__.get(name)
    if found is None:
        raise ValueError(f"relation type {name!r} is not in the vocabulary")
    return found


def family_of(name: str) -> Family:
    """The core family of a relation type (raises ValueError when unknown)."""
    return relation_type(name).family
