# Qwen Atlas: every task has one target. The first run creates .venv and installs requirements.lock.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve build test check bench clean browser-deps urls new-model lint mutation lighthouse

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else "Qwen Atlas needs Python >= 3.11.5; set PYTHON=/path/to/python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(STAMP)

serve: $(STAMP)  ## live preview at http://127.0.0.1:8000, reloading on docs/, data/, macros/
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: $(STAMP)  ## strict build into site/
	$(BIN)/mkdocs build --strict

check: $(STAMP)  ## validate data and page references only (about a second)
	$(BIN)/python -m macros.contrib.check

new-model: $(STAMP)  ## add a model entry full of TODOs: make new-model NAME=Qwen3.5-4B FAMILY=qwen3.5 [BASE=<id>]
	$(BIN)/python -m macros.contrib.scaffold --name "$(NAME)" --family "$(FAMILY)" --base "$(BASE)"

lint: $(STAMP)  ## ruff (Python) and yamllint (data, workflows)
	$(BIN)/ruff check .
	$(BIN)/yamllint --strict .

test: $(STAMP)  ## the whole suite, including one strict build, on both cores
	$(BIN)/python -m pytest -n 2

urls: $(STAMP)  ## add new URLs to tests/published-urls.txt; fails if a published URL stopped resolving
	$(BIN)/python -m macros.contrib.url_manifest

bench: $(STAMP)  ## build time and page weight at 1x, 10x, 30x the catalogue
	$(BIN)/python -m tests.bench

lighthouse: $(STAMP)  ## Lighthouse (mobile, gzip-served) on the six key pages, median of 3 runs; needs npm and Chromium
	test -x .lighthouse/node_modules/.bin/lighthouse || npm install --silent --prefix .lighthouse lighthouse@13
	$(BIN)/mkdocs build --strict -d .lighthouse/site
	$(BIN)/python -m tests.lighthouse .lighthouse/site --lighthouse .lighthouse/node_modules/.bin/lighthouse --runs 3

mutation: $(STAMP)  ## mutation testing on the fast tests (slow: about half an hour); prints killed/total per module
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-mutation.lock
	rm -rf mutants
	-$(BIN)/mutmut run --max-children 2
	$(BIN)/python -m tests.mutation_report

clean:
	rm -rf site .pytest_cache .hypothesis mutants

.PHONY: sources
sources: $(STAMP)  ## secondary sources with the facts resting on them, then provenance coverage
	$(BIN)/python -m macros.contrib.sources_report
