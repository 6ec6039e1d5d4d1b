"""Waiting: the polling policy, timeouts that leave the batch alone, the progress bar."""

from __future__ import annotations

import asyncio
import io
import itertools

import pytest
from rich.console import Console

from pasqal_sdk import PollingPolicy, WaitTimeoutError
from pasqal_sdk._progress import ProgressBar
from pasqal_sdk._waiting import Estimate

from .conftest import Recorder, batch_dict, envelope, job_dict


def test_polling_starts_near_half_a_second_and_grows_to_a_cap():
    policy = PollingPolicy()
    first = [policy.interval(0) for _ in range(50)]
    assert all(0.45 <= d <= 0.55 for d in first)
    assert len(set(first)) > 1  # jittered
    intervals = [policy.interval(n) for n in range(30)]
    assert intervals[5] > intervals[0]
    assert max(intervals) <= policy.max_s * (1 + policy.jitter)


def test_polling_never_sleeps_past_the_deadline():
    policy = PollingPolicy(initial_s=5.0)
    assert policy.next_sleep(0, elapsed=9.0, timeout=10.0) == pytest.approx(1.0)
    assert policy.next_sleep(0, elapsed=10.0, timeout=10.0) is None
    assert policy.next_sleep(50, elapsed=1e6, timeout=None) is not None


def test_polling_paces_itself_by_the_estimated_time_left():
    policy = PollingPolicy(jitter=0.0)
    assert policy.interval(0, eta=20.0) == pytest.approx(min(policy.max_s, 16.0))
    assert policy.interval(0, eta=2.0) == pytest.approx(1.6)
    assert policy.interval(9, eta=0.0) == pytest.approx(policy.initial_s)


def test_estimate_follows_the_rate_at_which_items_finish():
    estimate = Estimate()
    assert estimate.observe(0.0, 0, 10) is None  # queued: nothing finished yet
    assert estimate.observe(5.0, 2, 10) is None  # first finished items: the rate starts here
    assert estimate.observe(7.0, 4, 10) == pytest.approx(6.0)  # 1 item/s, 6 left
    assert estimate.observe(11.0, 10, 10) == pytest.approx(0.0)


def test_progress_off_a_terminal_is_one_line_per_change_with_elapsed_and_eta():
    stream = io.StringIO()
    bar = ProgressBar("batch b1: jobs done", stream=stream)
    assert not bar.live
    bar.update(1, 4, eta=75.0)
    bar.update(1, 4, eta=70.0)
    bar.update(4, 4, eta=0.0)
    bar.close()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("batch b1: jobs done 1/4 (0:00 elapsed, about 1:15 left)")
    assert lines[1].startswith("batch b1: jobs done 4/4 (")
    assert "left" not in lines[1]


def test_progress_on_a_terminal_is_a_rich_bar_with_elapsed_and_eta():
    stream = io.StringIO()
    bar = ProgressBar("batch b1: jobs done", stream=stream)
    bar.console = Console(file=stream, force_terminal=True, width=100)
    assert bar.live
    bar.update(2, 8)
    bar.update(8, 8)
    bar.close()
    drawn = stream.getvalue()
    assert "batch b1: jobs done" in drawn
    assert "8/8" in drawn
    assert "ETA" in drawn
    assert "\x1b[" in drawn  # redrawn in place


def polling_service(statuses):
    """A batch whose status walks through `statuses` at each status poll; results once DONE."""
    sequence = iter(statuses)
    state = {"status": statuses[0]}

    def job_statuses():
        return ["DONE" if state["status"] == "DONE" else "RUNNING"] * 3

    def handle(request):
        path = request.url.path
        if path.endswith("/results_link"):
            job_id = path.split("/")[-2]
            return envelope({"results_link": f"https://bucket.test/{job_id}"})
        if request.url.host == "bucket.test":
            return envelope_free({"counter": {"11": 5}, "raw": ["11"] * 5})
        if path.endswith("/api/v1/batches/b1/full_results"):
            result = {"counter": {"11": 5}, "raw": ["11"] * 5}
            return envelope({f"j{i}": result for i, s in enumerate(job_statuses()) if s == "DONE"})
        if request.method == "GET" and path.endswith("/api/v1/batches/b1/status"):
            state["status"] = next(sequence, state["status"])
            counts = {"PENDING": 0, "RUNNING": 0, "DONE": 0, "ERROR": 0, "CANCELED": 0}
            for status in job_statuses():
                counts[status] += 1
            return envelope({"status": state["status"], "jobs_count_per_status": counts})
        if request.method == "GET" and path.endswith("/api/v1/batches/b1"):
            jobs = [job_dict(f"j{i}", "b1", status) for i, status in enumerate(job_statuses())]
            return envelope(batch_dict("b1", state["status"], jobs=jobs))
        if request.method == "POST" and path.endswith("/api/v1/batches"):
            return envelope(batch_dict("b1", "PENDING"))
        raise AssertionError(f"unexpected {request.method} {path}")

    return Recorder(handle)


def envelope_free(data):
    import httpx

    return httpx.Response(200, json=data)


def test_wait_polls_the_status_once_per_poll_then_fetches_the_batch_once(make_sdk):
    recorder = polling_service(["PENDING", "RUNNING", "RUNNING", "DONE"])
    batch = make_sdk(recorder).create_batch("{}", [{"runs": 5}] * 3, "EMU_FREE", wait=True)
    assert batch.status == "DONE"
    polls = [p for p in recorder.paths() if p == "GET /core-fast/api/v1/batches/b1/status"]
    assert len(polls) == 4
    assert recorder.paths().count("GET /core-fast/api/v1/batches/b1") == 1
    # Every job's results in one request.
    assert recorder.paths().count("GET /core-fast/api/v1/batches/b1/full_results") == 1
    assert [job.result for job in batch.ordered_jobs] == [{"11": 5}] * 3
    assert batch.jobs["j0"].full_result["raw"] == ["11"] * 5


def test_wait_timeout_raises_and_leaves_the_batch_untouched(make_sdk):
    recorder = polling_service(["RUNNING"])
    sdk = make_sdk(recorder, polling=PollingPolicy(initial_s=0.01, max_s=0.01))
    batch = sdk.create_batch("{}", [{"runs": 5}], "EMU_FREE")
    with pytest.raises(WaitTimeoutError) as caught:
        batch.wait(timeout=0.05)
    assert caught.value.status == "RUNNING"
    assert caught.value.resource_id == "b1"
    assert "batch b1 still RUNNING" in str(caught.value)
    assert all(r.method in ("GET", "POST") for r in recorder.requests)
    assert sum(r.method == "POST" for r in recorder.requests) == 1


def test_wait_with_progress_draws_a_bar_on_stderr(make_sdk, capsys):
    recorder = polling_service(["RUNNING", "DONE"])
    sdk = make_sdk(recorder)
    sdk.create_batch("{}", [{"runs": 5}] * 3, "EMU_FREE").wait(progress=True)
    err = capsys.readouterr().err
    assert "0/3" in err
    assert "3/3" in err


def test_nothing_is_printed_unless_asked(make_sdk, capsys):
    recorder = polling_service(["RUNNING", "DONE"])
    make_sdk(recorder).create_batch("{}", [{"runs": 5}], "EMU_FREE", wait=True)
    assert capsys.readouterr() == ("", "")


def test_async_wait_downloads_results_concurrently(make_async_sdk):
    recorder = polling_service(["RUNNING", "DONE"])

    async def scenario():
        async with make_async_sdk(recorder) as sdk:
            batch = await sdk.create_batch("{}", [{"runs": 5}] * 3, "EMU_FREE")
            return await batch.wait(timeout=10)

    batch = asyncio.run(scenario())
    assert batch.done()
    assert all(job.result == {"11": 5} for job in batch.ordered_jobs)


def test_sync_result_downloads_overlap(make_sdk):
    import threading

    inflight = itertools.count()
    peak = []
    lock = threading.Lock()
    barrier = threading.Barrier(3, timeout=5)
    base = polling_service(["DONE"])

    def handle(request):
        if request.url.host == "bucket.test":
            with lock:
                peak.append(next(inflight))
            barrier.wait()  # only passes if three downloads are in flight at once
        return base.handle(request)

    batch = make_sdk(Recorder(handle)).get_batch("b1")
    assert [job.result for job in batch.ordered_jobs] == [{"11": 5}] * 3


def test_a_young_estimate_paces_sleeps_shorter() -> None:
    """Before half the jobs are done the estimate is often a slow start's (too long): a sleep
    is then at most EARLY_ETA_FRACTION of it, and the policy's eta_fraction after."""
    from pasqal_sdk._waiting import EARLY_ETA_FRACTION, EndApproach

    policy = PollingPolicy(jitter=0.0)
    eta = 6.0
    delay = policy.next_sleep(2, 1.0, None, eta)
    assert delay == pytest.approx(eta * policy.eta_fraction)
    assert EndApproach().sleep(delay, eta, policy, share_done=0.2) == pytest.approx(
        EARLY_ETA_FRACTION * eta
    )
    assert EndApproach().sleep(delay, eta, policy, share_done=0.6) == pytest.approx(delay)
    assert EndApproach().sleep(None, eta, policy, share_done=0.2) is None  # past the deadline
