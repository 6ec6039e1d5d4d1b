"""Waiting for batches, jobs and workloads to finish.

`PollingPolicy` is pure: given how long we have waited, it says how long to sleep next (about
0.5 s growing to a cap, with jitter) or that the deadline has passed. `wait_flow` polls with it,
yielding `Sleep` actions that the SDK's sync or async loop performs.
"""

from __future__ import annotations

import dataclasses
import random
import sys
import time
from collections.abc import Callable
from typing import TextIO, TypeVar

from pasqal_sdk._errors import WaitTimeoutError
from pasqal_sdk._flow import Flow, Sleep

__all__ = ["PollingPolicy", "ProgressBar", "wait_flow"]

S = TypeVar("S")


@dataclasses.dataclass(frozen=True)
class PollingPolicy:
    """How often to poll: `initial_s` growing by `factor` up to `max_s`, +/- `jitter`."""

    initial_s: float = 0.5
    factor: float = 1.5
    max_s: float = 10.0
    jitter: float = 0.1

    def interval(self, poll: int) -> float:
        """The sleep after poll number `poll` (0-based), with jitter."""
        base = min(self.max_s, self.initial_s * self.factor**poll)
        return base * (1 + random.uniform(-self.jitter, self.jitter))

    def next_sleep(self, poll: int, elapsed: float, timeout: float | None) -> float | None:
        """Seconds to sleep before the next poll; None when the deadline is reached."""
        delay = self.interval(poll)
        if timeout is None:
            return delay
        left = timeout - elapsed
        if left <= 0:
            return None
        return min(delay, left)


class ProgressBar:
    """A one-line `jobs done / total` bar on stderr, shown only when asked for."""

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self._last: tuple[int, int] | None = None

    def update(self, done: int, total: int) -> None:
        if (done, total) == self._last:
            return
        self._last = (done, total)
        filled = self.width * done // total if total else self.width
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total}")
        self.stream.flush()

    def close(self) -> None:
        if self._last is not None:
            self.stream.write("\n")
            self.stream.flush()


def wait_flow(
    fetch: Callable[[], Flow[S]],
    *,
    is_done: Callable[[S], bool],
    describe: Callable[[S], tuple[str, str, str]],
    timeout: float | None,
    policy: PollingPolicy | None = None,
    progress: Callable[[S], tuple[int, int]] | None = None,
    label: str = "jobs done",
    clock: Callable[[], float] = time.monotonic,
) -> Flow[S]:
    """Poll `fetch` until `is_done`; raise WaitTimeoutError after `timeout` seconds.

    `describe` gives (kind, id, status) for the timeout error; `progress` gives (done, total) for a
    progress bar on stderr. The resource is never changed: a timeout only stops waiting.
    """
    policy = policy or PollingPolicy()
    bar = ProgressBar(label) if progress is not None else None
    started = clock()
    poll = 0
    try:
        while True:
            state = yield from fetch()
            if bar is not None and progress is not None:
                bar.update(*progress(state))
            if is_done(state):
                return state
            delay = policy.next_sleep(poll, clock() - started, timeout)
            if delay is None:
                kind, resource_id, status = describe(state)
                raise WaitTimeoutError(
                    f"{kind} {resource_id} still {status} after {timeout:g} s;"
                    " it was left as it is",
                    resource_id=resource_id,
                    status=status,
                )
            yield Sleep(delay)
            poll += 1
    finally:
        if bar is not None:
            bar.close()
