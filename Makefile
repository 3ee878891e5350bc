# One task file: the README's commands and CI call these targets.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Debian packages: the Dutch (and English) hunspell dictionaries and enchant; pango and a font for WeasyPrint;
# Tesseract with its Dutch data for the photo check.
DEBIAN_PACKAGES := hunspell-nl hunspell-en-gb libenchant-2-2 libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
	tesseract-ocr tesseract-ocr-nld

LOCK := requirements/dev.lock
.PHONY: run serve test coverage lint lock test-postgres test-browser bench bench-guard bench-photo train-guard bench-redirect bench-insight system-packages install messages icons clean

system-packages:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found; set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# The exact versions in the lock (with their hashes), then the project itself
# without resolving anything. A changed lock or pyproject.toml installs again.
$(VENV)/.installed: $(LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r $(LOCK)
	$(BIN)/pip install -q --no-deps -e .
	@touch $@

install: system-packages $(VENV)/.installed

run: install
	mkdir -p var
	DEBUG=true $(BIN)/python manage.py migrate --no-input
	DEBUG=true $(BIN)/python manage.py demo
	@$(MAKE) --no-print-directory serve

# The web server, the background worker and the scheduler of the periodic jobs; Ctrl-C stops all three.
# The worker and the scheduler run in their own process group (setsid), so the trap stops the worker's
# autoreloader and its child together, also when runserver ends by itself (e.g. the port is taken).
PORT ?= 8000
serve:
	@echo "Deelwijs runs on http://127.0.0.1:$(PORT) with a background worker and the scheduler (Ctrl-C stops all three)"
	DEBUG=true setsid $(BIN)/python manage.py db_worker & worker=$$!; \
		DEBUG=true setsid $(BIN)/python manage.py scheduler & scheduler=$$!; \
		trap 'kill -TERM -$$worker -$$scheduler 2>/dev/null; wait' EXIT INT TERM; \
		DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The app icon's PNG renditions, drawn from the shapes of deelwijs/static/icons/deelwijs.svg (committed).
icons: install
	$(BIN)/python -m deelwijs.common.icons

messages: install
	cd deelwijs && DEBUG=true ../$(BIN)/python ../manage.py makemessages -l nl --no-location --ignore="guard/*"
	cd deelwijs && DEBUG=true ../$(BIN)/python ../manage.py compilemessages

# Every test but the browser's, on every core (pytest-xdist: one worker per core, each with its own test
# database). `make coverage` adds a coverage report (settings in pyproject.toml); CI leaves it out for time.
WORKERS ?= auto
test: install
	$(BIN)/pytest -m "not browser" -n $(WORKERS)

coverage: install
	$(BIN)/pytest -m "not browser" -n $(WORKERS) --cov=deelwijs --cov-report=term:skip-covered

# Ruff (rules and formatting), the post check's types, migrations that were
# never made, and the import contracts in pyproject.toml.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict deelwijs/guard
	mkdir -p var
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports

# Regenerate the lock files from pyproject.toml's ranges (Python 3.11, Linux x86_64):
# base.lock for production, dev.lock adds the dev extra. Pins already in a lock stay;
# `make lock UPGRADE=--upgrade` moves everything to the newest versions that fit,
# `make lock UPGRADE=--upgrade-package=django` only that one.
UPGRADE ?=
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe \
	--strip-extras --no-emit-index-url --no-emit-find-links $(UPGRADE)
lock: $(VENV)/.installed
	$(PIP_COMPILE) -o requirements/base.lock pyproject.toml
	$(PIP_COMPILE) --extra dev -c requirements/base.lock -o requirements/dev.lock pyproject.toml

# The same suite on PostgreSQL (a server on 127.0.0.1:5432 with trust authentication).
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
# Only the tests that use the database: the post check and the photo check are pure Python and ran in `make test`.
test-postgres: install
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest -m "not browser" -n $(WORKERS) tests/web tests/security

# axe-core for the accessibility tests (tests/browser/test_accessibility.py): from the npm registry into var/node,
# which is not committed; npm comes from Debian when missing.
AXE := var/node/node_modules/axe-core/axe.min.js
$(AXE):
	@command -v npm >/dev/null || { echo "Installing Debian package: npm"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm >/dev/null; }
	mkdir -p var/node
	npm install --prefix var/node --no-save --no-package-lock --no-audit --no-fund --loglevel=error axe-core@4

# Browser tests in Debian's Chromium (installed with apt-get when missing), axe-core among them.
test-browser: install $(AXE)
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installing Debian package: chromium"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi
	$(BIN)/pytest -m browser -n $(WORKERS)

bench-guard: install
	$(BIN)/python bench/guard_bench.py

# The tracked-link redirect under load, alternating with a bare view: gunicorn on 127.0.0.1, ApacheBench
# (apache2-utils) as the client; fails when a redirect request did not become exactly one click.
bench-redirect: install
	@command -v ab >/dev/null || { echo "Installing Debian package: apache2-utils"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq apache2-utils >/dev/null; }
	$(BIN)/python bench/redirect_bench.py

# The dashboard, the quarterly report and the 5-minute roll-up on a synthetic organisation of 20 000 people
# (SQLite, and PostgreSQL when one answers).
bench-insight: install
	$(BIN)/python bench/insight_bench.py

# The photo check on a rendered set of 12-megapixel photos (whiteboards, door signs, a screen, a wristband, signs,
# scenery, faces from scikit-image's samples): recall and precision for faces, text and codes, time per photo.
# The set is drawn once into var/bench-photos (a few minutes) and reused; `--stored 1600` checks it as stored.
BENCH_PHOTO_ARGS ?=
bench-photo: install
	$(BIN)/python bench/photo_bench.py $(BENCH_PHOTO_ARGS)

bench: bench-guard bench-photo bench-redirect bench-insight

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .hypothesis .mypy_cache .ruff_cache .import_linter_cache .coverage

# The learned layer of the post check: cross-validated thresholds, then the model in deelwijs/guard/model/.
train-guard: install
	$(BIN)/python -m deelwijs.guard.training
