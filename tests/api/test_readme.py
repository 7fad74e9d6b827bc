"""The README's tables are the app's: every route (with the token it needs) and every setting
is listed, and nothing that does not exist, and its first example is the answer the API gives
(so the documentation cannot drift from the code)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote_plus

import httpx
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from tests.support.paths import ROOT
from tsunagari.api.app import create_app
from tsunagari.api.auth import require_admin, require_writer
from tsunagari.api.routes import ROUTERS
from tsunagari.api.settings import Settings
from tsunagari.graph.embedded import NetworkxStore

README = (ROOT / "README.md").read_text(encoding="utf-8")
ROUTE_ROW = re.compile(r"^\| (GET|POST|PUT|PATCH|DELETE) `([^`?]+)[^`]*`", re.MULTILINE)
ROLE_ROW = re.compile(
    r"^\| (GET|POST|PUT|PATCH|DELETE) `([^`?]+)[^`]*`.*\| (open|desk|admin) \|$", re.MULTILINE)
SETTING_ROW = re.compile(r"^\| `(TSUNAGARI_[A-Z0-9_]+)` \| ([^|]+) \|", re.MULTILINE)


def _shape(path: str) -> str:
    """A path with its parameters unnamed: /v1/entities/{}."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def test_the_route_table_lists_every_operation(tmp_path: Path) -> None:
    store = NetworkxStore(tmp_path / "graph.sqlite3")
    app = create_app(store, Settings(data_dir=tmp_path))
    operations = {
        (method.upper(), _shape(path))
        for path, item in app.openapi()["paths"].items() for method in item
    }
    assert len(operations) > 20
    documented = {(method, _shape(path)) for method, path in ROUTE_ROW.findall(README)}
    store.close()
    assert documented == operations, {"missing from the README": operations - documented,
                                      "not in the app": documented - operations}


def _token_needed(dependant: Dependant) -> str:
    """The token a route's dependencies ask for: admin, desk (either role) or open."""
    calls, waiting = set(), [dependant]
    while waiting:
        found = waiting.pop()
        calls.add(found.call)
        waiting.extend(found.dependencies)
    return "admin" if require_admin in calls else "desk" if require_writer in calls else "open"


def test_the_route_table_names_the_token_each_route_needs() -> None:
    needed = {
        (method, _shape(route.path)): _token_needed(route.dependant)
        for router in ROUTERS for route in router.routes
        if isinstance(route, APIRoute) and route.include_in_schema
        for method in route.methods
    }
    documented = {(method, _shape(path)): role for method, path, role in ROLE_ROW.findall(README)}
    assert {role for role in needed.values()} == {"open", "desk", "admin"}
    assert documented == needed


def test_the_settings_table_lists_every_setting_with_its_default() -> None:
    documented = dict(SETTING_ROW.findall(README))
    fields = {f"TSUNAGARI_{name.upper()}": field for name, field in Settings.model_fields.items()}
    assert set(documented) == set(fields)
    for variable, field in fields.items():
        default = field.get_default(call_default_factory=True)
        shown = documented[variable].strip().strip("`")
        if isinstance(default, list | str) and not default:
            assert shown == "empty", variable
        elif isinstance(default, bool):
            assert shown == str(default).lower(), variable
        else:
            assert shown.removeprefix("./") == str(default), variable


def test_the_first_example_is_the_answer_the_api_gives(api: httpx.Client) -> None:
    """The README's first screen shows what `/v1/ask` answers, line for line."""
    block = re.search(r"```console\n\$ curl -s '[^']*/v1/ask\?q=([^']+)'.*?\n(.*?)```", README,
                      re.DOTALL)
    assert block is not None
    question = unquote_plus(block.group(1))
    shown = [line for line in block.group(2).splitlines() if not line.lstrip().startswith("|")]
    answer = api.get("/v1/ask", params={"q": question}).json()
    told = [answer["intent"], answer["answer"]["advice"]["en"],
            *(f"{item['role']}: {item['entity']['name_en']}" for item in answer["answer"]["items"][:4])]
    assert shown == told


def test_every_file_and_module_the_docs_and_benchmarks_name_exists() -> None:
    """Commands in the README and docs/ name files that exist, and the benchmark scripts
    import test helpers that exist (a moved module broke one once)."""
    texts = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    named = {path for text in texts for path in re.findall(
        r"\b((?:tests|benchmarks|graph|loaders|queries|api)/[\w/.-]+\.py)\b",
        text.read_text(encoding="utf-8"))}
    assert len(named) > 10
    assert sorted(path for path in named if not (ROOT / path).exists()) == []
    for script in sorted((ROOT / "benchmarks").glob("*.py")):
        modules = re.findall(r"^from (tests\.[\w.]+) import", script.read_text(encoding="utf-8"),
                             re.MULTILINE)
        missing = [m for m in modules if not (ROOT / (m.replace(".", "/") + ".py")).exists()]
        assert missing == [], script.name
