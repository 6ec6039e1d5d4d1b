"""The local cloud's limits on what one client may hold or make it spend: connections, request
heads, sequence sizes, queued work per project. Each is stated once here, with its default;
`serve --limit NAME=VALUE` changes one, and the README's Guarantees list them with their errors.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

__all__ = ["Limits", "LimitsError", "parse_limits"]


@dataclasses.dataclass(frozen=True)
class Limits:
    """What a shared local cloud lets each client hold (0 turns a count limit off)."""

    # Seconds a client has to send a whole request head, from its connection (or the end of
    # its last answer): then 408 and the connection is closed.
    head_timeout_s: float = 10.0
    # Seconds a connection may sit idle, before its first request or between two.
    keep_alive_s: float = 5.0
    # Open connections from one client address, and in all (the latter is also kept below the
    # file-descriptor limit). At a cap the longest-idle connection is closed to make room; a
    # new one is refused with 503 only when none is idle.
    max_connections_per_address: int = 256
    max_connections: int = 4096
    # Per sequence: instructions (pulses, delays, ...) and waveform samples summed over them.
    max_sequence_operations: int = 1_000
    max_sequence_samples: int = 250_000
    # Jobs with their own sequence in one request (each is deserialized and checked), and
    # operations summed over the jobs that build a sequence with variables (each is built and
    # sampled): a request's checks take a bounded time.
    max_job_sequences_per_request: int = 100
    max_checked_operations_per_request: int = 20_000
    # Tags on a batch.
    max_tags: int = 1_000
    # Items in any one list of a request body (job ids to cancel, jobs, tags...), checked
    # before the body's schema.
    max_list_items: int = 100_000
    # Per project: jobs PENDING or RUNNING, and batches not finished (open ones included).
    max_queued_jobs_per_project: int = 20_000
    max_unfinished_batches_per_project: int = 1_000
    # 1: batch webhooks may target loopback, private and link-local addresses.
    allow_private_webhooks: int = 0

    def with_values(self, values: dict[str, float]) -> Limits:
        """A copy with `values` (by field name) set, converted to each field's type."""
        kinds = {f.name: f.type for f in dataclasses.fields(self)}
        unknown = sorted(set(values) - set(kinds))
        if unknown:
            raise LimitsError(f"unknown limit(s) {unknown}: use one of {sorted(kinds)}")
        typed: dict[str, Any] = {}
        for name, value in values.items():
            if value < 0:
                raise LimitsError(f"limit {name} must be >= 0, not {value:g}")
            typed[name] = int(value) if kinds[name] in (int, "int") else float(value)
        return dataclasses.replace(self, **typed)


class LimitsError(ValueError):
    """A `--limit` that names no limit, or a value it can't take."""


def parse_limits(items: Iterable[str]) -> dict[str, float]:
    """`NAME=VALUE` items (as `serve --limit` takes them) as a mapping."""
    values: dict[str, float] = {}
    for item in items:
        name, sep, text = item.partition("=")
        try:
            if not sep:
                raise ValueError
            values[name.strip().replace("-", "_")] = float(text)
        except ValueError:
            raise LimitsError(f"--limit takes NAME=NUMBER, not {item!r}") from None
    Limits().with_values(values)
    return values
