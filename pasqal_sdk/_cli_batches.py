"""`pasqal-sdk batches ...` and `pasqal-sdk jobs ...`: list (with the SDK's filters), show, wait,
cancel and results."""

from __future__ import annotations

import datetime
import enum
import warnings
from collections.abc import Sequence
from itertools import islice
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

# The choices of `--status` and `--device-type` are the documents' enumerations (the generated
# ones, which load without the HTTP stack).
from pasqal_core_client.models.batch_status import BatchStatus
from pasqal_core_client.models.job_status import JobStatus

from pasqal_sdk._cli_base import ExitCode, Options, emit, errors, fail, group, options
from pasqal_sdk._cli_views import (
    batch_dict,
    batches_table,
    job_dict,
    jobs_table,
    result_dict,
    results_table,
)
from pasqal_sdk.device import DeviceType

if TYPE_CHECKING:
    from pasqal_sdk._resources import Batch

__all__ = ["batches_app", "jobs_app"]

batches_app = group("Batches: list, show, wait, close, cancel, results.")
jobs_app = group("Jobs: list, show, results.")


E = TypeVar("E", bound=enum.Enum)

#: Dates as the options take them (UTC when they carry no offset).
DATE_FORMATS = ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S%z"]
DATE_METAVAR = "YYYY-MM-DD[THH:MM:SS]"
DATE_HELP = "UTC unless an offset is given"

Limit = Annotated[int, typer.Option(min=1, help="at most this many, newest first")]
Ids = Annotated[list[str] | None, typer.Option("--id", help="only these ids (repeatable)")]
Since = Annotated[
    datetime.datetime | None,
    typer.Option(
        formats=DATE_FORMATS, metavar=DATE_METAVAR, help=f"created at or after ({DATE_HELP})"
    ),
]
Until = Annotated[
    datetime.datetime | None,
    typer.Option(
        formats=DATE_FORMATS, metavar=DATE_METAVAR, help=f"created at or before ({DATE_HELP})"
    ),
]
BatchId = Annotated[str, typer.Argument(metavar="BATCH_ID", help="the batch id")]
JobId = Annotated[str, typer.Argument(metavar="JOB_ID", help="the job id")]


def _values(chosen: Sequence[E] | None) -> list[str] | None:
    """The wire values of repeated enum options, None when none was given."""
    return [str(member.value) for member in chosen] if chosen else None


def _utc(date: datetime.datetime | None) -> datetime.datetime | None:
    """A date option, in UTC when it was given without an offset."""
    if date is None or date.tzinfo is not None:
        return date
    return date.replace(tzinfo=datetime.timezone.utc)


def _show_batch(opts: Options, batch: Batch) -> None:
    title = f"batch {batch.id} · {batch.device_type} · {batch.status}"
    emit(opts, batch_dict(batch), lambda: jobs_table(batch.ordered_jobs, title))


# --- batches -----------------------------------------------------------------------------------


@batches_app.command("list")
def batches_list(
    ctx: typer.Context,
    status: Annotated[
        list[BatchStatus] | None,
        typer.Option(case_sensitive=False, help="only these statuses (repeatable, any case)"),
    ] = None,
    ids: Ids = None,
    device_type: Annotated[
        list[DeviceType] | None,
        typer.Option(case_sensitive=False, help="only these device types (repeatable)"),
    ] = None,
    tag: Annotated[list[str] | None, typer.Option(help="only with this tag (repeatable)")] = None,
    open_: Annotated[
        bool | None,
        typer.Option("--open/--closed", help="only open batches, or only closed ones"),
    ] = None,
    start_date: Since = None,
    end_date: Until = None,
    limit: Limit = 20,
) -> None:
    """Your batches, newest first."""
    from pasqal_sdk._filters import BatchFilters

    opts = options(ctx)
    with errors(opts), opts.sdk() as sdk:
        filters = BatchFilters(
            id=ids or None,
            status=_values(status),
            device_type=_values(device_type),
            tag=tag or None,
            open=open_,
            start_date=_utc(start_date),
            end_date=_utc(end_date),
        )
        found = list(islice(sdk.get_batches(filters), limit))
    data = [batch_dict(batch, jobs=False) for batch in found]
    emit(opts, data, lambda: batches_table(found))


@batches_app.command("show")
def batches_show(ctx: typer.Context, batch_id: BatchId) -> None:
    """A batch and its jobs."""
    opts = options(ctx)
    with errors(opts), opts.sdk() as sdk:
        batch = sdk.get_batch(batch_id)
    _show_batch(opts, batch)


@batches_app.command("wait")
def batches_wait(
    ctx: typer.Context,
    batch_id: BatchId,
    timeout: Annotated[
        float | None, typer.Option(help="give up after this many seconds (exit 5)")
    ] = None,
) -> None:
    """Wait until a batch finishes, with a progress bar (exit 5 on timeout, 130 on Ctrl-C)."""
    from pasqal_sdk._waiting import OpenBatchWarning

    opts = options(ctx)
    with errors(opts), opts.sdk() as sdk:
        batch = sdk.get_batch(batch_id, fetch_results=False)
        if batch.open and not batch.done():
            typer.echo(
                f"note: batch {batch.id} is open: it finishes only once it is closed"
                f" (`pasqal-sdk batches close {batch.id}`)",
                err=True,
            )
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", OpenBatchWarning)  # said above, in CLI words
                batch = batch.wait(timeout=timeout, progress=not opts.json)
        except KeyboardInterrupt:
            typer.echo(
                f"\nstopped waiting; batch {batch.id} goes on. Wait again with"
                f" `pasqal-sdk batches wait {batch.id}`, or cancel it with"
                f" `pasqal-sdk batches cancel {batch.id}`",
                err=True,
            )
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    _show_batch(opts, batch)


@batches_app.command("close")
def batches_close(ctx: typer.Context, batch_id: BatchId) -> None:
    """Close an open batch: it takes no more jobs, and finishes once they have."""
    opts = options(ctx)
    with errors(opts), opts.sdk() as sdk:
        batch = sdk.close_batch(batch_id)
    data = {"id": batch.id, "status": batch.status, "open": batch.open}
    emit(opts, data, lambda: f"batch {batch.id}: closed ({batch.status})")


@batches_app.command("cancel")
def batches_cancel(ctx: typer.Context, batch_id: BatchId) -> None:
    """Cancel a batch."""
    opts = options(ctx)
    with errors(opts), opts.sdk() as sdk:
        batch = sdk.cancel_batch(batch_id)
    data = {"id": batch.id, "status": batch.status}
    emit(opts, data, lambda: f"batch {batch.id}: {batch.status}")


@batches_app.command("results")
def batches_results(ctx: typer.Context, batch_id: BatchId) -> None:
    """Each job's variables and counts; with --json, an object keyed by job id."""
    opts = options(ctx)
    with errors(opts), opts.sdk() as sdk:
        batch = sdk.get_batch(batch_id)
    jobs = batch.ordered_jobs
    data = {job.id: result_dict(job) for job in jobs}
    title = f"results of batch {batch.id} · {batch.status}"
    emit(opts, data, lambda: results_table(jobs, title))


# --- jobs --------------------------------------------------------------------------------------


@jobs_app.command("list")
def jobs_list(
    ctx: typer.Context,
    status: Annotated[
        list[JobStatus] | None,
        typer.Option(case_sensitive=False, help="only these statuses (repeatable, any case)"),
    ] = None,
    ids: Ids = None,
    batch_id: Annotated[
        list[str] | None, typer.Option(help="only jobs of these batches (repeatable)")
    ] = None,
    min_runs: Annotated[int | None, typer.Option(min=1, help="at least this many runs")] = None,
    max_runs: Annotated[int | None, typer.Option(min=1, help="at most this many runs")] = None,
    errors_: Annotated[
        bool | None,
        typer.Option("--errors/--no-errors", help="only jobs with errors, or only without"),
    ] = None,
    start_date: Since = None,
    end_date: Until = None,
    limit: Limit = 20,
) -> None:
    """Your jobs, newest first, with the filters of `batches list`."""
    from pasqal_sdk._filters import JobFilters

    opts = options(ctx)
    with errors(opts), opts.sdk() as sdk:
        filters = JobFilters(
            id=ids or None,
            batch_id=batch_id or None,
            status=_values(status),
            min_runs=min_runs,
            max_runs=max_runs,
            errors=errors_,
            start_date=_utc(start_date),
            end_date=_utc(end_date),
        )
        found = list(islice(sdk.get_jobs(filters, newest_first=True), limit))
        data = [job_dict(job, counts=False) for job in found]
        # Inside: the table shows counts, which a listed job fetches with this SDK.
        emit(opts, data, lambda: jobs_table(found, "jobs", with_batch=True))


@jobs_app.command("show")
def jobs_show(ctx: typer.Context, job_id: JobId) -> None:
    """A job."""
    opts = options(ctx)
    with errors(opts), opts.sdk() as sdk:
        job = sdk.get_job(job_id)
    emit(opts, job_dict(job), lambda: jobs_table([job], f"job {job.id}"))


@jobs_app.command("results")
def jobs_results(ctx: typer.Context, job_id: JobId) -> None:
    """A job's counts, most frequent first."""
    opts = options(ctx)
    with errors(opts), opts.sdk() as sdk:
        job = sdk.get_job(job_id)
    if job.result is None:
        raise fail(
            opts,
            f"job {job.id} has no result (status {job.status});"
            f" `pasqal-sdk batches wait {job.batch_id}` waits for its batch",
            ExitCode.ERROR,
            "ResultNotReadyError",
        )

    def table() -> Any:
        from rich.table import Table

        view = Table("bitstring", "count", "probability", title=f"job {job.id}")
        probabilities = job.probabilities()
        for bits, n in job.counts.most_common():
            view.add_row(bits, str(n), f"{probabilities[bits]:.4f}")
        return view

    emit(opts, dict(job.counts.most_common()), table)
