"""What the store raises when SQLite can't serve a request: busy (another process holds a
lock), full (the data dir's disk) or corrupt, and how SQLite's own errors are told apart."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from pasqal_sdk.local.storage.datadir import DataDirError

# Seconds a client of a busy database is told to wait (Retry-After).
RETRY_AFTER_S = 1
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


def sqlite_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)  # Python >= 3.11
    return None if code is None else int(code) & 0xFF


def is_busy(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return (
        sqlite_code(error) in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in text or "busy" in text
    )


def is_full(error: sqlite3.Error) -> bool:
    return sqlite_code(error) == _SQLITE_FULL or is_disk_full(str(error))


def is_corrupt(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return (
        sqlite_code(error) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
        or "not a database" in text
        or "malformed" in text
    )


def open_error(path: Path, error: sqlite3.Error | OSError) -> Exception:
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
    if is_corrupt(error):
        return DataDirError(
            f"The database {path} is corrupt ({error}): move it away to start with an empty"
            " one, or restore it from a backup."
        )
    if is_busy(error):
        return DataDirError(f"The database {path} is locked by another process: stop it, retry.")
    return error
