# The two commands from the README:
#   make run    build the library from index/sources/ and serve it on http://127.0.0.1:5000
#   make test   run the whole test suite
VENV   ?= .venv
PYTHON ?= python3
PY     := $(VENV)/bin/python
HOME_DIR ?= index
PORT   ?= 5000

.PHONY: run test lint install install-test reindex bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# What running needs: the package and its dependencies, nothing for tests.
$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e .
	touch $@

# The test tools on top (pytest, Playwright, ruff, ...).
$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# axe-core for the accessibility checks in the browser tests (skipped if npm is absent)
node_modules/axe-core/axe.min.js: package.json
	@if command -v npm >/dev/null 2>&1; then npm install --no-audit --no-fund --silent; else echo "npm not found: accessibility checks will be skipped"; fi

reindex: install
	$(VENV)/bin/cuttings reindex --home $(HOME_DIR)

run: install reindex
	$(VENV)/bin/cuttings serve --home $(HOME_DIR) --host 127.0.0.1 --port $(PORT)

lint: install-test
	$(VENV)/bin/ruff check .

test: install-test node_modules/axe-core/axe.min.js lint
	$(PY) -m pytest -q

bench: install
	$(PY) scripts/bench_index.py
	$(PY) scripts/bench_pasted.py
	$(PY) scripts/bench_html.py
	$(PY) scripts/bench_speakers.py

clean:
	rm -rf $(VENV) node_modules index/whoosh index/whoosh.*
