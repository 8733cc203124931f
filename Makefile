# cdthub — `make run` serves the hub, `make test` runs every test. `make help` lists targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
STAMP  := $(VENV)/.installed

.PHONY: help install run run-dev test test-postgres test-fast lint typecheck format validate bench \
	bench-search bench-http bench-finder bench-comments bench-claims bench-nginx clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP) ## create .venv and install cdthub with its test tools

run: $(STAMP) ## DEBUG off; prepare SQLite with the bundled dataset and serve on http://127.0.0.1:8000 (PORT=… overrides)
	$(BIN)/cdthub serve --port $(PORT)

run-dev: $(STAMP) ## as run, with DEBUG on and reload on code changes: for debugging, never for others
	$(BIN)/cdthub serve --dev --port $(PORT)

# the database tests again on a throwaway PostgreSQL, with the caches in a throwaway Redis
PG_PASS := $(BIN)/python -m cdthub.web.services --postgres --redis -- \
	$(BIN)/python -m pytest -q -n auto -m "(db or services) and not browser"

test: $(STAMP) ## Debian packages the tests need, lint, types, the suite on SQLite, then on PostgreSQL + Redis
	bash scripts/test-deps.sh
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n auto -m "not services"
	$(PG_PASS)

test-postgres: $(STAMP) ## only the database tests, on throwaway PostgreSQL + Redis servers
	bash scripts/test-deps.sh
	$(PG_PASS)

test-fast: $(STAMP) ## the suite without browser tests
	$(BIN)/python -m pytest -q -n auto -m "not browser"

lint: $(STAMP) ## ruff
	$(BIN)/ruff check src tests bench

typecheck: $(STAMP) ## mypy --strict on src/cdthub/core/ (configured in pyproject.toml)
	$(BIN)/mypy

format: $(STAMP) ## ruff format and autofix
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

validate: $(STAMP) ## check the bundled dataset
	$(BIN)/python -m cdthub.core.validate

bench: bench-search bench-finder bench-http bench-comments bench-claims bench-nginx ## every benchmark

bench-search: $(STAMP) ## search index vs SQLite FTS5, 1,000 queries
	$(BIN)/python bench/search.py

bench-http: $(STAMP) ## /codes/D9992/ under gunicorn with wrk
	bash bench/http.sh

bench-finder: $(STAMP) ## coding assistant: top-1/top-3 and latency vs a BM25 baseline
	$(BIN)/python bench/finder_eval.py

bench-comments: $(STAMP) ## 200 comments posted from 20 threads: all stored? + the duplicate check
	$(BIN)/python bench/comments_concurrency.py
	$(BIN)/python bench/comments_duplicates.py

bench-claims: $(STAMP) ## claim checker: 10k/100k claims vs the raw 837D split and pyx12
	$(BIN)/pip install --quiet "pyx12==4.0.0"
	$(BIN)/python bench/claims.py

bench-nginx: $(STAMP) ## /codes/D9992/ through nginx's micro-cache vs nginx static, same run (wrk)
	@command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
	$(BIN)/python bench/nginx.py

clean: ## remove .venv, the database and caches
	rm -rf $(VENV) var .pytest_cache
