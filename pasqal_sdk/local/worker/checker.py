"""Sequence checks in processes of their own: Pulser's parsing, building and sampling are
CPU-bound Python, and in the server's process they would hold the GIL from the event loop (and
from `/health`). The checks of one request go over together; a checker that dies is replaced.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import pickle
import signal
import threading
from collections import OrderedDict
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from pasqal_sdk.local.worker import emulators
from pasqal_sdk.local.worker.devices import devices

__all__ = ["Checker", "JobToCheck"]

# (sequence, variables, runs) of one job.
JobToCheck = tuple[str, dict[str, Any] | None, int]


# Checks yield the CPU to the server's own process, as emulation workers do.
CHECKER_NICENESS = 10
# Verdicts kept (by a digest of what was checked): many batches of one sequence (a sweep, a
# client creating them side by side) are checked once, not each at the cost of a round trip to
# a checker and Pulser's parsing, on cores the emulation needs.
VERDICTS_KEPT = 256


def _lower_priority() -> None:
    """A checker process: at a lower CPU priority, and deaf to Ctrl-C (the terminal sends it to
    the whole process group; the server stops its checkers itself)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError):
        os.nice(CHECKER_NICENESS)


def _warm() -> None:
    """Imports Pulser in the checker (what the first check would otherwise pay)."""
    devices()
    import pulser  # noqa: F401


class Checker:
    """A small process pool that runs `emulators` checks; `workers` processes at most."""

    def __init__(self, workers: int = 1) -> None:
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._verdicts: OrderedDict[bytes, Any] = OrderedDict()

    def start(self) -> None:
        """Starts the processes now (in the background) rather than at the first check."""
        for _ in range(self.workers):
            self._executor().submit(_warm)

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    self.workers,
                    # Forked by the runner's forkserver, which the server starts deaf to Ctrl-C.
                    mp_context=multiprocessing.get_context("forkserver"),
                    initializer=_lower_priority,
                )
            return self._pool

    def _call(self, function: Any, *args: Any) -> Any:
        """`function(*args)` in a checker, or its verdict on the same arguments before (the
        checks are pure: what they say depends on their arguments alone)."""
        key = hashlib.sha256(pickle.dumps((function.__qualname__, args), protocol=5)).digest()
        with self._lock:
            if key in self._verdicts:
                self._verdicts.move_to_end(key)
                return self._verdicts[key]
        verdict = self._call_checker(function, *args)
        with self._lock:
            self._verdicts[key] = verdict
            while len(self._verdicts) > VERDICTS_KEPT:
                self._verdicts.popitem(last=False)
        return verdict

    def _call_checker(self, function: Any, *args: Any) -> Any:
        for attempt in (1, 2):
            pool = self._executor()
            try:
                future: Future[Any] = pool.submit(function, *args)
                return future.result()
            except BrokenProcessPool:
                with self._lock:
                    if self._pool is pool:
                        self._pool = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def check_jobs(
        self,
        device_type: str,
        jobs: list[JobToCheck],
        max_operations: int,
        max_samples: int,
        max_checked_operations: int = 0,
    ) -> tuple[int, str] | None:
        """The first job that can't run on `device_type` (its index and why), or None."""
        found: tuple[int, str] | None = self._call(
            emulators.check_jobs,
            device_type,
            jobs,
            max_operations,
            max_samples,
            max_checked_operations,
        )
        return found

    def check_sequence(
        self, device_type: str, sequence: str, max_operations: int, max_samples: int
    ) -> str | None:
        """Why the sequence can't run on `device_type`, or None."""
        found: str | None = self._call(
            emulators.check_sequence_message, device_type, sequence, max_operations, max_samples
        )
        return found

    def check_backend_configuration(self, serialized: str) -> str | None:
        """Why `serialized` isn't a Pulser EmulationConfig, or None."""
        found: str | None = self._call(emulators.backend_configuration_message, serialized)
        return found

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
