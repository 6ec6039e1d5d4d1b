"""The local cloud's SQLite database (WAL mode) and its transactions: one writer connection and
one reader, each behind a lock, so every method of the store is one transaction, safe to call
from several threads. A busy database (another process holding a write lock) raises
StoreBusyError within about two seconds, a full disk StoreFullError; the HTTP layer answers them
503 and 507."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pasqal_sdk.local.storage.datadir import private_file, tighten
from pasqal_sdk.local.storage.errors import (
    StoreBusyError,
    StoreCorruptError,
    StoreFullError,
    is_busy,
    is_corrupt,
    is_full,
    open_error,
)
from pasqal_sdk.local.storage.faults import NO_FAULTS, Faults
from pasqal_sdk.local.storage.schema import SCHEMA, add_missing_columns

# How long SQLite waits for another process's lock, and a transaction for this process's other
# threads, before the request is answered 503 (Retry-After: RETRY_AFTER_S).
BUSY_TIMEOUT_S = 1.5
LOCK_TIMEOUT_S = 2.0

log = logging.getLogger("pasqal_sdk.local")

# Every change of a batch's status, whatever code made it, reaches `Database._batch_changed`:
# temporary triggers live on the writing connection only (nothing is added to the file).
_BATCH_STATUS_TRIGGERS = """
CREATE TEMP TRIGGER batch_created AFTER INSERT ON main.batches
BEGIN SELECT batch_status_changed(new.id, NULL, new.status, new.device_type); END;
CREATE TEMP TRIGGER batch_status_changed AFTER UPDATE OF status ON main.batches
WHEN old.status IS NOT new.status
BEGIN SELECT batch_status_changed(new.id, old.status, new.status, new.device_type); END;
"""


class Database:
    """The database in `<data_dir>/local-cloud.sqlite3`; `faults` simulates a full disk.

    Each change of a batch's status is logged (INFO, `pasqal_sdk.local`) once it is committed:
    `batch ID: OLD -> NEW (DEVICE_TYPE)`.
    """

    def __init__(self, path: Path, faults: Faults = NO_FAULTS) -> None:
        """Opens (or creates, 0600) the database; DataDirError when the file isn't one."""
        self.path = path
        self.faults = faults
        self._lock = threading.RLock()
        # Jobs whose outcome a full disk kept from being written: they run again once it can be.
        self._awaiting_space: set[str] = set()
        self._dispatch_after = 0.0
        self.corrupt = False
        self._batch_changes: list[tuple[str, str | None, str, str]] = []
        try:
            private_file(path)
            self._db = sqlite3.connect(
                path, check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT_S
            )
        except (OSError, sqlite3.Error) as error:
            raise open_error(path, error) from None
        try:
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            with self._lock:
                self._db.executescript(SCHEMA)
                add_missing_columns(self._db)
                # A write that changes nothing: a read-only file fails here, not mid-request.
                version = self._db.execute("PRAGMA user_version").fetchone()[0]
                self._db.execute(f"PRAGMA user_version = {int(version)}")
                self._db.create_function("batch_status_changed", 4, self._batch_changed)
                self._db.executescript(_BATCH_STATUS_TRIGGERS)
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise open_error(path, error) from None
        for suffix in ("-wal", "-shm"):
            tighten(path.with_name(path.name + suffix))
        # Reads have their own connection: they never queue behind a writer that waits for
        # another process's lock (WAL lets them read the last commit meanwhile).
        self._read_lock = threading.RLock()
        self._reader = sqlite3.connect(
            path, check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT_S
        )
        self._reader.row_factory = sqlite3.Row

    def _batch_changed(self, batch_id: str, old: str | None, new: str, device_type: str) -> None:
        """Called by the triggers inside a transaction: logged by `_tx` once it commits."""
        if log.isEnabledFor(logging.INFO):
            self._batch_changes.append((batch_id, old, new, device_type))

    def _take_batch_changes(self) -> list[tuple[str, str | None, str, str]]:
        """The changes the triggers collected in this write transaction (its lock is held)."""
        changes, self._batch_changes = self._batch_changes, []
        return changes

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
                if write and self.faults.disk_full():
                    raise sqlite3.OperationalError("database or disk is full")
                yield db
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            finally:
                changes = self._take_batch_changes() if write else []
            for batch_id, old, new, device_type in changes:
                log.info("batch %s: %s -> %s (%s)", batch_id, old or "new", new, device_type)
        except sqlite3.OperationalError as error:
            if is_busy(error):
                raise StoreBusyError(self.path) from error
            if is_full(error):
                raise StoreFullError(self.path.parent) from error
            if is_corrupt(error):
                self.corrupt = True
                raise StoreCorruptError(self.path) from None
            raise
        except sqlite3.DatabaseError as error:
            if is_corrupt(error):
                self.corrupt = True
                raise StoreCorruptError(self.path) from None
            raise
        finally:
            lock.release()

    def _read(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """A reading transaction: under WAL it never waits for another process's writer."""
        return self._tx(write=False)

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """A writing transaction, for tables kept beside the store's (idempotency keys)."""
        return self._tx()
