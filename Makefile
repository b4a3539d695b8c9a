# The things people do with the registry. The README's commands and CI call these.
#
# Every package comes from the hash-locked files in requirements/ (one resolution, made by `make lock`):
#   validate.txt  the small set: impact validate, check-pr, judge-pr, from-issue, new, similar
#   site.txt      + the site extra (impact build, serve)
#   test.txt      + the test tools (what `make test` runs)
#   bench.txt     + check-jsonschema (what `make bench` compares with)
#   health.txt    the small set + the health extra (impact health, the weekly link check)
#   build.txt     the build backend alone (hatchling), in a venv of its own where the small set is installed
# site.txt, test.txt, bench.txt and health.txt hold the backend too: their installs build the tool in place, editable.
# uv installs them, itself pinned with hashes in .ci/uv-requirements.txt and bootstrapped with the
# machine's python3 and pip into .tools/ when absent.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
UV := .tools/uv-$(UV_VERSION)/bin/uv
export UV_PYTHON_DOWNLOADS := never
# One universal resolution for Python 3.11 and later on every platform; existing pins are kept unless UPGRADE=1.
COMPILE = $(UV) pip compile --universal --python-version 3.11 --generate-hashes --quiet $(if $(UPGRADE),--upgrade)
LOCK = $(COMPILE) pyproject.toml

.PHONY: setup validate build serve test lint bench audit lock clean issue-form i18n-extract i18n-update i18n-compile

$(UV): .ci/uv-requirements.txt
	rm -rf .tools/uv-$(UV_VERSION)
	python3 -m venv .tools/uv-$(UV_VERSION)
	.tools/uv-$(UV_VERSION)/bin/python -m pip install --quiet --require-hashes --no-deps -r $<
	touch $@

# $(VENV) holds exactly the locked set $(1) (`uv pip sync` removes anything else) and the tool itself,
# editable; built by the locked hatchling in $(VENV) (--no-build-isolation), so nothing is fetched.
define install
	$(UV) venv --quiet --allow-existing --python python3 $(VENV)
	VIRTUAL_ENV=$(VENV) $(UV) pip sync --quiet --require-hashes requirements/$(1).txt
	VIRTUAL_ENV=$(VENV) $(UV) pip install --quiet --no-deps --no-build-isolation --editable .
endef

setup: $(UV)  ## create .venv with the tool, the site extra and the test tools, exactly as locked
	$(call install,test)

validate: setup  ## check every registry file
	$(BIN)/impact validate

build: setup  ## validate, then build the public site into site/
	$(BIN)/impact build

serve: setup  ## preview the site, rebuilding when a registry file changes
	$(BIN)/impact serve

lint: setup  ## ruff, mypy (generator/), the stages' import contract (lint-imports) and zizmor on the workflows
	$(BIN)/ruff check generator tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/zizmor --offline --quiet .

test: setup  ## the whole test suite (browser tests included), as CI runs it
	bash .ci/browser-deps
	$(BIN)/ruff check generator tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/zizmor --offline --quiet .
	$(BIN)/pytest

issue-form: setup  ## write .github/ISSUE_TEMPLATE/register-coalition.yml from the form's questions and the schema
	$(PY) -m generator.intake.issue_form

bench: $(UV)  ## benchmarks at registry scale → benchmarks/RESULTS.md (about 20 minutes)
	$(call install,bench)
	$(PY) benchmarks/run.py

audit: setup  ## Lighthouse and the Nu HTML Checker on the built site → benchmarks/AUDIT.md (needs node, java)
	bash .ci/browser-deps
	cd benchmarks/audit && npm ci --no-audit --no-fund
	$(PY) benchmarks/audit.py

# uv keeps the hashes listed in a file it re-resolves: starting from the pins alone, each file gets every wheel's.
lock: $(UV)  ## re-resolve requirements/*.txt from pyproject.toml (UPGRADE=1: allow newer versions)
	sed -i -e '/--hash=sha256:/d' -e 's/ \\$$//' requirements/*.txt
	$(LOCK) --group build --extra site --extra health --group test --group bench -o requirements/bench.txt
	$(LOCK) -c requirements/bench.txt -o requirements/validate.txt
	$(LOCK) -c requirements/bench.txt --group build --extra site -o requirements/site.txt
	$(LOCK) -c requirements/bench.txt --group build --extra site --extra health --group test -o requirements/test.txt
	$(LOCK) -c requirements/bench.txt --group build --extra health -o requirements/health.txt
	$(COMPILE) -c requirements/bench.txt --group pyproject.toml:build -o requirements/build.txt

# The translations (generator/locale/<code>/LC_MESSAGES/impact.po; CONTRIBUTING.md, "Translations"). After changing
# a message in the code or the templates: extract, update (new messages appear empty, changed ones fuzzy), translate
# them in each .po, then compile; the tests fail on a catalog with an empty or fuzzy entry or a stale .mo.
POT := generator/locale/impact.pot
i18n-extract: setup  ## collect the messages of generator/ and site_templates/ into generator/locale/impact.pot
	$(BIN)/pybabel extract --mapping-file babel.cfg --add-location file --sort-by-file --no-wrap \
		--project "ImPACT Coalitions Registry" --copyright-holder "ImPACT Coalitions Registry contributors" \
		--header-comment "$$(cat generator/locale/HEADER)" -o $(POT) .

i18n-update: i18n-extract  ## bring every language's catalog up to the extracted messages (keeps X-Native-Review)
	$(PY) tools/i18n_update.py

i18n-compile: setup  ## compile every catalog (.po → .mo, what the tool reads); fails on a broken catalog
	$(BIN)/pybabel compile --statistics -D impact -d generator/locale

clean:  ## remove what builds, benchmarks and checks write (.venv and .tools stay)
	rm -rf site build .site.building-* benchmarks/out benchmarks/RESULTS-quick.md \
		.pytest_cache .ruff_cache .mypy_cache .import_linter_cache .hypothesis
