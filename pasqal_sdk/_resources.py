"""Batch, Job and Workload objects: what the service said, plus refresh, cancel and wait.

The data parts (`_JobData`, `_BatchData`, `_WorkloadData`) are shared; `Job`/`AsyncJob` (and so
on) add the methods of the sync and async SDK, each a call of the same flow.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pasqal_account_client.models import Project as ProjectModel
from pasqal_core_client.models import Batch as BatchModel
from pasqal_core_client.models import Job as JobModel
from pasqal_core_client.models import JobResult
from pasqal_core_client.types import Unset

from pasqal_sdk import _operations as ops
from pasqal_sdk._validation import JobSpec, serialize_sequence

if TYPE_CHECKING:
    from pasqal_sdk._client import SDK, AsyncSDK

__all__ = [
    "AsyncBatch",
    "AsyncJob",
    "AsyncWorkload",
    "Batch",
    "BatchCancellation",
    "Job",
    "JobCancellation",
    "Project",
    "Workload",
]


def _opt(value: Any) -> Any:
    return None if isinstance(value, Unset) else value


class _JobData:
    """A job's fields; `result` holds its bitstring counts once it is DONE and fetched."""

    id: str
    batch_id: str
    project_id: str
    status: str
    runs: int
    variables: dict[str, Any] | None
    errors: list[str]
    created_at: str
    updated_at: str
    user_id: str | None
    start_timestamp: str | None
    end_timestamp: str | None
    parent_id: str | None
    sequence: str | None
    full_result: dict[str, Any] | None

    def __init__(self, model: JobModel, result: JobResult | None) -> None:
        self._load(model, result)

    def _load(self, model: JobModel, result: JobResult | None) -> None:
        self.id = model.id
        self.batch_id = model.batch_id
        self.project_id = model.project_id
        self.status = str(model.status)
        self.runs = model.runs
        variables = _opt(model.variables)
        self.variables = None if variables is None else variables.to_dict()
        self.errors = list(_opt(model.errors) or [])
        self.created_at = model.created_at
        self.updated_at = model.updated_at
        self.user_id = _opt(model.user_id)
        self.start_timestamp = _opt(model.start_timestamp)
        self.end_timestamp = _opt(model.end_timestamp)
        self.parent_id = _opt(model.parent_id)
        self.sequence = _opt(model.sequence)
        if result is not None:
            self.full_result = result.to_dict()
        elif not hasattr(self, "full_result") or self.status != "DONE":
            self.full_result = None

    @property
    def result(self) -> dict[str, int] | None:
        """Bitstring to count, once the job is DONE (None before)."""
        if self.full_result is None:
            return None
        counter = self.full_result.get("counter")
        return dict(counter) if isinstance(counter, dict) else None

    @property
    def counts(self) -> Counter[str]:
        """Bitstring counts as a `collections.Counter` (empty until the job is DONE).

        Example: `job.counts.most_common(3)` gives the three likeliest bitstrings.
        """
        return Counter(self.result or {})

    def probabilities(self) -> dict[str, float]:
        """Each measured bitstring's share of the shots, most likely first.

        Example: `job.probabilities()["1001"]`.
        """
        counts = self.counts
        total = sum(counts.values())
        return {bits: n / total for bits, n in counts.most_common()} if total else {}

    def plot_histogram(self, ax: Any = None, *, top: int | None = None) -> Any:
        """A bar chart of the counts (matplotlib, from the `plot` extra); returns the axes.

        Example: `job.plot_histogram(top=10); plt.show()`.
        """
        try:
            import matplotlib.pyplot as plt
        except ImportError as error:
            raise ImportError(
                "plot_histogram needs matplotlib: pip install 'pasqal-sdk[plot]'"
            ) from error
        pairs = sorted(self.counts.most_common(top))
        if ax is None:
            _, ax = plt.subplots()
        ax.bar([bits for bits, _ in pairs], [n for _, n in pairs])
        ax.set_xlabel("bitstring")
        ax.set_ylabel("counts")
        ax.set_title(f"job {self.id} ({sum(self.counts.values())} shots)")
        ax.tick_params(axis="x", labelrotation=90)
        return ax

    def done(self) -> bool:
        """Whether the job has finished (DONE, ERROR or CANCELED); no request is made."""
        return self.status in ops.JOB_FINAL

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self.id!r}, status={self.status!r}, runs={self.runs})"


class Job(_JobData):
    """A job of the sync SDK."""

    def __init__(self, sdk: SDK, model: JobModel, result: JobResult | None = None) -> None:
        self._sdk = sdk
        super().__init__(model, result)

    def _apply(self, state: ops.JobState) -> Job:
        self._load(state.job, state.result)
        return self

    def refresh(self) -> Job:
        """Fetch the job again (and its result once DONE)."""
        return self._apply(self._sdk._run(ops.get_job_flow(self.id)))

    def cancel(self) -> Job:
        """Cancel the job."""
        return self._apply(self._sdk._run(ops.cancel_job_flow(self.id)))

    def wait(self, timeout: float | None = None, progress: bool = False) -> Job:
        """Block until the job finishes; WaitTimeoutError after `timeout` seconds."""
        flow = ops.wait_job_flow(
            self.id, timeout=timeout, progress=progress, policy=self._sdk.polling
        )
        return self._apply(self._sdk._run(flow))


class AsyncJob(_JobData):
    """A job of the async SDK."""

    def __init__(self, sdk: AsyncSDK, model: JobModel, result: JobResult | None = None) -> None:
        self._sdk = sdk
        super().__init__(model, result)

    def _apply(self, state: ops.JobState) -> AsyncJob:
        self._load(state.job, state.result)
        return self

    async def refresh(self) -> AsyncJob:
        """Fetch the job again (and its result once DONE)."""
        return self._apply(await self._sdk._run(ops.get_job_flow(self.id)))

    async def cancel(self) -> AsyncJob:
        """Cancel the job."""
        return self._apply(await self._sdk._run(ops.cancel_job_flow(self.id)))

    async def wait(self, timeout: float | None = None, progress: bool = False) -> AsyncJob:
        """Wait until the job finishes; WaitTimeoutError after `timeout` seconds."""
        flow = ops.wait_job_flow(
            self.id, timeout=timeout, progress=progress, policy=self._sdk.polling
        )
        return self._apply(await self._sdk._run(flow))


J = TypeVar("J", bound=_JobData)


class _BatchData(Generic[J]):
    """A batch's fields and its jobs, in creation order (`ordered_jobs`)."""

    ordered_jobs: list[J]
    id: str
    project_id: str
    device_type: str
    status: str
    open: bool
    created_at: str
    updated_at: str
    user_id: str | None
    priority: int | None
    sequence_builder: str | None
    webhook: str | None
    configuration: dict[str, Any] | None
    backend_configuration: str | None
    parent_id: str | None
    tags: list[str]
    start_datetime: str | None
    end_datetime: str | None
    job_ids: list[str]

    def _load(self, state: ops.BatchState) -> None:
        model: BatchModel = state.batch
        self.id = model.id
        self.project_id = model.project_id
        self.device_type = model.device_type
        self.status = str(model.status)
        open_ = _opt(model.open_)
        complete = _opt(model.complete)
        self.open = (
            bool(open_) if open_ is not None else not complete if complete is not None else False
        )
        self.created_at = model.created_at
        self.updated_at = model.updated_at
        self.user_id = _opt(model.user_id)
        self.priority = _opt(model.priority)
        self.sequence_builder = _opt(model.sequence_builder)
        self.webhook = _opt(model.webhook)
        configuration = _opt(model.configuration)
        self.configuration = None if configuration is None else configuration.to_dict()
        self.backend_configuration = _opt(model.backend_configuration)
        self.parent_id = _opt(model.parent_id)
        self.tags = list(_opt(model.tags) or [])
        self.start_datetime = _opt(model.start_datetime)
        self.end_datetime = _opt(model.end_datetime)
        if not isinstance(model.jobs, Unset):
            self._set_jobs(model.jobs, state.results)
            self.job_ids = [job.id for job in model.jobs]
        elif not isinstance(model.job_ids, Unset):
            self.job_ids = list(model.job_ids)
        elif not hasattr(self, "job_ids"):
            self.job_ids = []

    def _new_job(self, model: JobModel, result: JobResult | None) -> J:
        raise NotImplementedError

    def _set_jobs(self, models: list[JobModel], results: Mapping[str, JobResult]) -> None:
        previous = {job.id: job for job in self.ordered_jobs}
        jobs = []
        for model in models:
            result = results.get(model.id)
            job = previous.get(model.id)
            if job is None:
                job = self._new_job(model, result)
            else:
                job._load(model, result)
            jobs.append(job)
        self.ordered_jobs = jobs

    @property
    def jobs(self) -> dict[str, J]:
        """The jobs by id (the original SDK's view; `ordered_jobs` keeps their order)."""
        return {job.id: job for job in self.ordered_jobs}

    def done(self) -> bool:
        """Whether the batch has finished; no request is made."""
        return self.status in ops.BATCH_FINAL

    def _declared(self) -> frozenset[str] | None:
        if self.sequence_builder is None:
            return None
        return serialize_sequence(self.sequence_builder)[1]

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(id={self.id!r}, status={self.status!r}, "
            f"device_type={self.device_type!r}, jobs={len(self.job_ids)})"
        )


class Batch(_BatchData[Job]):
    """A batch of the sync SDK.

    Example::

        batch = sdk.create_batch(seq, [{"runs": 20}], emulator=EmulatorType.EMU_FREE)
        batch.wait(timeout=60, progress=True)
        for job in batch.ordered_jobs:
            print(job.result)
    """

    def __init__(self, sdk: SDK, state: ops.BatchState) -> None:
        self._sdk = sdk
        self.ordered_jobs = []
        self._load(state)

    def _new_job(self, model: JobModel, result: JobResult | None) -> Job:
        return Job(self._sdk, model, result)

    def _apply(self, state: ops.BatchState) -> Batch:
        self._load(state)
        return self

    def refresh(self) -> Batch:
        """Fetch the batch and its jobs again (one request, plus new results)."""
        return self._apply(self._sdk._run(ops.get_batch_flow(self.id)))

    def wait(self, timeout: float | None = None, progress: bool = False) -> Batch:
        """Block until the batch finishes, then fetch its results concurrently.

        Raises WaitTimeoutError after `timeout` seconds, leaving the batch as it is.
        """
        flow = ops.wait_batch_flow(
            self.id, timeout=timeout, progress=progress, policy=self._sdk.polling
        )
        return self._apply(self._sdk._run(flow))

    def cancel(self) -> Batch:
        """Cancel the batch and its unfinished jobs."""
        return self._apply(self._sdk._run(ops.cancel_batch_flow(self.id)))

    def close(self, wait: bool = False, timeout: float | None = None) -> Batch:
        """Declare the open batch complete: it accepts no more jobs."""
        self._apply(self._sdk._run(ops.close_batch_flow(self.id)))
        return self.wait(timeout=timeout) if wait else self

    def add_jobs(self, jobs: Sequence[Mapping[str, Any] | JobSpec], wait: bool = False) -> Batch:
        """Add jobs to the open batch (checked against its sequence first)."""
        self._apply(self._sdk._run(ops.add_jobs_flow(self.id, jobs, self._declared())))
        return self.wait() if wait else self


class AsyncBatch(_BatchData["AsyncJob"]):
    """A batch of the async SDK; the methods of `Batch`, awaited."""

    def __init__(self, sdk: AsyncSDK, state: ops.BatchState) -> None:
        self._sdk = sdk
        self.ordered_jobs = []
        self._load(state)

    def _new_job(self, model: JobModel, result: JobResult | None) -> AsyncJob:
        return AsyncJob(self._sdk, model, result)

    def _apply(self, state: ops.BatchState) -> AsyncBatch:
        self._load(state)
        return self

    async def refresh(self) -> AsyncBatch:
        """Fetch the batch and its jobs again."""
        return self._apply(await self._sdk._run(ops.get_batch_flow(self.id)))

    async def wait(self, timeout: float | None = None, progress: bool = False) -> AsyncBatch:
        """Wait until the batch finishes, then fetch its results concurrently."""
        flow = ops.wait_batch_flow(
            self.id, timeout=timeout, progress=progress, policy=self._sdk.polling
        )
        return self._apply(await self._sdk._run(flow))

    async def cancel(self) -> AsyncBatch:
        """Cancel the batch and its unfinished jobs."""
        return self._apply(await self._sdk._run(ops.cancel_batch_flow(self.id)))

    async def close(self, wait: bool = False, timeout: float | None = None) -> AsyncBatch:
        """Declare the open batch complete."""
        self._apply(await self._sdk._run(ops.close_batch_flow(self.id)))
        return await self.wait(timeout=timeout) if wait else self

    async def add_jobs(
        self, jobs: Sequence[Mapping[str, Any] | JobSpec], wait: bool = False
    ) -> AsyncBatch:
        """Add jobs to the open batch."""
        self._apply(await self._sdk._run(ops.add_jobs_flow(self.id, jobs, self._declared())))
        return await self.wait() if wait else self


class _WorkloadData:
    """A workload's fields; `result` once it is DONE."""

    id: str
    project_id: str
    status: str
    backend: str
    workload_type: str
    config: dict[str, Any]
    result: dict[str, Any] | None
    result_link: str | None
    errors: list[str]
    created_at: str | None
    updated_at: str | None
    start_timestamp: str | None
    end_timestamp: str | None

    def _load(self, state: ops.WorkloadState) -> None:
        model = state.workload
        self.id = model.id
        self.project_id = model.project_id
        self.status = str(model.status)
        self.backend = model.backend
        self.workload_type = model.workload_type
        config = _opt(model.config)
        self.config = {} if config is None else config.to_dict()
        if state.result is not None or not hasattr(self, "result"):
            self.result = state.result
        self.result_link = _opt(model.result_link)
        self.errors = list(_opt(model.errors) or [])
        self.created_at = _opt(model.created_at)
        self.updated_at = _opt(model.updated_at)
        self.start_timestamp = _opt(model.start_timestamp)
        self.end_timestamp = _opt(model.end_timestamp)

    def done(self) -> bool:
        """Whether the workload has finished; no request is made."""
        return self.status in ops.JOB_FINAL

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self.id!r}, status={self.status!r})"


class Workload(_WorkloadData):
    """A workload of the sync SDK."""

    def __init__(self, sdk: SDK, state: ops.WorkloadState) -> None:
        self._sdk = sdk
        self._load(state)

    def _apply(self, state: ops.WorkloadState) -> Workload:
        self._load(state)
        return self

    def refresh(self) -> Workload:
        """Fetch the workload again (and its result once DONE)."""
        return self._apply(self._sdk._run(ops.get_workload_flow(self.id)))

    def cancel(self) -> Workload:
        """Cancel the workload."""
        return self._apply(self._sdk._run(ops.cancel_workload_flow(self.id)))

    def wait(self, timeout: float | None = None, progress: bool = False) -> Workload:
        """Block until the workload finishes; WaitTimeoutError after `timeout` seconds."""
        flow = ops.wait_workload_flow(
            self.id, timeout=timeout, progress=progress, policy=self._sdk.polling
        )
        return self._apply(self._sdk._run(flow))


class AsyncWorkload(_WorkloadData):
    """A workload of the async SDK."""

    def __init__(self, sdk: AsyncSDK, state: ops.WorkloadState) -> None:
        self._sdk = sdk
        self._load(state)

    def _apply(self, state: ops.WorkloadState) -> AsyncWorkload:
        self._load(state)
        return self

    async def refresh(self) -> AsyncWorkload:
        """Fetch the workload again."""
        return self._apply(await self._sdk._run(ops.get_workload_flow(self.id)))

    async def cancel(self) -> AsyncWorkload:
        """Cancel the workload."""
        return self._apply(await self._sdk._run(ops.cancel_workload_flow(self.id)))

    async def wait(self, timeout: float | None = None, progress: bool = False) -> AsyncWorkload:
        """Wait until the workload finishes."""
        flow = ops.wait_workload_flow(
            self.id, timeout=timeout, progress=progress, policy=self._sdk.polling
        )
        return self._apply(await self._sdk._run(flow))


@dataclasses.dataclass(frozen=True)
class Project:
    """A project the user belongs to."""

    id: str
    name: str
    description: str | None
    project_status: str | None
    allowed_device_types: list[str]

    @classmethod
    def _from_model(cls, model: ProjectModel) -> Project:
        status = _opt(model.project_status)
        return cls(
            id=model.id,
            name=model.name,
            description=_opt(model.description),
            project_status=None if status is None else str(status),
            allowed_device_types=list(_opt(model.allowed_device_types) or []),
        )


@dataclasses.dataclass(frozen=True)
class BatchCancellation:
    """Outcome of `cancel_batches`: the cancelled batches and, by id, why others were not."""

    batches: list[Any]
    errors: dict[str, str]


@dataclasses.dataclass(frozen=True)
class JobCancellation:
    """Outcome of `cancel_jobs`: the cancelled jobs and, by id, why others were not."""

    jobs: list[Any]
    errors: dict[str, str]
