"""The documents are valid OpenAPI, cover every operation known of the real service
(tests/contract/reference/API.md, a copy of its reference), and describe each operation, error
and field."""

from __future__ import annotations

import re
from typing import Any

import pytest
from openapi_spec_validator import validate

from tests.contract._spec import REFERENCE, Operation, all_operations, document

DOCUMENTS = ("core.yaml", "account.yaml", "auth.yaml")
OPERATIONS = all_operations()


@pytest.mark.parametrize("name", DOCUMENTS)
def test_document_is_valid_openapi(name: str) -> None:
    validate(document(name))


def _normalize(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path)


def _known_operations() -> set[tuple[str, str]]:
    """(METHOD, path) pairs named in API.md, v1 twins included ("v1: PUT", "v1 too")."""
    text = (REFERENCE / "API.md").read_text()
    known: set[tuple[str, str]] = set()
    for line in text.splitlines():
        for method, path in re.findall(r"\b(GET|POST|PUT|PATCH|DELETE) `(/[^`]+)`", line):
            known.add((method, _normalize(path)))
            v1 = path.replace("/api/v2/", "/api/v1/")
            twin = re.search(r"\(v1: (GET|POST|PUT|PATCH)\)", line)
            if twin:
                known.add((twin.group(1), _normalize(v1)))
            elif re.search(r"\(v1 (too|also exists)\)", line):
                known.add((method, _normalize(v1)))
    # The token endpoint is named by URL, not by a core-relative path.
    assert "oauth/token" in text
    known.add(("POST", "/oauth/token"))
    return known


def test_every_known_operation_is_documented() -> None:
    documented = {(op.method.upper(), _normalize(op.path)) for op in OPERATIONS}
    known = _known_operations()
    assert len(known) >= 25
    assert known - documented == set()


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.spec.get("operationId", op.path))
def test_operation_is_described(op: Operation) -> None:
    assert re.fullmatch(r"[a-z][a-z0-9_]*", op.operation_id)
    assert op.spec.get("tags"), "every operation has a tag (its generated module's folder)"
    assert op.spec.get("summary")
    assert op.spec.get("description")


def _error_codes(op: Operation) -> set[str]:
    wanted = {"429", "5XX"}
    secured = op.spec.get("security", document(op.document).get("security")) != []
    if secured:
        wanted |= {"401", "403"}
    if "{" in op.path:
        wanted |= {"404"}
    if "requestBody" in op.spec:
        wanted |= {"400", "413", "422"}
    # State transitions can conflict with the item's state (a closed batch, a finished job).
    transition = op.operation_id.startswith(("cancel_", "complete_", "add_jobs", "rebatch"))
    if transition and "{" in op.path:
        wanted |= {"409"}
    return wanted


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.operation_id)
def test_operation_documents_its_errors(op: Operation) -> None:
    responses = op.spec["responses"]
    assert "200" in responses
    missing = _error_codes(op) - set(responses)
    assert not missing, f"{op.operation_id} lacks error responses {sorted(missing)}"
    for status, response in responses.items():
        if status.startswith(("4", "5")):
            response = _resolve(op.document, response, "responses")
            schema = response["content"]["application/json"]["schema"]["$ref"]
            assert schema.endswith(("/ErrorResponse", "/TokenError")), (status, schema)
    if "429" in responses:
        assert "Retry-After" in _resolve(op.document, responses["429"], "responses")["headers"]


def _resolve(name: str, node: dict[str, Any], section: str) -> dict[str, Any]:
    if "$ref" in node:
        resolved: dict[str, Any] = document(name)["components"][section][
            node["$ref"].split("/")[-1]
        ]
        return resolved
    return node


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_field_is_described(name: str) -> None:
    undescribed = []
    for schema_name, schema in document(name)["components"]["schemas"].items():
        parts = [schema, *schema.get("allOf", [])]
        if "allOf" not in schema:
            assert schema.get("description"), f"schema {schema_name} has no description"
        for part in parts:
            for field, prop in part.get("properties", {}).items():
                described = prop.get("description") or (
                    ("$ref" in prop and _resolve(name, prop, "schemas").get("description"))
                    or (part is not schema and field == "data")
                )
                if not described:
                    undescribed.append(f"{schema_name}.{field}")
    assert not undescribed, f"fields without a description: {undescribed}"


@pytest.mark.parametrize(
    ("name", "enum"),
    [
        ("core.yaml", "BatchStatus"),
        ("core.yaml", "JobStatus"),
        ("core.yaml", "WorkloadStatus"),
        ("core.yaml", "DeviceType"),
        ("core.yaml", "EmulatorType"),
    ],
)
def test_status_and_type_enumerations_match_the_reference(name: str, enum: str) -> None:
    values = set(document(name)["components"]["schemas"][enum]["enum"])
    reference = (REFERENCE / "API.md").read_text()
    for value in values:
        assert value in reference, f"{enum}.{value} is not in API.md"


def test_form_and_json_token_requests_have_the_same_fields() -> None:
    schemas = document("auth.yaml")["components"]["schemas"]
    form, json_body = schemas["TokenFormRequest"], schemas["TokenRequest"]
    assert form["properties"] == json_body["properties"]
    assert form["required"] == json_body["required"]


def test_the_final_statuses_are_statuses_of_their_kind() -> None:
    """`FinalBatchStatus`/`FinalJobStatus` (what waits end on) name only listed statuses."""
    from pasqal_core_client.models import (
        BatchStatus,
        FinalBatchStatus,
        FinalJobStatus,
        JobStatus,
        WorkloadStatus,
    )

    assert {s.value for s in FinalBatchStatus} < {s.value for s in BatchStatus}
    assert {s.value for s in FinalJobStatus} < {s.value for s in JobStatus}
    assert {s.value for s in FinalJobStatus} < {s.value for s in WorkloadStatus}
