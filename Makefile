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

.PHONY: install demo test test-fast lint bench docs clean browser report

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
## Two pytest-xdist workers; the tests that need the Prefect test server share one (tests/conftest.py).
## `make test PYTEST_PARALLEL=` runs them in one process.
PYTEST_PARALLEL ?= -n 2 --dist loadgroup
test: install browser
	$(BIN)/python -m pytest -q $(PYTEST_PARALLEL)

test-fast: install browser
	$(BIN)/python -m pytest -q -m "not slow" $(PYTEST_PARALLEL)

## The report's browser test opens it in a real headless Chromium: Debian's package, installed when missing
## (CI runs as root; elsewhere run `sudo apt-get install chromium` once).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { echo "installing chromium (Debian package) for the report's browser test"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## The HTML report of the demo tables (data/out/demo/report/report.html); `make demo` first.
report: install
	$(BIN)/aiscout report --demo

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
	rm -rf $(VENV) data/out data/raw data/state data/prefect-server .prefect .pytest_cache
