# The two commands of a new user: `make demo` and `make test`.
# CI (.ci/run): `make lint`, `make test`, `make gate`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE ?= examples/harbour-strike.txt
OUT ?= out

.PHONY: install demo test lint types gate bench bench-store bench-scale bench-crossdoc bench-corroboration bench-web fuzz clean

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock -r requirements-dev.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	mkdir -p $(OUT)
	$(BIN)/presslens analyze $(EXAMPLE) --json $(OUT)/demo.json --html $(OUT)/demo.html
	@echo "wrote $(OUT)/demo.json"
	@echo "wrote $(OUT)/demo.html (open it in a browser; it works offline)"

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

types: lint

# quality gate: each `presslens eval` task on a fixed slice, against tests/quality/floors.json
gate: $(STAMP)
	$(BIN)/python tests/quality/gate.py $(GATE_ARGS)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pipeline.py

bench-crossdoc: $(STAMP)
	$(BIN)/python benchmarks/bench_crossdoc.py

bench-corroboration: $(STAMP)
	$(BIN)/python benchmarks/bench_corroboration.py

bench-store: $(STAMP)
	$(BIN)/python benchmarks/bench_store.py

# One process vs a 2-worker Dask LocalCluster vs --jobs 2 on the BBC corpus (needs the dask extra,
# which the dev lock installs). BENCH_LIMIT, BENCH_ROUNDS, BENCH_SHARD, BENCH_WORKERS override.
bench-scale: $(STAMP)
	$(BIN)/python benchmarks/bench_scale.py

# p50/p95 of the search, entity and claims pages of presslens serve on a generated 100,000-document store
bench-web: $(STAMP)
	$(BIN)/python benchmarks/bench_web.py

# Hostile inputs through ingest (100,000) and analyze (1,000), 10 s watchdog each; not part of CI.
# FUZZ_INPUTS, FUZZ_ANALYZE, FUZZ_WORKERS, FUZZ_SEED override the defaults.
fuzz: $(STAMP)
	$(BIN)/python tests/fuzz/run_fuzz.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
