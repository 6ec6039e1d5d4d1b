"""Waiting for many batches (or jobs) at once, with one listing request per poll for all.

`MultiWait` is pure: it takes what each poll listed, says which items finished, and how long to
sleep before the next poll (paced by the estimated time left, as a single `wait` is) or that the
deadline has passed. `poll_flow` makes one poll: the listing requests (`GET /api/v1/batches?id=`
or `GET /api/v2/jobs?id=`, 100 ids a page), then each newly finished item's results, once: one
request per batch (`batch_full_results` for the finished jobs of one batch), those of one poll
concurrently. The SDKs' `wait_all` and `as_completed` run it in a thin sync or async loop.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any, Literal

from pasqal_core_client.models import Job as JobModel
from pasqal_core_client.models import JobResult, JobStatus

from pasqal_sdk._calls import Gather
from pasqal_sdk._errors import InvalidConfigurationError, NotFoundError, WaitTimeoutError
from pasqal_sdk._flow import Flow
from pasqal_sdk._operations import (
    BATCH_FINAL,
    JOB_FINAL,
    LIST_BATCHES,
    LIST_JOBS,
    MAX_PAGE,
    BatchState,
    JobState,
    batch_full_results_flow,
    batch_progress,
    finished,
    get_batch_flow,
    item_progress,
    job_result_flow,
    list_page_flow,
)
from pasqal_sdk._progress import ProgressBar
from pasqal_sdk._waiting import EndApproach, Estimate, PollingPolicy

__all__ = ["Kind", "MultiWait", "poll_flow", "targets"]

Kind = Literal["batch", "job"]


def targets(
    items: Iterable[Any], batch_type: type, job_type: type
) -> tuple[Kind, list[str], dict[str, Any]]:
    """What `wait_all`/`as_completed` were given: their kind, ids in order, and the objects.

    Batches (or batch ids, as strings) or jobs, not both; no item is dropped or guessed at.
    """
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise InvalidConfigurationError(
            "expected a list of batches (or batch ids) or of jobs, such as [batch1, batch2]"
        )
    kinds: set[Kind] = set()
    ids: list[str] = []
    given: dict[str, Any] = {}
    for position, item in enumerate(items):
        if isinstance(item, str) and item:
            kinds.add("batch")
            ids.append(item)
            continue
        if isinstance(item, batch_type):
            kinds.add("batch")
        elif isinstance(item, job_type):
            kinds.add("job")
        else:
            raise InvalidConfigurationError(
                f"item {position}: expected a Batch, a batch id or a Job, got {item!r}"
            )
        item_id = str(getattr(item, "id", ""))
        ids.append(item_id)
        given.setdefault(item_id, item)
    if len(kinds) > 1:
        raise InvalidConfigurationError("wait for batches or for jobs, not both in one call")
    return (kinds.pop() if kinds else "batch"), ids, given


def _progress_of(model: Any) -> tuple[int, int]:
    """(jobs finished, jobs) of a listed batch; a listed job counts as one."""
    return item_progress(model.status) if isinstance(model, JobModel) else batch_progress(model)


class MultiWait:
    """The state of one wait on many items: which are pending, their last statuses, the pace."""

    def __init__(
        self,
        kind: Kind,
        ids: Iterable[str],
        *,
        timeout: float | None,
        policy: PollingPolicy,
        progress: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if timeout is not None and not timeout > 0:
            raise InvalidConfigurationError(f"timeout must be a positive number, got {timeout!r}")
        self.kind: Kind = kind
        self.pending: dict[str, str] = dict.fromkeys(ids, "UNKNOWN")
        self.timeout = timeout
        self.policy = policy
        self.clock = clock
        self.started = clock()
        self.polls = 0
        self.eta: float | None = None
        self._estimate = Estimate()
        self._end = EndApproach()
        self._share_done = 0.0
        self._progress: dict[str, tuple[int, int]] = {}
        self._bar = ProgressBar(self._label()) if progress and self.pending else None

    def _label(self) -> str:
        if self.kind == "batch":
            return f"{len(self.pending)} batches: jobs done"
        return f"{len(self.pending)} jobs: done"

    def observe(self, listed: dict[str, Any]) -> list[str]:
        """Take one poll's listed models; the ids that have finished since the last poll."""
        missing = [item for item in self.pending if item not in listed]
        if missing:
            raise NotFoundError(
                f"{self.kind} {missing[0]} was not found (or is not yours)"
                + (f", nor {len(missing) - 1} more" if len(missing) > 1 else ""),
                status_code=404,
            )
        final = BATCH_FINAL if self.kind == "batch" else JOB_FINAL
        done = []
        for item in list(self.pending):
            model = listed[item]
            self.pending[item] = str(getattr(model.status, "value", model.status))
            self._progress[item] = _progress_of(model)
            if finished(self.kind, item, model.status, final):
                done.append(item)
        finished_jobs = sum(d for d, _ in self._progress.values())
        all_jobs = sum(t for _, t in self._progress.values())
        self.eta = self._estimate.observe(self.clock() - self.started, finished_jobs, all_jobs)
        self._share_done = finished_jobs / all_jobs if all_jobs else 1.0
        if self._bar is not None:
            self._bar.update(finished_jobs, all_jobs, self.eta)
        self.polls += 1
        return done

    def settle(self, item: str) -> None:
        """`item` is finished and its results are in hand."""
        self.pending.pop(item, None)

    def next_sleep(self) -> float:
        """Seconds to sleep before the next poll, or WaitTimeoutError past the deadline: the
        policy's, paced by the estimated time left, and near the end `EndApproach`'s."""
        delay = self.policy.next_sleep(
            self.polls - 1, self.clock() - self.started, self.timeout, self.eta
        )
        delay = self._end.sleep(delay, self.eta, self.policy, self._share_done)
        if delay is None:
            statuses = ", ".join(f"{i}: {s}" for i, s in list(self.pending.items())[:5])
            more = len(self.pending) - 5
            first, status = next(iter(self.pending.items()))
            raise WaitTimeoutError(
                f"{len(self.pending)} {self.kind}(s) still unfinished after {self.timeout:g} s"
                f" ({statuses}{f', and {more} more' if more > 0 else ''});"
                " they were left as they are",
                resource_id=first,
                status=status,
                pending=self.pending,
            )
        return delay

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _chunks(ids: list[str], size: int) -> Iterable[list[str]]:
    return (ids[start : start + size] for start in range(0, len(ids), size))


def poll_flow(wait: MultiWait) -> Flow[list[BatchState] | list[JobState]]:
    """One poll of every pending item, then the results of those that finished (once each)."""
    op = LIST_BATCHES if wait.kind == "batch" else LIST_JOBS
    listed: dict[str, Any] = {}
    for chunk in _chunks(list(wait.pending), MAX_PAGE):
        page = yield from list_page_flow(op, {"id": chunk}, 0, MAX_PAGE)
        listed.update((model.id, model) for model in page.items)
    done = wait.observe(listed)
    if wait.kind == "batch":
        # One request per finished batch (its jobs' results inline), all at once: a poll that
        # saw several finish costs one round trip more, not one each.
        batches: list[BatchState] = list((yield Gather([get_batch_flow(b) for b in done])))
        for batch_id in done:
            wait.settle(batch_id)
        return batches
    jobs: list[JobState] = []
    results = yield from _results_by_batch(
        [listed[job_id] for job_id in done if listed[job_id].status == JobStatus.DONE]
    )
    for job_id in done:
        jobs.append(JobState(listed[job_id], results.get(job_id)))
        wait.settle(job_id)
    return jobs


def _results_by_batch(models: list[JobModel]) -> Flow[dict[str, JobResult]]:
    """The results of finished jobs: one `batch_full_results` request per batch they are in."""
    results: dict[str, JobResult] = {}
    batch_ids = list(dict.fromkeys(model.batch_id for model in models))
    for found in (yield Gather([batch_full_results_flow(b) for b in batch_ids])):
        results.update(found)
    missing = [model.id for model in models if model.id not in results]
    # A result the batch's answer lacked: its own link.
    for job_id, result in zip(
        missing, (yield Gather([job_result_flow(j) for j in missing])), strict=True
    ):
        results[job_id] = result
    return results
