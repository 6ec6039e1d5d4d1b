"""The local cloud's data dir: created private (0700, files 0600), held by one server at a time
(an OS file lock, released on any exit, kill -9 included), and its startup failures."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from pathlib import Path

from pasqal_sdk.errors import PasqalError

__all__ = ["DataDirError", "DataDirLock", "private_dir", "private_file", "secure", "tighten"]

LOCK_FILE = "server.lock"
# What the server writes there, tightened to 0600 when an older version left them readable.
PRIVATE_FILES = (
    "local-cloud.sqlite3",
    "local-cloud.sqlite3-wal",
    "local-cloud.sqlite3-shm",
    "server.json",
    "jwt-secret",
    LOCK_FILE,
)


class DataDirError(PasqalError):
    """The data dir can't be served: in use by another server, or its database is unreadable.
    The CLI prints the message (one line) and exits with status 2."""


def private_dir(path: Path) -> Path:
    """`path` (and missing parents) created 0700 whatever the umask; an existing one is left
    as it is (it may be a folder the user chose and shares)."""
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path, 0o700)
    return path


def private_file(path: Path) -> None:
    """Creates `path` empty and 0600 when missing (SQLite then gives its WAL and SHM files the
    same mode), else tightens it to 0600."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    tighten(path)


def secure(data_dir: Path) -> None:
    """The server's files in `data_dir` (results included) made 0600, and its results folder
    0700, where an older version left them readable by others."""
    for name in PRIVATE_FILES:
        tighten(data_dir / name)
    results = data_dir / "results"
    if results.is_dir():
        tighten(results, 0o700)
        for path in results.iterdir():
            tighten(path)


def tighten(path: Path, mode: int = 0o600) -> None:
    """`path` made `mode` when it exists and others may read it."""
    with contextlib.suppress(FileNotFoundError):
        if os.stat(path).st_mode & 0o077:
            os.chmod(path, mode)


class DataDirLock:
    """An exclusive `flock` on `<data_dir>/server.lock`, holding the owner's pid, for as long as
    the server runs. The OS drops it when the process ends, however it ends."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / LOCK_FILE
        self._fd: int | None = None

    def acquire(self) -> None:
        """Takes the lock, or raises DataDirError naming the server that holds it."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            holder = _read_pid(fd)
            os.close(fd)
            if error.errno not in (errno.EAGAIN, errno.EACCES):
                raise DataDirError(
                    f"data dir {self.data_dir} can't be locked ({error.strerror}): use a data"
                    " dir on a local file system (--data-dir)."
                ) from error
            raise DataDirError(
                f"data dir {self.data_dir} in use by pid {holder or 'unknown'}: stop that"
                " server first, or serve another --data-dir."
            ) from None
        tighten(self.path)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the last descriptor drops the flock
            self._fd = None

    def __enter__(self) -> DataDirLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def _read_pid(fd: int) -> str:
    with contextlib.suppress(OSError):
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        if text.isdigit():
            return text
    return ""
