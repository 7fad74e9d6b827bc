"""Reference places: Japan's regions, prefectures and municipalities, Vietnam's provinces as
they are since 1 July 2025 and as they were before (tied by the merger, with its date), and
Thailand's provinces, regions and the Eastern Economic Corridor, read from the CSV files of
seeds/places/ (their sources and licences: seeds/places/README.md).

They load as one document of their own, `reference-places`, so that a place the source
documents never name (浜松, Bắc Ninh, Rayong) is known, and every entity of theirs stands where
it should (神戸市 in 兵庫県 in 近畿 in Japan). A place a curated document also names keeps that
document's id (`seed_id`), so the two merge. Each fact's evidence is its file and row.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tsunagari.graph.model import Contribution, DocumentRecord, Entity, Evidence, Relation
from tsunagari.graph.text import slug
from tsunagari.graph.vocabulary import EntityType

PLACES_DOCUMENT = "reference-places"
MERGER_DATE = "2025-07"
"""When Vietnam's 63 provinces became 34 (Resolution 202/2025/QH15, in force 1 July 2025)."""
DATA_DATE = "2026-09"
"""The newest state the files record."""
VIETNAM_REGIONS = {
    "north": ("northern-vietnam", "ベトナム北部", "Northern Vietnam", ["Bắc Bộ", "Miền Bắc"]),
    "central": ("central-vietnam", "ベトナム中部", "Central Vietnam", ["Trung Bộ", "Miền Trung"]),
    "south": ("southern-vietnam", "ベトナム南部", "Southern Vietnam", ["Nam Bộ", "Miền Nam"]),
}
"""Vietnam's three traditional regions (the central one with the Central Highlands)."""
THAI_REGIONS = {
    "north": ("タイ北部", "Northern Thailand"), "northeast": ("タイ東北部", "Northeastern Thailand"),
    "central": ("タイ中部", "Central Thailand"), "east": ("タイ東部", "Eastern Thailand"),
    "west": ("タイ西部", "Western Thailand"), "south": ("タイ南部", "Southern Thailand"),
}
EEC = ("eastern-economic-corridor", "東部経済回廊（EEC）", "Eastern Economic Corridor (EEC)",
       ["EEC", "東部経済回廊", "Eastern Economic Corridor"])
KINDS_JA = {"designated-city": "政令指定都市", "city": "市", "ward": "区", "special-ward": "特別区",
            "town": "町", "village": "村"}
KINDS_EN = {"designated-city": "designated city", "city": "city", "ward": "ward",
            "special-ward": "special ward", "town": "town", "village": "village"}
COUNTRIES_FILE = "countries.csv"
"""The file every reference-places folder holds."""
FILES = (COUNTRIES_FILE, "jp_regions.csv", "jp_prefectures.csv", "jp_municipalities.csv",
         "jp_areas.csv", "vn_provinces_2025.csv", "vn_provinces_before_2025.csv",
         "th_provinces.csv")


class PlacesError(ValueError):
    """A reference-places file that cannot be read; names the file, row, column and value."""


def is_places_folder(folder: Path) -> bool:
    """Whether a folder holds reference places (its countries file)."""
    return (folder / COUNTRIES_FILE).is_file()


@dataclass
class _Builder:
    """Entities and relations as they are read, each with its file and row as evidence."""

    folder: Path
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: dict[str, Relation] = field(default_factory=dict)

    def rows(self, name: str, columns: tuple[str, ...]) -> list[tuple[Evidence, dict[str, str]]]:
        path = self.folder / name
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                missing = [c for c in columns if c not in (reader.fieldnames or [])]
                if missing:
                    raise PlacesError(f"{path}:1: missing column {', '.join(missing)}")
                read = []
                for number, row in enumerate(reader, start=2):
                    for column in columns[:2]:
                        if not (row.get(column) or "").strip():
                            raise PlacesError(f"{path}:{number}: column {column} is empty")
                    quote = ", ".join(row[c] for c in columns if row.get(c))
                    read.append((Evidence(PLACES_DOCUMENT, f"{name}:row {number}", quote,
                                          number, number), row))
                return read
        except (OSError, UnicodeDecodeError) as exc:
            raise PlacesError(f"{path}:1: cannot read: {exc}") from None

    def place(self, entity_id: str, evidence: Evidence, *, name_ja: str, name_en: str,
              country: str, aliases: list[str], about: tuple[str, str]) -> str:
        entity = self.entities.get(entity_id)
        if entity is None:
            self.entities[entity_id] = Entity(
                id=entity_id, type=EntityType.PLACE, name_ja=name_ja, name_en=name_en,
                aliases=[a for a in dict.fromkeys(aliases) if a and a not in (name_ja, name_en)],
                country=country, description_ja=about[0], description=about[1],
                evidence=[evidence])
        else:
            entity.aliases = list(dict.fromkeys(
                [*entity.aliases, *(a for a in aliases if a and a not in entity.names())]))
            if evidence not in entity.evidence:
                entity.evidence.append(evidence)
        return entity_id

    def relate(self, relation_type: str, source: str, target: str, evidence: Evidence,
               since: str | None = None) -> None:
        relation = Relation(relation_type, source, target, [evidence], since=since)
        found = self.relations.get(relation.id)
        if found is None:
            self.relations[relation.id] = relation
        elif evidence not in found.evidence:
            found.evidence.append(evidence)

    def need(self, name: str, number: int, column: str, value: str, known: dict[str, str]) -> str:
        if value not in known:
            raise PlacesError(f"{self.folder / name}:{number}: column {column}: "
                              f"{value!r} is not a code of the files")
        return known[value]


def read_places(folder: Path) -> Contribution:
    """The reference places of a folder as one document's contribution (PlacesError names the
    file, row and column of anything wrong; nothing is returned unless all of it is sound)."""
    build = _Builder(folder)
    for evidence, row in build.rows(COUNTRIES_FILE, ("code", "name_en", "name_ja", "aliases")):
        build.place(slug(row["name_en"]), evidence, name_ja=row["name_ja"],
                    name_en=row["name_en"], country=row["code"],
                    aliases=[row["code"], *row["aliases"].split("|")],
                    about=(f"国（{row['code']}）。", f"A country ({row['code']})."))
    prefectures = _japan(build)
    _areas(build, prefectures, _municipalities(build, prefectures))
    _vietnam(build)
    _thailand(build)
    digest = hashlib.sha256()
    for name in FILES:
        digest.update((folder / name).read_bytes())
    record = DocumentRecord(
        id=PLACES_DOCUMENT, title="Reference places: Japan, Vietnam and Thailand",
        sha256=digest.hexdigest(), path=str(folder),
        loaded_at=datetime.now(UTC).isoformat(timespec="seconds"),
        entity_count=len(build.entities), relation_count=len(build.relations), date=DATA_DATE)
    return Contribution(record, list(build.entities.values()), list(build.relations.values()))


def _japan(build: _Builder) -> dict[str, str]:
    """Regions and prefectures; the id of every prefecture by its code."""
    regions: dict[str, list[str]] = {}
    for evidence, row in build.rows("jp_regions.csv", ("id", "name_ja", "name_en", "aliases",
                                                       "prefecture_codes", "seed_id")):
        region = build.place(
            row["seed_id"] or f"{row['id']}-region", evidence, name_ja=row["name_ja"],
            name_en=row["name_en"], country="JP", aliases=row["aliases"].split("|"),
            about=(f"日本の地方（{row['name_ja']}）。", f"A region of Japan ({row['name_en']})."))
        build.relate("LOCATED_IN", region, "japan", evidence)
        for code in row["prefecture_codes"].split("|"):
            regions.setdefault(code, []).append(region)
    prefectures = {}
    for evidence, row in build.rows("jp_prefectures.csv", ("code", "name_ja", "name_kana",
                                                           "name_romaji", "name_en", "seed_id")):
        base = slug(re.sub(r"-(?:ken|fu|to)$", "", row["name_romaji"]))
        prefecture = build.place(
            row["seed_id"] or f"{base}-pref", evidence, name_ja=row["name_ja"],
            name_en=row["name_en"], country="JP", aliases=[row["name_romaji"], base.capitalize()],
            about=(f"日本の都道府県（地方公共団体コード{row['code']}）。",
                   f"A prefecture of Japan (local government code {row['code']})."))
        prefectures[row["code"]] = prefecture
        for region in regions.get(row["code"], ["japan"]):
            build.relate("LOCATED_IN", prefecture, region, evidence)
    return prefectures


def _municipalities(build: _Builder, prefectures: dict[str, str]) -> dict[str, str]:
    """Cities, wards, towns and villages; the id of every one by its code."""
    name = "jp_municipalities.csv"
    columns = ("code", "name_ja", "prefecture_code", "name_romaji", "name_en", "kind",
               "parent_code", "seed_id")
    rows = build.rows(name, columns)
    taken = Counter(slug(row["name_en"]) for _, row in rows)
    taken_in = Counter((slug(row["name_en"]), row["prefecture_code"]) for _, row in rows)
    ids: dict[str, str] = {}
    for evidence, row in rows:
        prefecture = build.need(name, evidence.line_start, "prefecture_code",
                                row["prefecture_code"], prefectures)
        base = slug(row["name_en"])
        entity_id = row["seed_id"] or (  # 江差町 and 枝幸町 are both Esashi Town, Hokkaido
            base if taken[base] == 1 else f"{base}-{prefecture.removesuffix('-pref')}"
            if taken_in[base, row["prefecture_code"]] == 1 else f"{base}-{row['code']}")
        kind_ja, kind_en = KINDS_JA.get(row["kind"], ""), KINDS_EN.get(row["kind"], row["kind"])
        pref_ja = build.entities[prefecture].name_ja
        pref_en = build.entities[prefecture].name_en
        ids[row["code"]] = build.place(
            entity_id, evidence, name_ja=row["name_ja"], name_en=row["name_en"], country="JP",
            aliases=[row["name_romaji"]],
            about=(f"{pref_ja}の{kind_ja}（地方公共団体コード{row['code']}）。",
                   f"A {kind_en} of {pref_en} (local government code {row['code']})."))
    for evidence, row in rows:
        parent = (build.need(name, evidence.line_start, "parent_code", row["parent_code"], ids)
                  if row["parent_code"] else prefectures[row["prefecture_code"]])
        build.relate("LOCATED_IN", ids[row["code"]], parent, evidence)
    return ids


def _areas(build: _Builder, prefectures: dict[str, str], municipalities: dict[str, str]) -> None:
    """Areas a document may name that span municipalities (the Suwa area): in their prefecture,
    with their municipalities in them."""
    name = "jp_areas.csv"
    for evidence, row in build.rows(name, ("id", "name_ja", "name_en", "aliases",
                                           "prefecture_code", "municipality_codes", "seed_id")):
        number = evidence.line_start
        prefecture = build.need(name, number, "prefecture_code", row["prefecture_code"],
                                prefectures)
        area = build.place(
            row["seed_id"] or row["id"], evidence, name_ja=row["name_ja"], name_en=row["name_en"],
            country="JP", aliases=row["aliases"].split("|"),
            about=(f"{build.entities[prefecture].name_ja}の地域。",
                   f"An area of {build.entities[prefecture].name_en}."))
        build.relate("LOCATED_IN", area, prefecture, evidence)
        for code in row["municipality_codes"].split("|"):
            municipality = build.need(name, number, "municipality_codes", code, municipalities)
            build.relate("LOCATED_IN", municipality, area, evidence)


def _vietnam(build: _Builder) -> None:
    now: dict[str, str] = {}
    columns = ("code", "name_vi", "name_ascii", "name_ja", "name_en", "kind", "seed_id",
               "name_vi_full", "name_ja_variants")
    for evidence, row in build.rows("vn_provinces_2025.csv", (*columns, "region")):
        unit = build.place(
            row["seed_id"] or slug(row["name_ascii"]), evidence, name_ja=row["name_ja"],
            name_en=row["name_en"], country="VN",
            aliases=[row["name_vi"], row["name_ascii"], row["name_vi_full"],
                     *row["name_ja_variants"].split("|")],
            about=(f"ベトナムの{'中央直轄市' if row['kind'] == 'municipality' else '省'}"
                   f"（2025年7月1日以降の区分）。",
                   f"A {'centrally run city' if row['kind'] == 'municipality' else 'province'} "
                   f"of Vietnam (as divided since 1 July 2025)."))
        now[row["code"]] = unit
        if row["region"] not in VIETNAM_REGIONS:
            raise PlacesError(f"{build.folder / 'vn_provinces_2025.csv'}:{evidence.line_start}: "
                              f"column region: {row['region']!r} is not one of "
                              f"{', '.join(VIETNAM_REGIONS)}")
        region_id, region_ja, region_en, region_aliases = VIETNAM_REGIONS[row["region"]]
        build.place(region_id, evidence, name_ja=region_ja, name_en=region_en, country="VN",
                    aliases=region_aliases, about=(f"{region_ja}の省・市をまとめた地域。",
                                                   f"The provinces and cities of {region_en}."))
        build.relate("LOCATED_IN", region_id, "vietnam", evidence)
        build.relate("LOCATED_IN", unit, region_id, evidence)
    name = "vn_provinces_before_2025.csv"
    for evidence, row in build.rows(name, ("code", "name_vi", "name_ascii", "name_ja", "name_en",
                                           "kind", "merged_into", "seed_id", "name_vi_full",
                                           "name_ja_variants")):
        into = [build.need(name, evidence.line_start, "merged_into", code, now)
                for code in row["merged_into"].split("|")]
        names = [row["name_vi"], row["name_ascii"], row["name_vi_full"],
                 *row["name_ja_variants"].split("|")]
        former_id = row["seed_id"] or slug(row["name_ascii"])
        if into == [now.get(row["code"])] or into == [former_id]:  # the unit goes on, enlarged
            build.place(into[0], evidence, name_ja=row["name_ja"], name_en=row["name_en"],
                        country="VN", aliases=names, about=("", ""))
            continue
        former = build.place(
            former_id, evidence, name_ja=row["name_ja"],
            name_en=row["name_en"], country="VN", aliases=names,
            about=(f"2025年7月1日の合併前のベトナムの省（現在は"
                   f"{'・'.join(build.entities[u].name_ja for u in into)}の一部）。",
                   f"A province of Vietnam before the merger of 1 July 2025 (now part of "
                   f"{' and '.join(build.entities[u].name_en for u in into)})."))
        for unit in into:
            build.relate("MERGED_INTO", former, unit, evidence, since=MERGER_DATE)


def _thailand(build: _Builder) -> None:
    evidence = Evidence(PLACES_DOCUMENT, "th_provinces.csv:eec", "EEC: Chachoengsao, Chon Buri, Rayong")
    eec_id, eec_ja, eec_en, eec_aliases = EEC
    build.place(eec_id, evidence, name_ja=eec_ja, name_en=eec_en, country="TH", aliases=eec_aliases,
                about=("タイ東部の経済特区（チャチューンサオ県・チョンブリー県・ラヨーン県）。",
                       "Thailand's special economic zone of Chachoengsao, Chon Buri and Rayong."))
    build.relate("LOCATED_IN", eec_id, "thailand", evidence)
    columns = ("code", "name_th", "name_en", "name_ascii_variants", "name_ja", "region", "eec",
               "seed_id", "name_ja_variants", "abbr_en")
    for row_evidence, row in build.rows("th_provinces.csv", columns):
        province = build.place(
            row["seed_id"] or slug(row["name_en"]), row_evidence, name_ja=row["name_ja"],
            name_en=row["name_en"], country="TH",
            aliases=[row["name_th"], *row["name_ascii_variants"].split("|"),
                     *row["name_ja_variants"].split("|")],
            about=("タイの県。" if row["region"] != "bangkok" else "タイの首都。",
                   "A province of Thailand." if row["region"] != "bangkok" else "Thailand's capital."))
        region = row["region"]
        if region in THAI_REGIONS:
            ja, en = THAI_REGIONS[region]
            region_id = build.place(slug(en), row_evidence, name_ja=ja, name_en=en, country="TH",
                                    aliases=[], about=(f"{ja}の県をまとめた地域。",
                                                       f"The provinces of {en}."))
            build.relate("LOCATED_IN", region_id, "thailand", row_evidence)
            build.relate("LOCATED_IN", province, region_id, row_evidence)
        else:
            build.relate("LOCATED_IN", province, "thailand", row_evidence)
        if row["eec"] == "true":
            build.relate("LOCATED_IN", province, eec_id, row_evidence)
