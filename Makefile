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
# The newsroom editor at /admin/ (Decap CMS, decap-server, js-yaml): package.json's
# dependencies, which every build needs unless WARTA_EDITOR = False.
EDITOR_DEPS := node_modules/.editor-installed
# All of package.json, with Lighthouse and the Nu Html Checker (devDependencies) for the tests.
NODE_DEPS := node_modules/.installed

.PHONY: html serve publish test test-suite test-fast lint golden bench audit messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUNTIME): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(RUNTIME) $@

# --ignore-scripts: vnu-jar's install script would download a Java runtime where none is
# installed; we use Debian's (scripts/system-packages.sh), and no other package has one.
$(NODE_DEPS): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@ $(EDITOR_DEPS)

# Without npm it says what the editor needs and goes on: the build then names the setting.
$(EDITOR_DEPS): package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --ignore-scripts --omit=dev && touch $@; \
	else \
		echo "npm not found: the newsroom editor needs Node.js and npm (apt-get install nodejs npm), or WARTA_EDITOR = False in $(CONFFILE)" >&2; \
	fi

html: $(RUNTIME) $(EDITOR_DEPS)
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) --fatal warnings

serve: $(RUNTIME) $(EDITOR_DEPS)
	$(BIN)/warta -s $(CONFFILE) serve --port $(PORT)

publish: $(RUNTIME) $(EDITOR_DEPS)
	$(BIN)/warta -s $(PUBLISHCONF) publish

lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# System packages first (Chromium, chromedriver, Node.js, Java, python3-venv): installed when
# run as root on Debian or Ubuntu, otherwise named in one line, and nothing else runs. The rest
# is a sub-make so that even `make -j` starts nothing before them.
test:
	PYTHON='$(PYTHON)' scripts/system-packages.sh install
	$(MAKE) --no-print-directory test-suite

test-suite: lint $(NODE_DEPS)
	$(BIN)/pytest

# The loop while working: the suite without the tests marked browser or archive (conftest.py's
# MARKED says which). Run `make test` before a commit.
test-fast: $(DEV) $(NODE_DEPS)
	$(BIN)/pytest -m "not browser and not archive"

# Prints speed and quality figures, each beside a baseline measured in the same run.
# `make bench` runs every benchmark; `make bench build` (or `related`, `images`, `check`,
# `listings`, several at once) runs those named: the goals after `bench` are its arguments, and
# do nothing as goals of their own. Options go in BENCH_OPTIONS, e.g.
# `make bench build BENCH_OPTIONS="--sizes 1000,10000 --keep /var/tmp/warta-archives"`.
BENCH_OPTIONS ?=
ifeq (bench,$(firstword $(MAKECMDGOALS)))
BENCH_NAMES := $(wordlist 2,$(words $(MAKECMDGOALS)),$(MAKECMDGOALS))
.PHONY: $(BENCH_NAMES)
$(BENCH_NAMES):
	@:
endif

bench: $(DEV)
	$(BIN)/python -m bench $(BENCH_NAMES) $(BENCH_OPTIONS)

# Builds the sample site and audits it as readers see it: Lighthouse on its key pages in both
# colour schemes, contrast (axe-core), screenshots of every kind of page (test-artifacts/
# screenshots/audit/) and the printed story (test-artifacts/print/).
audit: $(DEV) $(NODE_DEPS)
	$(BIN)/python -m audit

# Re-extracts the theme's UI strings and Warta's messages into messages.pot and merges them into each catalogue;
# then translate what is new in theme/translations/<lang>/LC_MESSAGES/messages.po.
messages: $(DEV)
	$(BIN)/pybabel extract -F theme/translations/babel.cfg -k t -k tn:1,2 --no-location \
		--sort-output --omit-header -o theme/translations/messages.pot .
	$(BIN)/pybabel update -i theme/translations/messages.pot -d theme/translations \
		--width 100 --no-fuzzy-matching

# Rewrites the golden article text after a deliberate change; review it with `git diff`.
golden: $(DEV)
	$(BIN)/python -m tests.golden

clean:
	rm -rf $(OUTPUTDIR) .pytest_cache .mypy_cache .ruff_cache
