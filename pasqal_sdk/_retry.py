"""The retry policy of the HTTP pipeline: when to try a request again, and after how long.

Pure, no I/O: `send_flow` (`_transport`) asks `RetryPolicy.next_delay` after each try.
"""

from __future__ import annotations

import dataclasses
import email.utils
import random
import time

import httpx

__all__ = ["NOT_PROCESSED_STATUSES", "RETRY_STATUSES", "RetryPolicy", "parse_retry_after"]

RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
# Answers that say the request was not acted on, so even a creating POST may be sent again.
NOT_PROCESSED_STATUSES = frozenset({408, 425, 429})


@dataclasses.dataclass(frozen=True)
class RetryPolicy:
    """When to try a request again, and after how long: pure, no I/O.

    The defaults ride out about 16 to 30 s of refused connections (a server restarting) before
    giving up with APIConnectionError, and never more than `max_total_s` in all. Where nothing
    has answered this SDK yet, refused connections are retried for `first_contact_s`
    only: no server there is more likely than one restarting.

    Attributes:
        max_tries: Tries in all, the first included.
        max_total_s: The most seconds spent on one request, its retries included.
        first_contact_s: How long refused connections are retried where no server has
            answered yet.
        base_delay_s: The delay after the first try (doubling after each try, with jitter).
        max_delay_s: The longest delay between two tries.
        max_retry_after_s: The longest wait a `Retry-After` header gets (longer ones are capped).

    Example:
        ```python
        SDK(retry=RetryPolicy(max_tries=3, max_total_s=10.0))
        ```
    """

    max_tries: int = 8
    max_total_s: float = 60.0
    first_contact_s: float = 3.0
    base_delay_s: float = 0.5
    max_delay_s: float = 8.0
    max_retry_after_s: float = 60.0

    def backoff(self, attempt: int) -> float:
        """Exponential delay after try `attempt` (1-based), with jitter in its upper half.

        Args:
            attempt: How many tries were made (1 after the first).
        """
        ceiling = min(self.max_delay_s, self.base_delay_s * 2 ** (attempt - 1))
        return float(ceiling / 2 + random.uniform(0, ceiling / 2))

    def next_delay(
        self,
        *,
        attempt: int,
        elapsed: float,
        repeatable: bool,
        status: int | None = None,
        retry_after: str | None = None,
        error: Exception | None = None,
        answered: bool = True,
    ) -> float | None:
        """Seconds to wait before the next try, or None to give up.

        Args:
            attempt: How many tries were made (1 after the first).
            elapsed: Seconds since the first try.
            repeatable: Whether the request may safely be sent again (an idempotent method).
            status: The HTTP status of the last answer (None when there was none).
            retry_after: Its `Retry-After` header, if any.
            error: The transport error of the last try, if it failed without an answer.
            answered: Whether the server has ever answered, which decides how long refused
                connections are retried.
        """
        if attempt >= self.max_tries:
            return None
        if error is not None:
            if not isinstance(error, httpx.TransportError):
                return None
            never_sent = isinstance(
                error, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
            )
            if not (never_sent or repeatable):
                return None
            delay = self.backoff(attempt)
            if not answered and elapsed + delay > self.first_contact_s:
                return None
        elif status in RETRY_STATUSES:
            if not (repeatable or status in NOT_PROCESSED_STATUSES):
                return None
            delay = max(self.backoff(attempt), parse_retry_after(retry_after) or 0.0)
            delay = min(delay, self.max_retry_after_s)
        else:
            return None
        if elapsed + delay > self.max_total_s:
            return None
        return delay


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a `Retry-After` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
