"""The listings' filters and pages as the store takes them, and the SQL they become."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# Sortable columns of the listings, by the `order_by` names clients send.
BATCH_ORDER = {
    "creation_order": "seq",
    "created_at": "seq",
    "updated_at": "updated_at",
    "status": "status",
    "device_type": "device_type",
    "priority": "priority",
    "id": "id",
}
JOB_ORDER = {
    "creation_order": "seq",
    "created_at": "seq",
    "updated_at": "updated_at",
    "status": "status",
    "runs": "runs",
    "id": "id",
}


@dataclass
class JobFilters:
    ids: list[str] = field(default_factory=list)
    project_ids: list[str] = field(default_factory=list)
    user_ids: list[str] = field(default_factory=list)
    batch_ids: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    min_runs: int | None = None
    max_runs: int | None = None
    errors: bool | None = None
    start_date: str | None = None
    end_date: str | None = None


@dataclass
class BatchFilters:
    ids: list[str] = field(default_factory=list)
    project_ids: list[str] = field(default_factory=list)
    user_ids: list[str] = field(default_factory=list)
    device_types: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    open: bool | None = None
    queue_priorities: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    start_date: str | None = None
    end_date: str | None = None


@dataclass
class Page:
    offset: int = 0
    limit: int = 100
    order_by: str = "creation_order"
    descending: bool = False


def in_(column: str, values: Sequence[str], where: list[str], args: list[Any]) -> None:
    if values:
        where.append(f"{column} IN ({','.join('?' * len(values))})")
        args.extend(values)


def created_between(start: str | None, end: str | None, where: list[str], args: list[Any]) -> None:
    """Adds the `start_date`/`end_date` filters (creation time, inclusive) to a query."""
    if start:
        where.append("created_at >= ?")
        args.append(start)
    if end:
        where.append("created_at <= ?")
        args.append(end)


def select_page(
    db: sqlite3.Connection,
    table: str,
    orders: Mapping[str, str],
    where: list[str],
    args: list[Any],
    page: Page,
) -> tuple[list[sqlite3.Row], int]:
    """One page of `table`'s rows matching `where`, and how many match in all."""
    clause = " AND ".join(where)
    order = f"{orders[page.order_by]} {'DESC' if page.descending else 'ASC'}, seq"
    total = db.execute(f"SELECT COUNT(*) FROM {table} WHERE {clause}", args).fetchone()[0]
    rows = db.execute(
        f"SELECT * FROM {table} WHERE {clause} ORDER BY {order} LIMIT ? OFFSET ?",
        [*args, page.limit, page.offset],
    ).fetchall()
    return rows, int(total)
