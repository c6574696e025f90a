# The README's two commands: `make run` and `make test`. Each does its own set-up on a fresh
# machine: installs uv with pip if it is missing, syncs the locked environment and, for `make test`, Debian's chromium.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
# Bytecode caches on: with PYTHONDONTWRITEBYTECODE set (as on some CI images) every Python process,
# each CLI test's subprocess and the browser tests' server included, compiles every module it
# imports from source again, and pytest rewrites every test module's asserts again.
unexport PYTHONDONTWRITEBYTECODE
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")

.PHONY: setup chromium run test lint typecheck unit coverage docs bench screenshots clean

setup: .venv/.synced

.venv/.synced: pyproject.toml uv.lock package.json package-lock.json
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --locked
	npm ci --no-audit --no-fund --silent
	@touch $@

## run: the web app on http://127.0.0.1:8000 with a seeded demo (its own SQLite file under var/)
run: setup
	RUNREHAB_DATABASE_URL=sqlite:///$(CURDIR)/var/demo.sqlite3 $(UV) run runrehab serve --demo

## test: lint, types, architecture contracts and the whole test suite
test: lint typecheck unit

# The browser tests drive Debian's Chromium (Playwright's own browser download does not work here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || { \
	    echo "could not install chromium; run: sudo apt-get update && sudo apt-get install -y chromium" >&2; exit 1; }; }

lint: setup
	$(UV) run ruff check src tests benchmarks scripts
	$(UV) run ruff format --check src tests benchmarks scripts

typecheck: setup
	$(UV) run mypy
	$(UV) run lint-imports

# One pytest worker per core (pytest-xdist; `worksteal` evens out the long browser and fuzzing
# files); each worker has its own SQLite files and PostgreSQL database (tests/postgres.py).
PYTEST_PARALLEL := -n auto --dist worksteal

unit: setup chromium
	$(UV) run pytest $(PYTEST_PARALLEL)

## coverage: the suite with branch coverage (about twice as slow: kept out of `make test`, the loop we live in)
coverage: setup chromium
	$(UV) run pytest $(PYTEST_PARALLEL) --cov --cov-report=term:skip-covered

## docs: regenerate docs/knowledge-base.md from the knowledge-base data (a test fails when it drifts)
docs: setup
	$(UV) run runrehab knowledge docs --output docs/knowledge-base.md

## bench: print every figure issues 19 and 20 set a target for, in one table (QUICK=1: smaller sizes;
## PostgreSQL too when RUNREHAB_BENCH_POSTGRES_URL is set). Not part of `make test`.
bench: setup chromium
	$(UV) run python benchmarks/bench_all.py $(if $(QUICK),--quick) $(if $(RUNREHAB_BENCH_POSTGRES_URL),--postgres $(RUNREHAB_BENCH_POSTGRES_URL))

## screenshots: every runner page on a phone (390 x 844) and a laptop (1440 x 900), light and
## dark, as the demo runner sees it, into out/screenshots/<page>-<phone|laptop>-<light|dark>.png
screenshots: setup chromium
	$(UV) run python -m scripts.screenshots

clean:
	rm -rf .venv .pytest_cache .mypy_cache .ruff_cache .hypothesis
