# Every target builds and uses .venv by itself: a fresh machine needs only python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: generate test lint check-specs check-generated clean run cassettes bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,local]'
	touch $(STAMP)

## Regenerate generated/ from openapi/ with the pinned openapi-python-client.
generate: $(STAMP)
	$(BIN)/python scripts/generate.py

## Validate the OpenAPI documents.
check-specs: $(STAMP)
	$(BIN)/openapi-spec-validator openapi/core.yaml openapi/account.yaml openapi/auth.yaml

## Fail when `make generate` would change generated/.
check-generated: $(STAMP)
	$(BIN)/python scripts/generate.py --check

## ruff (lint and format) and mypy --strict on pasqal_sdk.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## Everything CI runs.
test: check-specs check-generated lint
	$(BIN)/pytest

## Start a local cloud and run the README quickstart (examples/quickstart.py) against it.
run: $(STAMP)
	$(BIN)/python scripts/run_quickstart.py

## Record the SDK's replay cassettes (tests/sdk/cassettes/) against a fresh local cloud.
cassettes: $(STAMP)
	rm -f tests/sdk/cassettes/*.yaml
	PASQAL_SDK_CASSETTES=record $(BIN)/pytest tests/sdk/test_replay.py -q

## Benchmarks against the official pasqal-cloud client on the local cloud (.bench/results.json).
bench: $(STAMP)
	$(BIN)/python scripts/bench/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build dist *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
