# The things people do with the registry. The README's commands and CI call these.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: setup validate build serve test lint bench audit clean

$(BIN)/impact: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/impact  ## create .venv and install the tool with its test dependencies

validate: setup  ## check every registry file
	$(BIN)/impact validate

build: setup  ## validate, then build the public site into site/
	$(BIN)/impact build

serve: setup  ## preview the site, rebuilding when a registry file changes
	$(BIN)/impact serve

lint: setup
	$(BIN)/ruff check generator tests benchmarks

test: setup  ## the whole test suite (browser tests included), as CI runs it
	bash .ci/browser-deps
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/pytest

bench: setup  ## benchmarks at registry scale → benchmarks/RESULTS.md (about 15 minutes)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) benchmarks/run.py

audit: setup  ## Lighthouse and the Nu HTML Checker on the built site → benchmarks/AUDIT.md (needs node, java)
	bash .ci/browser-deps
	cd benchmarks/audit && npm install --no-audit --no-fund
	$(PY) benchmarks/audit.py

clean:
	rm -rf site .site-* docs_generated .pytest_cache
