"""Rows as the service reads them (JSON columns decoded), the encoding of what is stored, and
each batch's status derived from its jobs in the transaction that changed them."""

from __future__ import annotations

import json
import math
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from pasqal_sdk.local.storage.batch_status import (
    KEPT_BATCH_STATUSES,
    TERMINAL_BATCH_STATUSES,
    next_batch_status,
)


def _finite(text: str) -> float | None:
    value = float(text)
    return value if math.isfinite(value) else None


def loads(text: str | bytes) -> Any:
    """A stored JSON column; a number out of float range (a row written before the server
    refused them) reads as null, so that every answer holding it can be sent."""
    return json.loads(text, parse_constant=lambda _: None, parse_float=_finite)


def dumps(value: Any) -> str:
    """JSON to store: a non-finite number is a ValueError, before anything is written."""
    return json.dumps(value, allow_nan=False)


def stamp(moment: datetime) -> str:
    """A moment as the store keeps times: UTC ISO 8601 with microseconds and `+00:00` (the one
    home of that format; strings of this shape sort by time, the year zero-padded as strftime's
    `%Y` is not everywhere)."""
    moment = moment.astimezone(timezone.utc)
    return f"{moment.year:04d}-" + moment.strftime("%m-%dT%H:%M:%S.%f+00:00")


def now() -> str:
    """The current UTC time, as the store keeps times."""
    return stamp(datetime.now(timezone.utc))


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class NewJob:
    runs: int
    variables: dict[str, Any] | None
    sequence: str | None = None
    parent_id: str | None = None


def batch_dict(db: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    batch = dict(row)
    batch["open"] = bool(batch["open"])
    batch["configuration"] = (
        None if batch["configuration"] is None else loads(batch["configuration"])
    )
    batch["tags"] = [
        t["tag"]
        for t in db.execute(
            "SELECT tag FROM tags WHERE batch_id = ? ORDER BY position", (row["id"],)
        )
    ]
    batch["jobs"] = [
        job_dict(j)
        for j in db.execute("SELECT * FROM jobs WHERE batch_id = ? ORDER BY seq", (row["id"],))
    ]
    return batch


def job_dict(row: sqlite3.Row) -> dict[str, Any]:
    job = dict(row)
    job["variables"] = None if job["variables"] is None else loads(job["variables"])
    job["errors"] = loads(job["errors"] or "[]")
    job["has_result"] = bool(job["has_result"])
    return job


def refresh_batch(db: sqlite3.Connection, batch_id: str) -> None:
    """Derives the batch's status from its jobs (`next_batch_status`), with its start and end
    times."""
    batch = db.execute("SELECT * FROM batches WHERE id = ?", (batch_id,)).fetchone()
    if batch is None or batch["status"] in KEPT_BATCH_STATUSES:
        return
    counts = {
        r["status"]: r["n"]
        for r in db.execute(
            "SELECT status, COUNT(*) AS n FROM jobs WHERE batch_id = ? GROUP BY status",
            (batch_id,),
        )
    }
    status = next_batch_status(counts, bool(batch["open"]), batch["status"])
    stamp = now()
    start = batch["start_datetime"] or (stamp if status != "PENDING" else None)
    end = stamp if status in TERMINAL_BATCH_STATUSES else None
    if status != batch["status"] or start != batch["start_datetime"]:
        db.execute(
            "UPDATE batches SET status = ?, start_datetime = ?, end_datetime = ?,"
            " updated_at = ? WHERE id = ?",
            (status, start, end, stamp, batch_id),
        )
