"""`pasqal-sdk batches ...` and `pasqal-sdk jobs ...`: create (from a serialized Pulser sequence),
list (with the SDK's filters), show, wait, cancel and results."""

from __future__ import annotations

import datetime
import enum
import json
import warnings
from collections.abc import Sequence
from difflib import get_close_matches
from itertools import islice
from pathlib import Path
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
from pasqal_sdk.device import DeviceType, EmulatorType

if TYPE_CHECKING:
    from pasqal_sdk._sync.batches import Batch

__all__ = ["batches_app", "jobs_app"]

batches_app = group("Batches: create, list, show, wait, close, cancel, results.")
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


def _wait(opts: Options, batch: Batch, timeout: float | None) -> Batch:
    """`batch` once finished, with a progress bar unless --json; Ctrl-C says that the batch
    goes on and how to wait again or cancel it (exit 130)."""
    try:
        return batch.wait(timeout=timeout, progress=not opts.json)
    except KeyboardInterrupt:
        typer.echo(
            f"\nstopped waiting; batch {batch.id} goes on. Wait again with"
            f" `pasqal-sdk batches wait {batch.id}`, or cancel it with"
            f" `pasqal-sdk batches cancel {batch.id}`",
            err=True,
        )
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


def _read_sequence(opts: Options, file: Path) -> str:
    """The serialized sequence in `file` (a JSON object, as `Sequence.to_abstract_repr()`
    writes it); a missing or unreadable file, or one that isn't JSON, exits 2."""
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise fail(opts, f"no file {file}", ExitCode.USAGE, "SequenceFileNotFound") from None
    except (OSError, UnicodeDecodeError) as error:
        message = f"cannot read {file}: {getattr(error, 'strerror', None) or error}"
        raise fail(opts, message, ExitCode.USAGE, "SequenceFileUnreadable") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        message = (
            f"{file} is not JSON ({error.msg}, line {error.lineno} column {error.colno}):"
            " write it with Pulser's `Sequence.to_abstract_repr()`"
        )
        raise fail(opts, message, ExitCode.USAGE, "InvalidSequenceFile") from None
    if not isinstance(data, dict):
        message = (
            f"{file} holds JSON, but not a serialized sequence (an object):"
            " write it with Pulser's `Sequence.to_abstract_repr()`"
        )
        raise fail(opts, message, ExitCode.USAGE, "InvalidSequenceFile")
    return text


def _emulator(opts: Options, name: str) -> EmulatorType:
    """The emulator `name` names (any case); an unknown one exits 2, naming the known ones."""
    known = {str(member.value): member for member in EmulatorType}
    if name.upper() in known:
        return known[name.upper()]
    close = get_close_matches(name.upper(), list(known), n=1)
    hint = f" Did you mean {close[0]}?" if close else ""
    message = f"no emulator {name!r}: one of {', '.join(known)}.{hint}"
    raise fail(opts, message, ExitCode.USAGE, "UnknownEmulator")


# --- batches -----------------------------------------------------------------------------------


@batches_app.command("create")
def batches_create(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="a serialized Pulser sequence (abstract repr JSON: Sequence.to_abstract_repr())",
            show_default=False,
        ),
    ],
    emulator: Annotated[
        str,
        typer.Option(
            metavar="EMULATOR",
            help="the emulator to run on: " + ", ".join(str(e.value) for e in EmulatorType),
            show_default=False,
        ),
    ],
    runs: Annotated[int, typer.Option(min=1, help="shots of the batch's one job")] = 100,
    wait: Annotated[
        bool, typer.Option("--wait", help="wait until it finishes, with a progress bar")
    ] = False,
    timeout: Annotated[
        float | None, typer.Option(help="with --wait, give up after this many seconds (exit 5)")
    ] = None,
) -> None:
    """Create a batch of one job from a sequence file; prints the batch and its job."""
    opts = options(ctx)
    with errors(opts):
        chosen = _emulator(opts, emulator)
        sequence = _read_sequence(opts, file)
        with opts.sdk() as sdk:
            batch = sdk.create_batch(sequence, [{"runs": runs}], emulator=chosen)
            if wait:
                batch = _wait(opts, batch, timeout)
    _show_batch(opts, batch)


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
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", OpenBatchWarning)  # said above, in CLI words
            batch = _wait(opts, batch, timeout)
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
