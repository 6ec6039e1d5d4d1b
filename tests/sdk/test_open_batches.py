"""Open batches: `add_jobs(..., wait=True)` and `retry(job, wait=True)` return once the batch's
jobs have finished, open or not (pasqal-cloud 0.24's semantics); a wait that only `close()` can
end warns at its start and gives up by default."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from pasqal_sdk import SDK, AsyncSDK, OpenBatchWarning, PollingPolicy, WaitTimeoutError

from .conftest import Recorder, batch_dict, cloud_kwargs, envelope, job_dict
from .scenarios import jobs, sequence

BATCH = "00000000-0000-0000-0000-0000000000b1"


def open_service(jobs_done_after: int = 2) -> Recorder:
    """An open batch that stays RUNNING; its jobs are DONE from the `jobs_done_after`-th status
    poll on. POST .../jobs adds a job."""
    state = {"jobs": 1, "polls": 0}

    def job_status() -> str:
        return "DONE" if state["polls"] >= jobs_done_after else "RUNNING"

    def handle(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("/results_link"):
            return envelope({"results_link": "https://bucket.test/r"})
        if request.url.host == "bucket.test":
            return httpx.Response(200, json={"counter": {"1": 3}})
        if path.endswith("/full_results"):  # the batch's results in one answer
            done = job_status() == "DONE"
            return envelope({f"j{i}": {"counter": {"1": 3}} for i in range(state["jobs"]) if done})
        if path.endswith("/status"):
            state["polls"] += 1
            counts = {"RUNNING": 0, "DONE": 0}
            counts[job_status()] += state["jobs"]
            return envelope({"status": "RUNNING", "jobs_count_per_status": counts})
        if request.method == "POST" and path.endswith("/jobs"):
            state["jobs"] += 1
        jobs = [job_dict(f"j{i}", BATCH, job_status()) for i in range(state["jobs"])]
        return envelope(batch_dict(BATCH, "RUNNING", jobs=jobs, open=True))

    return Recorder(handle)


def test_add_jobs_wait_returns_once_the_jobs_finished_though_the_batch_is_open(
    make_sdk: Callable[..., SDK],
) -> None:
    sdk = make_sdk(open_service())
    batch = sdk.get_batch(BATCH)
    assert batch.open
    returned = batch.add_jobs([{"runs": 3}], wait=True)
    assert returned is batch
    assert [job.status for job in batch.ordered_jobs] == ["DONE", "DONE"]
    assert [job.result for job in batch.ordered_jobs] == [{"1": 3}] * 2
    assert batch.open
    assert batch.status == "RUNNING"


def test_retry_wait_and_sdk_add_jobs_wait_return_too(make_sdk: Callable[..., SDK]) -> None:
    sdk = make_sdk(open_service())
    batch = sdk.get_batch(BATCH)
    batch.retry(batch.ordered_jobs[0], wait=True)
    assert [job.status for job in batch.ordered_jobs] == ["DONE", "DONE"]
    again = sdk.add_jobs(BATCH, [{"runs": 3}], wait=True)
    assert [job.status for job in again.ordered_jobs] == ["DONE"] * 3


def test_async_add_jobs_and_retry_wait_return_once_the_jobs_finished(
    make_async_sdk: Callable[..., AsyncSDK],
) -> None:
    async def scenario() -> list[str]:
        sdk = make_async_sdk(open_service())
        try:
            batch = await sdk.get_batch(BATCH)
            await batch.add_jobs([{"runs": 3}], wait=True)
            await batch.retry(batch.ordered_jobs[0], wait=True)
            await sdk.add_jobs(BATCH, [{"runs": 3}], wait=True)
            return [job.status for job in (await batch.refresh()).ordered_jobs]
        finally:
            await sdk.close()

    assert asyncio.run(scenario()) == ["DONE"] * 4


def test_waiting_for_an_open_batch_to_finish_warns_and_times_out_by_default(
    make_sdk: Callable[..., SDK],
) -> None:
    policy = PollingPolicy(initial_s=0.01, max_s=0.01, open_batch_timeout_s=0.05)
    batch = make_sdk(open_service(), polling=policy).get_batch(BATCH)
    with (
        pytest.warns(OpenBatchWarning, match=r"open: it finishes only once closed") as warned,
        pytest.raises(WaitTimeoutError, match=r"batch\.close\(\)") as caught,
    ):
        batch.wait()
    assert warned[0].filename == __file__  # the warning points at the caller's line
    assert caught.value.status == "RUNNING"
    assert "0.05 s" in str(caught.value)


def test_an_async_wait_for_an_open_batch_warns_and_times_out_by_default(
    make_async_sdk: Callable[..., AsyncSDK],
) -> None:
    policy = PollingPolicy(initial_s=0.01, max_s=0.01, open_batch_timeout_s=0.05)

    async def scenario() -> None:
        sdk = make_async_sdk(open_service(), polling=policy)
        try:
            batch = await sdk.get_batch(BATCH)
            await batch.wait()
        finally:
            await sdk.close()

    with pytest.warns(OpenBatchWarning), pytest.raises(WaitTimeoutError, match="is open"):
        asyncio.run(scenario())


def test_create_batch_open_and_wait_waits_for_the_jobs_given(
    make_sdk: Callable[..., SDK],
) -> None:
    service = open_service()
    original = service.handle

    def handle(request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/batches"):
            return envelope(batch_dict(BATCH, "PENDING", jobs=[job_dict("j0", BATCH)], open=True))
        return original(request)

    service.handle = handle
    batch = make_sdk(service).create_batch("{}", [{"runs": 3}], "EMU_FREE", open=True, wait=True)
    assert batch.open
    assert [job.status for job in batch.ordered_jobs] == ["DONE"]


# --- against a local cloud ---------------------------------------------------------------------


def returns_within(seconds: float, call: Callable[[], Any]) -> Any:
    """`call()`'s value; fails the test (instead of hanging it) past `seconds`."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as error:  # re-raised in the test's thread
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still waiting after {seconds} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def test_pasqal_clouds_open_batch_pattern_returns(cloud: Any) -> None:
    """pasqal-cloud's README: create_batch(..., open=True), add_jobs([...], wait=True), close()."""

    def pattern() -> Any:
        with SDK(**cloud_kwargs(cloud)) as sdk:
            batch = sdk.create_batch(sequence(), jobs(10), emulator="EMU_FREE", open=True)
            batch.add_jobs(jobs(20, 30), wait=True)
            statuses = [job.status for job in batch.ordered_jobs]
            still_open = batch.open
            batch.retry(batch.ordered_jobs[0], wait=True)
            batch.close()
            return statuses, still_open, batch

    statuses, still_open, batch = returns_within(120, pattern)
    assert statuses == ["DONE"] * 3
    assert still_open
    assert [sum(job.result.values()) for job in batch.ordered_jobs] == [10, 20, 30, 10]
    assert not batch.open
