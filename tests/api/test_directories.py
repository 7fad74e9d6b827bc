"""Directories in: a desk's CSV (and an HSDS package) imported over HTTP on both stores, all or
nothing, every refusal naming file, row, column and value, the same files again changing
nothing, a changed file replacing what the directory said."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.support.directories import (
    AMBIGUOUS_PLACE,
    BAD_PLACE,
    BAD_RELATION,
    BAD_TYPE,
    ORGANISATIONS,
    RELATIONS,
)
from tests.support.processes import run_cli
from tests.support.servers import WriteApi, state

FILES = {"hamamatsu.csv": ORGANISATIONS, "hamamatsu_relations.csv": RELATIONS}


def _import(writes: WriteApi, files: dict[str, str], name: str = "hamamatsu") -> httpx.Response:
    return writes.client.post("/v1/directories", json={"name": name, "files": files},
                              headers=writes.admin())


@pytest.mark.parametrize(("files", "file", "row", "column", "value"), [
    ({**FILES, "hamamatsu.csv": BAD_PLACE}, "hamamatsu.csv", 2, "located_in", "Hamamatsuu"),
    ({**FILES, "hamamatsu.csv": BAD_TYPE}, "hamamatsu.csv", 3, "type", "Bank"),
    ({**FILES, "hamamatsu.csv": AMBIGUOUS_PLACE}, "hamamatsu.csv", 3, "located_in", "府中市"),
    ({**FILES, "hamamatsu_relations.csv": BAD_RELATION}, "hamamatsu_relations.csv", 2, "to",
     "nobody-known"),
])
def test_a_bad_row_is_refused_by_file_row_column_and_value_and_changes_nothing(
    writes: WriteApi, files: dict[str, str], file: str, row: int, column: str, value: str,
) -> None:
    before = state(writes)
    answer = _import(writes, files)
    assert answer.status_code == 422
    problem = answer.json()
    assert (problem["file"], problem["row"], problem["column"], problem["value"]) == (
        file, row, column, value)
    assert f"row {row}" in problem["detail"] and value in problem["detail"]
    assert f"{row}行目" in problem["messages"]["ja"] and column in problem["messages"]["ja"]
    assert state(writes) == before


def test_the_corrected_directory_loads_is_found_and_stands_in_answers(writes: WriteApi) -> None:
    answer = _import(writes, FILES)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Location"] == "/v1/documents/directory-hamamatsu"
    assert sorted(answer.json()["graph"]["entities_added"]) == [
        "hamamatsu-desk-chamber", "tenryu-shinkin-test"]
    for name in ("浜松国際ビジネス相談室", "HIBD", "Tenryu Test Shinkin Bank"):
        hits = writes.client.get("/v1/search", params={"q": name}).json()["results"]
        assert hits[0]["id"] in ("hamamatsu-desk-chamber", "tenryu-shinkin-test"), name
    entity = writes.client.get("/v1/entities/hamamatsu-desk-chamber").json()
    located = {r["target"] for r in entity["relations"] if r["type"] == "LOCATED_IN"}
    assert located == {"hamamatsu-city"}
    assert entity["evidence"][0]["locator"] == "hamamatsu.csv:row 2"
    partner = next(r for r in entity["relations"] if r["type"] == "PARTNERS_WITH")
    assert partner["evidence"][0]["quote"].startswith("浜松国際ビジネス相談室はJETROと連携")
    asked = writes.client.get("/v1/ask", params={
        "q": "浜松市の部品メーカーがベトナムに進出したい。どこに相談すればいい？"}).json()
    first = [i["entity"]["id"] for i in asked["answer"]["items"] if i["role"] == "first-contact"]
    assert first[0] == "hamamatsu-desk-chamber"
    chains = writes.client.get("/v1/connect", params={
        "from": "hamamatsu-desk-chamber", "to": "Vietnam"}).json()["chains"]
    assert chains and chains[0]["steps"][1]["entity"]["id"] == "jetro"


def test_the_same_files_again_change_nothing_and_a_changed_file_replaces(
        writes: WriteApi) -> None:
    assert _import(writes, FILES).status_code == 200
    before = state(writes)
    again = _import(writes, FILES).json()["graph"]
    assert again["entities_added"] == again["entities_removed"] == again["relations_added"] == []
    assert again["summary"].endswith("unchanged")
    assert state(writes)[:2] == before[:2]
    one_left = ORGANISATIONS.rsplit("\n", 2)[0] + "\n"
    changed = _import(writes, {"hamamatsu.csv": one_left}).json()["graph"]
    assert changed["entities_removed"] == ["tenryu-shinkin-test"]
    assert writes.client.get("/v1/entities/tenryu-shinkin-test").status_code == 404
    assert writes.client.get("/v1/entities/hamamatsu-desk-chamber").status_code == 200


def test_only_an_admin_imports(writes: WriteApi) -> None:
    before = state(writes)
    assert writes.client.post("/v1/directories", json={"name": "x", "files": FILES},
                              headers=writes.auth()).status_code == 403
    assert writes.client.post("/v1/directories",
                              json={"name": "x", "files": FILES}).status_code == 401
    assert state(writes) == before


def test_the_cli_imports_refuses_by_row_and_changes_nothing(tmp_path: Path) -> None:
    assert run_cli(tmp_path, "load").returncode == 0
    (tmp_path / "hamamatsu.csv").write_text(BAD_PLACE, encoding="utf-8")
    (tmp_path / "hamamatsu_relations.csv").write_text(RELATIONS, encoding="utf-8")
    relations = ["--relations", str(tmp_path / "hamamatsu_relations.csv")]
    refused = run_cli(tmp_path, "import", str(tmp_path / "hamamatsu.csv"), *relations)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "hamamatsu.csv, row 2, column located_in" in refused.stderr
    assert "'Hamamatsuu'" in refused.stderr
    assert "hamamatsu-desk" not in run_cli(tmp_path, "search", "HIBD").stdout
    (tmp_path / "hamamatsu.csv").write_text(ORGANISATIONS, encoding="utf-8")
    done = run_cli(tmp_path, "import", str(tmp_path / "hamamatsu.csv"), *relations)
    assert done.returncode == 0, done.stderr
    assert "directory-hamamatsu: entities +2" in done.stdout
    assert "hamamatsu-desk-chamber" in run_cli(tmp_path, "search", "HIBD").stdout
