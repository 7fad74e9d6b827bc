"""The examples in docstrings are tests too: every module that has examples runs them."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import tsunagari

MODULES = sorted(
    info.name
    for package in ("graph", "loaders", "queries", "api")
    for info in pkgutil.walk_packages(
        importlib.import_module(f"tsunagari.{package}").__path__, f"tsunagari.{package}."
    )
)
WITH_EXAMPLES = [
    name for name in MODULES
    if any(not example.options.get(doctest.SKIP)
           for test in doctest.DocTestFinder().find(importlib.import_module(name))
           for example in test.examples)
]
"""The modules whose docstrings hold an example that runs (not only `+SKIP` ones)."""


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0


def test_every_package_is_found_and_many_modules_show_examples() -> None:
    assert len(MODULES) > 60
    assert len(WITH_EXAMPLES) >= 10, WITH_EXAMPLES
    assert tsunagari.__path__
