"""The store schedules jobs by batch priority then creation order, derives batch statuses from
their jobs, and re-queues jobs a crash left running."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

import pytest

from pasqal_sdk.local.storage.store import NewJob, Store


def batch(store: Store, project: str, runs: list[int], open_: bool = False) -> str:
    return store.create_batch(
        project_id=project,
        user_id="u",
        device_type="EMU_FREE",
        open_=open_,
        sequence_builder="{}",
        webhook=None,
        configuration=None,
        backend_configuration=None,
        tags=[],
        jobs=[NewJob(r, None) for r in runs],
    )


def test_jobs_run_by_priority_then_creation_order(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    low = store.add_project("low", queue_priority="LOW")
    high = store.add_project("high", queue_priority="HIGH")
    batch(store, low, [1, 2])
    batch(store, high, [3])
    batch(store, low, [4])
    order = []
    while (job := store.next_pending_job()) is not None:
        order.append(job["runs"])
    assert order == [3, 1, 2, 4]


def test_batch_status_follows_its_jobs(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    project = store.add_project("p")
    batch_id = batch(store, project, [1, 2])
    assert store.batch(batch_id, [project])["status"] == "PENDING"  # type: ignore[index]
    first = store.next_pending_job()
    assert first is not None
    assert store.batch(batch_id, [project])["status"] == "RUNNING"  # type: ignore[index]
    store.finish_job(first["id"], None)
    second = store.next_pending_job()
    assert second is not None
    store.finish_job(second["id"], ["it failed"])
    finished = store.batch(batch_id, [project])
    assert finished is not None
    assert finished["status"] == "DONE"
    assert [j["status"] for j in finished["jobs"]] == ["DONE", "ERROR"]
    assert finished["end_datetime"]


def test_a_status_poll_reads_what_the_whole_batch_says(tmp_path: Path) -> None:
    """`batch_status` (counts by status, without reading the jobs) agrees with `batch`, and
    reveals nothing of another project's batch."""
    store = Store(tmp_path / "db.sqlite3")
    project = store.add_project("p")
    batch_id = batch(store, project, [1, 2, 3])
    job = store.next_pending_job()
    assert job is not None
    store.finish_job(job["id"], None)
    whole = store.batch(batch_id, [project])
    assert whole is not None
    counts: dict[str, int] = {}
    for j in whole["jobs"]:
        counts[j["status"]] = counts.get(j["status"], 0) + 1
    assert store.batch_status(batch_id, [project]) == (whole["status"], counts)
    assert store.batch_status(batch_id, ["another project"]) is None
    assert store.batch_status("no such batch", [project]) is None
    store.close()


def test_a_cancelled_job_is_not_overwritten_by_its_late_result(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    project = store.add_project("p")
    batch(store, project, [1])
    job = store.next_pending_job()
    assert job is not None
    assert store.cancel_job(job["id"])
    store.finish_job(job["id"], None)
    assert store.job(job["id"], [project])["status"] == "CANCELED"  # type: ignore[index]


def test_running_jobs_are_requeued_after_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    store = Store(path)
    project = store.add_project("p")
    batch(store, project, [1, 2])
    running = store.next_pending_job()
    assert running is not None
    store.close()
    reopened = Store(path)
    assert reopened.requeue_running_jobs() == 1
    assert reopened.job(running["id"], [project])["status"] == "PENDING"  # type: ignore[index]


def test_a_project_with_one_job_is_not_held_back_by_another_projects_queue(
    tmp_path: Path,
) -> None:
    """Dispatch goes to the project with the fewest jobs running: B's one job starts second,
    not after A's thousand."""
    store = Store(tmp_path / "db.sqlite3")
    a = store.add_project("a")
    b = store.add_project("b")
    batch(store, a, list(range(1000, 2000)))
    batch(store, b, [1])
    first, second = store.next_pending_job(), store.next_pending_job()
    assert first is not None
    assert second is not None
    assert (first["project_id"], second["project_id"]) == (a, b)


def test_projects_take_turns_by_jobs_running(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    a = store.add_project("a")
    b = store.add_project("b")
    batch(store, a, [1, 2, 3, 4])
    batch(store, b, [5, 6])
    started = [store.next_pending_job() for _ in range(4)]
    assert [job["runs"] for job in started if job] == [1, 5, 2, 6]
    # One of A's finishes: A has one running, B two, so A's next starts.
    store.finish_job(started[0]["id"], None)  # type: ignore[index]
    after = store.next_pending_job()
    assert after is not None
    assert after["runs"] == 3


def test_each_batch_status_change_is_one_info_line_once_committed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = Store(tmp_path / "db.sqlite3")
    project = store.add_project("p")
    with caplog.at_level(logging.INFO, logger="pasqal_sdk.local"):
        batch_id = batch(store, project, [1])
        job = store.next_pending_job()
        assert job is not None
        store.finish_job(job["id"], None)
        with contextlib.suppress(RuntimeError), store._tx() as db:  # rolled back: never was
            db.execute("UPDATE batches SET status = 'ERROR' WHERE id = ?", (batch_id,))
            raise RuntimeError
        cancelled = batch(store, project, [1])
        store.cancel_batch(cancelled)
    changes = [r.getMessage() for r in caplog.records if r.name == "pasqal_sdk.local"]
    assert changes == [
        f"batch {batch_id}: new -> PENDING (EMU_FREE)",
        f"batch {batch_id}: PENDING -> RUNNING (EMU_FREE)",
        f"batch {batch_id}: RUNNING -> DONE (EMU_FREE)",
        f"batch {cancelled}: new -> PENDING (EMU_FREE)",
        f"batch {cancelled}: PENDING -> CANCELED (EMU_FREE)",
    ]
    assert store.batch(batch_id, [project])["status"] == "DONE"  # type: ignore[index]


def test_used_refresh_tokens_are_forgotten_once_expired(tmp_path: Path) -> None:
    """A reuse within a refresh token's lifetime revokes its login; records older than that
    lifetime are dropped (every token they could refuse has expired), so the tables don't grow
    with every refresh for ever."""
    store = Store(tmp_path / "db.sqlite3")
    day = 24 * 3600.0
    assert store.use_refresh_token("jti-1", "login-1", day)
    assert not store.use_refresh_token("jti-1", "login-1", day)  # reused: the login is revoked
    assert not store.use_refresh_token("jti-2", "login-1", day)
    with store.transaction() as db:  # both records two days old
        db.execute("UPDATE used_refresh_tokens SET used_at = '2000-01-01T00:00:00.000000+00:00'")
        db.execute(
            "UPDATE revoked_token_families SET revoked_at = '2000-01-01T00:00:00.000000+00:00'"
        )
    assert store.use_refresh_token("jti-3", "login-2", day)
    with store.transaction() as db:
        used = [r[0] for r in db.execute("SELECT jti FROM used_refresh_tokens")]
        revoked = db.execute("SELECT COUNT(*) FROM revoked_token_families").fetchone()[0]
    assert (used, revoked) == (["jti-3"], 0)
