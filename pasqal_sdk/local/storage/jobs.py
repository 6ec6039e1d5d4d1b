"""Jobs: listed, cancelled, handed to the runner one at a time and finished. A job that failed
only because the disk was full goes back to PENDING and runs again a little later."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Sequence
from typing import Any

from pasqal_sdk.local.storage.database import Database
from pasqal_sdk.local.storage.errors import StoreFullError, is_disk_full
from pasqal_sdk.local.storage.queries import (
    JOB_ORDER,
    JobFilters,
    Page,
    created_between,
    in_,
    select_page,
)
from pasqal_sdk.local.storage.rows import dumps, job_dict, loads, now, refresh_batch

log = logging.getLogger("pasqal_sdk.local")

# After a job failed on a full disk, no job is handed out for this long.
DISK_FULL_RETRY_S = 5.0


class JobTables(Database):
    """Jobs, and the queue the runner takes them from."""

    def job(self, job_id: str, project_ids: Sequence[str]) -> dict[str, Any] | None:
        with self._read() as db:
            row = db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None or row["project_id"] not in project_ids:
                return None
            return job_dict(row)

    def list_jobs(
        self, filters: JobFilters, page: Page, visible: Sequence[str]
    ) -> tuple[list[dict[str, Any]], int]:
        if not visible:
            return [], 0
        where: list[str] = []
        args: list[Any] = []
        in_("project_id", visible, where, args)
        in_("id", filters.ids, where, args)
        in_("project_id", filters.project_ids, where, args)
        in_("user_id", filters.user_ids, where, args)
        in_("batch_id", filters.batch_ids, where, args)
        in_("status", filters.statuses, where, args)
        if filters.min_runs is not None:
            where.append("runs >= ?")
            args.append(filters.min_runs)
        if filters.max_runs is not None:
            where.append("runs <= ?")
            args.append(filters.max_runs)
        if filters.errors is not None:
            where.append("errors != '[]'" if filters.errors else "errors = '[]'")
        created_between(filters.start_date, filters.end_date, where, args)
        with self._read() as db:
            rows, total = select_page(db, "jobs", JOB_ORDER, where, args, page)
            return [job_dict(r) for r in rows], total

    def cancel_job(self, job_id: str) -> bool:
        """Cancels a pending or running job; False when it had already finished."""
        stamp = now()
        with self._tx() as db:
            row = db.execute("SELECT batch_id FROM jobs WHERE id = ?", (job_id,)).fetchone()
            changed = db.execute(
                "UPDATE jobs SET status = 'CANCELED', updated_at = ?, end_timestamp = ?"
                " WHERE id = ? AND status IN ('PENDING', 'RUNNING')",
                (stamp, stamp, job_id),
            ).rowcount
            if row is not None:
                refresh_batch(db, row["batch_id"])
            return bool(changed)

    def next_pending_job(self) -> dict[str, Any] | None:
        """Marks the next job to run RUNNING and returns it with its batch's sequence and
        settings: highest batch priority first; among those, the project with the fewest jobs
        running (so that one project's 10,000 queued jobs don't hold back another's one), then
        creation order. None while none waits, and for DISK_FULL_RETRY_S after the disk was
        found full."""
        if time.monotonic() < self._dispatch_after:
            return None
        stamp = now()
        try:
            with self._tx() as db:
                self._requeue_awaiting_space(db)
                return self._start_next(db, stamp)
        except StoreFullError:
            self._dispatch_after = time.monotonic() + DISK_FULL_RETRY_S
            return None

    def _start_next(self, db: sqlite3.Connection, stamp: str) -> dict[str, Any] | None:
        row = db.execute(
            "SELECT j.*, b.device_type, b.sequence_builder, b.configuration,"
            " b.backend_configuration"
            " FROM jobs j JOIN batches b ON b.id = j.batch_id WHERE j.seq = ("
            "  SELECT p.first FROM ("
            "   SELECT q.project_id, b2.priority, MIN(q.seq) AS first"
            "   FROM jobs q JOIN batches b2 ON b2.id = q.batch_id"
            "   WHERE q.status = 'PENDING' GROUP BY q.project_id, b2.priority) p"
            "  ORDER BY p.priority DESC, (SELECT COUNT(*) FROM jobs r"
            "   WHERE r.status = 'RUNNING' AND r.project_id = p.project_id), p.first"
            "  LIMIT 1)"
        ).fetchone()
        if row is None:
            return None
        db.execute(
            "UPDATE jobs SET status = 'RUNNING', start_timestamp = ?, updated_at = ? WHERE id = ?",
            (stamp, stamp, row["id"]),
        )
        refresh_batch(db, row["batch_id"])
        job = job_dict(row)
        job["configuration"] = loads(row["configuration"] or "null")
        job["backend_configuration"] = row["backend_configuration"]
        return job

    def _requeue_awaiting_space(self, db: sqlite3.Connection) -> None:
        """The jobs whose outcome a full disk kept from being written run again."""
        for job_id in sorted(self._awaiting_space):
            self._requeue(db, job_id)
        self._awaiting_space.clear()

    def _requeue(self, db: sqlite3.Connection, job_id: str) -> None:
        changed = db.execute(
            "UPDATE jobs SET status = 'PENDING', start_timestamp = NULL, updated_at = ?"
            " WHERE id = ? AND status = 'RUNNING'",
            (now(), job_id),
        ).rowcount
        row = db.execute("SELECT batch_id FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if changed and row is not None:
            refresh_batch(db, row["batch_id"])

    def job_statuses(self, job_ids: Sequence[str]) -> dict[str, str]:
        if not job_ids:
            return {}
        with self._read() as db:
            rows = db.execute(
                f"SELECT id, status FROM jobs WHERE id IN ({','.join('?' * len(job_ids))})",
                list(job_ids),
            )
            return {r["id"]: r["status"] for r in rows}

    def finish_job(self, job_id: str, errors: list[str] | None) -> bool:
        """Records a running job's outcome: DONE with a result file, or ERROR with `errors`.
        A job cancelled meanwhile stays cancelled (and False is returned). A job that failed
        only because the disk was full, or whose outcome can't be written for that reason,
        goes back to PENDING and runs again in DISK_FULL_RETRY_S (False too: no result kept)."""
        requeue = bool(errors) and all(is_disk_full(str(e)) for e in errors or [])
        try:
            with self._tx() as db:
                if not requeue:
                    return self._record_outcome(db, job_id, errors)
                self._requeue(db, job_id)
        except StoreFullError:
            self._awaiting_space.add(job_id)
        self._dispatch_after = time.monotonic() + DISK_FULL_RETRY_S
        log.warning(
            "data dir full: free space in %s; job %s runs again in %g s",
            self.path.parent,
            job_id,
            DISK_FULL_RETRY_S,
        )
        return False

    def _record_outcome(
        self, db: sqlite3.Connection, job_id: str, errors: list[str] | None
    ) -> bool:
        stamp = now()
        changed = db.execute(
            "UPDATE jobs SET status = ?, errors = ?, has_result = ?, updated_at = ?,"
            " end_timestamp = ? WHERE id = ? AND status = 'RUNNING'",
            (
                "ERROR" if errors else "DONE",
                dumps(errors or []),
                int(not errors),
                stamp,
                stamp,
                job_id,
            ),
        ).rowcount
        if changed:
            row = db.execute("SELECT batch_id FROM jobs WHERE id = ?", (job_id,)).fetchone()
            refresh_batch(db, row["batch_id"])
        return bool(changed)

    def requeue_jobs(self, job_ids: Sequence[str]) -> None:
        """These running jobs go back to PENDING (their executor lost them) and run again."""
        with self._tx() as db:
            for job_id in job_ids:
                self._requeue(db, job_id)

    def requeue_running_jobs(self) -> int:
        """After a crash: jobs left RUNNING go back to PENDING and run again."""
        with self._tx() as db:
            return int(
                db.execute(
                    "UPDATE jobs SET status = 'PENDING', start_timestamp = NULL, updated_at = ?"
                    " WHERE status = 'RUNNING'",
                    (now(),),
                ).rowcount
            )
