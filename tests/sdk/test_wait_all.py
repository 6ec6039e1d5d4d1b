"""Waiting on many batches or jobs at once: one listing request per poll for all of them, each
one's results fetched once when it finishes, objects updated, order kept, timeouts typed."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from pasqal_sdk import SDK, AsyncSDK, InvalidConfigurationError, NotFoundError, WaitTimeoutError

from .conftest import Recorder, batch_dict, envelope, job_dict


def service(finish_after: dict[str, int]) -> Recorder:
    """Batches that turn DONE after `finish_after[id]` listing polls, one job each."""
    polls = {"n": 0}

    def status(batch_id: str) -> str:
        return "DONE" if polls["n"] > finish_after[batch_id] else "RUNNING"

    def handle(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("/api/v1/batches") and request.method == "GET":
            polls["n"] += 1
            ids = request.url.params.get_list("id")
            listed = [
                batch_dict(
                    b,
                    status(b),
                    job_ids=[f"{b}-j"],
                    jobs_count_per_status={"DONE" if status(b) == "DONE" else "RUNNING": 1},
                )
                for b in ids
                if b in finish_after
            ]
            return envelope(
                listed, pagination={"start": 0, "end": len(listed), "total": len(listed)}
            )
        for b in finish_after:
            if path.endswith(f"/batches/{b}/full_results"):
                return envelope({f"{b}-j": {"counter": {"01": 3}}} if status(b) == "DONE" else {})
            if path.endswith(f"/batches/{b}"):
                job = job_dict(f"{b}-j", b, status(b))
                return envelope(batch_dict(b, status(b), jobs=[job]))
            if path.endswith(f"/jobs/{b}-j/results_link"):
                return envelope({"results_link": f"https://results.test/{b}"})
        if request.url.host == "results.test":
            return httpx.Response(200, json={"counter": {"01": 3}})
        return httpx.Response(404, json={"status": "fail", "code": 404, "message": path})

    return Recorder(handle)


def listing_polls(recorder: Recorder) -> list[list[str]]:
    return [
        r.url.params.get_list("id")
        for r in recorder.requests
        if r.method == "GET" and r.url.path.endswith("/api/v1/batches")
    ]


def test_one_listing_request_per_poll_for_all_batches_and_results_once_each(
    make_sdk: Callable[..., SDK],
) -> None:
    recorder = service({"b1": 3, "b2": 1, "b3": 2})
    sdk = make_sdk(recorder)
    given = [sdk.get_batch("b1"), "b2", sdk.get_batch("b3")]
    recorder.requests.clear()
    done = sdk.wait_all(given, timeout=30)
    assert [b.id for b in done] == ["b1", "b2", "b3"]
    assert done[0] is given[0]
    assert done[2] is given[2]
    assert all(b.status == "DONE" for b in done)
    assert all(b.ordered_jobs[0].result == {"01": 3} for b in done)
    polls = listing_polls(recorder)
    # Each poll lists every batch still unfinished, in one request.
    assert polls[0] == ["b1", "b2", "b3"]
    assert all(set(later) <= set(earlier) for earlier, later in itertools.pairwise(polls))
    assert polls[-1] == ["b1"]
    # Each batch's results come in one request, once, and no job's on its own.
    gets = [r.url.path for r in recorder.requests if r.url.path.endswith("/full_results")]
    assert sorted(gets) == sorted(set(gets))
    assert len(gets) == 3
    assert not [r for r in recorder.requests if "results_link" in r.url.path]


def test_as_completed_yields_in_the_order_they_finish(make_sdk: Callable[..., SDK]) -> None:
    sdk = make_sdk(service({"b1": 3, "b2": 1, "b3": 2}))
    assert [b.id for b in sdk.as_completed(["b1", "b2", "b3"])] == ["b2", "b3", "b1"]


def test_many_ids_are_listed_a_hundred_per_request(make_sdk: Callable[..., SDK]) -> None:
    ids = [f"b{i}" for i in range(250)]
    recorder = service(dict.fromkeys(ids, 0))
    make_sdk(recorder).wait_all(ids)
    assert [len(ids) for ids in listing_polls(recorder)] == [100, 100, 50]


def test_a_timeout_names_what_is_unfinished_and_changes_nothing(
    make_sdk: Callable[..., SDK],
) -> None:
    recorder = service({"b1": 10**6, "b2": 0})
    with pytest.raises(WaitTimeoutError, match=r"1 batch\(s\) still unfinished") as caught:
        make_sdk(recorder).wait_all(["b1", "b2"], timeout=0.3)
    assert caught.value.pending == {"b1": "RUNNING"}
    assert {r.method for r in recorder.requests} == {"GET"}


def test_an_unknown_id_and_bad_arguments_are_typed_errors(make_sdk: Callable[..., SDK]) -> None:
    sdk = make_sdk(service({"b1": 0}))
    with pytest.raises(NotFoundError, match="nope"):
        sdk.wait_all(["b1", "nope"])
    for bad in ("b1", [3], [sdk.get_batch("b1"), sdk.get_batch("b1").ordered_jobs[0]]):
        with pytest.raises(InvalidConfigurationError):
            sdk.wait_all(bad)  # type: ignore[arg-type]


def test_async_wait_all_and_as_completed(make_async_sdk: Callable[..., AsyncSDK]) -> None:
    recorder = service({"b1": 2, "b2": 0})

    async def scenario() -> tuple[list[str], list[str]]:
        async with make_async_sdk(recorder) as sdk:
            order = [b.id async for b in sdk.as_completed(["b1", "b2"])]
            waited = await sdk.wait_all(["b1", "b2"])
            return order, [b.id for b in waited]

    assert asyncio.run(scenario()) == (["b2", "b1"], ["b1", "b2"])


def jobs_service(finish_after: dict[str, int]) -> Recorder:
    polls = {"n": 0}

    def handle(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("/api/v2/jobs"):
            polls["n"] += 1
            listed = [
                job_dict(j, "b1", "DONE" if polls["n"] > finish_after[j] else "RUNNING")
                for j in request.url.params.get_list("id")
            ]
            return envelope(
                listed, pagination={"start": 0, "end": len(listed), "total": len(listed)}
            )
        if path.endswith("/batches/b1/full_results"):
            finished = [j for j in finish_after if polls["n"] > finish_after[j]]
            return envelope({j: {"counter": {"1": 2}} for j in finished})
        for j in finish_after:
            if path.endswith(f"/jobs/{j}"):
                return envelope(job_dict(j, "b1", "RUNNING"))
        return httpx.Response(404, json={"status": "fail", "code": 404, "message": path})

    return Recorder(handle)


def test_jobs_are_awaited_with_one_job_listing_per_poll(make_sdk: Callable[..., SDK]) -> None:
    recorder = jobs_service({"j1": 2, "j2": 0})
    sdk = make_sdk(recorder)
    jobs: list[Any] = [sdk.get_job("j1"), sdk.get_job("j2")]
    done = sdk.wait_all(jobs)
    assert done == jobs
    assert [j.counts for j in done] == [{"1": 2}, {"1": 2}]
    listings = [r for r in recorder.requests if r.url.path.endswith("/api/v2/jobs")]
    assert next(r.url.params.get_list("id") for r in listings) == ["j1", "j2"]
    # One results request for the batch at each poll where some of its jobs finished.
    results = [r for r in recorder.requests if r.url.path.endswith("/full_results")]
    assert len(results) == 2
    assert not [r for r in recorder.requests if "results_link" in r.url.path]


def test_polls_land_on_the_estimated_end_then_the_policy_paces_again() -> None:
    """Once the estimated time left is below the policy's shortest sleep, the next poll comes
    at the estimated end (not closer than NEAR_END_S), a few times at most: an estimate that
    keeps saying "almost" gives way to the policy's pace."""
    from pasqal_sdk import PollingPolicy
    from pasqal_sdk._multiwait import MultiWait
    from pasqal_sdk._waiting import NEAR_END_POLLS, NEAR_END_S

    policy = PollingPolicy(initial_s=0.5, jitter=0.0)
    wait = MultiWait("batch", ["b1"], timeout=None, policy=policy, clock=lambda: 0.0)
    wait.polls = 3
    wait.eta = 10.0  # far: the policy's sleep (eta_fraction of it, within its bounds)
    assert wait.next_sleep() == pytest.approx(min(policy.max_s, 10.0 * policy.eta_fraction))
    wait.eta = 0.3  # near: until the estimated end
    assert wait.next_sleep() == pytest.approx(0.3)
    wait.eta = 0.01  # nearer than NEAR_END_S: NEAR_END_S
    sleeps = [wait.next_sleep() for _ in range(NEAR_END_POLLS + 2)]
    assert sleeps[: NEAR_END_POLLS - 1] == [pytest.approx(NEAR_END_S)] * (NEAR_END_POLLS - 1)
    assert all(s >= policy.initial_s for s in sleeps[NEAR_END_POLLS - 1 :])
