"""The tree shows the architecture, and keeps showing it: layers point down, sub-packages are
entered through their public surface, no private name crosses a module, every package is
installed, no two modules share a name, tests import no other test module.

Layers (docs/architecture.md): `graph` imports no other folder; `loaders` and `queries`
import only `graph` (and themselves); `api` may import all. Inside `api`, only the app and
the command line put routes together; middleware, schemas and the modules beside them never
import a route.
"""

from __future__ import annotations

import ast
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("graph", "loaders", "queries", "api")
ALLOWED = {
    "graph": {"graph"},
    "loaders": {"graph", "loaders"},
    "queries": {"graph", "queries"},
    "api": set(LAYERS),
}
"""Which layers each layer may import."""
DATA_PACKAGES = {"tsunagari.api.web", "tsunagari.graph.neo4j.launcher"}
"""Folders installed for their files (the web page, the Neo4j launcher), not Python code."""
MAX_API_MODULES = 10


@dataclass(frozen=True)
class Import:
    """One `from tsunagari.x import names` (or `import tsunagari.x`) of a module."""

    module: str
    """The importing module."""
    target: str
    names: tuple[str, ...]
    line: int


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["tsunagari", *parts])


def source_files(folders: tuple[str, ...] = LAYERS) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def imports_of(path: Path) -> list[Import]:
    """The imports of tsunagari modules in a file, at any depth of its syntax tree."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tsunagari"):
            names = tuple(alias.name for alias in node.names)
            found.append(Import(module_name(path), node.module, names, node.lineno))
        elif isinstance(node, ast.Import):
            found += [Import(module_name(path), alias.name, (), node.lineno)
                      for alias in node.names if alias.name.startswith("tsunagari")]
    return found


def layer_of(module: str) -> str:
    return module.split(".")[1]


def sub_packages() -> dict[str, set[str]]:
    """Every package below a layer, with the names of its `__all__`."""
    surfaces = {}
    for init in ROOT.glob("*/*/**/__init__.py"):
        if init.relative_to(ROOT).parts[0] not in LAYERS:
            continue
        surfaces[module_name(init)] = set(declared_all(init))
    return surfaces


def declared_all(init: Path) -> list[str]:
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            if isinstance(target, ast.Name) and target.id == "__all__" and node.value is not None:
                value: list[str] = ast.literal_eval(node.value)
                return value
    raise AssertionError(f"{init.relative_to(ROOT)} has no __all__")


ALL_IMPORTS = [found for path in source_files() for found in imports_of(path)]


def test_layers_point_down() -> None:
    wrong = [
        f"{i.module}:{i.line} imports {i.target}"
        for i in ALL_IMPORTS if layer_of(i.target) not in ALLOWED[layer_of(i.module)]
    ]
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_no_middleware_schema_or_helper_imports_a_route() -> None:
    may_assemble = {"tsunagari.api.app", "tsunagari.api.routes"}
    wrong = [
        f"{i.module}:{i.line} imports {i.target}"
        for i in ALL_IMPORTS
        if i.target.startswith("tsunagari.api.routes") and i.module not in may_assemble
    ]
    assert not wrong, "\n".join(wrong)


def test_sub_packages_are_entered_through_their_public_names() -> None:
    """Outside a sub-package, its modules are reached through the package (`from
    tsunagari.queries.projection import Projection`), and only for names of its `__all__`."""
    surfaces = sub_packages()
    wrong = []
    for i in ALL_IMPORTS:
        for package, public in surfaces.items():
            inside = i.module == package or i.module.startswith(package + ".")
            if inside:
                continue
            if i.target.startswith(package + "."):
                wrong.append(f"{i.module}:{i.line} reaches into {i.target}")
            elif i.target == package:
                hidden = [n for n in i.names if n not in public and f"{package}.{n}" not in surfaces]
                if hidden:
                    wrong.append(f"{i.module}:{i.line} takes {hidden} not in {package}.__all__")
    assert not wrong, "\n".join(wrong)


def test_no_private_name_crosses_a_module() -> None:
    test_imports = [found for path in source_files(("tests", "benchmarks"))
                    for found in imports_of(path)]
    wrong = [
        f"{i.module}:{i.line} imports {name} from {i.target}"
        for i in ALL_IMPORTS + test_imports for name in i.names
        if name.startswith("_") and not name.startswith("__")
    ]
    assert not wrong, "\n".join(wrong)


def test_every_public_name_exists() -> None:
    """What a package's `__all__` names is importable from it."""
    import importlib

    for package, public in sub_packages().items():
        loaded = importlib.import_module(package)
        missing = [name for name in public if not hasattr(loaded, name)]
        assert not missing, f"{package}.__all__ names {missing}, which it does not define"


def test_the_package_list_installs_every_folder() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    folders = {module_name(init) for layer in LAYERS for init in (ROOT / layer).rglob("__init__.py")}
    assert listed == folders | DATA_PACKAGES
    for package in DATA_PACKAGES:
        folder = ROOT.joinpath(*package.split(".")[1:])
        assert folder.is_dir() and any(folder.iterdir()), package
        assert config["tool"]["setuptools"]["package-data"][package] == ["*"]


def test_no_two_modules_share_a_name() -> None:
    names = Counter(p.name for p in source_files() if p.name != "__init__.py")
    assert [name for name, count in names.items() if count > 1] == []


def test_the_api_folder_stays_small() -> None:
    top = [p for p in (ROOT / "api").glob("*.py")]
    assert len(top) <= MAX_API_MODULES, sorted(p.name for p in top)


@pytest.mark.parametrize("path", source_files(("tests",)), ids=lambda p: str(p.relative_to(ROOT)))
def test_tests_import_helpers_not_other_tests(path: Path) -> None:
    """Test modules share code through tests/support/ (and fixtures through conftest, which
    pytest provides): never by importing a test module or a conftest."""
    wrong = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level or module.startswith("tests") and not module.startswith("tests.support"):
                wrong.append(f"line {node.lineno}: from {'.' * node.level}{module}")
    assert not wrong, "\n".join(wrong)
