"""The local cloud under contention: password hashing, big bodies and a database locked by
another process slow down only the requests that need them; /health answers throughout, and a
busy database is a bounded 503 with Retry-After."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable

import httpx

from pasqal_sdk.local.testing import LocalCloud

from .conftest import new_batch

# Generous: before the fix /health took 4 to 12 s under these loads, and a few ms after.
HEALTH_BOUND_S = 1.5


def _health_while(cloud: LocalCloud, load: Callable[[], None]) -> float:
    """The slowest /health answer while `load` runs (it is polled throughout)."""
    done = threading.Event()
    worst = 0.0

    def run() -> None:
        try:
            load()
        finally:
            done.set()

    worker = threading.Thread(target=run)
    with httpx.Client(base_url=cloud.url, timeout=60) as client:
        worker.start()
        while not done.is_set():
            started = time.monotonic()
            assert client.get("/health").status_code == 200
            worst = max(worst, time.monotonic() - started)
            time.sleep(0.02)
    worker.join()
    return worst


def _in_parallel(count: int, act: Callable[[], object]) -> Callable[[], None]:
    def load() -> None:
        threads = [threading.Thread(target=act) for _ in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    return load


def _login(cloud: LocalCloud) -> None:
    """One password login (argon2 on the server), however long the machine takes."""
    answer = httpx.post(
        cloud.token_url,
        json={
            "grant_type": "password",
            "client_id": "cloud-sdk",
            "username": cloud.username,
            "password": cloud.password,
        },
        timeout=120,
    )
    assert answer.status_code == 200, answer.text


def test_health_answers_during_twenty_parallel_logins(cloud: LocalCloud) -> None:
    logins = _in_parallel(20, lambda: _login(cloud))
    assert _health_while(cloud, logins) < HEALTH_BOUND_S


def test_health_answers_during_a_cancellation_of_100000_ids(
    cloud: LocalCloud, api: httpx.Client
) -> None:
    ids = [f"00000000-0000-0000-0000-{i:012d}" for i in range(100_000)]

    def cancel() -> None:
        answer = api.patch("/core-fast/api/v1/batches/cancel", json={"batch_ids": ids})
        assert answer.status_code == 200, answer.text[:300]

    assert _health_while(cloud, cancel) < HEALTH_BOUND_S


class _Locked:
    """Another process's connection holding an exclusive lock on the database."""

    def __init__(self, cloud: LocalCloud) -> None:
        self._db = sqlite3.connect(cloud.data_dir / "local-cloud.sqlite3", isolation_level=None)

    def __enter__(self) -> None:
        self._db.execute("BEGIN EXCLUSIVE")

    def __exit__(self, *exc_info: object) -> None:
        self._db.execute("ROLLBACK")
        self._db.close()


def test_a_locked_database_is_a_bounded_503_and_reads_logins_and_health_go_on(
    cloud: LocalCloud, api: httpx.Client, sequence: str
) -> None:
    batch_id = new_batch(api, cloud, sequence)
    with _Locked(cloud):
        started = time.monotonic()
        answer = api.patch(f"/core-fast/api/v1/batches/{batch_id}/tags", json=["late"])
        assert time.monotonic() - started < 10
        assert answer.status_code == 503, answer.text
        assert int(answer.headers["Retry-After"]) >= 1
        assert "busy" in answer.json()["message"]
        assert api.get(f"/core-fast/api/v1/batches/{batch_id}").status_code == 200
        started = time.monotonic()
        _login(cloud)
        assert time.monotonic() - started < 10
        assert _health_while(cloud, lambda: time.sleep(1.0)) < HEALTH_BOUND_S
    # Once the lock is gone, the same write goes through.
    answer = api.patch(f"/core-fast/api/v1/batches/{batch_id}/tags", json=["late"])
    assert answer.status_code == 200, answer.text
