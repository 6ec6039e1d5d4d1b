"""The local cloud validates requests against the OpenAPI documents themselves: every operation
it serves is one of theirs, and what their schemas refuse gets a 422 naming the field path."""

from __future__ import annotations

from typing import Any

import pytest

from pasqal_sdk.local import _spec
from tests.contract._spec import all_operations
from tests.local.conftest import Api, sequence_json


def test_routes_are_found_in_the_documents_by_path_and_method() -> None:
    for op in all_operations():
        if op.document != "auth.yaml":
            assert _spec.find(op.document, op.path, op.method).spec == op.spec
    with pytest.raises(LookupError):
        _spec.find("core.yaml", "/api/v9/nothing", "get")


def _schema_of(name: str) -> dict[str, Any]:
    return _spec.document("core.yaml")["components"]["schemas"][name]


@pytest.mark.parametrize(
    ("change", "field", "expected"),
    [
        ({"jobs": [{"runs": "ten"}]}, "jobs[0].runs", "expected an integer"),
        ({"jobs": [{"runs": 10.0}]}, "jobs[0].runs", "expected an integer"),
        ({"jobs": [{"runs": 0}]}, "jobs[0].runs", ">= 1"),
        ({"jobs": [{"runs": 5, "variables": [1]}]}, "jobs[0].variables", "expected"),
        ({"configuration": {"dt": -1}}, "configuration.dt", "> 0"),
        ({"configuration": {"precision": "extreme"}}, "configuration.precision", "one of"),
        ({"configuration": {"result_types": ["counter", 3]}}, "configuration.result_types[1]", ""),
        ({"device_type": "QUANTUM_TOASTER"}, "device_type", "one of"),
        ({"tags": "not-a-list"}, "tags", "expected a list"),
    ],
)
def test_a_body_the_schema_refuses_gets_a_422_naming_the_path(
    api: Api, change: dict[str, Any], field: str, expected: str
) -> None:
    body = {
        "sequence_builder": sequence_json(),
        "jobs": [{"runs": 5, "variables": {"amp": 1.0}}],
        "device_type": "EMU_FREE",
        "project_id": api.cloud.project_id,
        **change,
    }
    answer = api.core.post("/api/v1/batches", json=body)
    assert answer.status_code == 422, answer.text
    error = answer.json()
    assert error["data"]["field"] == field
    assert error["message"].startswith(f"{field}: ")
    assert expected in error["message"]
    assert "got" in error["message"]  # what was received


def test_the_rules_come_from_the_documents() -> None:
    """The validator reads `minimum` of JobCreation.runs from the document, not from code."""
    runs = _schema_of("JobCreation")["properties"]["runs"]
    op = _spec.operation("add_jobs")
    with pytest.raises(_spec.ApiError) as caught:
        op.check_body([{"runs": runs["minimum"] - 1}])
    assert caught.value.status == 422
    assert "body[0].runs" in caught.value.message
    assert op.check_body([{"runs": runs["minimum"]}]) == [{"runs": runs["minimum"]}]


@pytest.mark.parametrize(
    ("query", "field"),
    [("limit=zero", "limit"), ("status=NOT_A_STATUS", "status"), ("offset=-1", "offset")],
)
def test_a_query_parameter_the_schema_refuses_gets_a_422(api: Api, query: str, field: str) -> None:
    answer = api.core.get(f"/api/v1/batches?{query}")
    assert answer.status_code == 422, answer.text
    assert answer.json()["message"].startswith(f"{field}")
