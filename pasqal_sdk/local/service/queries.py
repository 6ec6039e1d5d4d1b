"""Query values of the listings, already checked against the documents, as the store takes them
(pages, filters, dates)."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from pasqal_core_client.api.batches import list_batches

from pasqal_sdk.local.service.answers import invalid
from pasqal_sdk.local.storage.queries import JobFilters, Page
from pasqal_sdk.local.storage.rows import stamp

# A listing's page size when the query gives none: the documents' `limit` default (and maximum).
MAX_PAGE: int = inspect.signature(list_batches._get_kwargs).parameters["limit"].default
LARGEST_INTEGER = 2**63 - 1


def instant(text: str) -> datetime | None:
    """An ISO 8601 instant (`Z` or an offset; naive means UTC) in UTC, or None if it isn't one:
    the documents' `format: date-time`, as the generated clients send it (`isoformat()`)."""
    text = text.strip()
    if text[-1:] in ("Z", "z"):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        return parsed.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        return None


def stored_instant(value: str | None) -> str | None:
    """A checked date-time as the store's sortable UTC string."""
    moment = None if value is None else instant(value)
    if moment is None:
        return None
    return stamp(moment)


def stored_integer(value: int | None) -> int | None:
    """Past what SQLite stores, a bound means the same as the largest it can compare."""
    return None if value is None else min(value, LARGEST_INTEGER)


def query_page(
    query: Mapping[str, Any], orders: Mapping[str, str], default_descending: bool
) -> Page:
    """The page a listing asks for. The documents leave `order_by` a free string: its values
    (the store's orders) are checked here."""
    order_by = query.get("order_by", "creation_order")
    if order_by not in orders:
        raise invalid("order_by", f"{order_by!r} is not one of {sorted(orders)}.")
    direction = query.get("order_by_direction")
    return Page(
        offset=stored_integer(query.get("offset")) or 0,
        limit=query.get("limit", MAX_PAGE),
        order_by=order_by,
        descending=default_descending if direction is None else direction == "DESC",
    )


def job_filters(query: Mapping[str, Any], *, with_batch: bool) -> JobFilters:
    """The job filters of a listing, cancellation or rebatch."""
    return JobFilters(
        ids=query.get("id", []),
        project_ids=query.get("project_id", []),
        user_ids=query.get("user_id", []),
        batch_ids=query.get("batch_id", []) if with_batch else [],
        statuses=query.get("status", []),
        min_runs=stored_integer(query.get("min_runs")),
        max_runs=stored_integer(query.get("max_runs")),
        errors=query.get("errors"),
        start_date=stored_instant(query.get("start_date")),
        end_date=stored_instant(query.get("end_date")),
    )
