"""The bad input corpus: every case gets a typed error that says what is wrong, before anything is
sent where the SDK can tell (no request reaches the proxy), else a 4xx from the local cloud with
a precise message; and the server's state is unchanged (its batches and jobs counted)."""

from __future__ import annotations

import dataclasses
import gzip
import json
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from pasqal_sdk import (
    SDK,
    APIError,
    ConflictError,
    InvalidConfigurationError,
    InvalidDeviceTypeError,
    InvalidJobError,
    InvalidSequenceError,
    NotFoundError,
    PayloadTooLargeError,
    ValidationError,
)
from pasqal_sdk._filters import BatchFilters, JobFilters
from pasqal_sdk._operations import PaginationParams
from pasqal_sdk.device import EmuFreeConfig, EmuTNConfig
from pasqal_sdk.local.testing import LocalCloud
from tests.local.conftest import password_token

from .conftest import FaultProxy, sdk_kwargs, server_counts

JOB = {"runs": 5, "variables": {"amp": 1.0}}


@dataclasses.dataclass(frozen=True)
class Case:
    """`act(sdk, sequence, batches)` must raise `error` whose message holds `hint`; `sent` says
    whether the request reaches the server (which then answers a 4xx)."""

    act: Callable[[SDK, str, dict[str, str]], Any]
    error: type[Exception]
    hint: str
    sent: bool = False


def create(sequence: Any = None, jobs: Any = (JOB,), **kwargs: Any) -> Callable[..., Any]:
    """A `create_batch` call; `sequence` None means the corpus' good sequence."""
    if "device_type" not in kwargs:
        kwargs.setdefault("emulator", "EMU_FREE")

    def act(sdk: SDK, good: str, batches: dict[str, str]) -> Any:
        jobs_list = list(jobs) if isinstance(jobs, tuple) else jobs
        return sdk.create_batch(good if sequence is None else sequence, jobs_list, **kwargs)

    return act


def with_config(make: Callable[[], Any]) -> Callable[..., Any]:
    """A `create_batch` whose configuration is built inside the call (where it fails)."""
    return lambda sdk, good, batches: sdk.create_batch(
        good, [JOB], emulator="EMU_FREE", configuration=make()
    )


def run(job: dict[str, Any]) -> Callable[..., Any]:
    return create(jobs=[job])


SDK_CASES: dict[str, Case] = {
    # Sequences
    "sequence truncated": Case(
        lambda sdk, good, b: sdk.create_batch(good[:60], [JOB], emulator="EMU_FREE"),
        InvalidSequenceError,
        "not valid JSON",
    ),
    "sequence not an object": Case(create("[1, 2]"), InvalidSequenceError, "JSON object"),
    "sequence blank": Case(create("   "), InvalidSequenceError, "empty"),
    "sequence of a wrong type": Case(create(42), InvalidSequenceError, "pulser.Sequence"),
    "sequence None": Case(
        lambda sdk, good, b: sdk.create_batch(None, [JOB], emulator="EMU_FREE"),
        InvalidSequenceError,
        "NoneType",
    ),
    "sequence not Pulser's": Case(
        create('{"not": "a sequence"}', [{"runs": 5}]),
        ValidationError,
        "abstract representation",
        sent=True,
    ),
    "job's own sequence truncated": Case(
        lambda sdk, good, b: sdk.create_batch(
            good, [{"runs": 5, "sequence": good[:40]}], emulator="EMU_FREE"
        ),
        InvalidSequenceError,
        "not valid JSON",
    ),
    # Jobs
    "jobs not a list": Case(create(jobs={"runs": 5}), InvalidJobError, "list of jobs"),
    "jobs a string": Case(create(jobs="runs=5"), InvalidJobError, "list of jobs"),
    "job not a dict": Case(create(jobs=["x"]), InvalidJobError, "expected a dict"),
    "job with an unknown key": Case(run({**JOB, "shots": 5}), InvalidJobError, "unknown keys"),
    "job without runs": Case(run({"variables": {"amp": 1.0}}), InvalidJobError, "'runs'"),
    "runs zero": Case(run({**JOB, "runs": 0}), InvalidJobError, "positive integer"),
    "runs negative": Case(run({**JOB, "runs": -5}), InvalidJobError, "positive integer"),
    "runs a string": Case(run({**JOB, "runs": "10"}), InvalidJobError, "positive integer"),
    "runs a float": Case(run({**JOB, "runs": 10.5}), InvalidJobError, "positive integer"),
    "runs a bool": Case(run({**JOB, "runs": True}), InvalidJobError, "positive integer"),
    "runs None": Case(run({**JOB, "runs": None}), InvalidJobError, "positive integer"),
    "runs huge": Case(run({**JOB, "runs": 10**9}), ValidationError, "at most", sent=True),
    "variable missing": Case(run({"runs": 5}), InvalidJobError, "no value for variable"),
    "variable typo": Case(
        run({"runs": 5, "variables": {"ampl": 1.0}}), InvalidJobError, "did you mean 'amp'"
    ),
    "variable NaN": Case(
        run({"runs": 5, "variables": {"amp": float("nan")}}), InvalidJobError, "not a finite"
    ),
    "variable undeclared": Case(
        run({"runs": 5, "variables": {"amp": 1.0, "omega": 2.0}}), InvalidJobError, "omega"
    ),
    "variables not a dict": Case(
        run({"runs": 5, "variables": [1.0]}), InvalidJobError, "variables must be a dict"
    ),
    "variable not a number": Case(
        run({"runs": 5, "variables": {"amp": "high"}}), ValidationError, "number", sent=True
    ),
    "variable of the wrong size": Case(
        run({"runs": 5, "variables": {"amp": [1.0, 2.0]}}),
        ValidationError,
        "cannot be built",
        sent=True,
    ),
    "body over the size limit": Case(
        create(tags=["x" * 1024] * (33 * 1024)), PayloadTooLargeError, "limit", sent=True
    ),
    "no jobs in a closed batch": Case(create(jobs=[]), InvalidJobError, "at least one job"),
    "too many jobs in a batch": Case(
        create(jobs=[JOB] * 10_001), ValidationError, "at most 10000 jobs", sent=True
    ),
    "bad jobs added to an open batch": Case(
        lambda sdk, good, b: sdk.add_jobs(b["open"], [{"runs": -1}]),
        InvalidJobError,
        "positive integer",
    ),
    "jobs added to a closed batch": Case(
        lambda sdk, good, b: sdk.add_jobs(b["done"], [JOB]), ConflictError, "closed", sent=True
    ),
    # Devices and configurations
    "unknown device type": Case(
        create(device_type="QUANTUM_TOASTER"), InvalidDeviceTypeError, "QUANTUM_TOASTER"
    ),
    "unknown emulator": Case(create(emulator="EMU_NOPE"), InvalidDeviceTypeError, "EMU_NOPE"),
    "emulator and device type disagree": Case(
        lambda sdk, good, b: sdk.create_batch(
            good, [JOB], emulator="EMU_FREE", device_type="FRESNEL"
        ),
        InvalidConfigurationError,
        "not both",
    ),
    "configuration without an emulator": Case(
        lambda sdk, good, b: sdk.create_batch(good, [JOB], configuration=EmuFreeConfig()),
        InvalidConfigurationError,
        "emulator",
    ),
    "EmuTNConfig(dt=-1)": Case(
        with_config(lambda: EmuTNConfig(dt=-1)), InvalidConfigurationError, "dt"
    ),
    "EmuTNConfig(dt='fast')": Case(
        with_config(lambda: EmuTNConfig(dt="fast")), InvalidConfigurationError, "dt"
    ),
    "EmuTNConfig(precision='ultra')": Case(
        with_config(lambda: EmuTNConfig(precision="ultra")), InvalidConfigurationError, "precision"
    ),
    "EmuTNConfig(max_bond_dim=0)": Case(
        with_config(lambda: EmuTNConfig(max_bond_dim=0)),
        InvalidConfigurationError,
        "max_bond_dim",
    ),
    "EmuFreeConfig(with_noise='yes')": Case(
        with_config(lambda: EmuFreeConfig(with_noise="yes")),
        InvalidConfigurationError,
        "with_noise",
    ),
    "unknown result type": Case(
        with_config(lambda: EmuFreeConfig(result_types=("histogram",))),
        InvalidConfigurationError,
        "histogram",
    ),
    "configuration dict with dt=-1": Case(
        lambda sdk, good, b: sdk.create_batch(
            good, [JOB], emulator="EMU_FREE", configuration={"dt": -1}
        ),
        ValidationError,
        "configuration.dt",
        sent=True,
    ),
    # Ids
    "batch id not an id": Case(
        lambda sdk, good, b: sdk.get_batch("not-a-batch"), NotFoundError, "not-a-batch", sent=True
    ),
    "job id unknown": Case(
        lambda sdk, good, b: sdk.get_job(str(uuid.UUID(int=7))),
        NotFoundError,
        "was not found",
        sent=True,
    ),
    "job id with a path in it": Case(
        lambda sdk, good, b: sdk.get_job("../batches"), NotFoundError, "/batches", sent=True
    ),
    "empty batch id": Case(
        lambda sdk, good, b: sdk.cancel_batch(""), NotFoundError, "route", sent=True
    ),
    "cancel a finished batch": Case(
        lambda sdk, good, b: sdk.cancel_batch(b["done"]), ConflictError, "unfinished", sent=True
    ),
    "close a closed batch": Case(
        lambda sdk, good, b: sdk.close_batch(b["done"]),
        ConflictError,
        "already closed",
        sent=True,
    ),
    "tags not strings": Case(
        lambda sdk, good, b: sdk.set_batch_tags(b["open"], [1, 2]),
        InvalidConfigurationError,
        "expected a string",
    ),
    "tag with a lone surrogate": Case(
        lambda sdk, good, b: sdk.set_batch_tags(b["open"], ["ok", "bad\ud800"]),
        InvalidConfigurationError,
        "not valid Unicode",
    ),
    # Filters and pages
    "page limit zero": Case(
        lambda sdk, good, b: list(sdk.get_batches(pagination=PaginationParams(limit=0))),
        InvalidConfigurationError,
        "limit",
    ),
    "page limit over 100": Case(
        lambda sdk, good, b: list(sdk.get_jobs(pagination=PaginationParams(limit=101))),
        InvalidConfigurationError,
        "limit",
    ),
    "page offset negative": Case(
        lambda sdk, good, b: list(sdk.get_batches(pagination=PaginationParams(offset=-1))),
        InvalidConfigurationError,
        "offset",
    ),
    "unknown batch status filter": Case(
        lambda sdk, good, b: list(sdk.get_batches(BatchFilters(status=["SLEEPING"]))),
        InvalidConfigurationError,
        "SLEEPING",
    ),
    "unknown job status filter": Case(
        lambda sdk, good, b: list(sdk.get_jobs(JobFilters(status=["NAPPING"]))),
        InvalidConfigurationError,
        "NAPPING",
    ),
    "unknown device type filter": Case(
        lambda sdk, good, b: list(sdk.get_batches(BatchFilters(device_type=["TOASTER"]))),
        InvalidDeviceTypeError,
        "TOASTER",
    ),
    "negative min_runs filter": Case(
        lambda sdk, good, b: list(sdk.get_jobs(JobFilters(min_runs=-1))),
        ValidationError,
        "min_runs",
        sent=True,
    ),
    "rebatch with filters matching nothing": Case(
        lambda sdk, good, b: sdk.rebatch(b["done"], JobFilters(min_runs=10**6)),
        ValidationError,
        "nothing to rerun",
        sent=True,
    ),
}


@pytest.fixture(scope="module")
def corpus(cloud: LocalCloud, sequence: str) -> Iterator[tuple[SDK, FaultProxy, dict[str, str]]]:
    """An SDK behind a proxy that records what reaches the server, and an open and a finished
    batch to aim at."""
    proxy = FaultProxy(cloud.url)
    sdk = SDK(**sdk_kwargs(cloud, proxy.url))
    sdk.user_token()
    batches = {
        "open": sdk.create_batch(sequence, [JOB], emulator="EMU_FREE", open=True, tags=["t"]).id,
        "done": sdk.create_batch(sequence, [JOB], emulator="EMU_FREE", wait=True).id,
    }
    yield sdk, proxy, batches
    sdk.close()
    proxy.close()


@pytest.mark.parametrize("name", sorted(SDK_CASES))
def test_bad_input_gets_a_typed_clear_error_and_changes_nothing(
    name: str, cloud: LocalCloud, sequence: str, corpus: tuple[SDK, FaultProxy, dict[str, str]]
) -> None:
    case = SDK_CASES[name]
    sdk, proxy, batches = corpus
    before = server_counts(cloud)
    tags = sdk.get_batch(batches["open"]).tags
    proxy.arrived.clear()
    with pytest.raises(case.error) as caught:
        case.act(sdk, sequence, batches)
    assert case.hint in str(caught.value), caught.value
    if case.sent:
        assert proxy.arrived, "the server should have been asked"
        assert isinstance(caught.value, APIError)
        assert 400 <= caught.value.status_code < 500
    else:
        assert proxy.arrived == [], "refused before sending"
        assert not isinstance(caught.value, APIError)
    assert server_counts(cloud) == before
    assert sdk.get_batch(batches["open"]).tags == tags


# What only a raw HTTP client can send: bodies and query strings the SDK never produces.

JSON = {"Content-Type": "application/json"}
GZIP_JSON = {**JSON, "Content-Encoding": "gzip"}


def batch_body(cloud: LocalCloud, sequence: str, **fields: Any) -> dict[str, Any]:
    return {
        "sequence_builder": sequence, "jobs": [JOB], "device_type": "EMU_FREE",
        "project_id": cloud.project_id, **fields,
    }  # fmt: skip


def post(**request: Any) -> Callable[[LocalCloud, str], dict[str, Any]]:
    return lambda cloud, sequence: {"method": "POST", "url": "/api/v1/batches", **request}


def post_body(**fields: Any) -> Callable[[LocalCloud, str], dict[str, Any]]:
    return lambda cloud, sequence: {
        "method": "POST", "url": "/api/v1/batches", "json": batch_body(cloud, sequence, **fields)
    }  # fmt: skip


def get(url: str, **params: Any) -> Callable[[LocalCloud, str], dict[str, Any]]:
    return lambda cloud, sequence: {"method": "GET", "url": url, "params": params}


NAN_BODY: Callable[[LocalCloud, str], dict[str, Any]] = lambda cloud, sequence: {  # noqa: E731
    "method": "POST", "url": "/api/v1/batches", "headers": JSON,
    "content": json.dumps(batch_body(cloud, sequence)).replace("1.0", "NaN").encode(),
}  # fmt: skip

HTTP_CASES: dict[str, tuple[Callable[[LocalCloud, str], dict[str, Any]], int, str]] = {
    "malformed JSON": (post(content=b"{not json", headers=JSON), 400, "not valid JSON"),
    "truncated JSON": (post(content=b'{"jobs": [{"runs": 5', headers=JSON), 400, "JSON"),
    "NaN in JSON": (NAN_BODY, 400, "NaN"),
    "JSON nested too deeply": (
        post(content=b"[" * 100_000 + b"]" * 100_000, headers=JSON),
        400,
        "nested too deeply",
    ),
    "not UTF-8": (post(content=b"\xff\xfe{", headers=JSON), 400, "not valid JSON"),
    "body a list": (post(json=[1, 2]), 422, "JSON object"),
    "body without fields": (post(json={}), 422, "missing the required"),
    "project id a number": (post_body(project_id=7), 422, "project_id"),
    "device type a number": (post_body(device_type=7), 422, "device_type"),
    "sequence a number": (post_body(sequence_builder=7), 422, "sequence_builder"),
    "jobs an object": (post_body(jobs={"runs": 5}), 422, "expected a list"),
    "runs a float": (post_body(jobs=[{**JOB, "runs": 5.0}]), 422, "integer"),
    "job sequence missing": (post_body(sequence_builder=None, jobs=[JOB]), 422, "jobs[0].sequence"),
    "webhook not http": (post_body(webhook="ftp://example.com/x"), 422, "webhook"),
    "body over the size limit": (
        post(content=b" " * (33 * 1024 * 1024), headers=JSON),
        413,
        "limit",
    ),
    "gzip bomb": (
        post(content=gzip.compress(b" " * (40 * 1024 * 1024)), headers=GZIP_JSON),
        413,
        "decompressed",
    ),
    "not gzip though said so": (post(content=b"{}", headers=GZIP_JSON), 400, "gzip"),
    "unknown content encoding": (
        post(content=b"{}", headers={**JSON, "Content-Encoding": "br"}),
        400,
        "br",
    ),
    "page limit 0": (get("/api/v1/batches", limit=0), 422, "limit"),
    "page limit 101": (get("/api/v2/jobs", limit=101), 422, "limit"),
    "page offset -1": (get("/api/v1/batches", offset=-1), 422, "offset"),
    "page offset not a number": (get("/api/v1/batches", offset="abc"), 422, "offset"),
    "unknown order": (get("/api/v1/batches", order_by="mood"), 422, "order_by"),
    "unknown direction": (get("/api/v2/jobs", order_by_direction="UP"), 422, "direction"),
    "unknown status filter": (get("/api/v1/batches", status="SLEEPING"), 422, "SLEEPING"),
    "date not a date": (get("/api/v2/jobs", start_date="2024-13-45"), 422, "start_date"),
    "boolean not a boolean": (get("/api/v1/batches", open="maybe"), 422, "open"),
    "errors filter not a boolean": (get("/api/v2/jobs", errors="perhaps"), 422, "errors"),
    "bulk cancel of nothing": (
        lambda cloud, sequence: {
            "method": "PATCH",
            "url": "/api/v1/batches/cancel",
            "json": {"batch_ids": []},
        },
        422,
        "at least one",
    ),
}


@pytest.mark.parametrize("name", sorted(HTTP_CASES))
def test_bad_requests_get_a_4xx_that_says_what_to_fix_and_change_nothing(
    name: str, cloud: LocalCloud, sequence: str
) -> None:
    make, status, hint = HTTP_CASES[name]
    request = make(cloud, sequence)
    headers = {"Authorization": f"Bearer {password_token(cloud)}", **request.pop("headers", {})}
    before = server_counts(cloud)
    with httpx.Client(base_url=cloud.core_url, timeout=60) as client:
        answer = client.request(headers=headers, **request)
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["status"] == "fail"
    assert body["code"] == status
    assert hint in body["message"], body
    assert server_counts(cloud) == before
