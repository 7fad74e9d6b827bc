"""A synthetic national support network, shaped like the real one, for scale tests.

`synthesize(nodes, seed)` returns one document's contribution: places in a
proper hierarchy (country, region, prefecture, municipality; Vietnamese and Thai
provinces), a few national hubs with regional offices, prefectural councils,
banks and 信用金庫, chambers and associations, training institutions, industrial
parks, programmes, and firms tied to their municipality, bank and association.
Degrees are heavy-tailed (associations and banks are picked by preferential
attachment) and only a minority of organisations bridge Japan and Vietnam or
Thailand. Every fact has a sentence of the generated document as its evidence.
The same (nodes, seed) always gives the same network.

>>> network = synthesize(2_000, seed=7)
>>> len(network.entities)
2000
>>> all(r.evidence for r in network.relations)
True
"""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tsunagari.graph.memory import bulk_allocation
from tsunagari.graph.model import Contribution, DocumentRecord, Entity, Evidence, Relation
from tsunagari.graph.sectors import SECTORS
from tsunagari.graph.vocabulary import EntityType, EntryPoint, Stage
from tsunagari.graph.vocabulary import relation_type as relation_type_of
from tsunagari.loaders.curated import annotation_yaml
from tsunagari.loaders.synth.geography import (
    COUNTRIES,
    INDUSTRIAL_WEIGHT,
    JAPAN_REGIONS,
    PREFECTURES,
    PROVINCE_COUNTS,
    THAILAND_PROVINCES,
    VIETNAM_PROVINCES,
)

MIN_NODES = 1_000
"""Below this the fixed national skeleton would crowd out everything else."""

SHARES = {
    "municipality": 0.02, "regional_bank": 0.001, "shinkin": 0.0025, "chamber": 0.01,
    "association": 0.02, "training_jp": 0.004, "training_local": 0.004, "park": 0.004,
    "programme": 0.005, "local_firm": 0.12, "newcomer": 0.001,
}
"""Entities of each kind per node of the network; Japanese firms fill the rest."""

CAPS = {"municipality": 1_741, "regional_bank": 100, "shinkin": 254}
"""Kinds that Japan has a fixed number of, however large the network."""

NATIONAL_BODIES: list[tuple[str, EntityType, str, str]] = [
    ("meti", EntityType.GOVERNMENT_AGENCY, "経済産業省", "Ministry of Economy, Trade and Industry"),
    ("mofa", EntityType.GOVERNMENT_AGENCY, "外務省", "Ministry of Foreign Affairs"),
    ("jetro", EntityType.GOVERNMENT_AGENCY, "日本貿易振興機構", "JETRO"),
    ("jica", EntityType.GOVERNMENT_AGENCY, "国際協力機構", "JICA"),
    ("smrj", EntityType.SUPPORT_CENTER, "中小企業基盤整備機構", "SME Support Japan"),
    ("jbic", EntityType.FINANCIAL_INSTITUTION, "国際協力銀行", "JBIC"),
    ("nexi", EntityType.FINANCIAL_INSTITUTION, "日本貿易保険", "NEXI"),
    ("aots", EntityType.TRAINING_INSTITUTION, "海外産業人材育成協会", "AOTS"),
    ("jcci", EntityType.NPO, "日本商工会議所", "Japan Chamber of Commerce and Industry"),
    ("national-council", EntityType.NPO, "中小企業海外展開支援全国協議会",
     "National Council for SME Overseas Expansion"),
]
"""(id, type, Japanese name, English name) of the national hubs."""

MEGABANKS = [("mega-bank-1", "みずなみ銀行", "Mizunami Bank"),
             ("mega-bank-2", "さくらば銀行", "Sakuraba Bank"),
             ("mega-bank-3", "ひかり銀行", "Hikari Bank")]
"""The three national banks, each with branches in Hanoi, Ho Chi Minh City and Bangkok."""

OVERSEAS_CITIES = [("VN", 0), ("VN", 1), ("TH", 0)]
"""Where national bodies keep offices abroad: (country, index of the province)."""

PREFECTURE_CUMULATIVE_WEIGHTS = list(
    itertools.accumulate(INDUSTRIAL_WEIGHT.get(en, 1) for _, _, en in PREFECTURES))

NAME_PARTS = ["Kawa", "Yama", "Ta", "Naka", "Mori", "Hashi", "Ishi", "Matsu", "Fuji", "Taka",
              "Kita", "Minami", "Higashi", "Nishi", "Hara", "Shima", "Oka", "Sawa", "Kuro", "Shiro"]
NAME_PARTS_JA = ["川", "山", "田", "中", "森", "橋", "石", "松", "富士", "高",
                 "北", "南", "東", "西", "原", "島", "岡", "沢", "黒", "白"]
FIRM_KINDS = [("精工", "Seiko"), ("製作所", "Works"), ("工業", "Industries"), ("金属", "Metal"),
              ("化成", "Chemical"), ("電機", "Electric"), ("技研", "Engineering"), ("産業", "Sangyo")]


@dataclass
class _Writer:
    """Builds the document line by line; every fact quotes the line that states it."""

    document_id: str
    lines: list[str] = field(default_factory=list)
    offset: int = 0

    def state(self, sentence: str) -> Evidence:
        line = len(self.lines) + 1
        start = self.offset
        self.lines.append(sentence)
        self.offset += len(sentence) + 1
        return Evidence(self.document_id, f"L{line}:c{start}-{start + len(sentence)}", sentence,
                        line, line)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


class _Network:
    """The entities and relations of one synthetic network, as they are generated."""

    def __init__(self, document_id: str, rng: random.Random) -> None:
        self.rng = rng
        self.writer = _Writer(document_id)
        self.entities: dict[str, Entity] = {}
        self.relations: dict[str, Relation] = {}

    def entity(
        self, entity_id: str, entity_type: EntityType, name_ja: str, name_en: str, country: str,
        sectors: Sequence[str] = (),
    ) -> str:
        sentence = f"{name_ja}（{name_en}）"
        self.entities[entity_id] = Entity(
            entity_id, entity_type, name_ja, name_en, country=country, sectors=list(sectors),
            evidence=[self.writer.state(sentence)],
        )
        return entity_id

    def relate(self, relation_type: str, source: str, target: str, *, stage: str | None = None,
               entry_point: str | None = None, since: str | None = None) -> None:
        relation = Relation(relation_type, source, target, stage=stage, entry_point=entry_point,
                            since=since)
        if relation.id in self.relations or source == target:
            return
        sentence = relation_type_of(relation_type).say(
            True, "en", self.entities[source].name_en, self.entities[target].name_en) + "."
        relation.evidence = [self.writer.state(sentence)]
        self.relations[relation.id] = relation

    def based_in(self, entity_id: str, place: str) -> None:
        """The entity stands in the place and serves it."""
        self.relate("LOCATED_IN", entity_id, place)
        self.relate("SERVES_AREA", entity_id, place)

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability


class _Popular:
    """Preferential attachment: the more often an item was picked, the likelier it is again."""

    def __init__(self, items: Sequence[str], rng: random.Random) -> None:
        self.picks = list(items)
        self.rng = rng

    def pick(self) -> str:
        chosen = self.rng.choice(self.picks)
        self.picks.append(chosen)
        return chosen


def synthesize(nodes: int, seed: int = 1) -> Contribution:
    """A synthetic network of exactly `nodes` entities as one document's contribution."""
    if nodes < MIN_NODES:
        raise ValueError(f"nodes must be at least {MIN_NODES}, not {nodes}")
    document_id = f"synth-{nodes}-{seed}"
    network = _Network(document_id, random.Random(seed))
    with bulk_allocation():
        _Builder(network, nodes).build()
    text = network.writer.text()
    record = DocumentRecord(
        id=document_id, title=f"Synthetic support network ({nodes} entities, seed {seed})",
        sha256=hashlib.sha256(text.encode()).hexdigest(), path=f"{document_id}.txt",
        entity_count=len(network.entities), relation_count=len(network.relations),
    )
    return Contribution(record, list(network.entities.values()), list(network.relations.values()))


def write_synthetic(contribution: Contribution, seeds_dir: Path) -> list[Path]:
    """Write the network as a document and its annotation, loadable like any seed."""
    document = seeds_dir / "documents" / f"{contribution.document.id}.txt"
    annotation = seeds_dir / "curated" / f"{contribution.document.id}.yaml"
    for path, text in ((document, synthetic_text(contribution)),
                       (annotation, annotation_yaml(contribution))):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return [document, annotation]


def synthetic_text(contribution: Contribution) -> str:
    """The document a synthetic contribution quotes, rebuilt from its evidence lines."""
    lines: dict[int, str] = {}
    for fact in (*contribution.entities, *contribution.relations):
        for evidence in fact.evidence:
            lines[evidence.line_start] = evidence.quote
    return "\n".join(lines[i] for i in range(1, len(lines) + 1)) + "\n"


class _Builder:
    """Generates the network kind by kind, each tied to what came before."""

    def __init__(self, network: _Network, nodes: int) -> None:
        self.net = network
        self.rng = network.rng
        self.nodes = nodes
        self.prefectures: list[str] = []
        self.municipalities: dict[str, list[str]] = {}
        self.provinces: dict[str, list[str]] = {}
        self.jetro_offices: dict[str, str] = {}
        self.support_centres: dict[str, str] = {}
        self.councils: dict[str, str] = {}
        self.banks: dict[str, list[str]] = {}
        self.province_agencies: dict[str, str] = {}
        self.overseas: dict[str, list[str]] = {"VN": [], "TH": []}
        self.parks: dict[str, list[str]] = {"VN": [], "TH": []}
        self.local_firms: list[str] = []
        self.local_colleges: list[str] = []

    def count(self, kind: str) -> int:
        return min(CAPS.get(kind, self.nodes), max(1, round(SHARES[kind] * self.nodes)))

    def build(self) -> None:
        self.places()
        self.national()
        self.prefectural()
        self.banks_and_chambers()
        self.abroad()
        self.newcomers()
        associations = self.associations()
        self.firms(associations, self.nodes - len(self.net.entities))

    # -- the skeleton ------------------------------------------------------

    def places(self) -> None:
        net = self.net
        for code, (ja, en) in COUNTRIES.items():
            net.entity(code.lower(), EntityType.PLACE, ja, en, code)
        for slug, ja, en in JAPAN_REGIONS:
            net.relate("LOCATED_IN", net.entity(f"region-{slug}", EntityType.PLACE, ja, en, "JP"),
                       "jp")
        for number, (region, ja, en) in enumerate(PREFECTURES, start=1):
            pref = net.entity(f"pref-{number:02d}", EntityType.MUNICIPALITY, ja, en, "JP")
            net.relate("LOCATED_IN", pref, f"region-{region}")
            self.prefectures.append(pref)
            self.municipalities[pref] = []
        for _ in range(self.count("municipality")):
            pref = self.industrial_prefecture()
            number = len(self.municipalities[pref]) + 1
            name = self.net.entities[pref]
            city = net.entity(f"{pref}-city-{number:03d}", EntityType.MUNICIPALITY,
                              f"{name.name_ja[:-1]}第{number}市", f"{name.name_en} City {number}",
                              "JP")
            net.relate("LOCATED_IN", city, pref)
            self.municipalities[pref].append(city)
        for country, named in (("VN", VIETNAM_PROVINCES), ("TH", THAILAND_PROVINCES)):
            self.provinces[country] = []
            for number in range(1, PROVINCE_COUNTS[country] + 1):
                ja, en = named[number - 1] if number <= len(named) else (
                    f"{COUNTRIES[country][0]}第{number}省", f"{country} Province {number}")
                province = net.entity(f"{country.lower()}-province-{number:02d}",
                                      EntityType.PLACE, ja, en, country)
                net.relate("LOCATED_IN", province, country.lower())
                self.provinces[country].append(province)

    def national(self) -> None:
        net = self.net
        for entity_id, entity_type, ja, en in NATIONAL_BODIES:
            net.entity(entity_id, entity_type, ja, en, "JP")
            net.relate("LOCATED_IN", entity_id, "pref-13")
            net.relate("SERVES_AREA", entity_id, "jp")
        for body in ("meti", "jetro", "jica", "smrj", "jcci"):
            net.relate("MEMBER_OF", body, "national-council")
        net.relate("SECRETARIAT_OF", "smrj", "national-council")
        for slug, ja, en in JAPAN_REGIONS:
            bureau = net.entity(f"meti-{slug}", EntityType.GOVERNMENT_AGENCY, f"{ja[:-2]}経済産業局",
                                f"{en} Bureau of Economy, Trade and Industry", "JP")
            net.relate("PART_OF", bureau, "meti")
            net.relate("SERVES_AREA", bureau, f"region-{slug}")
            net.relate("MEMBER_OF", bureau, "national-council")
            centre = net.entity(f"jica-{slug}", EntityType.GOVERNMENT_AGENCY, f"JICA{ja[:-2]}センター",
                                f"JICA {en} Centre", "JP")
            net.relate("PART_OF", centre, "jica")
            net.relate("SERVES_AREA", centre, f"region-{slug}")
        for country, index in OVERSEAS_CITIES:
            province = self.provinces[country][index]
            city = net.entities[province]
            for body in ("jetro", "jica"):
                office = net.entity(f"{body}-{province}", EntityType.GOVERNMENT_AGENCY,
                                    f"{net.entities[body].name_en}{city.name_ja}事務所",
                                    f"{net.entities[body].name_en} {city.name_en} Office", country)
                net.relate("PART_OF", office, body)
                net.relate("LOCATED_IN", office, province)
                net.relate("SERVES_AREA", office, country.lower())
                self.overseas[country].append(office)
            for bank, ja, en in MEGABANKS:
                if country == "VN" and index == 0:
                    net.entity(bank, EntityType.FINANCIAL_INSTITUTION, ja, en, "JP")
                    net.relate("LOCATED_IN", bank, "pref-13")
                    net.relate("SERVES_AREA", bank, "jp")
                branch = net.entity(f"{bank}-{province}", EntityType.FINANCIAL_INSTITUTION,
                                    f"{ja}{city.name_ja}支店", f"{en} {city.name_en} Branch", country)
                net.relate("PART_OF", branch, bank)
                net.relate("LOCATED_IN", branch, province)
                net.relate("PARTNERS_WITH", branch, f"jetro-{province}")
                self.overseas[country].append(branch)

    def prefectural(self) -> None:
        net = self.net
        for pref in self.prefectures:
            name = net.entities[pref]
            region = next(r for r, _, en in PREFECTURES if en == name.name_en)
            office = net.entity(f"jetro-{pref}", EntityType.GOVERNMENT_AGENCY,
                                f"ジェトロ{name.name_ja[:-1]}", f"JETRO {name.name_en}", "JP")
            net.relate("PART_OF", office, "jetro")
            net.based_in(office, pref)
            centre = net.entity(f"{pref}-support-centre", EntityType.SUPPORT_CENTER,
                                f"{name.name_ja}産業振興センター",
                                f"{name.name_en} Industrial Promotion Centre", "JP")
            net.relate("ESTABLISHED", pref, centre)
            net.based_in(centre, pref)
            net.relate("PARTNERS_WITH", centre, office)
            council = net.entity(f"{pref}-council", EntityType.NPO,
                                 f"{name.name_ja}海外展開支援協議会",
                                 f"{name.name_en} Overseas Expansion Council", "JP")
            net.relate("SECRETARIAT_OF", centre, council)
            for member in (pref, office, centre, f"meti-{region}"):
                net.relate("MEMBER_OF", member, council)
            net.relate("MEMBER_OF", council, "national-council")
            for abroad in ("VN", "TH"):
                for overseas in self.overseas[abroad]:
                    if overseas.startswith("jetro-"):
                        net.relate("REFERS_TO", office, overseas)
            self.jetro_offices[pref] = office
            self.support_centres[pref] = centre
            self.councils[pref] = council
            self.banks[pref] = []

    def banks_and_chambers(self) -> None:
        net = self.net
        for number in range(1, self.count("regional_bank") + 1):
            pref = self.prefectures[(number - 1) % len(self.prefectures)]
            name = net.entities[pref]
            bank = net.entity(f"regional-bank-{number:03d}", EntityType.FINANCIAL_INSTITUTION,
                              f"{name.name_ja[:-1]}第{number}銀行", f"{name.name_en} Bank {number}",
                              "JP")
            net.based_in(bank, pref)
            net.relate("MEMBER_OF", bank, self.councils[pref])
            if net.chance(0.5):
                net.relate("REFERS_TO", bank, self.jetro_offices[pref])
            if net.chance(0.3):
                abroad = self.rng.choice(["VN", "TH"])
                net.relate("PARTNERS_WITH", bank, self.rng.choice(self.overseas[abroad]))
            self.banks[pref].append(bank)
        for number in range(1, self.count("shinkin") + 1):
            pref = self.rng.choice(self.prefectures)
            city = self.rng.choice(self.municipalities[pref] or [pref])
            name = net.entities[city]
            bank = net.entity(f"shinkin-{number:03d}", EntityType.FINANCIAL_INSTITUTION,
                              f"{name.name_ja}信用金庫{number}", f"{name.name_en} Shinkin Bank {number}",
                              "JP")
            net.based_in(bank, city)
            if net.chance(0.3):
                net.relate("PARTNERS_WITH", bank, self.support_centres[pref])
            self.banks[pref].append(bank)
        cities = [c for pref in self.prefectures for c in self.municipalities[pref]]
        for number in range(1, self.count("chamber") + 1):
            city = cities[(number - 1) % len(cities)]
            name = net.entities[city]
            chamber = net.entity(f"chamber-{number:04d}", EntityType.NPO,
                                 f"{name.name_ja}商工会{number}",
                                 f"{name.name_en} Chamber of Commerce {number}", "JP")
            net.based_in(chamber, city)
            net.relate("MEMBER_OF", chamber, "jcci")
            if net.chance(0.2):
                pref = city.split("-city-")[0]
                net.relate("PARTNERS_WITH", chamber, self.jetro_offices[pref])

    def abroad(self) -> None:
        net = self.net
        for country, provinces in self.provinces.items():
            for province in provinces:
                name = net.entities[province]
                agency = net.entity(f"{province}-committee", EntityType.GOVERNMENT_AGENCY,
                                    f"{name.name_ja}人民委員会", f"{name.name_en} Provincial Committee",
                                    country)
                net.based_in(agency, province)
                net.relate("PARTNERS_WITH", agency, self.rng.choice(self.overseas[country]))
                self.province_agencies[province] = agency
        for pref in self.prefectures:
            if net.chance(0.5):
                country = self.rng.choice(["VN", "TH"])
                agency = self.province_agencies[self.busy_province(country)]
                net.relate("AGREEMENT_WITH", self.support_centres[pref], agency,
                           since=str(self.rng.randint(2010, 2024)))
        for pref in self.prefectures:
            for city in [pref, *self.municipalities[pref]]:
                if net.chance(0.05 if city == pref else 0.02):
                    country = self.rng.choice(["VN", "TH"])
                    agency = self.province_agencies[self.busy_province(country)]
                    net.relate("AGREEMENT_WITH", city, agency, since=str(self.rng.randint(2005, 2024)))
        for number in range(1, self.count("park") + 1):
            country = "VN" if number % 3 else "TH"
            province = self.busy_province(country)
            name = net.entities[province]
            park = net.entity(f"park-{number:04d}", EntityType.INDUSTRIAL_PARK,
                              f"{name.name_ja}第{number}工業団地",
                              f"{name.name_en} Industrial Park {number}", country)
            net.relate("LOCATED_IN", park, province)
            net.relate("SUPPORTS", self.province_agencies[province], park, entry_point="land")
            self.parks[country].append(park)
        for number in range(1, self.count("training_local") + 1):
            country = self.rng.choice(["VN", "TH"])
            province = self.busy_province(country)
            name = net.entities[province]
            school = net.entity(f"{country.lower()}-college-{number:04d}",
                                EntityType.TRAINING_INSTITUTION, f"{name.name_ja}第{number}職業訓練校",
                                f"{name.name_en} Vocational College {number}", country)
            net.relate("LOCATED_IN", school, province)
            self.local_colleges.append(school)
            if net.chance(0.2):
                net.relate("PARTNERS_WITH", school, self.rng.choice(["jica", "aots"]))

    def newcomers(self) -> None:
        """Organisations abroad that nobody is tied to yet: only their place is known."""
        net = self.net
        for number in range(1, self.count("newcomer") + 1):
            country = self.rng.choice(["VN", "TH"])
            province = self.rng.choice(self.provinces[country])
            name = net.entities[province]
            newcomer = net.entity(f"{country.lower()}-newcomer-{number:04d}", EntityType.NPO,
                                  f"{name.name_ja}新設協会{number}",
                                  f"{name.name_en} New Business Association {number}", country)
            net.relate("LOCATED_IN", newcomer, province)

    def associations(self) -> _Popular:
        net = self.net
        made = []
        sectors = list(SECTORS)
        for number in range(1, self.count("association") + 1):
            pref = self.rng.choice(self.prefectures)
            name = net.entities[pref]
            sector = self.rng.choice(sectors)
            label_ja, label_en, _ = SECTORS[sector]
            association = net.entity(
                f"association-{number:05d}", EntityType.NPO,
                f"{name.name_ja[:-1]}{label_ja}協会{number}",
                f"{name.name_en} {label_en.title()} Association {number}", "JP", [sector])
            net.relate("LOCATED_IN", association, pref)
            if net.chance(0.1):
                net.relate("MEMBER_OF", association, self.councils[pref])
            if net.chance(0.03):
                country = self.rng.choice(["VN", "TH"])
                net.relate("PARTNERS_WITH", association, self.rng.choice(self.overseas[country]))
            made.append(association)
        for number in range(1, self.count("training_jp") + 1):
            pref = self.rng.choice(self.prefectures)
            name = net.entities[pref]
            school = net.entity(f"jp-college-{number:04d}", EntityType.TRAINING_INSTITUTION,
                                f"{name.name_ja[:-1]}工科大学{number}",
                                f"{name.name_en} Institute of Technology {number}", "JP")
            net.relate("LOCATED_IN", school, pref)
            if net.chance(0.1):
                net.relate("PARTNERS_WITH", school, self.rng.choice(self.local_colleges))
        return _Popular(made, self.rng)

    # -- the firms -----------------------------------------------------------

    def firms(self, associations: _Popular, count: int) -> None:
        local = min(self.count("local_firm"), count // 6)
        programmes = min(self.count("programme"), count // 10)
        japanese = count - local - programmes
        for number in range(1, local + 1):
            self.local_firm(number)
        banks = {pref: _Popular(found, self.rng) for pref, found in self.banks.items() if found}
        firms = []
        for number in range(1, japanese + 1):
            pref = self.industrial_prefecture()
            firms.append(self.japanese_firm(number, pref, associations, banks.get(pref)))
        for number in range(1, programmes + 1):
            self.programme(number, self.rng.choice(firms))

    def firm_name(self, number: int) -> tuple[str, str]:
        a, b = self.rng.randrange(len(NAME_PARTS)), self.rng.randrange(len(NAME_PARTS))
        kind_ja, kind_en = self.rng.choice(FIRM_KINDS)
        return (f"{NAME_PARTS_JA[a]}{NAME_PARTS_JA[b]}{kind_ja}{number}",
                f"{NAME_PARTS[a]}{NAME_PARTS[b].lower()} {kind_en} {number}")

    def sector(self) -> list[str]:
        return [self.rng.choice(list(SECTORS))]

    def japanese_firm(
        self, number: int, pref: str, associations: _Popular, banks: _Popular | None
    ) -> str:
        net = self.net
        ja, en = self.firm_name(number)
        firm = net.entity(f"firm-{number:07d}", EntityType.FIRM, f"株式会社{ja}", f"{en} Co.", "JP",
                          self.sector())
        city = self.rng.choice(self.municipalities[pref] or [pref])
        net.relate("LOCATED_IN", firm, city)
        if net.chance(0.5):
            net.relate("MEMBER_OF", firm, associations.pick())
        if banks is not None and net.chance(0.7):
            net.relate("SUPPORTS", banks.pick(), firm, stage=self.rng.choice([None, "pre-entry"]))
        if net.chance(0.05):
            net.relate("ADVISES", self.support_centres[pref], firm, stage="pre-entry")
        if net.chance(0.04):
            self.go_abroad(firm)
        return firm

    def go_abroad(self, firm: str) -> None:
        """A Japanese firm's step abroad: a tenant of a park, or a local subsidiary."""
        net = self.net
        park = self.rng.choice(self.parks[self.rng.choice(["VN", "VN", "TH"])])
        if net.chance(0.5):
            net.relate("TENANT_OF", firm, park, stage="entry", entry_point="land")
        elif self.local_firms:
            net.relate("INVESTS_IN", firm, self.rng.choice(self.local_firms), stage="entry",
                       entry_point="market")

    def local_firm(self, number: int) -> None:
        net = self.net
        country = "VN" if number % 3 else "TH"
        province = self.busy_province(country)
        ja, en = self.firm_name(number)
        firm = net.entity(f"{country.lower()}-firm-{number:06d}", EntityType.FIRM,
                          f"{ja}{COUNTRIES[country][0]}", f"{en} {COUNTRIES[country][1]}", country,
                          self.sector())
        net.relate("LOCATED_IN", firm, province)
        if net.chance(0.6):
            net.relate("TENANT_OF", firm, self.rng.choice(self.parks[country]))
        elif net.chance(0.5):
            colleges = [c for c in self.local_colleges[-50:] if net.entities[c].country == country]
            if colleges:
                net.relate("TRAINS", self.rng.choice(colleges), firm, entry_point="people")
        if net.chance(0.05):
            net.relate("OPERATES", firm, self.rng.choice(self.parks[country]), entry_point="land")
        self.local_firms.append(firm)

    def programme(self, number: int, firm: str) -> None:
        net = self.net
        country = self.rng.choice(["VN", "TH"])
        province = self.busy_province(country)
        name = net.entities[province]
        programme = net.entity(f"programme-{number:05d}", EntityType.PROGRAM,
                               f"{name.name_ja}案件化調査{number}",
                               f"{name.name_en} Feasibility Survey {number}", country)
        since = str(self.rng.randint(2012, 2025))
        net.relate("FUNDS", self.rng.choice(["jica", "jica", "jetro", "smrj"]), programme, since=since)
        net.relate("IMPLEMENTS", firm, programme, since=since,
                   stage=self.rng.choice([s.value for s in Stage]),
                   entry_point=self.rng.choice([e.value for e in EntryPoint]))
        net.relate("SERVES_AREA", programme, province)
        net.relate("PARTNERS_WITH", programme, self.province_agencies[province])

    def industrial_prefecture(self) -> str:
        """A prefecture, likelier the more manufacturing it holds."""
        return self.rng.choices(self.prefectures, cum_weights=PREFECTURE_CUMULATIVE_WEIGHTS)[0]

    def busy_province(self, country: str) -> str:
        """A province, the named industrial ones far likelier than the rest."""
        provinces = self.provinces[country]
        named = len(VIETNAM_PROVINCES if country == "VN" else THAILAND_PROVINCES)
        if self.net.chance(0.85):
            return provinces[min(int(self.rng.paretovariate(1.2)) - 1, named - 1)]
        return self.rng.choice(provinces)
