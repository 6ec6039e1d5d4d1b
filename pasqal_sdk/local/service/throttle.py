"""The login throttle: failed logins counted per account and per client address in a sliding
window; past the limit, logins are refused (429 `too_many_attempts`) until the window frees a
slot. Memory is bounded: a few timestamps per key, and the least recently failing keys are
forgotten first. The rate limiter: requests a second per user, a token bucket."""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from pasqal_sdk.local.service.answers import ApiError

# Failures allowed in a window, per account and per client address (several accounts may log
# in from one address: a lab behind one NAT, a CI runner).
ACCOUNT_FAILURES = 10
ADDRESS_FAILURES = 30
WINDOW_S = 60.0
# Keys remembered at most; beyond, the least recently failing is dropped.
MAX_KEYS = 10_000


class LoginThrottle:
    """Counts failures by key ("account:<email>", "address:<host>") and says how long a key
    must wait before its next attempt."""

    def __init__(
        self,
        account_failures: int = ACCOUNT_FAILURES,
        address_failures: int = ADDRESS_FAILURES,
        window_s: float = WINDOW_S,
        max_keys: int = MAX_KEYS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.window_s = window_s
        self._limits = {"account": account_failures, "address": address_failures}
        self._max_keys = max_keys
        self._clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def keys(account: str, address: str | None) -> list[str]:
        """The keys an attempt for `account` from `address` counts against: the account as
        tried from that address (so that failures elsewhere never lock its owner out), and the
        address."""
        keys = [f"account:{account.strip().lower()}@{address or ''}"]
        if address:
            keys.append(f"address:{address}")
        return keys

    def _limit(self, key: str) -> int:
        return self._limits[key.partition(":")[0]]

    def retry_after(self, keys: list[str]) -> int | None:
        """Seconds to wait before the next attempt under `keys`, or None: go ahead."""
        now = self._clock()
        wait = 0.0
        with self._lock:
            for key in keys:
                times = self._failures.get(key)
                if times is None:
                    continue
                while times and times[0] <= now - self.window_s:
                    times.popleft()
                if len(times) >= self._limit(key):
                    wait = max(wait, times[0] + self.window_s - now)
        return max(1, math.ceil(wait)) if wait > 0 else None

    def failed(self, keys: list[str]) -> None:
        """Counts a failed attempt against each of `keys`."""
        now = self._clock()
        with self._lock:
            for key in keys:
                times = self._failures.pop(key, None) or deque(maxlen=self._limit(key))
                times.append(now)
                self._failures[key] = times  # now the most recent
            while len(self._failures) > self._max_keys:
                self._failures.popitem(last=False)

    def succeeded(self, account: str, address: str | None) -> None:
        """A successful login clears its account's failures from that address (not the
        address's own)."""
        with self._lock:
            self._failures.pop(self.keys(account, address)[0], None)


class RateLimiter:
    """A token bucket per key (a user): `rate` requests a second, bursts of up to `rate`.

    `rate` <= 0 turns it off. `take` raises a 429 that says when to try again (Retry-After).
    """

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.capacity = max(rate, 1.0)
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> None:
        if self.rate <= 0:
            return
        with self._lock:
            now = self._clock()
            tokens, then = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - then) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return
            self._buckets[key] = (tokens, now)
            wait = (1.0 - tokens) / self.rate
        seconds = max(1, int(wait + 0.999))
        raise ApiError(
            429,
            f"Too many requests: at most {self.rate:g} a second per user; retry in {seconds} s.",
            {"rate_limit": self.rate, "retry_after": seconds},
            {"Retry-After": str(seconds)},
        )
