"""The local cloud's SQLite database (WAL mode) and its transactions: one writer connection and
one reader, each behind a lock, so every method of the store is one transaction, safe to call
from several threads. A busy database (another process holding a write lock) raises
StoreBusyError within about two seconds, a full disk StoreFullError; the HTTP layer answers them
503 and 507."""

from __future__ import annotations

import contextlib
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


class Database:
    """The database in `<data_dir>/local-cloud.sqlite3`; `faults` simulates a full disk."""

    def __init__(self, path: Path, faults: Faults = NO_FAULTS) -> None:
        """Opens (or creates, 0600) the database; DataDirError when the file isn't one."""
        self.path = path
        self.faults = faults
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
