"""Batches, their tags and the jobs added to them."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from pasqal_sdk.local.storage.batch_status import TERMINAL_BATCH_STATUSES
from pasqal_sdk.local.storage.database import Database
from pasqal_sdk.local.storage.errors import StoreFullError
from pasqal_sdk.local.storage.queries import (
    BATCH_ORDER,
    BatchFilters,
    Page,
    created_between,
    in_,
    select_page,
)
from pasqal_sdk.local.storage.rows import (
    NewJob,
    batch_dict,
    dumps,
    new_id,
    now,
    refresh_batch,
)

QUEUE_PRIORITIES = {"LOW": 0, "MEDIUM": 1, "HIGH": 2}


class BatchTables(Database):
    """Batches: created with their jobs, listed, closed, cancelled, timed out."""

    def create_batch(
        self,
        *,
        project_id: str,
        user_id: str,
        device_type: str,
        open_: bool,
        sequence_builder: str | None,
        webhook: str | None,
        configuration: dict[str, Any] | None,
        backend_configuration: str | None,
        tags: Sequence[str],
        jobs: Sequence[NewJob],
        parent_id: str | None = None,
    ) -> str:
        batch_id = new_id()
        stamp = now()
        with self._tx() as db:
            queue = db.execute(
                "SELECT queue_priority FROM projects WHERE id = ?", (project_id,)
            ).fetchone()
            queue_priority = queue["queue_priority"] if queue else "MEDIUM"
            db.execute(
                "INSERT INTO batches (id, project_id, user_id, device_type, status, open,"
                " priority, queue_priority, sequence_builder, webhook, configuration,"
                " backend_configuration, parent_id, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    batch_id,
                    project_id,
                    user_id,
                    device_type,
                    int(open_),
                    QUEUE_PRIORITIES.get(queue_priority, 1),
                    queue_priority,
                    sequence_builder,
                    webhook,
                    None if configuration is None else dumps(configuration),
                    backend_configuration,
                    parent_id,
                    stamp,
                    stamp,
                ),
            )
            self._set_tags(db, batch_id, tags)
            self._insert_jobs(db, batch_id, project_id, user_id, jobs)
            refresh_batch(db, batch_id)
        return batch_id

    def _insert_jobs(
        self,
        db: sqlite3.Connection,
        batch_id: str,
        project_id: str,
        user_id: str,
        jobs: Iterable[NewJob],
    ) -> list[str]:
        ids = []
        for job in jobs:
            job_id = new_id()
            stamp = now()
            db.execute(
                "INSERT INTO jobs (id, batch_id, project_id, user_id, status, runs, variables,"
                " sequence, errors, parent_id, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?, '[]', ?, ?, ?)",
                (
                    job_id,
                    batch_id,
                    project_id,
                    user_id,
                    job.runs,
                    None if job.variables is None else dumps(job.variables),
                    job.sequence,
                    job.parent_id,
                    stamp,
                    stamp,
                ),
            )
            ids.append(job_id)
        return ids

    def add_jobs(self, batch_id: str, jobs: Sequence[NewJob]) -> list[str]:
        with self._tx() as db:
            batch = db.execute("SELECT * FROM batches WHERE id = ?", (batch_id,)).fetchone()
            ids = self._insert_jobs(db, batch_id, batch["project_id"], batch["user_id"], jobs)
            db.execute("UPDATE batches SET updated_at = ? WHERE id = ?", (now(), batch_id))
            refresh_batch(db, batch_id)
            return ids

    def _set_tags(self, db: sqlite3.Connection, batch_id: str, tags: Sequence[str]) -> None:
        db.execute("DELETE FROM tags WHERE batch_id = ?", (batch_id,))
        db.executemany(
            "INSERT INTO tags (batch_id, position, tag) VALUES (?, ?, ?)",
            [(batch_id, i, tag) for i, tag in enumerate(tags)],
        )

    def set_tags(self, batch_id: str, tags: Sequence[str]) -> None:
        with self._tx() as db:
            self._set_tags(db, batch_id, tags)
            db.execute("UPDATE batches SET updated_at = ? WHERE id = ?", (now(), batch_id))

    def batch(self, batch_id: str, project_ids: Sequence[str]) -> dict[str, Any] | None:
        """The batch when one of `project_ids` owns it (others are not revealed)."""
        with self._read() as db:
            row = db.execute("SELECT * FROM batches WHERE id = ?", (batch_id,)).fetchone()
            if row is None or row["project_id"] not in project_ids:
                return None
            return batch_dict(db, row)

    def batch_status(
        self, batch_id: str, project_ids: Sequence[str]
    ) -> tuple[str, dict[str, int]] | None:
        """The batch's status and its jobs' count per status (what a status poll answers),
        without reading the jobs themselves, when one of `project_ids` owns it."""
        with self._read() as db:
            row = db.execute(
                "SELECT status, project_id FROM batches WHERE id = ?", (batch_id,)
            ).fetchone()
            if row is None or row["project_id"] not in project_ids:
                return None
            counts = db.execute(
                "SELECT status, COUNT(*) AS n FROM jobs WHERE batch_id = ? GROUP BY status",
                (batch_id,),
            ).fetchall()
            return str(row["status"]), {str(c["status"]): int(c["n"]) for c in counts}

    def batch_by_id(self, batch_id: str) -> dict[str, Any] | None:
        with self._read() as db:
            row = db.execute("SELECT * FROM batches WHERE id = ?", (batch_id,)).fetchone()
            return None if row is None else batch_dict(db, row)

    def list_batches(
        self, filters: BatchFilters, page: Page, visible: Sequence[str]
    ) -> tuple[list[dict[str, Any]], int]:
        where: list[str] = []
        args: list[Any] = []
        in_("project_id", visible, where, args)
        if not visible:
            return [], 0
        in_("id", filters.ids, where, args)
        in_("project_id", filters.project_ids, where, args)
        in_("user_id", filters.user_ids, where, args)
        in_("device_type", filters.device_types, where, args)
        in_("status", filters.statuses, where, args)
        in_("queue_priority", filters.queue_priorities, where, args)
        if filters.open is not None:
            where.append("open = ?")
            args.append(int(filters.open))
        if filters.tags:
            marks = ",".join("?" * len(filters.tags))
            where.append(f"id IN (SELECT batch_id FROM tags WHERE tag IN ({marks}))")
            args.extend(filters.tags)
        created_between(filters.start_date, filters.end_date, where, args)
        with self._read() as db:
            rows, total = select_page(db, "batches", BATCH_ORDER, where, args, page)
            return [batch_dict(db, row) for row in rows], total

    def set_batch_open(self, batch_id: str, open_: bool) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE batches SET open = ?, updated_at = ? WHERE id = ?",
                (int(open_), now(), batch_id),
            )
            refresh_batch(db, batch_id)

    def cancel_batch(self, batch_id: str) -> list[str]:
        """Cancels the batch and its unfinished jobs; returns the ids of the jobs cancelled."""
        stamp = now()
        with self._tx() as db:
            ids = [
                r["id"]
                for r in db.execute(
                    "SELECT id FROM jobs WHERE batch_id = ? AND status IN ('PENDING', 'RUNNING')",
                    (batch_id,),
                )
            ]
            db.execute(
                "UPDATE jobs SET status = 'CANCELED', updated_at = ?, end_timestamp = ?"
                " WHERE batch_id = ? AND status IN ('PENDING', 'RUNNING')",
                (stamp, stamp, batch_id),
            )
            db.execute(
                "UPDATE batches SET status = 'CANCELED', open = 0, updated_at = ?,"
                " end_datetime = ? WHERE id = ?",
                (stamp, stamp, batch_id),
            )
            return ids

    def time_out_idle_batches(self, idle_before: str) -> list[str]:
        """Open batches without unfinished jobs and untouched since `idle_before` time out
        (none while the disk is full: they are timed out once it isn't)."""
        with contextlib.suppress(StoreFullError):
            return self._time_out_idle_batches(idle_before)
        return []

    def _time_out_idle_batches(self, idle_before: str) -> list[str]:
        stamp = now()
        final = tuple(sorted(TERMINAL_BATCH_STATUSES))
        with self._tx() as db:
            ids = [
                r["id"]
                for r in db.execute(
                    "SELECT id FROM batches b WHERE open = 1 AND updated_at < ?"
                    f" AND status NOT IN ({', '.join('?' * len(final))})"
                    " AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.batch_id = b.id"
                    " AND j.status IN ('PENDING', 'RUNNING'))",
                    (idle_before, *final),
                )
            ]
            for batch_id in ids:
                db.execute(
                    "UPDATE batches SET status = 'TIMED_OUT', open = 0, updated_at = ?,"
                    " end_datetime = ? WHERE id = ?",
                    (stamp, stamp, batch_id),
                )
            return ids

    def finished_batches_to_notify(self) -> list[str]:
        """Finished batches with a webhook not yet called, marked called (none while the disk
        is full)."""
        final = tuple(sorted(TERMINAL_BATCH_STATUSES))
        with contextlib.suppress(StoreFullError), self._tx() as db:
            ids = [
                r["id"]
                for r in db.execute(
                    "SELECT id FROM batches WHERE webhook IS NOT NULL AND webhook != ''"
                    f" AND webhook_sent = 0 AND status IN ({', '.join('?' * len(final))})",
                    final,
                )
            ]
            db.executemany("UPDATE batches SET webhook_sent = 1 WHERE id = ?", [(i,) for i in ids])
            return ids
        return []

    def project_load(self, project_id: str) -> tuple[int, int]:
        """(jobs PENDING or RUNNING, batches not finished) of a project: what its quotas
        count."""
        unfinished = tuple(sorted(TERMINAL_BATCH_STATUSES))
        with self._read() as db:
            jobs = db.execute(
                "SELECT COUNT(*) FROM jobs"
                " WHERE project_id = ? AND status IN ('PENDING', 'RUNNING')",
                (project_id,),
            ).fetchone()[0]
            batches = db.execute(
                "SELECT COUNT(*) FROM batches WHERE project_id = ?"
                f" AND status NOT IN ({','.join('?' * len(unfinished))})",
                (project_id, *unfinished),
            ).fetchone()[0]
        return int(jobs), int(batches)
