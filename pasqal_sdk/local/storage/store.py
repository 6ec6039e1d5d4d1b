"""The local cloud's storage: SQLite (WAL mode) holding users, projects, memberships, batches,
jobs, tags and workloads. `Store` is the tables of each concern on one database
(`database.Database`); every method is one transaction, safe to call from several threads."""

from __future__ import annotations

from pasqal_sdk.local.storage.accounts import AccountTables
from pasqal_sdk.local.storage.batch_status import (
    TERMINAL_BATCH_STATUSES,
    TERMINAL_JOB_STATUSES,
    next_batch_status,
)
from pasqal_sdk.local.storage.batches import BatchTables
from pasqal_sdk.local.storage.errors import (
    StoreBusyError,
    StoreCorruptError,
    StoreError,
    StoreFullError,
    is_disk_full,
)
from pasqal_sdk.local.storage.faults import NO_FAULTS, Faults
from pasqal_sdk.local.storage.jobs import JobTables
from pasqal_sdk.local.storage.queries import BATCH_ORDER, JOB_ORDER, BatchFilters, JobFilters, Page
from pasqal_sdk.local.storage.rows import NewJob, now
from pasqal_sdk.local.storage.workloads import WorkloadTables

__all__ = [
    "BATCH_ORDER",
    "JOB_ORDER",
    "NO_FAULTS",
    "TERMINAL_BATCH_STATUSES",
    "TERMINAL_JOB_STATUSES",
    "BatchFilters",
    "Faults",
    "JobFilters",
    "NewJob",
    "Page",
    "Store",
    "StoreBusyError",
    "StoreCorruptError",
    "StoreError",
    "StoreFullError",
    "is_disk_full",
    "next_batch_status",
    "now",
]


class Store(AccountTables, BatchTables, JobTables, WorkloadTables):
    """The local cloud's database, in `<data_dir>/local-cloud.sqlite3`."""
