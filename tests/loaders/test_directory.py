"""Reading directories: what each kind of fault is refused with, and what a sound directory
states (its rows as evidence, graph entities it names as stubs)."""

from __future__ import annotations

import pytest

from tests.support.directories import ORGANISATIONS, RELATIONS
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.loaders.directory import DirectoryError, directory_document_id, read_directory

HEADER = "id,type,name_ja,name_en,aliases,located_in,description\n"


@pytest.mark.parametrize(("text", "row", "column", "value", "why"), [
    ("id,type,name_ja,locatd_in\nx,NPO,X,大阪府\n", 1, "locatd_in", "", "not a column"),
    (HEADER + "Bad_Id,NPO,X,,,,\n", 2, "id", "Bad_Id", "not an id"),
    (HEADER + "a-b,NPO,X,,,,\na-b,NPO,Y,,,,\n", 3, "id", "a-b", "repeats the id"),
    (HEADER + "a-b,Person,X,,,,\n", 2, "type", "Person", "not a type of organisation"),
    (HEADER + "jetro,NPO,X,,,,\n", 2, "type", "NPO", "differs from the graph"),
    (HEADER + "a-b,NPO,,,,,\n", 2, "name_ja", "", "both empty"),
    (HEADER + "a-b,NPO,X,,,jetro,\n", 2, "located_in", "jetro", "no known place"),
    (HEADER + "a-b,NPO,X\u200b,,,,\n", 2, "name_ja", "X\u200b", "hidden format character"),
    (HEADER + "a-b,NPO,X,,,,,extra\n", 2, "", "", "more cells"),
])
def test_each_fault_is_refused_by_row_column_and_value(
        nx_seed_store: NetworkxStore, text: str, row: int, column: str, value: str,
        why: str) -> None:
    with pytest.raises(DirectoryError) as refused:
        read_directory({"desks.csv": text}, "desks", nx_seed_store)
    error = refused.value
    assert (error.file, error.row, error.column, error.value.strip()) == (
        "desks.csv", row, column, value.strip())
    assert why in str(error) and "desks.csv" in error.messages["ja"]


def test_files_that_are_no_directory_are_refused(nx_seed_store: NetworkxStore) -> None:
    for files, why in (({"notes.csv": "a,b\n1,2\n"}, "neither"),
                       ({"r.csv": RELATIONS}, "one organisations file"),
                       ({"o.csv": HEADER}, "no organisation"),
                       ({"o.csv": ORGANISATIONS, "r.csv": "from,type,to\n"},
                        "lacks the column quote"),
                       ({"datapackage.json": "{}", "services.csv": "id\n"}, "is missing")):
        with pytest.raises(DirectoryError, match=why):
            read_directory(files, "desks", nx_seed_store)


def test_a_sound_directory_states_its_rows(nx_seed_store: NetworkxStore) -> None:
    contribution = read_directory({"hamamatsu.csv": ORGANISATIONS, "rel.csv": RELATIONS},
                                  "Hamamatsu desks", nx_seed_store)
    assert contribution.document.id == directory_document_id("Hamamatsu desks") == (
        "directory-hamamatsu-desks")
    entities = {e.id: e for e in contribution.entities}
    desk = entities["hamamatsu-desk-chamber"]
    assert desk.aliases == ["浜松国際相談室", "HIBD"] and desk.country == "JP"
    assert desk.description_ja.startswith("浜松市の") and not desk.description
    assert entities["tenryu-shinkin-test"].description.startswith("Regional")
    stub = entities["jetro"]
    assert stub.name_en == "Japan External Trade Organization" and not stub.description
    assert stub.evidence[0].locator == "rel.csv:row 2"
    located = {(r.source, r.target) for r in contribution.relations if r.type == "LOCATED_IN"}
    assert located == {("hamamatsu-desk-chamber", "hamamatsu-city"),
                       ("tenryu-shinkin-test", "shizuoka-pref")}
    partner = next(r for r in contribution.relations if r.type == "PARTNERS_WITH")
    assert partner.evidence[0].locator == "rel.csv:row 2 (desk notes 2026-11)"
