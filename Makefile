# Följa — the two commands a newcomer needs: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 3978
PLAYGROUND_PORT ?= 56150
PLAYGROUND_DIR := var/playground

.PHONY: run test test-moved-clock lint install playground bench clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt --config-settings editable_mode=compat -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Sets up, migrates, loads the sample plan into an empty database and starts the bot locally.
run: $(STAMP)
	$(BIN)/folja db upgrade
	$(BIN)/folja plan load-sample --if-empty
	$(BIN)/folja serve --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

## Sets up and runs the linter and the whole test suite (SQLite, plus PostgreSQL when TEST_DATABASE_URL is set).
test: $(STAMP) lint
	$(BIN)/python -m pytest -q

## Runs the SQLite half of the suite again with the system clock moved (libfaketime, Debian's
## `faketime`): a test that hides a calendar date fails here. Monotonic timers stay real. The
## browser test is left out: Node and Chromium under libfaketime do not load the Playground's page,
## and what it checks of Följa runs under the moved clock in the HTTP tests.
MOVED_CLOCK ?= 2027-06-15 10:00:00|2028-12-27 10:00:00
test-moved-clock: $(STAMP)
	@command -v faketime >/dev/null || { echo "test-moved-clock needs faketime (apt-get install faketime)" >&2; exit 1; }
	@dates='$(MOVED_CLOCK)'; IFS='|'; for when in $$dates; do \
	  echo "== the suite on SQLite with the clock at $$when"; \
	  env -u TEST_DATABASE_URL -u FOLJA_REQUIRE_PG_TESTS -u FOLJA_REQUIRE_BROWSER_TESTS \
	    FAKETIME_DONT_FAKE_MONOTONIC=1 faketime "$$when" $(BIN)/python -m pytest -q --ignore=tests/browser || exit 1; \
	done

## Starts the Microsoft 365 Agents Playground against the local bot (run `make run` in another shell).
playground: $(STAMP)
	bash scripts/playground.sh $(PLAYGROUND_DIR) $(PORT) $(PLAYGROUND_PORT)

## Runs the benchmarks of BENCHMARKS.md on SQLite, one after the other (several minutes).
bench: $(STAMP)
	for b in turns card_save lookups summary city workbook delivery; do $(BIN)/python -m bench.$$b || exit 1; done

clean:
	rm -rf $(VENV) var/*.db
