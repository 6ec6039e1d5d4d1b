"""What `make bench` starts is stopped when it ends, however it ends: normally, on an error,
on Ctrl-C or on SIGTERM.

`Teardown` closes what was registered (local clouds, proxies), newest first, then kills every
process this one started, directly or not, that is still alive (a local cloud runs in a session
of its own, so a killed bench used to leave it running). Descendants are found in /proc; where
there is none (macOS), only the registered closers run.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TypeVar

__all__ = ["Teardown", "alive", "descendants"]

_PROC = Path("/proc")
T = TypeVar("T")


def _stat(pid: int) -> tuple[int, str, int] | None:
    """(parent pid, state, start time) of `pid` from /proc, or None if it is gone."""
    try:
        text = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name, in parentheses, may hold spaces: the fields after it are fixed.
    fields = text[text.rindex(")") + 2 :].split()
    return int(fields[1]), fields[0], int(fields[19])


def descendants(pid: int) -> dict[int, int]:
    """Every live process under `pid` (children, theirs, ...): pid -> start time."""
    if not _PROC.is_dir():
        return {}
    children: dict[int, list[int]] = {}
    starts: dict[int, int] = {}
    for entry in _PROC.iterdir():
        if not entry.name.isdigit():
            continue
        stat = _stat(int(entry.name))
        if stat is not None and stat[1] != "Z":
            children.setdefault(stat[0], []).append(int(entry.name))
            starts[int(entry.name)] = stat[2]
    found: dict[int, int] = {}
    todo = list(children.get(pid, []))
    while todo:
        child = todo.pop()
        if child not in found:
            found[child] = starts[child]
            todo.extend(children.get(child, []))
    return found


def alive(pid: int, started: int) -> bool:
    """`pid` still runs the process that started at `started` (not a zombie, not a reused pid)."""
    stat = _stat(pid)
    return stat is not None and stat[1] != "Z" and stat[2] == started


class Teardown:
    """Closers run once, at the end; Ctrl-C and SIGTERM end the run through them.

    Example:
        ```python
        teardown = Teardown().install()
        cloud = teardown.add(LocalCloud(start=False), LocalCloud.close)
        cloud.start()
        ```
    """

    def __init__(self) -> None:
        self._closers: list[Callable[[], object]] = []
        self._done = False

    def install(self) -> Teardown:
        """SIGINT and SIGTERM raise in the main thread (so `finally` blocks run); atexit runs us."""
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._on_signal)
        atexit.register(self.run)
        return self

    def add(self, thing: T, close: Callable[[T], object]) -> T:
        """Registers `close(thing)` and returns `thing`."""
        self._closers.append(lambda: close(thing))
        return thing

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        # A second signal would cut the clean-up short: it is bounded by itself instead.
        for other in (signal.SIGINT, signal.SIGTERM):
            signal.signal(other, signal.SIG_IGN)
        print(f"\n{signal.Signals(signum).name}: stopping the bench ...", file=sys.stderr)
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise SystemExit(128 + signum)

    def run(self) -> None:
        """Closes everything registered, newest first, then kills what is left of ours."""
        if self._done:
            return
        self._done = True
        left = descendants(os.getpid())
        while self._closers:
            with contextlib.suppress(Exception):
                self._closers.pop()()
        for pid, started in left.items():
            if alive(pid, started):
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
