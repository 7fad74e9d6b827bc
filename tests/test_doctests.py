"""The examples in docstrings are tests too."""

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


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0


def test_every_package_is_found() -> None:
    assert len(MODULES) > 10
    assert tsunagari.__path__
