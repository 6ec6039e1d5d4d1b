"""What a batch, job, workload or project holds: the generated models, read through.

Each reads every field of its generated model through `ModelView` (a field added to the documents
appears here after `make generate`, with no edit). These data parts (`_JobData`, `_BatchData`,
`_WorkloadData`) are shared; `AsyncJob` (`_async/jobs.py`) and its generated twin `Job`, and
so on, add the methods that make requests, each a call of a flow of `_operations`.
"""

from __future__ import annotations

import collections
import dataclasses
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pasqal_account_client.models import Project as ProjectModel
from pasqal_core_client.models import Batch as BatchModel
from pasqal_core_client.models import BatchConfiguration, Counter, JobResult, JobStatus, Variables
from pasqal_core_client.models import Job as JobModel
from pasqal_core_client.models import Workload as WorkloadModel
from pasqal_core_client.types import Unset

from pasqal_sdk import _operations as ops
from pasqal_sdk._batch_wire import unparsed_job_ids
from pasqal_sdk._errors import MissingExtraError, ResultNotReadyError
from pasqal_sdk._facade import ModelView
from pasqal_sdk._validation import JobSpec, serialize_sequence
from pasqal_sdk._waiting import PollingPolicy, open_batch_timeout

if TYPE_CHECKING:
    from pasqal_sdk._flow import Flow

__all__ = ["BatchCancellation", "JobCancellation", "Project", "pulser_results_of"]


if TYPE_CHECKING:
    # Type checkers see every field of the generated models on the facade objects.
    _JobFields = JobModel
    _BatchFields = BatchModel
    _WorkloadFields = WorkloadModel
    _ProjectFields = ProjectModel
else:

    class _Fields:
        """At run time the fields come from `ModelView`, reading through to the model."""

    _JobFields = _BatchFields = _WorkloadFields = _ProjectFields = _Fields


class _JobData(ModelView[JobModel], _JobFields):
    """A job: every field of the generated `Job`, plus its results once it is DONE and fetched.

    The names below differ from the wire fields on purpose, as in the original SDK: `variables`
    is a dict, `errors` a list, `result` the bitstring counts and `full_result` the whole results
    document (the generated values are on `.model`).
    """

    _result: JobResult | None

    def __init__(self, model: JobModel, result: JobResult | None) -> None:
        self._result = None
        self._load(model, result)

    def _load(self, model: JobModel, result: JobResult | None) -> None:
        self._model = model
        if result is not None:
            self._result = result
        elif isinstance(model.full_result, JobResult):
            self._result = model.full_result
        elif model.status != JobStatus.DONE:
            self._result = None

    @property
    def variables(self) -> dict[str, Any] | None:  # type: ignore[override]
        """The values the sequence's variables were given (None when it has none)."""
        variables = self._model.variables
        return variables.to_dict() if isinstance(variables, Variables) else None

    @property
    def errors(self) -> list[str]:  # type: ignore[override]
        """Why the job failed, one message per error (empty otherwise)."""
        return list(self._model.errors or [])  # UNSET is falsy

    def _missing_result(self) -> bool:
        """DONE, and its result neither fetched nor inline (a job from a listing)."""
        return (
            self._result is None
            and self._model.status == JobStatus.DONE
            and not isinstance(self._model.result, Counter)
        )

    def _ensure_result(self) -> None:
        """Load the result of a DONE job that came without it (the sync job fetches it)."""

    @property
    def full_result(self) -> dict[str, Any] | None:  # type: ignore[override]
        """The whole results document (counts and raw runs), once the job is DONE."""
        self._ensure_result()
        return None if self._result is None else self._result.to_dict()

    @property
    def result(self) -> dict[str, int] | None:  # type: ignore[override]
        """Bitstring to count, once the job is DONE (None before)."""
        self._ensure_result()
        if self._result is not None and isinstance(self._result.counter, Counter):
            return dict(self._result.counter.to_dict())
        inline = self._model.result
        return dict(inline.to_dict()) if isinstance(inline, Counter) else None

    def _done_counts(self, what: str) -> collections.Counter[str]:
        """The counts of a DONE job, or ResultNotReadyError naming the status and `wait()`."""
        status = self._model.status
        if status != JobStatus.DONE:
            name = getattr(status, "value", status)
            if status in ops.JOB_FINAL:
                hint = f"it ended {name} and will never have {what}" + (
                    f" (errors: {'; '.join(self.errors)})" if self.errors else ""
                )
            else:
                hint = "call job.wait() (or batch.wait()) first, then read it"
            raise ResultNotReadyError(
                f"job {self.id} is {name}: {what} exist only once it is DONE; {hint}",
                job_id=self.id,
                status=str(name),
            )
        return collections.Counter(self.result or {})

    @property
    def counts(self) -> collections.Counter[str]:
        """Bitstring counts as a `collections.Counter`, once the job is DONE.

        Raises:
            ResultNotReadyError: the job is not DONE (the message says to `wait()`).

        Example:
            ```python
            job.counts.most_common(3)  # the three likeliest bitstrings
            ```
        """
        return self._done_counts("counts")

    @property
    def pulser_results(self) -> Any:
        """The job's results as Pulser `Results` (`pulser.backend.Results`, with the
        observables the emulator computed), once the job is DONE; None when the service sent
        no `serialised_results`.

        Raises:
            ResultNotReadyError: The job is not DONE.

        Example:
            ```python
            job.pulser_results.final_bitstrings
            ```
        """
        self._done_counts("Pulser results")
        return pulser_results_of(self.full_result)

    def probabilities(self) -> dict[str, float]:
        """Each measured bitstring's share of the shots, most likely first.

        Raises:
            ResultNotReadyError: The job is not DONE (the message says to `wait()`).

        Example:
            ```python
            job.probabilities()["1001"]
            ```
        """
        counts = self._done_counts("probabilities")
        total = sum(counts.values())
        return {bits: n / total for bits, n in counts.most_common()} if total else {}

    def plot_histogram(self, ax: Any = None, *, top: int | None = None) -> Any:
        """A bar chart of the counts (matplotlib, from the `plot` extra); returns the axes.

        Args:
            ax: The matplotlib axes to draw on (default: a new figure's).
            top: Plot only the `top` most frequent bitstrings (default: all of them).

        Raises:
            ResultNotReadyError: The job is not DONE.
            MissingExtraError: matplotlib is not installed (`pip install 'pasqal-sdk[plot]'`).

        Example:
            ```python
            job.plot_histogram(top=10)
            plt.show()
            ```
        """
        counts = self._done_counts("histograms")
        try:
            import matplotlib.pyplot as plt
        except ImportError as error:
            raise MissingExtraError("plot_histogram (matplotlib)", "plot") from error
        pairs = sorted(counts.most_common(top))
        if ax is None:
            _, ax = plt.subplots()
        ax.bar([bits for bits, _ in pairs], [n for _, n in pairs])
        ax.set_xlabel("bitstring")
        ax.set_ylabel("counts")
        ax.set_title(f"job {self.id} ({sum(counts.values())} shots)")
        ax.tick_params(axis="x", labelrotation=90)
        return ax

    def done(self) -> bool:
        """Whether the job has finished (DONE, ERROR or CANCELED); no request is made."""
        return self.status in ops.JOB_FINAL

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self.id!r}, status={self.status!r}, runs={self.runs})"


def pulser_results_of(document: Mapping[str, Any] | None) -> Any:
    """The Pulser `Results` serialized in a results document (`serialised_results`, a JSON
    string or object), or None when it holds none."""
    serialised = (document or {}).get("serialised_results")
    if isinstance(serialised, dict):
        serialised = json.dumps(serialised)
    if not isinstance(serialised, str):
        return None
    from pulser.backend import Results

    return Results.from_abstract_repr(serialised)


J = TypeVar("J", bound=_JobData)


class _BatchData(ModelView[BatchModel], _BatchFields, Generic[J]):
    """A batch: every field of the generated `Batch`, and its jobs in creation order.

    `ordered_jobs` holds the facade jobs, `jobs` the same by id (the original SDK's view),
    `job_ids` their ids, `open` whether jobs may still be added and `configuration` is a dict.
    """

    _ordered: list[J]
    _job_ids: list[str]
    _jobs_loaded: bool = False

    _unparsed: ops.BatchState | None = None

    def _load(self, state: ops.BatchState) -> None:
        model: BatchModel = state.batch
        unparsed = unparsed_job_ids(model)
        if unparsed is None and isinstance(model.jobs, Unset):
            self._parse_jobs()  # the jobs so far stay, as this answer comes without them
        else:
            self._unparsed = None
        self._model = model
        if unparsed is not None:  # a create's answer: its jobs are parsed on first read
            self._unparsed = state
            self._job_ids = unparsed
            self._jobs_loaded = True
        elif not isinstance(model.jobs, Unset):
            self._set_jobs(model.jobs, state.results)
            self._job_ids = [job.id for job in model.jobs]
            self._jobs_loaded = True
        elif not isinstance(model.job_ids, Unset):
            self._job_ids = list(model.job_ids)
            self._jobs_loaded = self._jobs_loaded and len(self._job_ids) == len(self._ordered)
        elif not hasattr(self, "_job_ids"):
            self._job_ids = []
        if not self._job_ids:
            self._jobs_loaded = True

    def _ensure_jobs(self) -> None:
        """Load the jobs of a batch that came without them (the sync batch fetches them)."""

    def _parse_jobs(self) -> None:
        """Make the facade jobs of an answer whose jobs were left unparsed."""
        state, self._unparsed = self._unparsed, None
        if state is not None and not isinstance(state.batch.jobs, Unset):
            self._set_jobs(state.batch.jobs, state.results)

    @property
    def model(self) -> BatchModel:
        """The generated model behind this object (typed raw access; `.to_dict()` for JSON)."""
        self._parse_jobs()
        return self._model

    @property
    def ordered_jobs(self) -> list[J]:
        """Its jobs, in creation order (a batch from a listing loads them on first access)."""
        self._ensure_jobs()
        self._parse_jobs()
        return self._ordered

    @property
    def open(self) -> bool:
        """Whether jobs may still be added (`open` on the wire, or not `complete`)."""
        model = self._model
        if isinstance(model.open_, bool):
            return model.open_
        return model.complete is False

    @property
    def configuration(self) -> dict[str, Any] | None:  # type: ignore[override]
        """The emulator configuration it was created with, as a dict (None for a QPU)."""
        configuration = self._model.configuration
        return configuration.to_dict() if isinstance(configuration, BatchConfiguration) else None

    @property
    def job_ids(self) -> list[str]:  # type: ignore[override]
        """The ids of its jobs, in creation order."""
        return list(self._job_ids)

    def _new_job(self, model: JobModel, result: JobResult | None) -> J:
        raise NotImplementedError

    def _set_jobs(self, models: list[JobModel], results: Mapping[str, JobResult]) -> None:
        previous = {job.id: job for job in self._ordered}
        jobs = []
        for model in models:
            result = results.get(model.id)
            job = previous.get(model.id)
            if job is None:
                job = self._new_job(model, result)
            else:
                job._load(model, result)
            jobs.append(job)
        self._ordered = jobs

    @property
    def jobs(self) -> dict[str, J]:  # type: ignore[override]
        """The jobs by id (the original SDK's view; `ordered_jobs` keeps their order)."""
        return {job.id: job for job in self.ordered_jobs}

    def done(self) -> bool:
        """Whether the batch has finished; no request is made."""
        return self.status in ops.BATCH_FINAL

    def _finish_flow(
        self, timeout: float | None, progress: bool, policy: PollingPolicy
    ) -> Flow[ops.BatchState]:
        """Wait until the batch finishes; while it is open that needs `close()`: say so (an
        OpenBatchWarning) and give up after the policy's `open_batch_timeout_s` by default."""
        hint = ""
        if self.open and not self.done():
            timeout, hint = open_batch_timeout(self.id, timeout, policy)
        return ops.wait_batch_flow(
            self.id, timeout=timeout, progress=progress, policy=policy, hint=hint
        )

    def _jobs_flow(
        self, policy: PollingPolicy, timeout: float | None = None, progress: bool = False
    ) -> Flow[ops.BatchState]:
        """Wait until every job the batch holds has finished, open or not (the original SDK's
        `add_jobs(..., wait=True)`)."""
        return ops.wait_batch_flow(
            self.id,
            timeout=timeout,
            progress=progress,
            policy=policy,
            jobs=len(self._job_ids),
        )

    def _declared(self) -> frozenset[str] | None:
        sequence = self._model.sequence_builder
        if not isinstance(sequence, str):
            return None
        return serialize_sequence(sequence)[1]

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(id={self.id!r}, status={self.status!r}, "
            f"device_type={self.device_type!r}, jobs={len(self._job_ids)})"
        )


def _retried(job: _JobData) -> JobSpec:
    """A new job like `job`: its runs, variables and own sequence (if it had one)."""
    sequence = job.model.sequence
    return JobSpec(job.runs, job.variables, sequence if isinstance(sequence, str) else None)


class _WorkloadData(ModelView[WorkloadModel], _WorkloadFields):
    """A workload: every field of the generated `Workload`; `result` once it is DONE.

    `config` is a dict, `errors` a list and `result` the downloaded result document.
    """

    _result: dict[str, Any] | None

    def _load(self, state: ops.WorkloadState) -> None:
        self._model = state.workload
        if state.result is not None or not hasattr(self, "_result"):
            self._result = state.result

    @property
    def config(self) -> dict[str, Any]:  # type: ignore[override]
        """The configuration it was created with."""
        config = self._model.config
        return {} if isinstance(config, Unset) else config.to_dict()

    @property
    def errors(self) -> list[str]:  # type: ignore[override]
        """Why the workload failed, one message per error (empty otherwise)."""
        return list(self._model.errors or [])  # UNSET is falsy

    @property
    def result(self) -> dict[str, Any] | None:  # type: ignore[override]
        """The result document, once the workload is DONE (None before)."""
        if self._result is not None:
            return self._result
        inline = self._model.result
        return None if inline is None or isinstance(inline, Unset) else inline.to_dict()

    def done(self) -> bool:
        """Whether the workload has finished; no request is made."""
        return self.status in ops.JOB_FINAL

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self.id!r}, status={self.status!r})"


class Project(ModelView[ProjectModel], _ProjectFields):
    """A project the user belongs to (`get_all_projects()`): every field of the generated `Project`.

    Attributes:
        id: The project's id (what `project_id` takes).
        name: Its name.
    """

    def __init__(self, model: ProjectModel) -> None:
        self._model = model

    @classmethod
    def _from_model(cls, model: ProjectModel) -> Project:
        return cls(model)

    def __repr__(self) -> str:
        return f"Project(id={self.id!r}, name={self.name!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Project) and other._model == self._model

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self._model.id)


@dataclasses.dataclass(frozen=True)
class BatchCancellation:
    """Outcome of `cancel_batches`: the cancelled batches and, by id, why others were not.

    Attributes:
        batches: The batches cancelled.
        errors: Batch id to why it was not cancelled.
    """

    batches: list[Any]
    errors: dict[str, str]


@dataclasses.dataclass(frozen=True)
class JobCancellation:
    """Outcome of `cancel_jobs`: the cancelled jobs and, by id, why others were not.

    Attributes:
        jobs: The jobs cancelled.
        errors: Job id to why it was not cancelled.
    """

    jobs: list[Any]
    errors: dict[str, str]
