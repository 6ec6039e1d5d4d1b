"""Every recorded response of the real service validates against its operation in openapi/,
both as JSON Schema and through the generated client's models (parsed, then serialized back
without losing a field)."""

from __future__ import annotations

import importlib
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator

from tests.contract._spec import (
    FIXTURES,
    PACKAGES,
    Fixture,
    Operation,
    document,
    find_operation,
    fixtures,
    json_schema_of,
    schema_validator_input,
)

# Recorded responses stored under a method the service does not document: the official client's
# own test data holds a job under `POST /api/v2/jobs/{id}`. It is validated as the operation whose
# body it is (the job returned by GET), so that it still cannot drift.
UNDOCUMENTED = {("/api/v2/jobs/{job_id}", "post"): "get"}

ALL = fixtures()


def test_fixtures_are_present() -> None:
    assert FIXTURES.is_dir(), f"the reference fixtures are missing at {FIXTURES}"
    assert len(ALL) >= 30


def _operation(fixture: Fixture) -> Operation:
    op = find_operation(fixture.document, fixture.path, fixture.method)
    if op is None:
        for (template, method), documented in UNDOCUMENTED.items():
            if method == fixture.method:
                op = find_operation(fixture.document, fixture.path, documented)
                if op is not None and op.path == template:
                    return op
        where = f"{fixture.method.upper()} {fixture.path}"
        pytest.fail(f"no operation in {fixture.document} for {where}")
    return op


@pytest.mark.parametrize("fixture", [f for f in ALL if f.kind == "body"], ids=lambda f: f.id)
def test_response_body_matches_its_operation_schema(fixture: Fixture) -> None:
    op = _operation(fixture)
    Draft202012Validator(json_schema_of(fixture.document, op)).validate(fixture.load())


@pytest.mark.parametrize("fixture", [f for f in ALL if f.kind == "headers"], ids=lambda f: f.id)
def test_response_headers_match_their_declaration(fixture: Fixture) -> None:
    op = _operation(fixture)
    declared = {k.lower(): v for k, v in op.spec["responses"]["200"].get("headers", {}).items()}
    for name, value in fixture.load().items():
        assert name.lower() in declared, f"header {name} is not declared by {op.operation_id}"
        schema = schema_validator_input(fixture.document, declared[name.lower()]["schema"])
        Draft202012Validator(schema).validate(value)


@pytest.mark.parametrize("fixture", [f for f in ALL if f.kind == "download"], ids=lambda f: f.id)
def test_results_download_matches_job_result(fixture: Fixture) -> None:
    schema = schema_validator_input(fixture.document, {"$ref": "#/components/schemas/JobResult"})
    Draft202012Validator(schema).validate(fixture.load())


def _generated_module(op: Operation) -> Any:
    package = PACKAGES[op.document]
    return importlib.import_module(f"{package}.api.{op.spec['tags'][0]}.{op.operation_id}")


@pytest.mark.parametrize("fixture", [f for f in ALL if f.kind == "body"], ids=lambda f: f.id)
def test_generated_client_parses_and_keeps_every_field(fixture: Fixture) -> None:
    op = _operation(fixture)
    module = _generated_module(op)
    client = importlib.import_module(PACKAGES[op.document]).Client(base_url="http://test")
    body = fixture.load()
    response = module._build_response(client=client, response=httpx.Response(200, json=body))
    parsed = response.parsed
    expected = document(op.document)["components"]["schemas"]
    model_name = type(parsed).__name__
    assert model_name in expected, f"{op.operation_id} parsed into {model_name}"
    assert parsed.to_dict() == body
