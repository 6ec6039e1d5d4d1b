"""The local cloud validates requests against the OpenAPI documents themselves: every operation
it serves is one of theirs, and what their schemas refuse (body, path or query) gets a 4xx naming
the field path."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from starlette.requests import Request

from pasqal_sdk.local.http import spec as _spec
from pasqal_sdk.local.testing import LocalCloud
from tests.contract._spec import all_operations
from tests.local.conftest import PUBLIC_CLIENT_ID, Api, sequence_json


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


def _request(op: _spec.Operation, body: bytes, content_type: str = "application/json") -> Request:
    """A Starlette request for `op` with its path parameters set, carrying `body`."""

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    scope = {
        "type": "http",
        "method": op.method.upper(),
        "path": op.path,
        "query_string": b"",
        "headers": [(b"content-type", content_type.encode())],
        "path_params": {"batch_id": "some-batch"},
    }
    return Request(scope, receive)


def test_a_required_path_parameter_is_checked() -> None:
    op = _spec.operation("add_jobs")
    with pytest.raises(_spec.ApiError) as caught:
        op.check_parameters("path", lambda name: [])
    assert caught.value.status == 422
    assert caught.value.message == "batch_id: the path parameter is required."
    assert op.check_parameters("path", lambda name: ["b-1"]) == {"batch_id": "b-1"}


def test_a_required_query_parameter_is_checked_against_its_schema() -> None:
    """No operation of the documents has one yet: one whose document declares it."""
    spec = {
        "operationId": "example",
        "parameters": [
            {"name": "min_runs", "in": "query", "required": True, "schema": {"type": "integer"}}
        ],
    }
    op = _spec.Operation("core.yaml", "/api/v1/example", "get", spec)
    with pytest.raises(_spec.ApiError) as missing:
        op.check_parameters("query", lambda name: [])
    assert (missing.value.status, missing.value.data["field"]) == (422, "min_runs")
    with pytest.raises(_spec.ApiError) as wrong:
        op.check_parameters("query", lambda name: ["5_000"])
    assert wrong.value.message == 'min_runs: expected an integer, got string "5_000".'
    assert op.check_parameters("query", lambda name: ["7"]) == {"min_runs": 7}


def test_query_defaults_and_types_come_from_the_documents() -> None:
    op = _spec.operation("list_jobs")
    limit = _spec.document("core.yaml")["components"]["parameters"]["Limit"]["schema"]
    assert op.check_parameters("query", lambda name: [])["limit"] == limit["default"]
    values = {"status": ["DONE", "ERROR"], "errors": ["true"], "min_runs": ["3"]}
    checked = op.check_parameters("query", lambda name: values.get(name, []))
    assert (checked["status"], checked["errors"], checked["min_runs"]) == (
        ["DONE", "ERROR"],
        True,
        3,
    )


def test_a_body_is_read_on_the_event_loop_and_parsed_later() -> None:
    """`receive` reads the body and checks the head only; `checked` parses and checks the
    body (the router calls it in a worker thread), its refusal naming the path."""
    op = _spec.operation("add_jobs")
    jobs: list[Any] = [{"runs": 5, "variables": {"amp": 1.0}}] * 1_000 + [{"runs": "five"}]
    raw = json.dumps(jobs).encode()
    received = anyio.run(op.receive, _request(op, raw), 32 * 1024 * 1024)
    assert (received.path, received.raw) == ({"batch_id": "some-batch"}, raw)
    with pytest.raises(_spec.ApiError) as caught:
        op.checked(received)
    assert caught.value.data["field"] == "body[1000].runs"
    small = op.checked(anyio.run(op.receive, _request(op, b'[{"runs": 5}]'), 1024))
    assert (small.path, small.body) == ({"batch_id": "some-batch"}, [{"runs": 5}])


def test_the_router_checks_bodies_off_the_event_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A create's body, small or large, is parsed and checked where no event loop runs (a
    list of 1,000 jobs takes tens of ms, which every other request would wait for)."""
    from pasqal_sdk.local.http.app import ServerConfig, create_app
    from pasqal_sdk.local.http.server import bootstrap

    where: list[str] = []
    real = _spec.Operation._parse_and_check

    def spy(self: _spec.Operation, raw: bytes, media: str, max_items: int = 0) -> Any:
        try:
            asyncio.get_running_loop()
            where.append("event loop")
        except RuntimeError:
            where.append("worker thread")
        return real(self, raw, media, max_items)

    monkeypatch.setattr(_spec.Operation, "_parse_and_check", spy)
    account = bootstrap(tmp_path, "dev@pasqal.local", "pasqal-local")
    app = create_app(ServerConfig(data_dir=tmp_path, workers=1))

    cloud = app.state.cloud
    token = cloud.signer.access_token(account.user_id, "dev@pasqal.local", "")

    async def create(jobs: Any) -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=transport, base_url="http://local") as client,
        ):
            return await client.post(
                "/core-fast/api/v1/batches",
                json={"project_id": account.project_id, "open": True, "jobs": jobs},
                headers={"Authorization": f"Bearer {token}"},
            )

    refused = anyio.run(create, [{"runs": "five"}])
    assert (refused.status_code, refused.json()["data"]["field"]) == (422, "jobs[0].runs")
    assert where == ["worker thread"]


@pytest.mark.parametrize(
    ("fields", "status", "error", "hint"),
    [
        ({"client_id": 7}, 422, "invalid_request", "client_id: expected a string"),
        ({"grant_type": "device_code"}, 400, "unsupported_grant_type", "grant_type"),
        ({"grant_type": None}, 422, "invalid_request", "grant_type"),
    ],
)
def test_the_token_endpoint_checks_json_against_auth_yaml(
    local_cloud: LocalCloud, fields: dict[str, Any], status: int, error: str, hint: str
) -> None:
    body = {"client_id": PUBLIC_CLIENT_ID, "grant_type": "password", **fields}
    answer = httpx.post(local_cloud.token_url, json=body)
    assert answer.status_code == status, answer.text
    assert answer.json()["error"] == error
    assert hint in answer.json()["error_description"]


def test_the_token_endpoint_takes_only_its_documented_media_types(
    local_cloud: LocalCloud,
) -> None:
    answer = httpx.post(
        local_cloud.token_url, content=b"grant_type=password", headers={"Content-Type": "text/csv"}
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"] == "invalid_request"
    assert "application/x-www-form-urlencoded" in answer.json()["error_description"]
