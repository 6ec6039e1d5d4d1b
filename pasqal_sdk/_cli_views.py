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

    from pasqal_sdk._resources import Batch, Job

#: Bitstrings a jobs table shows per job, most frequent first, and a results table.
TOP = 3
RESULTS_TOP = 10


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


def job_dict(job: Job) -> dict[str, Any]:
    """A job as `--json` prints it."""
    return {
        "id": job.id,
        "batch_id": job.batch_id,
        "status": job.status,
        "runs": job.runs,
        "variables": job.variables,
        "errors": job.errors,
        "counts": job.result,
    }


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
    """Jobs with their status, runs and most frequent bitstrings (and batch, `with_batch`)."""
    from rich.table import Table

    table = Table("job", *(["batch"] if with_batch else []), "status", "runs", "most likely")
    table.title = title
    for job in jobs:
        batch = [job.batch_id] if with_batch else []
        table.add_row(job.id, *batch, str(job.status), str(job.runs), top_counts(job))
    return table


def results_table(jobs: Sequence[Job], title: str) -> Table:
    """Jobs with their variables and counts."""
    from rich.table import Table

    table = Table("job", "status", "variables", "counts (most frequent first)", title=title)
    for job in jobs:
        table.add_row(job.id, str(job.status), variables_text(job), top_counts(job, RESULTS_TOP))
    return table


def batches_table(batches: Sequence[Batch]) -> Table:
    """Batches, one line each."""
    from rich.table import Table

    table = Table("batch", "status", "device", "jobs", "created", title="batches")
    for batch in batches:
        table.add_row(
            batch.id,
            str(batch.status),
            str(batch.device_type),
            str(len(batch.job_ids)),
            str(batch.created_at),
        )
    return table
