"""Reference places: every row becomes a place where it stands, ties to the curated seed's ids,
and a file that cannot be read is named with its row and column."""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from tsunagari.graph.model import Contribution
from tsunagari.loaders.places import PlacesError, read_places

PLACES = Path(__file__).resolve().parents[2] / "seeds" / "places"


@pytest.fixture(scope="module")
def places() -> Contribution:
    return read_places(PLACES)


def _above(contribution: Contribution, entity_id: str) -> set[str]:
    parents: dict[str, set[str]] = defaultdict(set)
    for relation in contribution.relations:
        if relation.type in ("LOCATED_IN", "MERGED_INTO"):
            parents[relation.source].add(relation.target)
    seen: set[str] = set()
    frontier = [entity_id]
    while frontier:
        for parent in parents[frontier.pop()] - seen:
            seen.add(parent)
            frontier.append(parent)
    return seen


def _rows(name: str) -> list[dict[str, str]]:
    with (PLACES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_row_is_a_place_with_its_row_as_evidence(places: Contribution) -> None:
    by_name: dict[str, list[str]] = defaultdict(list)
    for entity in places.entities:
        assert entity.type == "Place" and entity.country and entity.name_ja and entity.name_en
        assert all(entity.aliases) and len(set(entity.aliases)) == len(entity.aliases), entity.id
        for evidence in entity.evidence:
            by_name[evidence.locator.split(":row ")[0]].append(entity.id)
    assert len(set(by_name["jp_prefectures.csv"])) == 47
    assert len(set(by_name["vn_provinces_2025.csv"]) - {
        "northern-vietnam", "central-vietnam", "southern-vietnam"}) == 34
    assert len(set(by_name["th_provinces.csv"])) >= 77
    assert len(set(by_name["jp_municipalities.csv"])) == len(_rows("jp_municipalities.csv"))


@pytest.mark.parametrize(
    ("place", "above"),
    [
        ("higashiosaka", {"osaka-pref", "kansai", "japan"}),
        ("okaya", {"suwa", "nagano-pref", "japan"}),  # an area the document names, then its towns
        ("chuo-ward-hamamatsu", {"hamamatsu-city", "shizuoka-pref", "chubu"}),  # wards of 2024
        ("binh-duong", {"ho-chi-minh-city", "southern-vietnam", "vietnam"}),  # merged 2025-07
        ("hai-duong", {"haiphong", "northern-vietnam"}),
        ("rayong", {"eastern-economic-corridor", "eastern-thailand", "thailand"}),
    ],
)
def test_places_stand_where_they_are(places: Contribution, place: str, above: set[str]) -> None:
    assert above <= _above(places, place)


def test_former_provinces_merge_into_today_s_with_the_date(places: Contribution) -> None:
    mergers = [r for r in places.relations if r.type == "MERGED_INTO"]
    assert len({r.source for r in mergers}) > 20
    assert all(r.since == "2025-07" and r.source != r.target for r in mergers)
    continuing = {r["seed_id"] or r["name_ascii"] for r in _rows("vn_provinces_2025.csv")}
    assert not {r.source for r in mergers} & continuing - {""}


def test_curated_ids_are_kept_so_the_two_documents_meet(places: Contribution) -> None:
    ids = {e.id for e in places.entities}
    assert {"japan", "vietnam", "thailand", "kansai", "osaka-pref", "dong-nai", "haiphong",
            "ho-chi-minh-city", "suwa", "malaysia", "united-states"} <= ids


def _broken(tmp_path: Path, name: str, old: str, new: str) -> Path:
    folder = tmp_path / "places"
    shutil.copytree(PLACES, folder)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        ("jp_municipalities.csv", "011002,01100,01,", "011002,01100,99,",
         "jp_municipalities.csv:2: column prefecture_code: '99' is not a code"),
        ("vn_provinces_2025.csv", ",north\n", ",nowhere\n", "vn_provinces_2025.csv:2: column region"),
        ("jp_prefectures.csv", "01,北海道", "01,", "jp_prefectures.csv:2: column name_ja is empty"),
        ("countries.csv", "code,name_en", "kode,name_en", "countries.csv:1: missing column code"),
        ("jp_areas.csv", "|203637,", "|999999,", "jp_areas.csv:2: column municipality_codes"),
    ],
)
def test_a_broken_file_is_named_with_row_and_column(
    tmp_path: Path, name: str, old: str, new: str, message: str
) -> None:
    with pytest.raises(PlacesError) as raised:
        read_places(_broken(tmp_path, name, old, new))
    assert message in str(raised.value)
