# `make demo` and `make test` set up everything they need by themselves.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp


.PHONY: demo test bench load election lint messages clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# The demo waives the second factor (a setting production refuses) so its printed
# accounts sign in with their passwords alone.
demo: $(STAMP)
	COSO_2FA_WAIVED=$${COSO_2FA_WAIVED-1} $(BIN)/coso demo

test: $(STAMP)
	@bash scripts/test

bench: $(STAMP)
	$(BIN)/python bench/seed.py
	$(BIN)/python bench/tally.py
	$(BIN)/python bench/petitions.py
	$(BIN)/python bench/indicators.py
	$(BIN)/python bench/indices.py
	$(BIN)/python bench/warnings.py
	$(BIN)/python bench/lists.py --reuse
	$(BIN)/python bench/concerns.py

# Pages under load (bench/load.py): wrk against `coso serve` on a seeded demo.
# LOAD_ARGS=--reuse keeps the previous run's seed.
load: $(STAMP)
	@command -v wrk >/dev/null || apt-get install -y wrk
	$(BIN)/python bench/load.py $(LOAD_ARGS)

# Election day (bench/election.py): PostgreSQL and Redis on 127.0.0.1, 2 minutes of
# 1,000 voters; `make election ELECTION_ARGS="--minutes 10"` for the full run.
election: $(STAMP)
	$(BIN)/python bench/election.py $(ELECTION_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check coso bench tests conftest.py
	$(BIN)/ruff format --check coso bench tests conftest.py
	$(BIN)/coso makemigrations --check --dry-run
	$(BIN)/mypy coso

messages: $(STAMP)
	cd coso && ../$(BIN)/coso makemessages --locale en --no-obsolete --no-wrap --no-location && ../$(BIN)/coso compilemessages --locale en --locale vi

clean:
	rm -rf $(VENV) var
