# Every target builds and uses .venv by itself: a fresh machine needs only python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: generate api-diff test test-fast lint check-specs check-generated clean run cassettes bench docs soak test-emulators test-clients

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,local,docs]'
	touch $(STAMP)

## Regenerate generated/ from openapi/ with the pinned openapi-python-client, and the blocking
## SDK (pasqal_sdk/_sync/) from its async source (pasqal_sdk/_async/, scripts/unasync.py).
generate: $(STAMP)
	$(BIN)/python scripts/generate.py

## Compare openapi/ at a git ref (OLD, default HEAD) with the working tree; fails if callers break.
OLD ?= HEAD
api-diff: $(STAMP)
	$(BIN)/python scripts/api_diff.py $(OLD)

## Validate the OpenAPI documents.
check-specs: $(STAMP)
	$(BIN)/openapi-spec-validator openapi/core.yaml openapi/account.yaml openapi/auth.yaml

## Fail when `make generate` would change generated/ or pasqal_sdk/_sync/.
check-generated: $(STAMP)
	$(BIN)/python scripts/generate.py --check

## ruff (lint and format) and mypy --strict on pasqal_sdk.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## The documentation site (docs/, mkdocs.yml) into .site/; warnings fail the build.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

## Everything CI runs; fails below COVERAGE_MIN % of pasqal_sdk's lines run in the test process
## (servers and CLIs started as subprocesses are not measured).
COVERAGE_MIN ?= 62
test: check-specs check-generated lint docs
	$(BIN)/pytest --cov=pasqal_sdk --cov-report= --cov-fail-under=$(COVERAGE_MIN)

## The fast unit tier (no servers, subprocesses or venvs): a minute or less.
test-fast: $(STAMP)
	$(BIN)/pytest -q -m "not slow"

## Start a local cloud and run the README quickstart (examples/quickstart.py) against it.
run: $(STAMP)
	$(BIN)/python scripts/run_quickstart.py

## Record the SDK's replay cassettes (tests/sdk/cassettes/) and the HTTP exchanges of the big
## clients (tests/clients/cassettes/, installing them as test-clients does) against fresh local
## clouds.
cassettes: $(STAMP)
	rm -f tests/sdk/cassettes/*.yaml tests/clients/cassettes/*.json
	PASQAL_SDK_CASSETTES=record $(BIN)/pytest tests/sdk/test_replay.py -q
	PASQAL_SDK_CASSETTES=record $(BIN)/pytest tests/clients/test_heavy_clients.py -q -p no:cacheprovider

## Other clients of Pasqal Cloud against a local cloud, each in a venv of its own under
## .venv-clients/ (kept between runs; torch's CPU build installed before qoolqit, CUDA-Q with
## --no-deps): qrmi 0.26.4, myqrmi 0.13.9, cuda-quantum-cu12 0.16, qoolqit 1.5, pulser-azure
## 0.1.1, and pasqal-cloud 0.24 (.venv-official). `make test` runs QRMI and pasqal-cloud for
## real and replays the others' recorded HTTP exchanges.
test-clients: $(STAMP)
	PASQAL_SDK_CLIENTS=all $(BIN)/pytest -q -p no:cacheprovider tests/clients tests/local/test_official_client.py

## Benchmarks against the official pasqal-cloud client on the local cloud (.bench/results.json).
bench: $(STAMP)
	$(BIN)/python scripts/bench/bench.py $(BENCH_ARGS)

## Soak (not part of test): 2000 small jobs over ~10 min from 4 SDK clients; SOAK_ARGS=--quick.
soak: $(STAMP)
	$(BIN)/python scripts/soak.py $(SOAK_ARGS)

## The heavy emulators (EMU_TN/EMU_MPS, EMU_SV) of the local cloud, in a venv of their own with
## the CPU build of torch (installed first, so that pip never pulls a CUDA build) and the
## `emulators` extra. Not part of `test`: torch is large.
EMU_VENV := .venv-emulators
test-emulators:
	$(PYTHON) -m venv $(EMU_VENV)
	$(EMU_VENV)/bin/python -m pip install -q torch==2.13.0
	$(EMU_VENV)/bin/python -m pip install -q -e '.[local,emulators]' pytest
	$(EMU_VENV)/bin/python -m pytest -q -p no:cacheprovider tests/local/test_heavy_emulators.py

clean:
	rm -rf $(VENV) $(EMU_VENV) .venv-clients .mypy_cache .ruff_cache .pytest_cache build dist *.egg-info .site
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
