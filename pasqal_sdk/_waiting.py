"""Waiting for batches, jobs and workloads to finish.

`PollingPolicy` is pure: given how long we have waited, it says how long to sleep next (about
0.5 s growing to a cap, with jitter) or that the deadline has passed. `wait_flow` polls with it,
yielding `Sleep` actions that the SDK's sync or async loop performs.
"""

from __future__ import annotations

import dataclasses
import random
import time
import warnings
from collections.abc import Callable
from typing import TypeVar

from pasqal_sdk._errors import WaitTimeoutError
from pasqal_sdk._flow import Flow, Sleep
from pasqal_sdk._progress import ProgressBar, short_id

__all__ = [
    "RESULT_POLLING_INTERVAL",
    "Estimate",
    "OpenBatchWarning",
    "PollingPolicy",
    "open_batch_timeout",
    "wait_flow",
]

S = TypeVar("S")


@dataclasses.dataclass(frozen=True)
class PollingPolicy:
    """How often to poll: `initial_s` growing by `factor` up to `max_s`, +/- `jitter`.

    Attributes:
        initial_s: The first sleep, in seconds.
        factor: How much each sleep grows over the one before.
        max_s: The longest sleep, in seconds.
        jitter: The random spread of each sleep, as a fraction of it.
        eta_fraction: With an estimate of the time left, the fraction of it to sleep.
        open_batch_timeout_s: The timeout of a wait for an open batch to finish when none is
            given: such a wait ends only once the batch is closed.

    Example:
        ```python
        SDK(polling=PollingPolicy(initial_s=1.0, max_s=30.0))
        ```
    """

    initial_s: float = 0.5
    factor: float = 1.5
    max_s: float = 5.0
    jitter: float = 0.1

    #: With an estimate of the time left, sleep this fraction of it (so polls close in on the
    #: end geometrically, and the last one lands soon after it without polling all along).
    eta_fraction: float = 0.8

    #: A wait for an open batch to finish, given no timeout, gives up after this many seconds.
    open_batch_timeout_s: float = 600.0

    def interval(self, poll: int, eta: float | None = None) -> float:
        """The sleep after poll number `poll` (0-based), with jitter.

        Without `eta` (seconds left, estimated from progress), the sleep grows geometrically;
        with it, the sleep is that fraction of it, within [`initial_s`, `max_s`].

        Args:
            poll: How many polls were made before this sleep (0 for the first).
            eta: Estimated seconds left (None when unknown).
        """
        if eta is None:
            base = min(self.max_s, self.initial_s * self.factor**poll)
        else:
            base = min(self.max_s, max(self.initial_s, eta * self.eta_fraction))
        return base * (1 + random.uniform(-self.jitter, self.jitter))

    def next_sleep(
        self, poll: int, elapsed: float, timeout: float | None, eta: float | None = None
    ) -> float | None:
        """Seconds to sleep before the next poll; None when the deadline is reached.

        Args:
            poll: How many polls were made before this sleep (0 for the first).
            elapsed: Seconds since the wait began.
            timeout: The wait's limit in seconds (None: no limit).
            eta: Estimated seconds left (None when unknown).
        """
        delay = self.interval(poll, eta)
        if timeout is None:
            return delay
        left = timeout - elapsed
        if left <= 0:
            return None
        return min(delay, left)


#: The original SDK's polling interval, in seconds: here the first sleep of a wait (it grows).
RESULT_POLLING_INTERVAL: float = PollingPolicy.initial_s


class OpenBatchWarning(UserWarning):
    """A wait for an open batch to finish: it ends only once the batch is closed (`close()`).

    To wait for the jobs added so far instead, use `add_jobs(..., wait=True)`.
    """


def open_batch_timeout(
    batch_id: str, timeout: float | None, policy: PollingPolicy
) -> tuple[float | None, str]:
    """The timeout of a wait for `batch_id` to finish while it is open, and the hint a
    WaitTimeoutError gives; warns (OpenBatchWarning) that only `close()` ends the wait."""
    chosen = policy.open_batch_timeout_s if timeout is None else timeout
    hint = (
        f"batch {batch_id} is open: it finishes only once closed (`batch.close()`);"
        " `add_jobs(..., wait=True)` waits for its jobs instead"
    )
    warnings.warn(f"{hint}; giving up after {chosen:g} s", OpenBatchWarning, stacklevel=4)
    return chosen, hint


class Estimate:
    """Estimated seconds left from how fast items finish: (total - done) / observed rate.

    The rate is measured from the first poll that saw an item finished, so time spent queued
    before anything ran does not slow the estimate down.
    """

    def __init__(self) -> None:
        self._first: tuple[float, int] | None = None

    def observe(self, elapsed: float, done: int, total: int) -> float | None:
        if done == 0 or self._first is None or done < self._first[1]:
            self._first = (elapsed, done) if done else None
            return None
        since, done_then = self._first
        if done <= done_then or elapsed <= since:
            return None
        rate = (done - done_then) / (elapsed - since)
        return max(0.0, (total - done) / rate)


#: Once the estimate puts the end within the policy's shortest sleep, polls land on the
#: estimated end instead (the shortest sleep can miss it by most of itself), no closer together
#: than this many seconds,
NEAR_END_S = 0.15
#: and this many times in a row at most (an estimate that keeps saying "almost" is wrong: the
#: policy's own pace comes back).
NEAR_END_POLLS = 4


#: Before half the jobs are done, a sleep is at most this fraction of the estimated time left
#: (the policy's `eta_fraction` after): an early rate is often a slow start's (jobs still being
#: created, workers starting), so the estimate is long, and a sleep of most of it overshoots.
EARLY_ETA_FRACTION = 0.5


class EndApproach:
    """The sleeps of a wait paced by its estimate: shorter while the estimate is young (see
    EARLY_ETA_FRACTION), and until the estimated end once it is near (see NEAR_END_S)."""

    def __init__(self) -> None:
        self.polls = 0

    def sleep(
        self,
        delay: float | None,
        eta: float | None,
        policy: PollingPolicy,
        share_done: float = 1.0,
    ) -> float | None:
        """`delay` (the policy's sleep, None past the deadline), or less: while less than half
        the jobs are done (`share_done`), and near the end."""
        if delay is None or eta is None:
            return delay
        if share_done < 0.5:
            delay = min(delay, max(policy.initial_s, EARLY_ETA_FRACTION * eta))
        if eta >= policy.initial_s:
            return delay
        if self.polls >= NEAR_END_POLLS:
            return delay
        self.polls += 1
        return min(delay, max(NEAR_END_S, eta))


def wait_flow(
    fetch: Callable[[], Flow[S]],
    *,
    is_done: Callable[[S], bool],
    describe: Callable[[S], tuple[str, str, str]],
    timeout: float | None,
    policy: PollingPolicy | None = None,
    progress: Callable[[S], tuple[int, int]] | None = None,
    show_progress: bool = False,
    clock: Callable[[], float] = time.monotonic,
    hint: str = "",
) -> Flow[S]:
    """Poll `fetch` until `is_done`; raise WaitTimeoutError after `timeout` seconds.

    `describe` gives (kind, id, status) for the timeout error; `progress` gives (done, total),
    which paces the polls by the estimated time left and, with `show_progress`, draws a bar on
    stderr (rich: done/total, elapsed, ETA). The resource is never changed: a timeout only stops
    waiting; its message ends with `hint` when one is given.
    """
    policy = policy or PollingPolicy()
    bar: ProgressBar | None = None
    estimate = Estimate()
    end = EndApproach()
    started = clock()
    poll = 0
    try:
        while True:
            state = yield from fetch()
            eta = None
            share_done = 1.0
            if progress is not None:
                done, total = progress(state)
                share_done = done / total if total else 1.0
                eta = estimate.observe(clock() - started, done, total)
                if show_progress:
                    if bar is None:
                        kind, resource_id, _ = describe(state)
                        unit = "jobs done" if kind == "batch" else "done"
                        bar = ProgressBar(
                            f"{kind} {resource_id}: {unit}",
                            short_label=f"{kind} {short_id(resource_id)}: {unit}",
                        )
                    bar.update(done, total, eta)
            if is_done(state):
                return state
            delay = end.sleep(
                policy.next_sleep(poll, clock() - started, timeout, eta), eta, policy, share_done
            )
            if delay is None:
                kind, resource_id, status = describe(state)
                raise WaitTimeoutError(
                    f"{kind} {resource_id} still {status} after {timeout:g} s;"
                    " it was left as it is" + (f"; {hint}" if hint else ""),
                    resource_id=resource_id,
                    status=status,
                )
            yield Sleep(delay)
            poll += 1
    finally:
        if bar is not None:
            bar.close()
