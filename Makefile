# Each target is a thin call; the virtual environment is made and filled on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
INPUTDIR := content
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
PORT ?= 8000

RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed

.PHONY: html serve publish test lint golden bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUNTIME): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(RUNTIME) $@

html: $(RUNTIME)
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) --fatal warnings

serve: $(RUNTIME)
	$(BIN)/warta -s $(CONFFILE) serve --port $(PORT)

publish: $(RUNTIME)
	$(BIN)/warta -s $(PUBLISHCONF) publish

lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

# Prints speed and quality figures, each beside a baseline measured in the same run.
bench: $(DEV)
	$(BIN)/python -m bench

# Rewrites the golden article text after a deliberate change; review it with `git diff`.
golden: $(DEV)
	$(BIN)/python -m tests.golden

clean:
	rm -rf $(OUTPUTDIR) .pytest_cache .mypy_cache .ruff_cache
