"""The SDK reads what the real service may send tomorrow: the recorded responses, served with enum
values the documents don't list, new fields at every level and optional fields left out, all
parse; answers that can't be read at all are typed errors."""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from pasqal_sdk import SDK, AsyncSDK, PasqalError, UnexpectedResponseError
from tests.contract._spec import FIXTURES, document
from tests.sdk.conftest import batch_dict, envelope, job_dict

BATCH = "00000000-0000-0000-0000-000000000001"
JOB = "00000000-0000-0000-0000-000000022010"
WORKLOAD = "00000000-0000-0000-0000-000000000001"
LINK_HOST = "jobs-result-link"


DOCUMENTS = ("core.yaml", "account.yaml")


def _enum_values() -> set[str]:
    """Every enum value an answer may hold (the JSend envelope's own status aside)."""
    return {
        str(value)
        for name in DOCUMENTS
        for key, schema in document(name)["components"]["schemas"].items()
        if key != "JSendStatus"
        for value in schema.get("enum", [])
    }


def _required_names() -> set[str]:
    """Names some schema requires: every other key is optional everywhere."""
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            required = node.get("required", [])
            if isinstance(required, list):
                names.update(required)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for name in DOCUMENTS:
        walk(document(name))
    return names


class Mutation:
    """What the service could change without notice, applied to a recorded answer."""

    def __init__(self) -> None:
        self.tag = uuid.uuid4().hex[:6].upper()  # new values per test: enums warn once a process
        self.enums = _enum_values()
        self.required = _required_names()
        self.renamed: dict[str, str] = {}

    def new_value(self, value: str) -> str:
        new = f"{value}_{self.tag}"
        self.renamed[value] = new
        return new

    def apply(self, body: Any, *, drop_optional: bool) -> Any:
        def walk(node: Any, top: bool) -> Any:
            if isinstance(node, dict):
                out = {}
                for key, value in node.items():
                    if drop_optional and key not in self.required:
                        continue
                    new_enum = isinstance(value, str) and value in self.enums and not top
                    if new_enum or (key == "device_type" and isinstance(value, str)):
                        out[key] = self.new_value(value)
                    else:
                        out[key] = walk(value, False)
                out[f"field_{self.tag.lower()}"] = {"nested": [1, 2]}
                return out
            if isinstance(node, list):
                return [
                    self.new_value(v) if isinstance(v, str) and v in self.enums else walk(v, False)
                    for v in node
                ]
            return node

        return walk(copy.deepcopy(body), True)


def _fixture_for(request: httpx.Request) -> Path | None:
    url = request.url
    if url.host == LINK_HOST:
        return FIXTURES / "core-fast/api/v1/jobs" / url.path.strip("/") / "results_link/result.json"
    service = "account" if url.host.startswith("account") else "core-fast"
    path = url.path.split("/api/", 1)[1]
    return FIXTURES / service / "api" / path / f"_.{request.method}.json"


def fixture_service(mutation: Mutation, *, drop_optional: bool) -> Callable[..., httpx.Response]:
    """A fake service answering every request with its recorded response, mutated."""

    def handle(request: httpx.Request) -> httpx.Response:
        file = _fixture_for(request)
        if file is None or not file.is_file():
            return httpx.Response(404, json={"status": "fail", "code": 404, "message": "no"})
        body = json.loads(file.read_text())
        if file.name != "result.json":  # a download is a bare document, not the API's
            body = mutation.apply(body, drop_optional=drop_optional)
        return httpx.Response(200, json=body)

    return handle


@pytest.mark.parametrize("drop_optional", [False, True], ids=["new-everything", "minimal"])
def test_recorded_answers_with_new_values_and_fields_all_parse(
    make_sdk: Callable[..., SDK], caplog: pytest.LogCaptureFixture, drop_optional: bool
) -> None:
    mutation = Mutation()
    sdk = make_sdk(fixture_service(mutation, drop_optional=drop_optional))
    caplog.set_level(logging.WARNING, logger="pasqal_sdk")
    new_field = f"field_{mutation.tag.lower()}"

    batch = sdk.get_batch(BATCH)
    job = sdk.get_job(JOB)
    workload = sdk.get_workload(WORKLOAD)
    batches = list(sdk.get_batches())
    jobs = list(sdk.get_jobs())
    sdk.get_all_projects()
    sdk.get_batch(BATCH)  # the same new values again: no second warning

    assert batch.status == f"DONE_{mutation.tag}"
    assert str(batch.status) == f"DONE_{mutation.tag}"
    assert batch.device_type == f"MOCK_DEVICE_{mutation.tag}"
    assert not batch.done()  # an unknown status is never taken as final
    assert job.status == f"DONE_{mutation.tag}"
    assert workload.status == f"DONE_{mutation.tag}"
    assert batches
    assert jobs
    assert all(str(b.status).endswith(mutation.tag) for b in batches)
    for item in (batch, job, workload, *batches, *jobs):
        assert getattr(item, new_field) == {"nested": [1, 2]}
        assert item.model.additional_properties[new_field] == {"nested": [1, 2]}
    for job_ in batch.ordered_jobs:
        assert getattr(job_, new_field) == {"nested": [1, 2]}
    warned = [r.getMessage() for r in caplog.records if r.name == "pasqal_sdk"]
    assert len(warned) == len(set(warned)), "one warning per enum and new value"
    for status in ("BatchStatus", "JobStatus", "WorkloadStatus"):
        assert f"{status} 'DONE_{mutation.tag}'" in " ".join(warned)


def test_a_new_status_is_kept_when_the_answer_is_sent_back(make_sdk: Callable[..., SDK]) -> None:
    mutation = Mutation()
    sdk = make_sdk(fixture_service(mutation, drop_optional=False))
    job = sdk.get_job(JOB)
    assert job.model.to_dict()["status"] == f"DONE_{mutation.tag}"


def test_the_error_code_may_be_a_string_or_an_integer(make_sdk: Callable[..., SDK]) -> None:
    for code in (404, "404"):
        body = {"status": "fail", "message": "no such batch", "code": code}
        sdk = make_sdk(lambda _request, body=body: httpx.Response(404, json=body))
        with pytest.raises(PasqalError) as caught:
            sdk.get_batch("missing")
        assert caught.value.status_code == 404
        assert "no such batch" in str(caught.value)


UNREADABLE = {
    "html": lambda: httpx.Response(200, text="<html><body>maintenance</body></html>"),
    "truncated": lambda: httpx.Response(200, text='{"status": "success", "data": {"id": "b'),
    "null-data": lambda: httpx.Response(
        200, json={"status": "success", "message": "OK.", "code": 200, "data": None}
    ),
    "wrong-type": lambda: httpx.Response(
        200, json={"status": "success", "message": "OK.", "code": 200, "data": [1, 2]}
    ),
    "missing-required": lambda: envelope({"id": "b1", "status": "DONE"}),
}


@pytest.mark.parametrize("answer", sorted(UNREADABLE))
def test_an_unreadable_answer_is_a_typed_error(make_sdk: Callable[..., SDK], answer: str) -> None:
    sdk = make_sdk(lambda _request: UNREADABLE[answer]())
    with pytest.raises(UnexpectedResponseError) as caught:
        sdk.get_batch("b1")
    error = caught.value
    assert isinstance(error, PasqalError)
    assert error.status_code == 200
    assert error.operation == "get_batch_v1"
    assert "get_batch_v1" in str(error)
    assert "HTTP 200" in str(error)
    assert error.reason
    assert error.reason in str(error)
    assert "token-" not in str(error)
    assert "maintenance" not in str(error)


def test_an_unreadable_answer_is_a_typed_error_async(
    make_async_sdk: Callable[..., AsyncSDK],
) -> None:
    async def scenario() -> None:
        sdk = make_async_sdk(lambda _request: UNREADABLE["html"]())
        try:
            with pytest.raises(UnexpectedResponseError):
                await sdk.get_batch("b1")
        finally:
            await sdk.close()

    asyncio.run(scenario())


def test_an_unreadable_token_answer_is_a_typed_error(make_sdk: Callable[..., SDK]) -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/oauth/token"):
            return httpx.Response(200, text="<html>login</html>")
        return envelope(batch_dict("b1"))

    sdk = make_sdk(handle, token_provider=None, username="me@example.com", password="s3cret!")
    with pytest.raises(UnexpectedResponseError) as caught:
        sdk.get_batch("b1")
    assert "request_token" in str(caught.value)
    assert "s3cret!" not in str(caught.value)
    assert "s3cret!" not in repr(caught.value)


def test_a_wait_polls_through_an_unknown_status_until_a_known_final_one(
    make_sdk: Callable[..., SDK], caplog: pytest.LogCaptureFixture
) -> None:
    paused = f"PAUSED_{uuid.uuid4().hex[:6].upper()}"
    statuses = iter(["RUNNING", paused, paused, "DONE"])
    polls: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/status"):
            polls.append(next(statuses))
            return envelope({"status": polls[-1]})
        done = job_dict("j1", "b1", "CANCELED")
        return envelope(batch_dict("b1", polls[-1] if polls else "PENDING", jobs=[done]))

    sdk = make_sdk(handle)
    caplog.set_level(logging.DEBUG, logger="pasqal_sdk")
    batch = sdk.get_batch("b1").wait(timeout=60)
    assert polls == ["RUNNING", paused, paused, "DONE"]
    assert batch.status == "DONE"
    assert any(paused in r.getMessage() and "polling on" in r.getMessage() for r in caplog.records)
