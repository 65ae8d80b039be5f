# Two commands do everything on a fresh machine:
#   make serve   install, build the index from data/articles if there is none, serve :5000
#   make test    install with test extras, run every test
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
INDEX  := instance/index
HOST   ?= 127.0.0.1
PORT   ?= 5000
# Server processes (one per core is the measured best, README "Serving") and threads each.
WORKERS ?= 2
THREADS ?= 4

.PHONY: serve test install index rebuild check-system clean opensearch opensearch-stop

serve: install index
	@echo "Serving http://$(HOST):$(PORT)/ with $(WORKERS) processes  (Ctrl-C to stop)"
	$(VENV)/bin/gunicorn --bind $(HOST):$(PORT) --workers $(WORKERS) --threads $(THREADS) \
	  --worker-class gthread --limit-request-line 8190 'web:create_app()'

test: install
	$(PY) -m pytest

install: $(VENV)/.installed

$(VENV)/.installed: setup.cfg pyproject.toml | check-system
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,serve]'
	touch $@

# Build the index only when there is none; `make rebuild` always builds.
index: install
	@test -e $(INDEX)/current || $(MAKE) --no-print-directory rebuild

rebuild: install
	$(PY) scripts/build_index.py --index $(INDEX) || [ $$? -eq 1 ]

check-system:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || \
	  { echo "error: Python 3.10 or newer is needed (found: $$($(PYTHON) --version 2>&1))."; exit 1; }
	@test -x $(PY) && $(PY) -c 'import icu' 2>/dev/null || \
	  { pkg-config --exists icu-i18n 2>/dev/null && command -v gcc >/dev/null; } || \
	  { echo "error: PyICU needs the ICU headers, pkg-config and a C compiler to build."; \
	    echo "       On Debian/Ubuntu: sudo apt-get install libicu-dev pkg-config build-essential"; exit 1; }

# A local OpenSearch node on 127.0.0.1:9200 (fetched from Maven Central into
# instance/opensearch/ once); see docs/opensearch.md. Two nodes:
# scripts/opensearch/start.sh --nodes 2.
opensearch:
	@bash scripts/opensearch/start.sh

opensearch-stop:
	@bash scripts/opensearch/stop.sh

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
