"""Fault injection for the reliability tests, off unless `PASQAL_LOCAL_FAULT_DISK_FULL` names a
flag file: while that file exists, the data dir's writes (database and result files) fail as
they do on a full disk. Not a user setting."""

from __future__ import annotations

import errno
import functools
import os
from collections.abc import Callable
from typing import Any

DISK_FULL_FLAG = "PASQAL_LOCAL_FAULT_DISK_FULL"


def disk_full() -> bool:
    """Whether a full disk is being simulated now."""
    flag = os.environ.get(DISK_FULL_FLAG)
    return bool(flag) and os.path.exists(str(flag))


def no_space() -> OSError:
    """The error a write on a full disk raises."""
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def install() -> None:
    """In the process that writes result files (the server's runner): they fail to write while
    the flag is up. Once per process."""
    if not os.environ.get(DISK_FULL_FLAG) or getattr(install, "done", False):
        return
    install.done = True  # type: ignore[attr-defined]
    from pasqal_sdk.local._results import ResultFiles

    write = ResultFiles.write

    @functools.wraps(write)
    def failing_write(self: ResultFiles, *args: Any, **kwargs: Any) -> Any:
        if disk_full():
            raise no_space()
        return write(self, *args, **kwargs)

    replaced: Callable[..., Any] = failing_write
    ResultFiles.write = replaced  # type: ignore[method-assign]
