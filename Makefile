# Two commands are all a fresh machine needs: `make site` builds the site, `make test` runs the tests.
# Each creates the virtual environment and installs the project on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: install site test lint serve check clean golden fuzz

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# CI calls this once, so later steps reuse the venv instead of each installing again.
install: $(STAMP)

test: $(STAMP) lint
	$(BIN)/python -m pytest

# The property-based tests with 10,000 examples each instead of about 100: a longer hunt for inputs
# that crash the parsers, to run before a release or after changing sources.py or yamlfile.py.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -m "not slow and not browser" \
		-k "random or fuzz or corrupted or mutated"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

site: $(STAMP)
	$(BIN)/papersite build --content content --site-dir site

serve: $(STAMP)
	$(BIN)/papersite serve --content content

# Rewrites tests/golden/ from the current output: run on purpose, then review `git diff tests/golden`.
golden: $(STAMP)
	$(BIN)/python -m pytest tests/test_render.py -k golden --update-golden -q

check: $(STAMP)
	$(BIN)/papersite check --strict

clean:
	rm -rf $(VENV) site build docs-generated .pytest_cache .mypy_cache .ruff_cache
