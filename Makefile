# landdb — the two commands: `make demo` and `make test`. Every target is safe to run twice.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian packages: the server, PostGIS for the installed major, OCR, GDAL, fonts that cover Vietnamese.
# libtesseract-dev & co.: tesserocr (in-process Tesseract) is built against Debian's own libtesseract;
# hunspell-vi: the Vietnamese syllable list that names and places are checked against.
APT_PACKAGES := postgresql postgresql-contrib tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng \
                libtesseract-dev libleptonica-dev pkg-config g++ hunspell-vi \
                gdal-bin poppler-utils fonts-liberation2 fonts-dejavu-core chromium libreoffice-calc-nogui pgbouncer

# the Python headers a compiled package (tesserocr) needs
export HAS_HEADERS := import os, sysconfig; assert os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h"))

.PHONY: help setup system-packages venv db migrate demo test test-durations test-fast bench bench-scale lint clean

help:
	@echo "make demo   - install what is missing, start the project's PostGIS, build the land database from sample_scans/"
	@echo "make test   - install what is missing and run the whole test suite against the real PostGIS and Tesseract"
	@echo "make test-durations - make test, then its per-file costs into tests/durations.json (the order make test runs files in)"
	@echo "make bench  - benchmarks (OCR accuracy and speed, QA, import) with baselines measured in the same run"
	@echo "make bench-scale [SIZES=\"100000 500000\"] - the synthetic city at each size (long; a size built is reused)"
	@echo "make setup | db | migrate | lint | clean"

setup: system-packages venv

system-packages:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if command -v pg_config >/dev/null || ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then \
	  major=$$(ls /usr/lib/postgresql | sort -n | tail -1); \
	  dpkg-query -W -f='$${Status}' postgresql-$$major-postgis-3 2>/dev/null | grep -q "ok installed" \
	    || missing="$$missing postgresql-$$major-postgis-3"; \
	else missing="$$missing postgis-for-installed-major"; fi; \
	$(PYTHON) -c 'import ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	$(PYTHON) -c "$$HAS_HEADERS" 2>/dev/null || missing="$$missing python3-dev"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) \
	    $$($(PYTHON) -c 'import ensurepip' 2>/dev/null || echo python3-venv) \
	    $$($(PYTHON) -c "$$HAS_HEADERS" 2>/dev/null || echo python3-dev) >/dev/null; \
	  major=$$(ls /usr/lib/postgresql | sort -n | tail -1); \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    postgresql-$$major-postgis-3 >/dev/null; \
	fi

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --no-binary tesserocr -e '.[dev]'
	@touch $(STAMP)

db: setup
	@$(BIN)/landdb db start
	@$(BIN)/landdb db migrate

migrate: db

demo: db
	@$(BIN)/landdb demo

# whole files per worker, the costliest first by tests/durations.json (tests/xdist_costs.py)
test: setup
	$(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

# the whole suite, its per-file costs written into tests/durations.json (commit it when files got longer or shorter)
test-durations: setup
	RECORD_TEST_DURATIONS=tests/durations.json $(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

test-fast: setup
	$(BIN)/python -m pytest -n 2 -m "not slow" $(PYTEST_ARGS)

bench: db
	$(BIN)/python -m bench

# the synthetic city at each size (bench/scale.py): search, tiles, QA, ingest and import against their baselines;
# figures in docs/scale-results.json, chart in docs/scale.png
SIZES ?= 100000 500000
bench-scale: db
	nice -n 10 $(BIN)/python -m bench.scale $(SIZES)
	$(BIN)/python -m bench.scale_chart

lint: setup
	$(BIN)/ruff check .

clean:
	-@[ -x $(BIN)/landdb ] && $(BIN)/landdb db stop || true
	rm -rf var $(VENV) .pytest_cache .ruff_cache *.egg-info
