"""Workloads (stored as asked for; the local cloud doesn't run them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pasqal_sdk.local.storage.batch_status import TERMINAL_JOB_STATUSES
from pasqal_sdk.local.storage.database import Database
from pasqal_sdk.local.storage.rows import dumps, loads, new_id, now


class WorkloadTables(Database):
    """Workloads of the caller's projects."""

    def create_workload(
        self,
        *,
        project_id: str,
        user_id: str,
        backend: str,
        workload_type: str,
        config: dict[str, Any],
        status: str,
        errors: list[str],
    ) -> str:
        workload_id = new_id()
        stamp = now()
        with self._tx() as db:
            db.execute(
                "INSERT INTO workloads (id, project_id, user_id, status, backend, workload_type,"
                " config, errors, created_at, updated_at, end_timestamp)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    workload_id,
                    project_id,
                    user_id,
                    status,
                    backend,
                    workload_type,
                    dumps(config),
                    dumps(errors),
                    stamp,
                    stamp,
                    stamp if status in TERMINAL_JOB_STATUSES else None,
                ),
            )
        return workload_id

    def workload(self, workload_id: str, project_ids: Sequence[str]) -> dict[str, Any] | None:
        with self._read() as db:
            row = db.execute("SELECT * FROM workloads WHERE id = ?", (workload_id,)).fetchone()
            if row is None or row["project_id"] not in project_ids:
                return None
            workload = dict(row)
            workload["config"] = loads(workload["config"])
            workload["errors"] = loads(workload["errors"] or "[]")
            workload["result"] = None if row["result"] is None else loads(row["result"])
            return workload

    def cancel_workload(self, workload_id: str) -> bool:
        stamp = now()
        with self._tx() as db:
            return bool(
                db.execute(
                    "UPDATE workloads SET status = 'CANCELED', updated_at = ?, end_timestamp = ?"
                    " WHERE id = ? AND status IN ('PENDING', 'RUNNING')",
                    (stamp, stamp, workload_id),
                ).rowcount
            )
