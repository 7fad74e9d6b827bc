"""The HSDS tabular export (`tsunagari export --format hsds`): validated by the Frictionless
validator against the HSDS 3 specification's own data package, and read back by the
directory import."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import frictionless
import pytest

from tests.support.processes import run_cli
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.loaders import read_directory_path

OFFICIAL = Path(__file__).resolve().parent.parent / "support" / "hsds" / "datapackage.json"


def _official_package(folder: Path) -> Path:
    """The specification's data package cut to the tables the folder holds (the way its own
    examples are checked: a table absent is not an error), written beside the files."""
    package = json.loads(OFFICIAL.read_text(encoding="utf-8"))
    present = {p.name for p in folder.glob("*.csv")}
    package["resources"] = [r for r in package["resources"] if r["path"] in present]
    names = {r["name"] for r in package["resources"]}
    for resource in package["resources"]:
        keys = [k for k in resource["schema"].get("foreignKeys", [])
                if k["reference"]["resource"] in names]
        resource["schema"].pop("foreignKeys", None)
        if keys:
            resource["schema"]["foreignKeys"] = keys
    path = folder / "hsds-official.json"
    path.write_text(json.dumps(package), encoding="utf-8")
    return path


def _errors(package: Path) -> list[str]:
    report = frictionless.validate(str(package))
    return [f"{task.name}: {error.type}: {error.message}"
            for task in report.tasks for error in task.errors]


@pytest.fixture(scope="module")
def exported(nx_seed_store: NetworkxStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hsds")
    done = run_cli(nx_seed_store.path.parent, "export", "--format", "hsds", "-o", str(folder))
    assert done.returncode == 0, done.stderr
    return folder


def test_the_export_validates_against_the_hsds_3_data_package(exported: Path) -> None:
    official = json.loads(OFFICIAL.read_text(encoding="utf-8"))
    official_tables = {r["path"]: [f["name"] for f in r["schema"]["fields"]]
                       for r in official["resources"]}
    for path in exported.glob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            assert next(csv.reader(handle)) == official_tables[path.name], path.name
    assert _errors(_official_package(exported)) == []
    assert _errors(exported / "datapackage.json") == []
    with (exported / "services.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) >= 40


def test_the_validator_catches_a_broken_export(exported: Path, tmp_path: Path) -> None:
    for path in exported.glob("*.csv"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    services = tmp_path / "services.csv"
    rows = services.read_text(encoding="utf-8").splitlines()
    first = rows[1].split(",")
    rows[1] = ",".join([first[0], "not-a-uuid", *first[2:]])
    services.write_text("\n".join(rows) + "\n", encoding="utf-8")
    errors = _errors(_official_package(tmp_path))
    assert errors and any("organization_id" in e or "foreign" in e for e in errors)


def test_the_export_reads_back_as_a_directory(exported: Path,
                                              nx_seed_store: NetworkxStore) -> None:
    contribution = read_directory_path(exported, None, nx_seed_store)
    services: dict[str, Any] = {s.id: s for e in contribution.entities for s in e.services}
    original = {s.id: s for e in nx_seed_store.entities() for s in e.services}
    assert services.keys() == original.keys()
    survey = services["jetro-fs-local-additional-survey"]
    assert survey.organization == "jetro"
    assert survey.needs == original[survey.id].needs
    assert survey.evidence[0].locator.startswith("services.csv:row ")
    ota = next(e for e in contribution.entities if e.id == "ota-techno-park")
    assert ota.type.value == nx_seed_store.entity("ota-techno-park").type.value
    assert {s.area_served[0] for s in ota.services if s.area_served} <= {
        "thailand", "amata-city-chonburi-ip"}
