"""What the SDK's batch and job methods do, written once as flows over the generated operations
(workloads: `_workload_flows`; devices and projects: `_project_flows`), with the states they
return and the listing filters.

A flow yields `Call` (one generated operation, `_calls`), `Gather` (sub-flows to run
concurrently), `Download` (GET a results link) and `Sleep` actions; `SDK` performs them with
blocking I/O and `AsyncSDK` with asyncio. Nothing here does I/O itself.
"""

from __future__ import annotations

import dataclasses
import enum
import inspect
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from pasqal_core_client.api.batches import list_batches
from pasqal_core_client.models import (
    Batch,
    BatchConfiguration,
    BatchStatusInfo,
    CancelBatchesRequest,
    CreateBatchRequest,
    DeviceType,
    FinalBatchStatus,
    FinalJobStatus,
    Job,
    JobCreation,
    JobResult,
    JobStatus,
    OrderByDirection,
    Workload,
)
from pasqal_core_client.types import UNSET, Unset

from pasqal_sdk._batch_wire import JobBody
from pasqal_sdk._calls import (
    ADD_JOBS,
    BATCH_FULL_RESULTS,
    CANCEL_BATCH,
    CANCEL_BATCH_JOBS,
    CANCEL_BATCHES,
    CANCEL_JOB,
    CLOSE_BATCH,
    CREATE_BATCH,
    GET_BATCH,
    GET_BATCH_STATUS,
    GET_JOB,
    GET_JOB_STATUS,
    REBATCH,
    RESULTS_LINK,
    SET_BATCH_TAGS,
    Download,
    Operation,
    call,
)
from pasqal_sdk._calls import (
    LIST_BATCHES as LIST_BATCHES,  # also read by _multiwait
)
from pasqal_sdk._calls import (
    LIST_JOBS as LIST_JOBS,
)
from pasqal_sdk._errors import (
    InvalidConfigurationError,
    InvalidJobError,
    ResultNotReadyError,
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
