# Three commands are all a fresh machine needs: `make site` builds the site, `make serve` previews it
# while content/ is edited, `make test` runs the tests. Each creates the virtual environment and
# installs the project on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

# The oldest Python the pinned releases install on (pymdown-extensions needs 3.11.5, newer than
# pyproject.toml's requires-python), checked before a venv is made: an older one left a half-made
# venv and pip's "Could not find a version that satisfies the requirement". Written to run on any
# Python, 2.7 included; it names the interpreter, as PYTHON=python3 may be any of them.
CHECK_PYTHON := $(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(None if v >= (3, 11, 5) \
	else "papersite needs Python 3.11.5+, but $(PYTHON) is Python %d.%d.%d (%s): name a newer one, as in make PYTHON=python3.12" \
	% (v[0], v[1], v[2], sys.executable))'

LOCK_VENV := build/lock-venv
# pyproject.toml names the dependencies and the versions papersite works with; requirements/ pins
# the exact releases and files, with their hashes, that CI tests and the deploy builds with.
COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet \
	--generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links

.PHONY: install site test lint serve check clean golden fuzz lock

$(STAMP): pyproject.toml requirements/dev.txt requirements/build.txt
	@$(CHECK_PYTHON)
	$(PYTHON) -m venv $(VENV)
	# With the pip the venv comes with (23.2+ on 3.11.5+, which checks hashes and installs
	# editable projects): an upgrade from PyPI would be the one release fetched unchecked.
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt -r requirements/build.txt
	# Built with the setuptools pinned above: build isolation would fetch the newest, unchecked.
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# After a change to the dependencies in pyproject.toml, or to renew the pins: the newest releases
# pyproject.toml allows, with their hashes. Review `git diff requirements/`, then `make test`.
lock:
	@$(CHECK_PYTHON)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet pip-tools
	$(COMPILE) --upgrade --extra test --output-file requirements/dev.txt pyproject.toml
	$(COMPILE) --upgrade --output-file requirements/site.txt pyproject.toml
	# The build backend, for `pip install --no-build-isolation` here and in the deploy (setuptools
	# is "unsafe" to pip-compile, which leaves it out unless allowed).
	$(COMPILE) --upgrade --allow-unsafe --build-deps-for wheel --only-build-deps \
		--output-file requirements/build.txt pyproject.toml

# CI calls this once, so later steps reuse the venv instead of each installing again.
install: $(STAMP)

test: $(STAMP) lint
	$(BIN)/python -m pytest

# The property-based (Hypothesis) tests with 10,000 examples each instead of about 100: a longer hunt for inputs
# that crash the parsers, to run before a release or after changing sources.py, dumps.py,
# yamlfile.py or yaml_hints.py.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -m property

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

site: $(STAMP)
	$(BIN)/papersite build --content content --site-dir site

# `make serve DEV_ADDR=127.0.0.1:8001` previews at another address, when 8000 is taken; unset, the
# address is mkdocs.yml's dev_addr, else MkDocs' 127.0.0.1:8000.
DEV_ADDR ?=
serve: $(STAMP)
	$(BIN)/papersite serve --content content $(if $(DEV_ADDR),--dev-addr $(DEV_ADDR))

# Rewrites tests/golden/ from the current output: run on purpose, then review `git diff tests/golden`.
golden: $(STAMP)
	$(BIN)/python -m pytest tests/test_render.py -k golden --update-golden -q

check: $(STAMP)
	$(BIN)/papersite check --strict

# Everything make and the tools made: the venv, the site, build/ (the generated pages, the lock's
# venv), a killed build's work folder, and the tools' caches.
clean:
	rm -rf $(VENV) site build .*.building-* .pytest_cache .mypy_cache .ruff_cache .hypothesis
