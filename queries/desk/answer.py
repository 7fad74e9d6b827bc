"""What a desk answer holds: advice in both languages, ranked organisations (each with its
role, the reason in words, and the services and relations, with quotes, that ground it),
chains for a referral, and notes (a fallback, a name not found).

Also the judgements every intent shares: how near an organisation stands to a place a firm
is in (a walk-in body in the firm's own town beats a national one), and whether a service
is still open.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Set
from dataclasses import dataclass, field

from tsunagari.graph import Entity, EntityType, GraphStore, Relation
from tsunagari.graph.model import Service
from tsunagari.graph.needs import Need
from tsunagari.graph.referral_model import Tally
from tsunagari.graph.text import fold
from tsunagari.queries.cache import View
from tsunagari.queries.chains import Chain, period_end
from tsunagari.queries.desk.question import Question, side_of
from tsunagari.queries.projection import Projection

Text = dict[str, str]
"""A sentence in each language: {"ja": …, "en": …}."""

WALK_IN = {
    EntityType.SUPPORT_CENTER: 1.0, EntityType.FINANCIAL_INSTITUTION: 1.0,
    EntityType.MUNICIPALITY: 0.95, EntityType.NPO: 0.95, EntityType.GOVERNMENT_AGENCY: 0.9,
    EntityType.PROGRAM: 0.8, EntityType.INDUSTRIAL_PARK: 0.8, EntityType.TRAINING_INSTITUTION: 0.75,
    EntityType.FIRM: 0.7, EntityType.PERSON: 0.4, EntityType.PLACE: 0.0,
}
"""How readily a firm can walk into a body of each type and ask for help."""
LOCAL, SERVING, SAME_COUNTRY, NATIONAL, ELSEWHERE = 1.0, 0.9, 0.75, 0.7, 0.35
BROADER_AREA = 0.85
"""How near a body stands to a place: in it, serving it, in its country, a national body of
Japan (for a place abroad), elsewhere."""


@dataclass
class Item:
    """One organisation in an answer: its role, why it is there, and what grounds it."""

    entity: Entity
    role: str
    reason: Text
    score: float = 0.0
    services: list[Service] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    referrals: Tally | None = None
    """The referrals it took part in, when it is a first contact and there are any."""


@dataclass
class DeskAnswer:
    """The answer to a desk question."""

    question: Question
    advice: Text
    items: list[Item] = field(default_factory=list)
    chains: list[Chain] = field(default_factory=list)
    fallback: bool = False
    notes: list[Text] = field(default_factory=list)
    complete: bool = True


def nearness(projection: Projection, entity: Entity, place: Entity | None) -> float:
    """How near an organisation stands to a place (1.0 without a place)."""
    if place is None:
        return 1.0
    if projection.is_within(entity.id, place.id):
        return LOCAL
    if entity.id in projection.serving(place.id):
        return SERVING
    country, own = side_of(place, projection), side_of(entity, projection)
    if country and own == country:
        return SAME_COUNTRY
    if own == "JP" and country not in ("", "JP") and is_national(projection, entity):
        return NATIONAL
    return ELSEWHERE


def is_national(projection: Projection, entity: Entity) -> bool:
    """Whether a body stands for a whole country: it stands in no place below the country."""
    return all(not projection.places.get(place) for place in projection.places.get(entity.id, ()))


def local_areas(projection: Projection, place: Entity) -> list[Entity]:
    """The areas around a place that are still local to it, nearest first: those with an area
    above them inside their own country (the Suwa area, a prefecture, a Vietnamese province),
    never a region that lies in the country alone (近畿, northern Vietnam), a country or more."""
    def inner(area_id: str) -> list[str]:
        area = projection.entities[area_id]
        return [above for above in projection.places.get(area_id, ())
                if projection.entities[above].country == area.country
                and not projection.entities[above].is_country]
    around = [area for area in projection.places.get(place.id, ()) if inner(area)]
    return [projection.entities[area]
            for area in sorted(around, key=lambda area: (-len(inner(area)), area))]


TRAILING_JOINTS = ("of", "by", "at", "from", "for", "through", "with", "in")
"""Words that join a service's name to its organisation's at the end ("… through the X")."""


def without_owner(service: str, organisation: str) -> str:
    """A service's name as said after its organisation's: without the organisation's name it
    opens or ends with (「ビーパン・テクノパークの…」 → 「…」, "… of the X Council" → "…"),
    '' when that is all it says.

    >>> without_owner("Connections through the X Association", "X Association")
    'Connections'
    >>> without_owner("ビーパン・テクノパークのレンタル工場", "ビーパン・テクノパーク")
    'レンタル工場'
    """
    if fold(service) in fold(organisation):
        return ""
    if service.startswith(organisation):
        rest = re.sub(r"^\s?[（(][^）)]*[）)]", "", service[len(organisation):])  # 「（TNI）」
        if not rest.strip():  # 「関西ビジネスデスク（ベトナム計画投資省）」 is the desk itself
            return ""
        for joint in ("による", "の", "'s ", "' ", ": ", " "):
            if rest.startswith(joint):
                return rest[len(joint):]
    ending = re.search(rf"\s+(?:{'|'.join(TRAILING_JOINTS)})\s+(?:the\s+)?{re.escape(organisation)}$",
                       service)
    return service[:ending.start()] if ending else service



PROGRAMMES_SHOWN = 2
"""The organisations, from the first, whose best service's programme follows them in a list."""
KIND_BOOST = 1.25
"""How much more an organisation counts when it is of the kind the question asks for."""


def kind_fit(entity: Entity, kinds: list[EntityType]) -> float:
    """KIND_BOOST for an organisation of an asked kind (「NPO」, "a bank"), else 1.0."""
    return KIND_BOOST if kinds and entity.type in kinds else 1.0


def service_reaches(projection: Projection, service: Service, place: Entity | None) -> bool:
    """Whether a service states an area that is the place, within it or contains it."""
    return service_area_fit(projection, service, place) > 0


def service_area_fit(projection: Projection, service: Service, place: Entity | None) -> float:
    """How closely a service's stated areas match a place: 1.0 for the place or an area within
    it, 0.85 for a wider area that contains it, 0 when none does."""
    if place is None:
        return 0.0
    fits = [1.0 if projection.is_within(area, place.id) else
            BROADER_AREA if projection.is_within(place.id, area) else 0.0
            for area in service.area_served]
    return max(fits, default=0.0)


def service_open(service: Service, today: str | None) -> bool:
    """Whether a service's stated period has not ended."""
    end = period_end(service.valid_to)
    return not (today and end and end < today)


def unique_items(items: Iterable[Item]) -> list[Item]:
    """The first item of each organisation, in order."""
    seen: dict[str, Item] = {}
    for item in items:
        seen.setdefault(item.entity.id, item)
    return list(seen.values())


def with_programmes(projection: Projection, items: list[Item], most: int) -> list[Item]:
    """The items with, after each organisation, the programmes its listed services are the offer
    of (a desk refers a firm to JICA's 案件化調査, not only to JICA), at most `most` in all."""
    out: list[Item] = []
    for position, item in enumerate(items):
        out.append(item)
        service = item.services[0] if item.services and position < PROGRAMMES_SHOWN else None
        programme = projection.entities.get(service.program) if service else None
        if service is not None and programme is not None and programme.in_chains:
            out.append(Item(programme, "programme", {
                "ja": offered_by(item.entity, service),
                "en": service.name("en") if item.entity.name("en") in service.name("en")
                else f"{service.name('en')} ({item.entity.name('en')})"},
                item.score, [service]))
    return unique_items(out)[:most]


def own_offers(organisation: Entity, services: Iterable[Service]) -> list[tuple[str, str]]:
    """The services' titles in Japanese and English, each said after the organisation's name
    (`without_owner`); a service named as the organisation itself is no offer and left out."""
    return [(ja, en) for service in services
            if (ja := without_owner(service.name("ja"), organisation.name("ja")))
            and (en := without_owner(service.name("en"), organisation.name("en")))]


def offered_by(organisation: Entity, service: Service) -> str:
    """A service with its organisation, the name said once: 「大阪府の「ドンナイ省人材育成」」,
    or the service alone when its name is all about the organisation."""
    name = organisation.name("ja")
    offer = without_owner(service.name("ja"), name)
    return f"{name}の{quoted(offer)}" if offer and name not in offer else quoted(service.name("ja"))


def first_sentence(text: str) -> str:
    """The first sentence of a description, which says what the organisation is.

    >>> first_sentence("地域経済産業局。事務局も務める。")
    '地域経済産業局。'
    >>> first_sentence("A regional bureau. It also runs the council.")
    'A regional bureau.'
    """
    found = re.match(r".+?(?:。|\.(?=\s+[A-Z]))", text)
    return found.group() if found else text


def as_phrase(title: str) -> str:
    """A service's English title as said inside a sentence: its first word lower-cased when it
    is a plain word ("Loans to SMEs" → "loans to SMEs"), a name left as it is.

    >>> as_phrase("Support for developing local talent"), as_phrase("Fast-Pass system")
    ('support for developing local talent', 'Fast-Pass system')
    >>> as_phrase("Ota Techno Park"), as_phrase("Emerging-market development support")
    ('Ota Techno Park', 'emerging-market development support')
    """
    first, _, rest = title.partition(" ")
    if re.fullmatch(r"[A-Z][a-z]+(?:-[a-z]+)*", first) and rest[:1].islower():
        return first.lower() + " " + rest
    return title


def quoted(title: str) -> str:
    """A title in Japanese quotes, the quotes inside it made 『』: 「『寄り添い型』相談・助言」."""
    return "「" + title.replace("「", "『").replace("」", "』") + "」"


def names(entities: Iterable[Entity], language: str) -> str:
    """Names joined as a list in words: 「A、B、C」 or "A, B and C"."""
    return listing([entity.in_sentence(language) for entity in entities], language)


def needs_said(needs: Iterable[Need], language: str, joint: str = "and") -> str:
    """Needs as words: 「人材育成・研修」 or "training staff and hiring workers"."""
    labels = [need.label(language) for need in needs]
    return "・".join(labels) if language == "ja" else f" {joint} ".join(labels)


def listing(parts: list[str], language: str) -> str:
    """Words joined as a list: 「A、B、C」 or "A, B and C"."""
    if language == "ja":
        return "、".join(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


COMMON = frozenset(
    "支援 企業 中小 海外 展開 進出 相談 日本 事業 機関 関係 会社 現地 地域 "
    "support firms firm sme smes japanese overseas business help company companies the and for "
    "with who what which can our are there any".split()
)
"""Words too common in questions and names to tell one organisation from another."""


def tokens(text: str) -> set[str]:
    """Latin words, and pairs of kanji or katakana (the content of Japanese text), for comparing
    a question with names."""
    found = {word for word in re.findall(r"[a-z][a-z0-9]{2,}", text.casefold())}
    for run in re.findall(r"[\u4e00-\u9fff\u30a0-\u30ff々]{2,}", unicodedata.normalize("NFKC", text)):
        found.update(run[i:i + 2] for i in range(len(run) - 1))
    return {token for token in found if token not in COMMON}


def relevance(question: str, *texts: str, weight: float = 0.3) -> float:
    """How many of the question's own words an organisation's or service's names share,
    as a factor from 1.0 (none) to 1 + weight (six or more)."""
    return share(tokens(question), tokens(" ".join(texts)), weight)


def share(asked: Set[str], words: Set[str], weight: float) -> float:
    """1.0 when the words share none of the question's, up to 1 + weight for six or more."""
    return 1.0 + weight * min(len(asked & words), 6) / 6


@dataclass(frozen=True)
class EntityWords:
    """The words of an organisation: of its names, of its id, of its descriptions."""

    names: frozenset[str]
    id: frozenset[str]
    descriptions: frozenset[str]

    @property
    def everything(self) -> frozenset[str]:
        return self.names | self.id | self.descriptions


def words_of(store: GraphStore) -> dict[str, EntityWords]:
    """The words of every entity that may stand in an answer, once per graph version."""
    return {entity.id: EntityWords(
        frozenset(tokens(" ".join([entity.name("ja"), entity.name("en"), *entity.aliases]))),
        frozenset(tokens(entity.id)),
        frozenset(tokens(f"{entity.description} {entity.description_ja}")))
        for entity in store.entities() if entity.in_chains}


WORDS = View("desk words", words_of)
WORDS_WEIGHT = 1.0
"""What the question's words count in a hub ranking, in names and descriptions alike: up to
twice each, since a hub's place in the network ranges far wider than one in a need answer."""


def fit(asked: Set[str], words: EntityWords) -> float:
    """How well an organisation's names and descriptions match the question's own words."""
    return share(asked, words.names, WORDS_WEIGHT) * share(asked, words.descriptions, WORDS_WEIGHT)
