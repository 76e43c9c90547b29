# Two commands set up everything on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint test-browser mutate setup clean bench

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/tidings demo

# Lint (ruff), format check (ruff format) and types (mypy); settings in pyproject.toml.
lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

# Lint, then everything that can run here; the run ends with a "skipped areas" section naming
# what was not tested (no ../shared beside the checkout, no Chromium) and why.
test: lint
	$(BIN)/python -m pytest -q

# Only the browser tests (Chromium through Playwright); a skip fails.
test-browser: $(STAMP)
	TIDINGS_NO_SKIPS=1 $(BIN)/python -m pytest -q -m browser

# Mutation testing of the core modules (mutmut); per-module scores go to docs/mutation.md.
# MODULES="dedup export" to run some of them.
mutate: $(STAMP)
	$(BIN)/python scripts/mutate.py $(if $(MODULES),--modules $(MODULES),)

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info mutants
