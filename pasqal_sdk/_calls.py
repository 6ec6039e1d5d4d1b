"""The generated operations the SDK calls, and the actions a flow yields to run them.

`Operation` pairs an operation's sync and async functions with its success model; `call(op)`
is the flow of one call. `Call`, `Gather` and `Download` are what a flow yields; the SDK's
`_perform` (`_async/base.py`) performs them.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar, cast

from pasqal_account_client.api.projects import list_projects
from pasqal_account_client.models import ProjectListResponse
from pasqal_core_client.api.batches import (
    add_jobs,
    cancel_batch,
    cancel_batch_jobs,
    cancel_batches,
    complete_batch,
    create_batch,
    get_batch_full_results,
    get_batch_status,
    get_batch_v1,
    list_batches,
    rebatch,
    set_batch_tags,
)
from pasqal_core_client.api.devices import get_device_specs, get_public_device_specs
from pasqal_core_client.api.jobs import (
    cancel_job,
    get_job,
    get_job_results_link,
    get_job_status,
    list_jobs,
)
from pasqal_core_client.api.workloads import cancel_workload, create_workload, get_workload
from pasqal_core_client.models import (
    BatchesCancellationResponse,
    BatchFullResultsResponse,
    BatchListResponse,
    BatchResponse,
    BatchStatusResponse,
    DeviceSpecsResponse,
    JobListResponse,
    JobResponse,
    JobsCancellationResponse,
    JobStatusResponse,
    PublicDeviceSpecsResponse,
    ResultsLinkResponse,
    WorkloadResponse,
)
from pasqal_core_client.types import Response

from pasqal_sdk._batch_wire import lazy_jobs
from pasqal_sdk._flow import Flow

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class Operation(Generic[T]):
    """A generated operation: its sync and async functions and its success model."""

    sync: Callable[..., Response[Any]]
    asyncio: Callable[..., Awaitable[Response[Any]]]
    ok: type[T]
    service: str = "core"

    @functools.cached_property
    def takes_idempotency_key(self) -> bool:
        """Whether the documents declare an `Idempotency-Key` header on the operation."""
        return "idempotency_key" in inspect.signature(self.sync).parameters


def _op(module: Any, ok: type[T], service: str = "core") -> Operation[T]:
    return Operation(module.sync_detailed, module.asyncio_detailed, ok, service)


CREATE_BATCH = Operation(*lazy_jobs(create_batch), BatchResponse)
GET_BATCH = _op(get_batch_v1, BatchResponse)
GET_BATCH_STATUS = _op(get_batch_status, BatchStatusResponse)
BATCH_FULL_RESULTS = _op(get_batch_full_results, BatchFullResultsResponse)
LIST_BATCHES = _op(list_batches, BatchListResponse)
ADD_JOBS = Operation(*lazy_jobs(add_jobs), BatchResponse)
CLOSE_BATCH = _op(complete_batch, BatchResponse)
CANCEL_BATCH = _op(cancel_batch, BatchResponse)
CANCEL_BATCHES = _op(cancel_batches, BatchesCancellationResponse)
CANCEL_BATCH_JOBS = _op(cancel_batch_jobs, JobsCancellationResponse)
REBATCH = _op(rebatch, BatchResponse)
SET_BATCH_TAGS = _op(set_batch_tags, BatchResponse)
GET_JOB = _op(get_job, JobResponse)
GET_JOB_STATUS = _op(get_job_status, JobStatusResponse)
LIST_JOBS = _op(list_jobs, JobListResponse)
CANCEL_JOB = _op(cancel_job, JobResponse)
RESULTS_LINK = _op(get_job_results_link, ResultsLinkResponse)
CREATE_WORKLOAD = _op(create_workload, WorkloadResponse)
GET_WORKLOAD = _op(get_workload, WorkloadResponse)
CANCEL_WORKLOAD = _op(cancel_workload, WorkloadResponse)
DEVICE_SPECS = _op(get_device_specs, DeviceSpecsResponse)
PUBLIC_DEVICE_SPECS = _op(get_public_device_specs, PublicDeviceSpecsResponse)
LIST_PROJECTS = _op(list_projects, ProjectListResponse, "account")


@dataclasses.dataclass(frozen=True)
class Call(Generic[T]):
    """Action: run one generated operation; the outcome is its success model."""

    op: Operation[T]
    kwargs: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class Gather:
    """Action: run these flows concurrently; the outcome is the list of their results."""

    flows: list[Flow[Any]]


@dataclasses.dataclass(frozen=True)
class Download:
    """Action: GET a results link (no credentials); the outcome is the decoded JSON."""

    url: str


def call(op: Operation[T], **kwargs: Any) -> Flow[T]:
    """Flow of one operation call, typed by its success model. An operation the documents give
    an `Idempotency-Key` gets a new one, which every retry of this call sends again."""
    if op.takes_idempotency_key:
        kwargs.setdefault("idempotency_key", uuid.uuid4().hex)
    result = yield Call(op, kwargs)
    return cast(T, result)
