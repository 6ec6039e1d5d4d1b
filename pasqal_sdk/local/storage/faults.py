"""Faults injected for the reliability tests, none by default: with `disk_full_flag` set, the
data dir's writes (database transactions and result files) fail as they do on a full disk while
that file exists. The server builds its Faults once at start-up (`from_environment`: the
`PASQAL_LOCAL_FAULT_DISK_FULL` variable names the flag file) and hands it to what writes. Not a
user setting."""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DISK_FULL_FLAG", "NO_FAULTS", "Faults", "no_space"]

DISK_FULL_FLAG = "PASQAL_LOCAL_FAULT_DISK_FULL"


def no_space() -> OSError:
    """The error a write on a full disk raises."""
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@dataclass(frozen=True)
class Faults:
    """The faults to simulate; `Faults()` simulates none."""

    #: While this file exists, writes fail with ENOSPC (SQLite: "database or disk is full").
    disk_full_flag: Path | None = None

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Faults:
        """The faults the environment asks for (read once, when the server starts)."""
        flag = environ.get(DISK_FULL_FLAG)
        return cls(disk_full_flag=Path(flag) if flag else None)

    def disk_full(self) -> bool:
        """Whether a full disk is being simulated now."""
        return self.disk_full_flag is not None and self.disk_full_flag.exists()


NO_FAULTS = Faults()
