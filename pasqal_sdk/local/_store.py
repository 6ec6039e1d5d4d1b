"""SQLite storage of the local cloud (WAL mode): users, projects, memberships, batches, jobs,
tags and workloads. Every method is one transaction, safe to call from several threads.

A busy database (another process holding a write lock) raises StoreBusyError within about two
seconds, a full disk StoreFullError; the HTTP layer answers them 503 and 507. A job that failed
only because the disk was full goes back to PENDING and runs again a little later."""

from __future__ import annotations

import contextlib
import json
import logging
import math
import re
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pasqal_core_client.models import FinalBatchStatus, FinalJobStatus

from pasqal_sdk.local import _faults
from pasqal_sdk.local._datadir import DataDirError, private_file, tighten

log = logging.getLogger("pasqal_sdk.local")

# How long SQLite waits for another process's lock, and a transaction for this process's other
# threads, before the request is answered 503 (Retry-After: RETRY_AFTER_S).
BUSY_TIMEOUT_S = 1.5
LOCK_TIMEOUT_S = 2.0
RETRY_AFTER_S = 1
# After a job failed on a full disk, no job is handed out for this long.
DISK_FULL_RETRY_S = 5.0
_DISK_FULL = re.compile(
    r"No space left on device|database or disk is full|\[Errno 28\]|OSError\(28,", re.IGNORECASE
)
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 5, 6, 11, 13, 26


class StoreError(Exception):
    """The database can't serve the request now (the HTTP layer says 503 or 507)."""


class StoreBusyError(StoreError):
    """Another process (or a long transaction) holds the database: try again shortly."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The database {path} is busy (another process holds a lock on it):"
            f" retry in {RETRY_AFTER_S} s."
        )
        self.retry_after = RETRY_AFTER_S


class StoreCorruptError(StoreError):
    """The database file was damaged while the server ran: every request fails until it is
    restored (the HTTP layer says 503, and so does /health)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The database {path} is corrupt: stop the local cloud, move the file away (or"
            " restore it from a backup), and start it again."
        )


class StoreFullError(StoreError):
    """The data dir's file system is full."""

    def __init__(self, folder: Path) -> None:
        super().__init__(f"data dir full: free space in {folder}")
        self.folder = folder


def is_disk_full(message: str) -> bool:
    """Whether a job's error says only that the disk was full (ENOSPC, SQLITE_FULL)."""
    return bool(_DISK_FULL.search(message))


def _code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)  # Python >= 3.11
    return None if code is None else int(code) & 0xFF


def _is_busy(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return _code(error) in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in text or "busy" in text


def _is_full(error: sqlite3.Error) -> bool:
    return _code(error) == _SQLITE_FULL or is_disk_full(str(error))


def _is_corrupt(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return (
        _code(error) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
        or "not a database" in text
        or "malformed" in text
    )


SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY, email TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS projects (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, queue_priority TEXT NOT NULL DEFAULT 'MEDIUM',
  created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS memberships (
  user_id TEXT NOT NULL, project_id TEXT NOT NULL, role TEXT NOT NULL,
  PRIMARY KEY (user_id, project_id));
CREATE TABLE IF NOT EXISTS batches (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, project_id TEXT NOT NULL,
  user_id TEXT NOT NULL, device_type TEXT NOT NULL, status TEXT NOT NULL, open INTEGER NOT NULL,
  priority INTEGER NOT NULL, queue_priority TEXT NOT NULL, sequence_builder TEXT,
  webhook TEXT, configuration TEXT, backend_configuration TEXT, parent_id TEXT,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, start_datetime TEXT, end_datetime TEXT,
  webhook_sent INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, batch_id TEXT NOT NULL,
  project_id TEXT NOT NULL, user_id TEXT NOT NULL, status TEXT NOT NULL, runs INTEGER NOT NULL,
  variables TEXT, sequence TEXT, errors TEXT, parent_id TEXT, created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL, start_timestamp TEXT, end_timestamp TEXT,
  has_result INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS jobs_by_batch ON jobs (batch_id);
CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs (status);
CREATE TABLE IF NOT EXISTS tags (
  batch_id TEXT NOT NULL, position INTEGER NOT NULL, tag TEXT NOT NULL,
  PRIMARY KEY (batch_id, position));
CREATE TABLE IF NOT EXISTS used_refresh_tokens (
  jti TEXT PRIMARY KEY, family TEXT NOT NULL, used_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS revoked_token_families (
  family TEXT PRIMARY KEY, revoked_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS workloads (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, project_id TEXT NOT NULL,
  user_id TEXT NOT NULL, status TEXT NOT NULL, backend TEXT NOT NULL,
  workload_type TEXT NOT NULL, config TEXT NOT NULL, result TEXT, errors TEXT,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, start_timestamp TEXT,
  end_timestamp TEXT);
"""

# As the documents list them (`FinalJobStatus`, `FinalBatchStatus`).
TERMINAL_JOB_STATUSES = frozenset(status.value for status in FinalJobStatus)
TERMINAL_BATCH_STATUSES = frozenset(status.value for status in FinalBatchStatus)
QUEUE_PRIORITIES = {"LOW": 0, "MEDIUM": 1, "HIGH": 2}

# Sortable columns of the listings, by the `order_by` names clients send.
BATCH_ORDER = {
    "creation_order": "seq",
    "created_at": "seq",
    "updated_at": "updated_at",
    "status": "status",
    "device_type": "device_type",
    "priority": "priority",
    "id": "id",
}
JOB_ORDER = {
    "creation_order": "seq",
    "created_at": "seq",
    "updated_at": "updated_at",
    "status": "status",
    "runs": "runs",
    "id": "id",
}


def _finite(text: str) -> float | None:
    value = float(text)
    return value if math.isfinite(value) else None


def _loads(text: str | bytes) -> Any:
    """A stored JSON column; a number out of float range (a row written before the server
    refused them) reads as null, so that every answer holding it can be sent."""
    return json.loads(text, parse_constant=lambda _: None, parse_float=_finite)


def _dumps(value: Any) -> str:
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
class JobFilters:
    ids: list[str] = field(default_factory=list)
    project_ids: list[str] = field(default_factory=list)
    user_ids: list[str] = field(default_factory=list)
    batch_ids: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    min_runs: int | None = None
    max_runs: int | None = None
    errors: bool | None = None
    start_date: str | None = None
    end_date: str | None = None


@dataclass
class BatchFilters:
    ids: list[str] = field(default_factory=list)
    project_ids: list[str] = field(default_factory=list)
    user_ids: list[str] = field(default_factory=list)
    device_types: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    open: bool | None = None
    queue_priorities: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    start_date: str | None = None
    end_date: str | None = None


@dataclass
class Page:
    offset: int = 0
    limit: int = 100
    order_by: str = "creation_order"
    descending: bool = False


@dataclass
class NewJob:
    runs: int
    variables: dict[str, Any] | None
    sequence: str | None = None
    parent_id: str | None = None


# Columns added after a table's first release: (table, column, definition).
ADDED_COLUMNS = [("users", "token_generation", "INTEGER NOT NULL DEFAULT 0")]


def _add_missing_columns(db: sqlite3.Connection) -> None:
    """Adds ADDED_COLUMNS to the tables of a database made before they existed."""
    for table, column, definition in ADDED_COLUMNS:
        present = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        if column not in present:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")


def _open_error(path: Path, error: sqlite3.Error | OSError) -> Exception:
    """What opening the database at start-up failed with, as one line saying what to do."""
    if path.is_dir():
        return DataDirError(
            f"The database {path} is a directory, not a file: move it away to start with an"
            " empty database."
        )
    if isinstance(error, OSError) or "readonly" in str(error).lower().replace("-", ""):
        return DataDirError(
            f"The database {path} is read-only or can't be opened for writing ({error}): give"
            " the server's user write access to it and to its folder."
        )
    if _is_corrupt(error):
        return DataDirError(
            f"The database {path} is corrupt ({error}): move it away to start with an empty"
            " one, or restore it from a backup."
        )
    if _is_busy(error):
        return DataDirError(f"The database {path} is locked by another process: stop it, retry.")
    return error


def _in(column: str, values: Sequence[str], where: list[str], args: list[Any]) -> None:
    if values:
        where.append(f"{column} IN ({','.join('?' * len(values))})")
        args.extend(values)


class Store:
    """The local cloud's database, in `<data_dir>/local-cloud.sqlite3`."""

    def __init__(self, path: Path) -> None:
        """Opens (or creates, 0600) the database; DataDirError when the file isn't one."""
        self.path = path
        self._lock = threading.RLock()
        # Jobs whose outcome a full disk kept from being written: they run again once it can be.
        self._awaiting_space: set[str] = set()
        self._dispatch_after = 0.0
        self.corrupt = False
        try:
            private_file(path)
            self._db = sqlite3.connect(
                path, check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT_S
            )
        except (OSError, sqlite3.Error) as error:
            raise _open_error(path, error) from None
        try:
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            with self._lock:
                self._db.executescript(SCHEMA)
                _add_missing_columns(self._db)
                # A write that changes nothing: a read-only file fails here, not mid-request.
                version = self._db.execute("PRAGMA user_version").fetchone()[0]
                self._db.execute(f"PRAGMA user_version = {int(version)}")
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise _open_error(path, error) from None
        for suffix in ("-wal", "-shm"):
            tighten(path.with_name(path.name + suffix))
        # Reads have their own connection: they never queue behind a writer that waits for
        # another process's lock (WAL lets them read the last commit meanwhile).
        self._read_lock = threading.RLock()
        self._reader = sqlite3.connect(
            path, check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT_S
        )
        self._reader.row_factory = sqlite3.Row

    def close(self) -> None:
        with self._lock, self._read_lock:
            self._db.close()
            self._reader.close()

    @contextmanager
    def _tx(self, write: bool = True) -> Iterator[sqlite3.Connection]:
        """One transaction (a writing one takes SQLite's write lock at once); SQLite's busy and
        full errors come out as StoreBusyError and StoreFullError."""
        lock, db = (self._lock, self._db) if write else (self._read_lock, self._reader)
        if not lock.acquire(timeout=LOCK_TIMEOUT_S):
            raise StoreBusyError(self.path)
        try:
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                if write and _faults.disk_full():
                    raise sqlite3.OperationalError("database or disk is full")
                yield db
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as error:
            if _is_busy(error):
                raise StoreBusyError(self.path) from error
            if _is_full(error):
                raise StoreFullError(self.path.parent) from error
            if _is_corrupt(error):
                self.corrupt = True
                raise StoreCorruptError(self.path) from None
            raise
        except sqlite3.DatabaseError as error:
            if _is_corrupt(error):
                self.corrupt = True
                raise StoreCorruptError(self.path) from None
            raise
        finally:
            lock.release()

    def _read(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """A reading transaction: under WAL it never waits for another process's writer."""
        return self._tx(write=False)

    # Users and projects

    def user_by_email(self, email: str) -> dict[str, Any] | None:
        with self._read() as db:
            row = db.execute("SELECT * FROM users WHERE email = ?", (email,)).fetchone()
            return dict(row) if row else None

    def user_by_id(self, user_id: str) -> dict[str, Any] | None:
        with self._read() as db:
            row = db.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
            return dict(row) if row else None

    def add_user(self, email: str, password_hash: str) -> str:
        user_id = new_id()
        with self._tx() as db:
            db.execute(
                "INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)",
                (user_id, email, password_hash, now()),
            )
        return user_id

    def set_password(self, user_id: str, password_hash: str) -> None:
        """A new password hash; bumping the user's token generation revokes their tokens."""
        with self._tx() as db:
            db.execute(
                "UPDATE users SET password_hash = ?, token_generation = token_generation + 1"
                " WHERE id = ?",
                (password_hash, user_id),
            )

    def project_by_name(self, name: str) -> dict[str, Any] | None:
        with self._read() as db:
            row = db.execute(
                "SELECT * FROM projects WHERE name = ? ORDER BY created_at LIMIT 1", (name,)
            ).fetchone()
            return dict(row) if row else None

    def add_project(self, name: str, queue_priority: str = "MEDIUM") -> str:
        project_id = new_id()
        with self._tx() as db:
            db.execute(
                "INSERT INTO projects (id, name, queue_priority, created_at) VALUES (?, ?, ?, ?)",
                (project_id, name, queue_priority, now()),
            )
        return project_id

    def add_member(self, user_id: str, project_id: str, role: str = "ADMIN") -> None:
        with self._tx() as db:
            db.execute(
                "INSERT OR IGNORE INTO memberships (user_id, project_id, role) VALUES (?, ?, ?)",
                (user_id, project_id, role),
            )

    def user_and_projects(self, user_id: str) -> tuple[dict[str, Any] | None, list[str]]:
        """A user and the ids of their projects, in one read (what each request's caller is)."""
        with self._read() as db:
            row = db.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
            if row is None:
                return None, []
            ids = db.execute(
                "SELECT p.id FROM projects p JOIN memberships m ON m.project_id = p.id"
                " WHERE m.user_id = ? ORDER BY p.created_at",
                (user_id,),
            ).fetchall()
            return dict(row), [str(r["id"]) for r in ids]

    def projects_of(self, user_id: str) -> list[dict[str, Any]]:
        with self._read() as db:
            rows = db.execute(
                "SELECT p.*, m.role FROM projects p JOIN memberships m ON m.project_id = p.id"
                " WHERE m.user_id = ? ORDER BY p.created_at",
                (user_id,),
            ).fetchall()
            result = []
            for row in rows:
                project = dict(row)
                counts = db.execute(
                    "SELECT role, COUNT(*) AS n FROM memberships WHERE project_id = ?"
                    " GROUP BY role",
                    (row["id"],),
                ).fetchall()
                project["counts"] = {f"ACTIVE_{c['role']}": c["n"] for c in counts}
                result.append(project)
            return result

    # Batches

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
                    None if configuration is None else _dumps(configuration),
                    backend_configuration,
                    parent_id,
                    stamp,
                    stamp,
                ),
            )
            self._set_tags(db, batch_id, tags)
            self._insert_jobs(db, batch_id, project_id, user_id, jobs)
            self._refresh_batch(db, batch_id)
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
                    None if job.variables is None else _dumps(job.variables),
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
            self._refresh_batch(db, batch_id)
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
            return self._batch_dict(db, row)

    def _batch_dict(self, db: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
        batch = dict(row)
        batch["open"] = bool(batch["open"])
        batch["configuration"] = (
            None if batch["configuration"] is None else _loads(batch["configuration"])
        )
        batch["tags"] = [
            t["tag"]
            for t in db.execute(
                "SELECT tag FROM tags WHERE batch_id = ? ORDER BY position", (row["id"],)
            )
        ]
        batch["jobs"] = [
            self._job_dict(j)
            for j in db.execute("SELECT * FROM jobs WHERE batch_id = ? ORDER BY seq", (row["id"],))
        ]
        return batch

    @staticmethod
    def _job_dict(row: sqlite3.Row) -> dict[str, Any]:
        job = dict(row)
        job["variables"] = None if job["variables"] is None else _loads(job["variables"])
        job["errors"] = _loads(job["errors"] or "[]")
        job["has_result"] = bool(job["has_result"])
        return job

    def list_batches(
        self, filters: BatchFilters, page: Page, visible: Sequence[str]
    ) -> tuple[list[dict[str, Any]], int]:
        where: list[str] = []
        args: list[Any] = []
        _in("project_id", visible, where, args)
        if not visible:
            return [], 0
        _in("id", filters.ids, where, args)
        _in("project_id", filters.project_ids, where, args)
        _in("user_id", filters.user_ids, where, args)
        _in("device_type", filters.device_types, where, args)
        _in("status", filters.statuses, where, args)
        _in("queue_priority", filters.queue_priorities, where, args)
        if filters.open is not None:
            where.append("open = ?")
            args.append(int(filters.open))
        if filters.tags:
            marks = ",".join("?" * len(filters.tags))
            where.append(f"id IN (SELECT batch_id FROM tags WHERE tag IN ({marks}))")
            args.extend(filters.tags)
        _created_between(filters.start_date, filters.end_date, where, args)
        with self._read() as db:
            rows, total = _select_page(db, "batches", BATCH_ORDER, where, args, page)
            return [self._batch_dict(db, row) for row in rows], total

    def set_batch_open(self, batch_id: str, open_: bool) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE batches SET open = ?, updated_at = ? WHERE id = ?",
                (int(open_), now(), batch_id),
            )
            self._refresh_batch(db, batch_id)

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

    def _refresh_batch(self, db: sqlite3.Connection, batch_id: str) -> None:
        """Derives the batch's status from its jobs (cancelled and timed-out batches stay)."""
        batch = db.execute("SELECT * FROM batches WHERE id = ?", (batch_id,)).fetchone()
        if batch is None or batch["status"] in ("CANCELED", "TIMED_OUT"):
            return
        counts = {
            r["status"]: r["n"]
            for r in db.execute(
                "SELECT status, COUNT(*) AS n FROM jobs WHERE batch_id = ? GROUP BY status",
                (batch_id,),
            )
        }
        total = sum(counts.values())
        active = counts.get("PENDING", 0) + counts.get("RUNNING", 0)
        started = total - counts.get("PENDING", 0)
        if total == 0:
            status = "PENDING" if batch["open"] else "DONE"
        elif started == 0 and active:
            status = "PENDING"
        elif active or batch["open"]:
            status = "RUNNING"
        elif counts.get("DONE", 0):
            status = "DONE"
        elif counts.get("ERROR", 0):
            status = "ERROR"
        else:
            status = "CANCELED"
        stamp = now()
        start = batch["start_datetime"] or (stamp if status != "PENDING" else None)
        end = stamp if status in TERMINAL_BATCH_STATUSES else None
        if status != batch["status"] or start != batch["start_datetime"]:
            db.execute(
                "UPDATE batches SET status = ?, start_datetime = ?, end_datetime = ?,"
                " updated_at = ? WHERE id = ?",
                (status, start, end, stamp, batch_id),
            )

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

    def batch_by_id(self, batch_id: str) -> dict[str, Any] | None:
        with self._read() as db:
            row = db.execute("SELECT * FROM batches WHERE id = ?", (batch_id,)).fetchone()
            return None if row is None else self._batch_dict(db, row)

    # Jobs

    def job(self, job_id: str, project_ids: Sequence[str]) -> dict[str, Any] | None:
        with self._read() as db:
            row = db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None or row["project_id"] not in project_ids:
                return None
            return self._job_dict(row)

    def list_jobs(
        self, filters: JobFilters, page: Page, visible: Sequence[str]
    ) -> tuple[list[dict[str, Any]], int]:
        if not visible:
            return [], 0
        where: list[str] = []
        args: list[Any] = []
        _in("project_id", visible, where, args)
        _in("id", filters.ids, where, args)
        _in("project_id", filters.project_ids, where, args)
        _in("user_id", filters.user_ids, where, args)
        _in("batch_id", filters.batch_ids, where, args)
        _in("status", filters.statuses, where, args)
        if filters.min_runs is not None:
            where.append("runs >= ?")
            args.append(filters.min_runs)
        if filters.max_runs is not None:
            where.append("runs <= ?")
            args.append(filters.max_runs)
        if filters.errors is not None:
            where.append("errors != '[]'" if filters.errors else "errors = '[]'")
        _created_between(filters.start_date, filters.end_date, where, args)
        with self._read() as db:
            rows, total = _select_page(db, "jobs", JOB_ORDER, where, args, page)
            return [self._job_dict(r) for r in rows], total

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
                self._refresh_batch(db, row["batch_id"])
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
        self._refresh_batch(db, row["batch_id"])
        job = self._job_dict(row)
        job["configuration"] = _loads(row["configuration"] or "null")
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
            self._refresh_batch(db, row["batch_id"])

    def use_refresh_token(self, jti: str, family: str) -> bool:
        """Records the refresh token `jti` (of login `family`) as used: False when its family
        was revoked, or when it was used before (then the family is revoked: a stolen copy
        and its owner can't both go on)."""
        stamp = now()
        with self._tx() as db:
            if db.execute(
                "SELECT 1 FROM revoked_token_families WHERE family = ?", (family,)
            ).fetchone():
                return False
            if (
                not jti
                or db.execute("SELECT 1 FROM used_refresh_tokens WHERE jti = ?", (jti,)).fetchone()
            ):
                db.execute(
                    "INSERT OR IGNORE INTO revoked_token_families VALUES (?, ?)", (family, stamp)
                )
                return False
            db.execute("INSERT INTO used_refresh_tokens VALUES (?, ?, ?)", (jti, family, stamp))
            return True

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
                _dumps(errors or []),
                int(not errors),
                stamp,
                stamp,
                job_id,
            ),
        ).rowcount
        if changed:
            row = db.execute("SELECT batch_id FROM jobs WHERE id = ?", (job_id,)).fetchone()
            self._refresh_batch(db, row["batch_id"])
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

    # Workloads

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
                    _dumps(config),
                    _dumps(errors),
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
            workload["config"] = _loads(workload["config"])
            workload["errors"] = _loads(workload["errors"] or "[]")
            workload["result"] = None if row["result"] is None else _loads(row["result"])
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


def _created_between(start: str | None, end: str | None, where: list[str], args: list[Any]) -> None:
    """Adds the `start_date`/`end_date` filters (creation time, inclusive) to a query."""
    if start:
        where.append("created_at >= ?")
        args.append(start)
    if end:
        where.append("created_at <= ?")
        args.append(end)


def _select_page(
    db: sqlite3.Connection,
    table: str,
    orders: Mapping[str, str],
    where: list[str],
    args: list[Any],
    page: Page,
) -> tuple[list[sqlite3.Row], int]:
    """One page of `table`'s rows matching `where`, and how many match in all."""
    clause = " AND ".join(where)
    order = f"{orders[page.order_by]} {'DESC' if page.descending else 'ASC'}, seq"
    total = db.execute(f"SELECT COUNT(*) FROM {table} WHERE {clause}", args).fetchone()[0]
    rows = db.execute(
        f"SELECT * FROM {table} WHERE {clause} ORDER BY {order} LIMIT ? OFFSET ?",
        [*args, page.limit, page.offset],
    ).fetchall()
    return rows, int(total)
