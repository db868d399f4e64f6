# aiscout — the two commands a newcomer needs: `make demo` and `make test`.
# The virtual environment is created on first use and refreshed only when pyproject.toml or
# constraints.txt change, so repeated calls are quick.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXTRAS ?= dev
export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: install demo test test-fast lint bench docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip uv

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	@# --compile-bytecode: this environment may set PYTHONDONTWRITEBYTECODE, and then every
	@# process would compile Prefect, Scrapy and pandas again at start-up (5-10 s each).
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -c constraints.txt -e '.[$(EXTRAS)]'
	@touch $(STAMP)

install: $(STAMP)

## Run the nightly flow once on the bundled demo snapshot (served on 127.0.0.1).
demo: install
	$(BIN)/aiscout run --demo

## Run the whole test suite (CI runs this). `make test-fast` skips the slow end-to-end tests.
test: install
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

## Lint: ruff (rules and format) on the whole tree, mypy on the product's packages (CI runs this too).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## Benchmarks (by hand, not part of the tests): installs the peer tools they compare against.
## `make bench BENCH_ARGS=--quick` for a ~3-minute smoke run; see benchmarks/README.md.
BENCH_ARGS ?=
bench:
	$(MAKE) install EXTRAS=dev,bench STAMP=$(VENV)/.installed-bench
	$(BIN)/python benchmarks/run_all.py $(BENCH_ARGS)

## Regenerate the data dictionary from the table definitions.
docs: install
	$(BIN)/python -m schemas.generate_docs

clean:
	rm -rf $(VENV) data/out data/raw data/state .prefect .pytest_cache
