"""The batch status state machine, as a pure function: a batch's status from its jobs' statuses
and whether it is open. The store applies it in each transaction that changes a job or a batch."""

from __future__ import annotations

from collections.abc import Mapping

from pasqal_core_client.models import FinalBatchStatus, FinalJobStatus

__all__ = [
    "KEPT_BATCH_STATUSES",
    "TERMINAL_BATCH_STATUSES",
    "TERMINAL_JOB_STATUSES",
    "next_batch_status",
]

# As the documents list them (`FinalJobStatus`, `FinalBatchStatus`).
TERMINAL_JOB_STATUSES = frozenset(status.value for status in FinalJobStatus)
TERMINAL_BATCH_STATUSES = frozenset(status.value for status in FinalBatchStatus)
# Set on the batch itself (a cancellation, the open-batch timeout): its jobs don't change them.
KEPT_BATCH_STATUSES = frozenset({"CANCELED", "TIMED_OUT"})


def next_batch_status(job_statuses: Mapping[str, int], open_: bool, current: str) -> str:
    """The status of a batch whose jobs are in `job_statuses` (how many jobs in each status),
    open to more jobs or not, and now in `current`.

    A batch with no job is PENDING while open, else DONE; with jobs none of which has started,
    PENDING; with a job to run or while open, RUNNING; once all have finished, DONE if one is
    DONE, else ERROR if one failed, else CANCELED. A cancelled or timed-out batch stays so.

    Example:
        >>> next_batch_status({"DONE": 2, "ERROR": 1}, open_=False, current="RUNNING")
        'DONE'
    """
    if current in KEPT_BATCH_STATUSES:
        return current
    total = sum(job_statuses.values())
    pending = job_statuses.get("PENDING", 0)
    active = pending + job_statuses.get("RUNNING", 0)
    if total == 0:
        return "PENDING" if open_ else "DONE"
    if total == pending:
        return "PENDING"
    if active or open_:
        return "RUNNING"
    if job_statuses.get("DONE", 0):
        return "DONE"
    if job_statuses.get("ERROR", 0):
        return "ERROR"
    return "CANCELED"
