"""Faults every cloud has, seen from the SDK: the server killed and restarted, bursts of 429 and
503, refused connections, slow answers. The SDK talks over real TCP, to the local cloud or to a
fault-injecting proxy in front of it; the server's own tables count what was created."""

from __future__ import annotations

import asyncio
import itertools
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from pasqal_sdk import (
    SDK,
    APIConnectionError,
    APITimeoutError,
    AsyncSDK,
    RetryPolicy,
    ServerError,
)
from pasqal_sdk.local.testing import LocalCloud
from tests.local.conftest import sequence_json

from .conftest import Fault, FaultProxy, sdk_kwargs, server_counts, wait_until

JOB = {"runs": 10, "variables": {"amp": 1.0}}


def test_wait_rides_out_a_kill_9_and_restart_and_loses_or_duplicates_no_job(
    tmp_path: Path, make_sdk: Callable[..., SDK]
) -> None:
    cloud = LocalCloud(tmp_path / "data", workers=1)
    try:
        sdk = make_sdk(cloud)
        slow = sequence_json(atoms=9, duration=3000)
        jobs = [{"runs": 20 + i, "variables": {"amp": 3.0}} for i in range(4)]
        batch = sdk.create_batch(slow, jobs, emulator="EMU_FREE")
        job_ids = [job.id for job in batch.ordered_jobs]
        assert server_counts(cloud) == (1, 4)
        events: dict[str, float] = {}

        def crash_and_restart() -> None:
            database = cloud.data_dir / "local-cloud.sqlite3"

            def running() -> bool:
                with sqlite3.connect(database, timeout=10) as db:
                    query = "SELECT COUNT(*) FROM jobs WHERE status = 'RUNNING'"
                    return bool(db.execute(query).fetchone()[0])

            wait_until(running, timeout=60)
            cloud.kill()
            events["killed"] = time.monotonic()
            time.sleep(2.0)  # connections are refused meanwhile
            cloud.start()
            events["restarted"] = time.monotonic()

        crasher = threading.Thread(target=crash_and_restart)
        crasher.start()
        try:
            done = batch.wait(timeout=240)
        finally:
            crasher.join()
        finished = time.monotonic()
        assert events["killed"] < events["restarted"] < finished  # wait spanned the crash
        assert done.status == "DONE"
        assert [job.id for job in done.ordered_jobs] == job_ids
        for job, sent in zip(done.ordered_jobs, jobs, strict=True):
            assert job.status == "DONE"
            assert sum(job.result.values()) == sent["runs"]
        assert server_counts(cloud) == (1, 4)
    finally:
        cloud.close()


def test_bursts_of_429_and_503_are_retried_with_backoff_and_duplicate_nothing(
    cloud: LocalCloud, proxy: FaultProxy, make_sdk: Callable[..., SDK], sequence: str
) -> None:
    sdk = make_sdk(cloud, proxy.url)
    sdk.user_token()
    batches, jobs = server_counts(cloud)
    create = "/core-fast/api/v1/batches"
    proxy.inject(Fault(429, 2, "POST", create, {"Retry-After": "1"}))
    proxy.inject(Fault(503, 3, "GET", "/status"))

    batch = sdk.create_batch(sequence, [JOB, JOB], emulator="EMU_FREE", wait=True)

    assert batch.status == "DONE"
    assert all(sum(job.result.values()) == JOB["runs"] for job in batch.ordered_jobs)
    assert server_counts(cloud) == (batches + 1, jobs + 2)
    posts = proxy.requests("POST", create)
    assert len(posts) == 3
    assert all(later - earlier >= 0.95 for earlier, later in itertools.pairwise(posts))
    polls = [(at, status) for at, _, path, status in proxy.seen if path.endswith("/status")]
    assert [status for _, status in polls[:4]] == [503, 503, 503, 200]
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(polls[:4])]
    assert sum(gaps) >= 0.25 + 0.5 + 1.0  # the backoff's lower bounds, doubling each time
    assert gaps[2] > gaps[0]


def test_a_503_to_a_creating_post_is_not_repeated_where_keys_are_not_honoured(
    cloud: LocalCloud, proxy: FaultProxy, make_sdk: Callable[..., SDK], sequence: str
) -> None:
    """As on Pasqal Cloud, whose answers don't say they honour `Idempotency-Key`."""
    proxy.hidden_headers.add("idempotency-key-support")
    sdk = make_sdk(cloud, proxy.url)
    sdk.user_token()
    before = server_counts(cloud)
    proxy.inject(Fault(503, 5, "POST", "/core-fast/api/v1/batches"))
    with pytest.raises(ServerError) as caught:
        sdk.create_batch(sequence, [JOB], emulator="EMU_FREE")
    assert caught.value.status_code == 503
    assert len(proxy.requests("POST", "/core-fast/api/v1/batches")) == 1
    assert server_counts(cloud) == before


def test_a_503_to_a_creating_post_is_retried_where_keys_are_honoured_and_creates_one(
    cloud: LocalCloud, proxy: FaultProxy, make_sdk: Callable[..., SDK], sequence: str
) -> None:
    """The local cloud honours `Idempotency-Key`: the same create is sent again, made once."""
    sdk = make_sdk(cloud, proxy.url)
    sdk.user_token()  # its answer says the server honours keys
    before = server_counts(cloud)
    proxy.inject(Fault(503, 2, "POST", "/core-fast/api/v1/batches"))
    batch = sdk.create_batch(sequence, [JOB], emulator="EMU_FREE")
    assert len(proxy.requests("POST", "/core-fast/api/v1/batches")) == 3
    assert server_counts(cloud) == (before[0] + 1, before[1] + 1)
    assert batch.id


def test_connection_refused_for_a_few_seconds_is_ridden_out_by_the_default_retries(
    cloud: LocalCloud, proxy: FaultProxy, make_sdk: Callable[..., SDK], sequence: str
) -> None:
    sdk = make_sdk(cloud, proxy.url)
    batch = sdk.create_batch(sequence, [JOB], emulator="EMU_FREE")
    before = server_counts(cloud)
    proxy.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(proxy.url + "/health")
    threading.Timer(3.0, proxy.start).start()
    started = time.monotonic()
    done = batch.wait(timeout=60)
    assert time.monotonic() - started >= 2.9
    assert done.status == "DONE"
    assert server_counts(cloud) == before


def test_async_wait_rides_out_refused_connections_too(
    cloud: LocalCloud, proxy: FaultProxy, sequence: str
) -> None:
    async def scenario() -> str:
        async with AsyncSDK(**sdk_kwargs(cloud, proxy.url)) as sdk:
            batch = await sdk.create_batch(sequence, [JOB], emulator="EMU_FREE")
            proxy.stop()
            threading.Timer(2.0, proxy.start).start()
            return (await batch.wait(timeout=60)).status

    before = server_counts(cloud)
    assert asyncio.run(scenario()) == "DONE"
    assert server_counts(cloud) == (before[0] + 1, before[1] + 1)


def test_connection_refused_for_longer_is_a_typed_error_in_bounded_time(
    cloud: LocalCloud, proxy: FaultProxy, make_sdk: Callable[..., SDK], sequence: str
) -> None:
    policy = RetryPolicy(max_tries=4, base_delay_s=0.2, max_delay_s=0.5)
    sdk = make_sdk(cloud, proxy.url, retry=policy)
    batch = sdk.create_batch(sequence, [JOB], emulator="EMU_FREE")
    before = server_counts(cloud)
    proxy.stop()
    started = time.monotonic()
    with pytest.raises(APIConnectionError) as caught:
        batch.wait(timeout=60)
    elapsed = time.monotonic() - started
    assert not isinstance(caught.value, APITimeoutError)
    assert 0.1 + 0.2 + 0.25 <= elapsed < 5  # three backoffs, then the error
    assert "ConnectError" in str(caught.value)
    with pytest.raises(APIConnectionError):
        sdk.create_batch(sequence, [JOB], emulator="EMU_FREE")
    assert server_counts(cloud) == before


def test_the_default_retry_budget_covers_a_restart_and_is_bounded() -> None:
    policy = RetryPolicy()
    refused = httpx.ConnectError("refused")
    for _ in range(50):
        waited, attempt = 0.0, 1
        while (delay := policy.next_delay(
            attempt=attempt, elapsed=waited, repeatable=True, error=refused
        )) is not None:  # fmt: skip
            waited += delay
            attempt += 1
        assert 10.0 <= waited <= policy.max_total_s
        assert attempt == policy.max_tries


@pytest.mark.parametrize("creating", [False, True])
def test_slow_answers_are_a_typed_timeout_never_a_hang(
    cloud: LocalCloud,
    proxy: FaultProxy,
    make_sdk: Callable[..., SDK],
    sequence: str,
    creating: bool,
) -> None:
    # Set-up, untimed: the batch, the login (argon2) and the first use of each operation (cold
    # imports where no .pyc is written) happen here, with the default timeout.
    setup = make_sdk(cloud, proxy.url)
    batch = setup.create_batch(sequence, [JOB], emulator="EMU_FREE")
    setup.get_batch(batch.id)
    setup.user_token()
    # Timed: only the call under test runs on the 0.5 s timeout, on a copy of the SDK that
    # shares its token and what its answers taught (that the server honours keys).
    sdk = setup.with_options(timeout=0.5, max_retries=1)
    proxy.delay_s = 10.0
    proxy.arrived.clear()
    started = time.monotonic()
    call = (
        (lambda: sdk.create_batch(sequence, [JOB], emulator="EMU_FREE"))
        if creating
        else (lambda: sdk.get_batch(batch.id))
    )
    with pytest.raises(APITimeoutError) as caught:
        call()
    assert time.monotonic() - started < 3
    assert "Timeout" in str(caught.value)
    # A GET is tried again, and so is a create here: the local cloud honours its
    # Idempotency-Key (where keys aren't honoured, it is never repeated: see the 503 tests).
    assert len(proxy.arrived) == 2
    proxy.stop()  # the delayed requests are dropped, never forwarded
