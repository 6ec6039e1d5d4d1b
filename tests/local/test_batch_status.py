"""The batch status state machine (`next_batch_status`), a pure function of the jobs' statuses,
whether the batch is open and its status now."""

from __future__ import annotations

from collections import Counter

import pytest

from pasqal_sdk.local.storage.batch_status import (
    KEPT_BATCH_STATUSES,
    TERMINAL_BATCH_STATUSES,
    TERMINAL_JOB_STATUSES,
    next_batch_status,
)


def status(jobs: list[str], open_: bool = False, current: str = "PENDING") -> str:
    return next_batch_status(Counter(jobs), open_, current)


def test_an_empty_batch_waits_while_open_and_is_done_once_closed() -> None:
    assert status([], open_=True) == "PENDING"
    assert status([], open_=False) == "DONE"


def test_a_batch_of_jobs_none_started_is_pending() -> None:
    assert status(["PENDING", "PENDING"]) == "PENDING"
    assert status(["PENDING"], open_=True) == "PENDING"


@pytest.mark.parametrize(
    "jobs", [["RUNNING"], ["PENDING", "DONE"], ["RUNNING", "ERROR"], ["PENDING", "CANCELED"]]
)
def test_a_batch_with_a_job_started_and_one_to_run_is_running(jobs: list[str]) -> None:
    assert status(jobs) == "RUNNING"


def test_an_open_batch_with_every_job_finished_is_still_running() -> None:
    assert status(["DONE", "ERROR"], open_=True) == "RUNNING"


@pytest.mark.parametrize(
    ("jobs", "expected"),
    [
        (["DONE"], "DONE"),
        (["DONE", "ERROR", "CANCELED"], "DONE"),
        (["ERROR", "CANCELED"], "ERROR"),
        (["ERROR"], "ERROR"),
        (["CANCELED", "CANCELED"], "CANCELED"),
    ],
)
def test_a_closed_batch_of_finished_jobs_ends_done_else_error_else_canceled(
    jobs: list[str], expected: str
) -> None:
    assert status(jobs) == expected
    assert expected in TERMINAL_BATCH_STATUSES


@pytest.mark.parametrize("kept", sorted(KEPT_BATCH_STATUSES))
@pytest.mark.parametrize("jobs", [[], ["PENDING"], ["RUNNING"], ["DONE"], ["ERROR"]])
def test_a_cancelled_or_timed_out_batch_keeps_its_status(kept: str, jobs: list[str]) -> None:
    assert status(jobs, open_=True, current=kept) == kept
    assert status(jobs, open_=False, current=kept) == kept


def test_counts_mean_as_many_jobs() -> None:
    assert next_batch_status({"DONE": 0, "PENDING": 3}, False, "PENDING") == "PENDING"
    assert next_batch_status({"DONE": 2, "RUNNING": 0}, False, "RUNNING") == "DONE"


def test_the_status_sets_come_from_the_documents() -> None:
    from pasqal_core_client.models import BatchStatus, JobStatus

    assert {s.value for s in BatchStatus} > TERMINAL_BATCH_STATUSES
    assert {s.value for s in JobStatus} > TERMINAL_JOB_STATUSES
    assert KEPT_BATCH_STATUSES <= TERMINAL_BATCH_STATUSES
    assert "PENDING" not in TERMINAL_BATCH_STATUSES | TERMINAL_JOB_STATUSES
