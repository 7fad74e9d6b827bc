# tsunagari: `make run` serves the seed graph, `make test` runs the whole suite.
# Both set up everything they need from nothing (a virtual environment in .venv).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test test-fast load serve lint audit bench clean neo4j neo4j-deps browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

load: $(STAMP)
	$(BIN)/tsunagari load

serve: $(STAMP)
	$(BIN)/tsunagari serve

run: load serve

test: $(STAMP) neo4j-deps browser lint
	$(BIN)/python -m pytest

# The inner loop: ruff and every test that needs no Neo4j, no browser and no long campaign.
test-fast: $(STAMP)
	$(BIN)/ruff check graph loaders queries api tests benchmarks
	$(BIN)/python -m pytest -m "not neo4j and not browser and not slow"

lint: $(STAMP)
	$(BIN)/ruff check graph loaders queries api tests benchmarks
	$(BIN)/mypy graph loaders queries api

# Known vulnerabilities of every installed package. pip-audit asks an online advisory
# service; when that service cannot be reached it fails (--strict) instead of reporting
# a clean result.
# Not part of `make test`. Findings and their explanation: docs/reliability.md.
audit: $(STAMP)
	$(BIN)/pip install --quiet -e '.[audit]'
	$(BIN)/pip-audit --strict --skip-editable --progress-spinner off

# The scale benchmark: synthetic networks of 10k and 100k nodes on both stores, one table
# (docs/performance.md), then reads beside a writer at 50k and 100k. BENCH_ARGS=--million
# adds a million nodes; a larger Neo4j heap (TSUNAGARI_NEO4J_HEAP, default 8g here) holds the
# 100k-entity document in one transaction.
bench: $(STAMP) neo4j-deps
	TSUNAGARI_NEO4J_HEAP=$${TSUNAGARI_NEO4J_HEAP:-8g} $(BIN)/python benchmarks/scale.py $(BENCH_ARGS)
	TSUNAGARI_NEO4J_HEAP=$${TSUNAGARI_NEO4J_HEAP:-8g} $(BIN)/python benchmarks/live_writes.py

clean:
	rm -rf $(VENV) data .pytest_cache

neo4j: $(STAMP) neo4j-deps
	$(BIN)/python -m tsunagari.graph.neo4j.server

# Java 17 and Maven run the Neo4j of the tests: installed with apt-get under CI=true on
# Debian, named otherwise (the tests that need them are then skipped, loudly).
neo4j-deps:
	@if command -v mvn >/dev/null && java -version 2>&1 | grep -q 'version "17'; then :; \
	elif [ "$$CI" = "true" ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq openjdk-17-jdk-headless maven; \
	else echo "Neo4j tests need Java 17 and Maven: apt-get install openjdk-17-jdk-headless maven"; fi

# Debian's chromium runs the web page tests (playwright drives it; no browser download):
# installed with apt-get under CI=true on Debian, named otherwise (those tests then skip).
browser:
	@if command -v chromium >/dev/null; then :; \
	elif [ "$$CI" = "true" ] && [ -f /etc/debian_version ]; then \
		apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk; \
	else echo "The web page tests need Chromium: apt-get install chromium fonts-noto-cjk"; fi
