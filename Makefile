# tsunagari: `make run` serves the seed graph, `make test` runs the whole suite.
# Both set up everything they need from nothing (a virtual environment in .venv).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test load serve lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

load: $(STAMP)
	$(BIN)/tsunagari load

serve: $(STAMP)
	$(BIN)/tsunagari serve

run: load serve

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/pip install --quiet ruff mypy types-PyYAML
	$(BIN)/ruff check graph loaders queries api tests
	$(BIN)/mypy graph loaders queries api

clean:
	rm -rf $(VENV) data .pytest_cache
