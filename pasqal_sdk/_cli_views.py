"""How `pasqal-sdk` shows batches, jobs and results: the JSON dicts (`--json`) and rich tables.

Only a DONE job has counts; the views read `job.result` (None before) rather than `job.counts`,
which refuses a job that isn't DONE.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.table import Table

    from pasqal_sdk._sync.batches import Batch
    from pasqal_sdk._sync.jobs import Job

#: Bitstrings a jobs table shows per job, most frequent first, and a results table.
TOP = 3
RESULTS_TOP = 10

#: The width of an id (a UUID): id columns never get less, so an id is never cut.
ID_WIDTH = 36


def id_table(title: str, id_header: str, *headers: str) -> Table:
    """A table whose first column holds whole ids (on one line, to copy into the next
    command); the other columns wrap to fit the terminal (80 columns included)."""
    from rich import box
    from rich.table import Table

    # No vertical rules: they would take the room of a column at 80 columns.
    table = Table(title=title, box=box.SIMPLE_HEAD)
    table.add_column(id_header, no_wrap=True, min_width=ID_WIDTH)
    for header in headers:
        table.add_column(header, overflow="fold")
    return table


def batch_dict(batch: Batch, *, jobs: bool = True) -> dict[str, Any]:
    """A batch as `--json` prints it; with its jobs unless `jobs` is False."""
    data = {
        "id": batch.id,
        "status": batch.status,
        "device_type": batch.device_type,
        "project_id": batch.project_id,
        "open": batch.open,
        "tags": batch.tags,
        "created_at": batch.created_at,
    }
    if jobs:
        data["jobs"] = [job_dict(job) for job in batch.ordered_jobs]
    return data


def job_dict(job: Job, *, counts: bool = True) -> dict[str, Any]:
    """A job as `--json` prints it (`counts=False`: without its counts, which may need a
    request)."""
    fields = {
        "id": job.id,
        "batch_id": job.batch_id,
        "status": job.status,
        "runs": job.runs,
        "variables": job.variables,
        "errors": job.errors,
        "created_at": job.created_at,
    }
    return {**fields, "counts": job.result} if counts else fields


def result_dict(job: Job) -> dict[str, Any]:
    """A job's result as `batches results --json` prints it, under the job's id."""
    return {"status": job.status, "variables": job.variables, "counts": job.result}


def top_counts(job: Job, top: int | None = TOP) -> str:
    """The job's most frequent bitstrings, `bits: n` (empty before the job is DONE)."""
    counts = Counter(job.result or {})
    shown = ", ".join(f"{bits}: {n}" for bits, n in counts.most_common(top))
    return shown + (", …" if top is not None and len(counts) > top else "")


def variables_text(job: Job) -> str:
    """The job's variables, compact (`-` when the sequence has none)."""
    values = job.variables
    return json.dumps(values, separators=(",", ":"), default=str) if values else "-"


def jobs_table(jobs: Sequence[Job], title: str, *, with_batch: bool = False) -> Table:
    """Jobs with their status, runs and most frequent bitstrings; `with_batch`, each job's
    batch id under its own (two whole ids side by side would not fit 80 columns)."""
    table = id_table(
        title, "job\n(batch)" if with_batch else "job", "status", "runs", "most likely"
    )
    for job in jobs:
        ids = f"{job.id}\n[dim]{job.batch_id}[/dim]" if with_batch else job.id
        table.add_row(ids, str(job.status), str(job.runs), top_counts(job))
    return table


def results_table(jobs: Sequence[Job], title: str) -> Table:
    """Jobs with their variables and counts."""
    table = id_table(title, "job", "status", "variables", "counts (most frequent first)")
    for job in jobs:
        table.add_row(job.id, str(job.status), variables_text(job), top_counts(job, RESULTS_TOP))
    return table


def created_text(created_at: Any) -> str:
    """A creation time to the minute, `YYYY-MM-DD HH:MM` (it wraps at the space)."""
    text = str(created_at).replace("T", " ")
    return text[:16] if len(text) >= 16 and text[10] == " " else text


def batches_table(batches: Sequence[Batch]) -> Table:
    """Batches, one line each (two where the terminal is narrow)."""
    table = id_table("batches", "batch", "status", "device", "jobs", "created")
    table.columns[-1].min_width = len("YYYY-MM-DD")  # the date whole; the time wraps below it
    for batch in batches:
        table.add_row(
            batch.id,
            str(batch.status),
            str(batch.device_type),
            str(len(batch.job_ids)),
            created_text(batch.created_at),
        )
    return table
