"""Reference places over HTTP on both stores: places no source document names are found and
answered for, and a former Vietnamese province says what it is part of today."""

from __future__ import annotations

import httpx
import pytest


@pytest.mark.parametrize(("name", "place", "within"), [
    ("浜松市", "hamamatsu-city", "shizuoka-pref"),
    ("Ninh Bình", "ninh-binh", "northern-vietnam"),
    ("Bắc Ninh", "bac-ninh", "northern-vietnam"),
    ("Rayong", "rayong", "eastern-economic-corridor"),
])
def test_places_no_document_names_are_found_where_they_stand(
        api: httpx.Client, name: str, place: str, within: str) -> None:
    assert api.get("/v1/search", params={"q": name}).json()["results"][0]["id"] == place
    relations = api.get(f"/v1/entities/{place}").json()["relations"]
    assert within in {r["target"] for r in relations
                      if r["type"] == "LOCATED_IN" and r["source"] == place}


def test_ha_nam_is_part_of_ninh_binh_since_the_merger(api: httpx.Client) -> None:
    relations = api.get("/v1/entities/ha-nam").json()["relations"]
    merged = [r for r in relations if r["type"] == "MERGED_INTO"]
    assert [(r["target"], r["since"]) for r in merged] == [("ninh-binh", "2025-07")]
    assert merged[0]["evidence"][0]["document"] == "reference-places"


def test_a_question_from_a_city_no_document_names_is_answered(api: httpx.Client) -> None:
    answer = api.get("/v1/ask", params={
        "q": "浜松市の部品メーカーがベトナムに進出したい。どこに相談すればいい？"}).json()
    assert answer["parsed"]["from"]["id"] == "hamamatsu-city"
    items = answer["answer"]["items"]
    assert any(item["role"] == "first-contact" for item in items)
    assert answer["answer"]["chains"]
    assert any("浜松市" in note["ja"] and "Hamamatsu" in note["en"]
               for note in answer["answer"]["notes"])


@pytest.mark.parametrize(("question", "now_ja", "now_en"), [
    ("ビンズオン省に工場を建てたい", "ホーチミン市", "Ho Chi Minh City"),
    ("Which bodies help firms entering Ha Nam?", "ニンビン省", "Ninh Binh Province"),
])
def test_an_old_province_is_said_to_be_part_of_todays(
        api: httpx.Client, question: str, now_ja: str, now_en: str) -> None:
    notes = api.get("/v1/ask", params={"q": question}).json()["answer"]["notes"]
    merged = [n for n in notes if "2025" in n["en"]]
    assert len(merged) == 1
    assert f"現在は{now_ja}の一部です" in merged[0]["ja"]
    assert merged[0]["en"].endswith(f"is part of {now_en}.")
