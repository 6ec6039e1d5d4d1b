"""What every SDK method does, written once as a flow over the generated operations.

A flow yields `Call` (one generated operation), `Gather` (sub-flows to run concurrently),
`Download` (GET a results link) and `Sleep` actions; `SDK` performs them with blocking I/O and
`AsyncSDK` with asyncio. Nothing here does I/O itself.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import functools
import inspect
import logging
import uuid
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar, cast

from pasqal_account_client.api.projects import list_projects
from pasqal_account_client.models import ErrorResponse as AccountErrorResponse
from pasqal_account_client.models import Project, ProjectListResponse
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
    Batch,
    BatchConfiguration,
    BatchesCancellationResponse,
    BatchFullResultsResponse,
    BatchListResponse,
    BatchResponse,
    BatchStatusInfo,
    BatchStatusResponse,
    CancelBatchesRequest,
    CreateBatchRequest,
    CreateWorkloadRequest,
    CreateWorkloadRequestConfig,
    DeviceSpecsResponse,
    DeviceType,
    ErrorResponse,
    FinalBatchStatus,
    FinalJobStatus,
    Job,
    JobCreation,
    JobListResponse,
    JobResponse,
    JobResult,
    JobsCancellationResponse,
    JobStatus,
    JobStatusResponse,
    OrderByDirection,
    PublicDeviceSpecsResponse,
    ResultsLinkResponse,
    Workload,
    WorkloadResponse,
)
from pasqal_core_client.types import UNSET, Response, Unset

from pasqal_sdk._batch_wire import JobBody, lazy_jobs
from pasqal_sdk._errors import (
    AnswerLostError,
    APIConnectionError,
    InvalidConfigurationError,
    InvalidJobError,
    ProjectNotFoundError,
    ResultNotReadyError,
    error_for_status,
    for_operation,
)
from pasqal_sdk._filters import BatchFilters as BatchFilters  # re-exported for the clients
from pasqal_sdk._filters import JobFilters as JobFilters
from pasqal_sdk._filters import query
from pasqal_sdk._flow import Flow
from pasqal_sdk._validation import (
    JobSpec,
    SequenceLike,
    check_text,
    job_bodies,
    serialize_sequence,
)
from pasqal_sdk._waiting import PollingPolicy, wait_flow
from pasqal_sdk.device import BaseConfig, EmulatorType, device_type_of, device_type_value
from pasqal_sdk.device import DeviceType as SdkDeviceType

T = TypeVar("T")

# The statuses a wait ends on, as the documents list them (`FinalBatchStatus`, `FinalJobStatus`).
BATCH_FINAL = frozenset(status.value for status in FinalBatchStatus)
JOB_FINAL = frozenset(status.value for status in FinalJobStatus)
# Items a listing request asks for at most: the documents' `limit` default, which is also its
# maximum (tests/contract checks that they agree).
MAX_PAGE: int = inspect.signature(list_batches._get_kwargs).parameters["limit"].default

logger = logging.getLogger("pasqal_sdk")


def finished(kind: str, resource_id: str, status: enum.Enum, final: frozenset[str]) -> bool:
    """Whether a status ends a wait; one the documents don't list never does (polling goes on)."""
    text = str(status.value)
    if status not in type(status).__members__.values():
        logger.debug(
            "%s %s is in status %r, which the API documents don't list: not final,"
            " polling on until a known final status or the timeout",
            kind,
            resource_id,
            text,
        )
    return text in final


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


#: What to do next, appended to the service's message for an operation's status.
_PROJECTS_HINT = "`pasqal-sdk projects` or sdk.get_all_projects() lists your projects"
_HINTS: dict[tuple[str, int], str] = {
    ("create_batch", 403): _PROJECTS_HINT,
    ("create_workload", 403): _PROJECTS_HINT,
}


#: Where to look for what a creating request may have made when its answer was lost.
_LOST_HINTS: dict[str, str] = {
    "create_batch": "list your recent batches (sdk.get_batches(BatchFilters(start_date=...,"
    " tag=[...])); the tags you gave help) before creating it again",
    "add_jobs": "get the batch (sdk.get_batch(id)) and count its jobs before adding them again",
    "create_workload": "list your recent workloads before creating it again",
    "rebatch": "list your recent batches before rebatching again",
}


def operation_name(op: Operation[Any]) -> str:
    """The operation id of `op` (`create_batch`), as the generated module is named."""
    return op.sync.__module__.rpartition(".")[2]


@contextlib.contextmanager
def calling(op: Operation[Any]) -> Iterator[None]:
    """Around a generated call: a transport failure is also the operation's original-SDK error
    (`BatchCreationError` for `create_batch`), and a lost answer says where to look."""
    try:
        yield
    except AnswerLostError as lost:
        name = operation_name(op)
        hint = _LOST_HINTS.get(name)
        message = f"{lost.message} ({name}: {hint})" if hint else lost.message
        error = AnswerLostError(message, request_id=lost.request_id)
        raise for_operation(name, error) from lost.__cause__
    except APIConnectionError as failed:
        raise for_operation(operation_name(op), failed) from failed.__cause__


def unwrap(op: Operation[T], response: Response[Any]) -> T:
    """The success model of `response`, or the typed APIError it stands for, also an instance
    of the original SDK's error for the operation (`BatchFetchingError` for `get_batch`)."""
    parsed = response.parsed
    if isinstance(parsed, op.ok):
        return parsed
    status = int(response.status_code)
    request_id = response.headers.get("x-request-id")
    operation = operation_name(op)
    if isinstance(parsed, (ErrorResponse, AccountErrorResponse)):
        data = None if isinstance(parsed.data, Unset) else parsed.data
        hint = _HINTS.get((operation, status))
        message = f"{parsed.message} ({hint})" if hint else parsed.message
        error = error_for_status(
            status, message, code=parsed.code, request_id=request_id, data=data
        )
    else:
        error = error_for_status(
            status, f"unexpected answer (HTTP {status})", request_id=request_id
        )
    raise for_operation(operation, error)


# --- state returned by the flows -------------------------------------------------------------


@dataclasses.dataclass
class BatchState:
    """A batch as the service last described it, with the results fetched so far."""

    batch: Batch
    results: dict[str, JobResult]


@dataclasses.dataclass
class JobState:
    job: Job
    result: JobResult | None


@dataclasses.dataclass
class WorkloadState:
    workload: Workload
    result: dict[str, Any] | None


@dataclasses.dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a listing and the offset of the next one (None at the end)."""

    items: list[T]
    next_offset: int | None
    total: int | None


@dataclasses.dataclass(frozen=True)
class PaginationParams:
    """Where a listing starts and how many items each request asks for (at most 100).

    Attributes:
        offset: How many matching items to skip.
        limit: Items per request (1 to 100).

    Raises:
        InvalidConfigurationError: `offset` is negative or `limit` is out of range.
    """

    offset: int = 0
    limit: int = MAX_PAGE

    def __post_init__(self) -> None:
        if self.offset < 0 or not 0 < self.limit <= MAX_PAGE:
            raise InvalidConfigurationError(
                f"pagination needs offset >= 0 and 0 < limit <= {MAX_PAGE}"
            )


FiltersT = TypeVar("FiltersT")


def scoped(filters: FiltersT | None, default: Callable[..., FiltersT], project: str | None) -> Any:
    """`filters` limited to `project` unless they name projects themselves (or no project is set).

    Listings follow the SDK's project, as creating does; explicit `project_id` filters win.
    """
    if project is None:
        return filters
    if filters is None:
        return default(project_id=[project])
    if getattr(filters, "project_id", None):
        return filters
    return dataclasses.replace(filters, project_id=[project])  # type: ignore[type-var]


# --- batches ---------------------------------------------------------------------------------


def _job_creations(
    jobs: Sequence[Mapping[str, Any] | JobSpec], declared: frozenset[str] | None
) -> list[JobCreation]:
    """The jobs checked, as generated models that send their checked dicts as they are."""
    return [JobBody(body) for body in job_bodies(jobs, declared)]


def create_batch_flow(
    project_id: str,
    sequence: SequenceLike,
    jobs: Sequence[Mapping[str, Any] | JobSpec],
    *,
    device_type: SdkDeviceType | EmulatorType | str | None,
    configuration: BaseConfig | Mapping[str, Any] | None,
    backend_configuration: str | None,
    open: bool,
    tags: Sequence[str] | None,
    webhook: str | None,
) -> Flow[BatchState]:
    """Check, then create a batch (one POST, never repeated once it may have arrived).

    With no device type, the batch goes to the QPU the sequence was built for; a sequence on a
    virtual device needs an emulator, and is refused before sending.
    """
    serialized, declared = serialize_sequence(sequence)
    if device_type is None:
        device_type = device_type_of(serialized)
    creations = _job_creations(jobs, declared)
    if not creations and not open:
        raise InvalidJobError("a closed batch needs at least one job (or pass open=True)")
    config: BatchConfiguration | Unset = UNSET
    if configuration is not None:
        as_dict = (
            configuration.to_dict() if isinstance(configuration, BaseConfig) else configuration
        )
        config = BatchConfiguration.from_dict(dict(as_dict))
    body = CreateBatchRequest(
        jobs=creations,
        device_type=DeviceType(device_type_value(device_type)),
        project_id=project_id,
        sequence_builder=serialized,
        open_=open,
        webhook=UNSET if webhook is None else webhook,
        configuration=config,
        backend_configuration=UNSET if backend_configuration is None else backend_configuration,
        tags=UNSET if tags is None else _tags(tags),
    )
    answer = yield from call(CREATE_BATCH, body=body)
    return BatchState(answer.data, {})


def add_jobs_flow(
    batch_id: str, jobs: Sequence[Mapping[str, Any] | JobSpec], declared: frozenset[str] | None
) -> Flow[BatchState]:
    answer = yield from call(ADD_JOBS, batch_id=batch_id, body=_job_creations(jobs, declared))
    return BatchState(answer.data, {})


def get_batch_flow(batch_id: str, *, fetch_results: bool = True) -> Flow[BatchState]:
    """The batch and all its jobs in one request; results of finished jobs fetched concurrently."""
    answer = yield from call(GET_BATCH, batch_id=batch_id)
    state = BatchState(answer.data, {})
    if fetch_results:
        yield from fetch_batch_results(state)
    return state


def batch_jobs(batch: Batch) -> list[Job]:
    return [] if isinstance(batch.jobs, Unset) else list(batch.jobs)


def fetch_batch_results(state: BatchState) -> Flow[None]:
    """Fill `state.results` for every finished job: the results inline in the batch, else all
    of them in one request (`batch_full_results_flow`)."""
    missing = []
    for job in batch_jobs(state.batch):
        if job.status != JobStatus.DONE or job.id in state.results:
            continue
        if isinstance(job.full_result, JobResult):
            state.results[job.id] = job.full_result
        elif job.result is not None and not isinstance(job.result, Unset):
            state.results[job.id] = JobResult(counter=job.result)
        else:
            missing.append(job.id)
    if missing:
        results = yield from batch_full_results_flow(state.batch.id)
        state.results.update((job_id, results[job_id]) for job_id in missing if job_id in results)


def batch_full_results_flow(batch_id: str) -> Flow[dict[str, JobResult]]:
    """Job id to its results, for every job of the batch that has some, in one request."""
    answer = yield from call(BATCH_FULL_RESULTS, batch_id=batch_id)
    return dict(answer.data.additional_properties)


def job_result_flow(job_id: str) -> Flow[JobResult]:
    """A finished job's results: its results link, then the download."""
    link = yield from call(RESULTS_LINK, job_id=job_id)
    url = link.data.results_link
    if not isinstance(url, str) or not url:
        raise ResultNotReadyError(
            f"job {job_id} has no results yet (its results link is null): wait() for it",
            job_id=job_id,
            status="UNKNOWN",
        )
    document = yield Download(url)
    if not isinstance(document, dict):
        document = {}
    return JobResult.from_dict(document)


def batch_status_flow(batch_id: str) -> Flow[BatchStatusInfo]:
    """The batch's status and per-status job counts, without its jobs: a small answer to poll."""
    answer = yield from call(GET_BATCH_STATUS, batch_id=batch_id)
    return answer.data


def batch_progress(info: BatchStatusInfo | Batch) -> tuple[int, int]:
    """(jobs finished, jobs) of a batch, from its status or its listed model."""
    counts = info.jobs_count_per_status
    per_status = {} if isinstance(counts, Unset) else counts.additional_properties
    done = sum(n for status, n in per_status.items() if status in JOB_FINAL)
    return done, sum(per_status.values())


def item_progress(status: enum.Enum) -> tuple[int, int]:
    """(1, 1) once a job or workload has finished, else (0, 1)."""
    return int(str(status) in JOB_FINAL), 1


def wait_batch_flow(
    batch_id: str,
    *,
    timeout: float | None,
    progress: bool,
    policy: PollingPolicy,
    jobs: int | None = None,
    hint: str = "",
) -> Flow[BatchState]:
    """Poll the batch's status (one small request per poll, paced by the estimated time left)
    until it finishes, then fetch it once with its jobs and results.

    With `jobs` (how many it holds), the wait ends as soon as that many jobs have finished, even
    while the batch is open: the original SDK's `add_jobs(..., wait=True)`.
    """

    def is_done(info: BatchStatusInfo) -> bool:
        if finished("batch", batch_id, info.status, BATCH_FINAL):
            return True
        done, total = batch_progress(info)
        return jobs is not None and total >= jobs and done == total

    yield from wait_flow(
        lambda: batch_status_flow(batch_id),
        is_done=is_done,
        describe=lambda info: ("batch", batch_id, str(info.status)),
        timeout=timeout,
        policy=policy,
        progress=batch_progress,
        show_progress=progress,
        hint=hint,
    )
    return (yield from get_batch_flow(batch_id))


def list_page_flow(
    op: Operation[Any], query: dict[str, Any], offset: int, limit: int
) -> Flow[Page[Any]]:
    """One page of a listing; the next offset is None once `end` reaches `total`."""
    answer = yield from call(op, offset=offset, limit=limit, **query)
    items = list(answer.data)
    pagination = answer.pagination
    if isinstance(pagination, Unset):
        next_offset = offset + len(items) if len(items) == limit else None
        return Page(items, next_offset, None)
    more = pagination.end < pagination.total and len(items) > 0
    return Page(items, pagination.end if more else None, pagination.total)


def batches_page_flow(filters: BatchFilters | None, offset: int, limit: int) -> Flow[Page[Any]]:
    return list_page_flow(LIST_BATCHES, query(filters, LIST_BATCHES.sync), offset, limit)


def jobs_page_flow(
    filters: JobFilters | None, offset: int, limit: int, *, newest_first: bool = False
) -> Flow[Page[Any]]:
    kwargs = query(filters, LIST_JOBS.sync)
    if newest_first:
        kwargs["order_by_direction"] = OrderByDirection.DESC
    return list_page_flow(LIST_JOBS, kwargs, offset, limit)


def close_batch_flow(batch_id: str) -> Flow[BatchState]:
    answer = yield from call(CLOSE_BATCH, batch_id=batch_id)
    return BatchState(answer.data, {})


def cancel_batch_flow(batch_id: str) -> Flow[BatchState]:
    answer = yield from call(CANCEL_BATCH, batch_id=batch_id)
    return BatchState(answer.data, {})


def cancel_batches_flow(batch_ids: Sequence[str]) -> Flow[tuple[list[Batch], dict[str, str]]]:
    answer = yield from call(CANCEL_BATCHES, body=CancelBatchesRequest(batch_ids=list(batch_ids)))
    errors = {k: str(v) for k, v in answer.data.errors.additional_properties.items()}
    return list(answer.data.batches), errors


def cancel_jobs_flow(
    batch_id: str, filters: JobFilters | None
) -> Flow[tuple[list[Job], dict[str, str]]]:
    kwargs = query(filters, CANCEL_BATCH_JOBS.sync)
    answer = yield from call(CANCEL_BATCH_JOBS, batch_id=batch_id, **kwargs)
    errors = {k: str(v) for k, v in answer.data.errors.additional_properties.items()}
    return list(answer.data.jobs), errors


def rebatch_flow(batch_id: str, filters: JobFilters | None) -> Flow[BatchState]:
    kwargs = query(filters, REBATCH.sync)
    answer = yield from call(REBATCH, batch_id=batch_id, **kwargs)
    return BatchState(answer.data, {})


def _tags(tags: Sequence[str]) -> list[str]:
    """Tags as a list of sendable strings (one string is one tag)."""
    listed = [tags] if isinstance(tags, str) else list(tags)
    for position, tag in enumerate(listed):
        if not isinstance(tag, str):
            raise InvalidConfigurationError(f"tags[{position}]: expected a string, got {tag!r}")
        check_text(f"tags[{position}]", tag, InvalidConfigurationError)
    return listed


def set_batch_tags_flow(batch_id: str, tags: Sequence[str]) -> Flow[BatchState]:
    answer = yield from call(SET_BATCH_TAGS, batch_id=batch_id, body=_tags(tags))
    return BatchState(answer.data, {})


# --- jobs ------------------------------------------------------------------------------------


def job_status_flow(job_id: str) -> Flow[JobStatus]:
    """The job's status alone: a small answer."""
    answer = yield from call(GET_JOB_STATUS, job_id=job_id)
    return answer.data.status


def get_job_flow(job_id: str, *, fetch_result: bool = True) -> Flow[JobState]:
    answer = yield from call(GET_JOB, job_id=job_id)
    job = answer.data
    result: JobResult | None = None
    if fetch_result and job.status == JobStatus.DONE:
        if isinstance(job.full_result, JobResult):
            result = job.full_result
        else:
            result = yield from job_result_flow(job.id)
    return JobState(job, result)


def wait_job_flow(
    job_id: str, *, timeout: float | None, progress: bool, policy: PollingPolicy
) -> Flow[JobState]:
    state = yield from wait_flow(
        lambda: get_job_flow(job_id, fetch_result=False),
        is_done=lambda s: finished("job", s.job.id, s.job.status, JOB_FINAL),
        describe=lambda s: ("job", s.job.id, str(s.job.status)),
        timeout=timeout,
        policy=policy,
        progress=lambda s: item_progress(s.job.status),
        show_progress=progress,
    )
    if state.job.status == JobStatus.DONE:
        state.result = yield from job_result_flow(job_id)
    return state


def cancel_job_flow(job_id: str) -> Flow[JobState]:
    answer = yield from call(CANCEL_JOB, job_id=job_id)
    return JobState(answer.data, None)


# --- workloads -------------------------------------------------------------------------------


def create_workload_flow(
    project_id: str, workload_type: str, backend: str, config: Mapping[str, Any]
) -> Flow[WorkloadState]:
    body = CreateWorkloadRequest(
        workload_type=workload_type,
        backend=backend,
        config=CreateWorkloadRequestConfig.from_dict(dict(config)),
        project_id=project_id,
    )
    answer = yield from call(CREATE_WORKLOAD, body=body)
    return WorkloadState(answer.data, None)


def get_workload_flow(workload_id: str, *, fetch_result: bool = True) -> Flow[WorkloadState]:
    answer = yield from call(GET_WORKLOAD, workload_id=workload_id)
    workload = answer.data
    result: dict[str, Any] | None = None
    if workload.result is not None and not isinstance(workload.result, Unset):
        result = workload.result.to_dict()
    elif fetch_result and isinstance(workload.result_link, str) and str(workload.status) == "DONE":
        document = yield Download(workload.result_link)
        result = document if isinstance(document, dict) else {"result": document}
    return WorkloadState(workload, result)


def wait_workload_flow(
    workload_id: str, *, timeout: float | None, progress: bool, policy: PollingPolicy
) -> Flow[WorkloadState]:
    yield from wait_flow(
        lambda: get_workload_flow(workload_id, fetch_result=False),
        is_done=lambda s: finished("workload", s.workload.id, s.workload.status, JOB_FINAL),
        describe=lambda s: ("workload", s.workload.id, str(s.workload.status)),
        timeout=timeout,
        policy=policy,
        progress=lambda s: item_progress(s.workload.status),
        show_progress=progress,
    )
    return (yield from get_workload_flow(workload_id))


def cancel_workload_flow(workload_id: str) -> Flow[WorkloadState]:
    answer = yield from call(CANCEL_WORKLOAD, workload_id=workload_id)
    return WorkloadState(answer.data, None)


# --- devices and projects --------------------------------------------------------------------


def device_specs_flow() -> Flow[dict[str, str]]:
    answer = yield from call(DEVICE_SPECS)
    return {k: str(v) for k, v in answer.data.additional_properties.items()}


def public_device_specs_flow() -> Flow[dict[str, str]]:
    answer = yield from call(PUBLIC_DEVICE_SPECS)
    return {spec.device_type: spec.specs for spec in answer.data}


def projects_flow() -> Flow[list[Project]]:
    answer = yield from call(LIST_PROJECTS)
    return list(answer.data)


def check_project_flow(project_id: str) -> Flow[str]:
    """`project_id` if it is one of the user's projects, else ProjectNotFoundError."""
    if not isinstance(project_id, str) or not project_id:
        raise InvalidConfigurationError("project_id must be a non-empty string")
    projects = yield from projects_flow()
    ids = [project.id for project in projects]
    if project_id not in ids:
        yours = ", ".join(f"{p.id} ({p.name})" for p in projects) or "none"
        raise ProjectNotFoundError(
            f"project {project_id!r} is not one of yours (yours: {yours});"
            " `pasqal-sdk projects` or sdk.get_all_projects() lists them",
            project_id=project_id,
        )
    return project_id
