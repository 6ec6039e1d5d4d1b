"""The `pasqal-sdk` command line: quick looks at projects, devices, batches and jobs, `login`, and
the local cloud (`local serve|user add|service-account add`).

Settings come as for `SDK()`: options, then `PASQAL_*`, then `~/.pasqal/config` (`--profile`),
with the token that `pasqal-sdk login` saved first in line. `--json` prints machine-readable
output. Exit codes (`ExitCode`): 0 ok, 1 API or other error, 2 bad usage or configuration,
3 not found, 4 authentication or permission refused, 5 wait timed out.
"""

from __future__ import annotations

import enum
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from pasqal_sdk._errors import (
    AuthenticationError,
    InvalidConfigurationError,
    NotFoundError,
    PasqalError,
    PermissionDeniedError,
    WaitTimeoutError,
)

if TYPE_CHECKING:
    from pasqal_sdk._client import SDK
    from pasqal_sdk._resources import Batch, Job

__all__ = ["ExitCode", "app", "main"]


class ExitCode(enum.IntEnum):
    """What `pasqal-sdk` exits with, for scripts."""

    OK = 0
    ERROR = 1
    USAGE = 2
    NOT_FOUND = 3
    AUTH = 4
    TIMEOUT = 5


#: Error classes to exit codes, most specific first.
EXIT_CODES: tuple[tuple[type[BaseException], ExitCode], ...] = (
    (InvalidConfigurationError, ExitCode.USAGE),
    (NotFoundError, ExitCode.NOT_FOUND),
    (AuthenticationError, ExitCode.AUTH),
    (PermissionDeniedError, ExitCode.AUTH),
    (WaitTimeoutError, ExitCode.TIMEOUT),
    (PasqalError, ExitCode.ERROR),
)


app = typer.Typer(
    name="pasqal-sdk",
    help="Pasqal Cloud from the command line. Exit codes: 0 ok, 1 error, 2 bad usage, "
    "3 not found, 4 authentication, 5 timeout.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
batches_app = typer.Typer(help="Batches: list, show, wait, cancel, results.", no_args_is_help=True)
jobs_app = typer.Typer(help="Jobs: show, results.", no_args_is_help=True)
app.add_typer(batches_app, name="batches")
app.add_typer(jobs_app, name="jobs")


@dataclass
class Options:
    profile: str | None = None
    project_id: str | None = None
    json: bool = False

    def sdk(self) -> SDK:
        """An SDK configured like `SDK()`, on the token `login` saved when there is one.

        Every command acts as a user: with no credentials at all it stops here, before a request.
        """
        import time

        from pasqal_sdk._auth import StaticTokenProvider, jwt_expiry
        from pasqal_sdk._client import SDK
        from pasqal_sdk._config import load_config
        from pasqal_sdk._login import TokenStore

        config = load_config(self.profile)
        project = self.project_id or config.project_id
        saved = TokenStore(self.profile).load()
        expiry = jwt_expiry(saved) if saved else None
        if expiry is not None and expiry <= time.time():
            saved = None  # expired: the configured credentials, if any, take over
        provider = StaticTokenProvider(saved) if saved else None
        sdk = SDK(project_id=project, token_provider=provider, profile=self.profile)
        sdk._settings.tokens()  # no credentials: a usage error that says where to put them
        return sdk


ProfileOption = Annotated[
    str | None, typer.Option("--profile", "-p", help="config profile (default: PASQAL_PROFILE)")
]
ProjectOption = Annotated[str | None, typer.Option("--project-id", help="project to work in")]
JsonOption = Annotated[bool, typer.Option("--json", help="print JSON for scripts")]


@app.callback()
def _root(
    ctx: typer.Context,
    profile: ProfileOption = None,
    project_id: ProjectOption = None,
    json_output: JsonOption = False,
) -> None:
    ctx.obj = Options(profile, project_id, json_output)


def _options(ctx: typer.Context) -> Options:
    options = ctx.find_root().obj
    assert isinstance(options, Options)
    return options


console = Console()


def _emit(options: Options, data: Any, table: Callable[[], Table | str]) -> None:
    """Print `data` as JSON with --json, else the human view `table()` builds."""
    if options.json:
        typer.echo(json.dumps(data, indent=2, sort_keys=True, default=str))
    else:
        console.print(table())


@contextmanager
def _errors() -> Iterator[None]:
    """Turn SDK errors into a one-line message on stderr and a documented exit code."""
    try:
        yield
    except PasqalError as error:
        code = next(code for kind, code in EXIT_CODES if isinstance(error, kind))
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(int(code)) from None


def _batch_dict(batch: Batch) -> dict[str, Any]:
    return {
        "id": batch.id,
        "status": batch.status,
        "device_type": batch.device_type,
        "project_id": batch.project_id,
        "open": batch.open,
        "tags": batch.tags,
        "created_at": batch.created_at,
        "jobs": [_job_dict(job) for job in batch.ordered_jobs],
    }


def _job_dict(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "batch_id": job.batch_id,
        "status": job.status,
        "runs": job.runs,
        "variables": job.variables,
        "errors": job.errors,
        "counts": job.result,
    }


def _jobs_table(jobs: Sequence[Job], title: str) -> Table:
    table = Table("job", "status", "runs", "most likely", title=title)
    for job in jobs:
        top = ", ".join(f"{bits}: {n}" for bits, n in job.counts.most_common(3))
        table.add_row(job.id, job.status, str(job.runs), top)
    return table


def _show_batch(options: Options, batch: Batch) -> None:
    title = f"batch {batch.id} · {batch.device_type} · {batch.status}"
    _emit(options, _batch_dict(batch), lambda: _jobs_table(batch.ordered_jobs, title))


# --- login -------------------------------------------------------------------------------------


@app.command()
def login(
    ctx: typer.Context,
    username: Annotated[str | None, typer.Option(help="default: from the config")] = None,
    password: Annotated[
        str | None, typer.Option(help="default: from the config, else prompted")
    ] = None,
) -> None:
    """Log in and keep the token (OS keyring when available, else a 0600 file)."""
    from pasqal_sdk._client import SDK
    from pasqal_sdk._config import load_config
    from pasqal_sdk._login import TokenStore

    options = _options(ctx)
    with _errors():
        config = load_config(options.profile)
        if username and password is None and username != config.username:
            password = typer.prompt("Password", hide_input=True)
        project = options.project_id or config.project_id
        with SDK(username, password, project_id=project, profile=options.profile) as sdk:
            token = sdk.user_token()
        where = TokenStore(options.profile).save(token)
    _emit(options, {"stored_in": where}, lambda: f"Logged in; the token is kept in {where}.")


@app.command()
def logout(ctx: typer.Context) -> None:
    """Forget the token that `login` kept."""
    from pasqal_sdk._login import TokenStore

    options = _options(ctx)
    TokenStore(options.profile).forget()
    _emit(options, {"logged_out": True}, lambda: "Logged out.")


# --- projects and devices ----------------------------------------------------------------------


@app.command()
def projects(ctx: typer.Context) -> None:
    """The projects you belong to."""
    options = _options(ctx)
    with _errors(), options.sdk() as sdk:
        found = sdk.get_all_projects()
    data = [{"id": p.id, "name": p.name} for p in found]

    def table() -> Table:
        view = Table("id", "name", title="projects")
        for project in found:
            view.add_row(project.id, project.name)
        return view

    _emit(options, data, table)


@app.command()
def devices(ctx: typer.Context) -> None:
    """The devices you can submit to, with their main limits."""
    options = _options(ctx)
    with _errors(), options.sdk() as sdk:
        specs = sdk.get_device_specs_dict()
    data = {}
    for device_type, spec in sorted(specs.items()):
        parsed = json.loads(spec)
        data[device_type] = {
            "name": parsed.get("name"),
            "max_atom_num": parsed.get("max_atom_num"),
            "dimensions": parsed.get("dimensions"),
        }

    def table() -> Table:
        view = Table("device type", "name", "max atoms", "dimensions", title="devices")
        for device_type, fields in data.items():
            view.add_row(device_type, *(str(fields[k]) for k in fields))
        return view

    _emit(options, data, table)


# --- batches -----------------------------------------------------------------------------------


@batches_app.command("list")
def batches_list(
    ctx: typer.Context,
    status: Annotated[
        list[str] | None, typer.Option(help="only these statuses (repeatable)")
    ] = None,
    limit: Annotated[int, typer.Option(help="at most this many, newest first")] = 20,
) -> None:
    """Your batches, newest first."""
    from itertools import islice

    from pasqal_sdk._operations import BatchFilters

    options = _options(ctx)
    with _errors(), options.sdk() as sdk:
        filters = BatchFilters(status=status) if status else None
        found = list(islice(sdk.get_batches(filters), limit))
    data = [{k: v for k, v in _batch_dict(b).items() if k != "jobs"} for b in found]

    def table() -> Table:
        view = Table("batch", "status", "device", "jobs", "created", title="batches")
        for batch in found:
            view.add_row(
                batch.id, batch.status, batch.device_type, str(len(batch.job_ids)), batch.created_at
            )
        return view

    _emit(options, data, table)


BatchId = Annotated[str, typer.Argument(help="the batch id")]
JobId = Annotated[str, typer.Argument(help="the job id")]


@batches_app.command("show")
def batches_show(ctx: typer.Context, batch_id: BatchId) -> None:
    """A batch and its jobs."""
    options = _options(ctx)
    with _errors(), options.sdk() as sdk:
        batch = sdk.get_batch(batch_id)
    _show_batch(options, batch)


@batches_app.command("wait")
def batches_wait(
    ctx: typer.Context,
    batch_id: BatchId,
    timeout: Annotated[
        float | None, typer.Option(help="give up after this many seconds (exit 5)")
    ] = None,
) -> None:
    """Wait until a batch finishes, with a progress bar (exit 5 on timeout)."""
    options = _options(ctx)
    with _errors(), options.sdk() as sdk:
        batch = sdk.get_batch(batch_id, fetch_results=False)
        batch = batch.wait(timeout=timeout, progress=not options.json)
    _show_batch(options, batch)


@batches_app.command("cancel")
def batches_cancel(ctx: typer.Context, batch_id: BatchId) -> None:
    """Cancel a batch."""
    options = _options(ctx)
    with _errors(), options.sdk() as sdk:
        batch = sdk.cancel_batch(batch_id)
    data = {"id": batch.id, "status": batch.status}
    _emit(options, data, lambda: f"batch {batch.id}: {batch.status}")


@batches_app.command("results")
def batches_results(ctx: typer.Context, batch_id: BatchId) -> None:
    """The counts of each finished job of a batch, by job id."""
    options = _options(ctx)
    with _errors(), options.sdk() as sdk:
        batch = sdk.get_batch(batch_id)
    data = {job.id: job.result for job in batch.ordered_jobs}
    _emit(options, data, lambda: _jobs_table(batch.ordered_jobs, f"results of batch {batch.id}"))


# --- jobs --------------------------------------------------------------------------------------


@jobs_app.command("show")
def jobs_show(ctx: typer.Context, job_id: JobId) -> None:
    """A job."""
    options = _options(ctx)
    with _errors(), options.sdk() as sdk:
        job = sdk.get_job(job_id)
    _emit(options, _job_dict(job), lambda: _jobs_table([job], f"job {job.id}"))


@jobs_app.command("results")
def jobs_results(ctx: typer.Context, job_id: JobId) -> None:
    """A job's counts, most frequent first."""
    options = _options(ctx)
    with _errors(), options.sdk() as sdk:
        job = sdk.get_job(job_id)
    if job.result is None:
        typer.echo(f"error: job {job.id} has no result (status {job.status})", err=True)
        raise typer.Exit(int(ExitCode.ERROR))

    def table() -> Table:
        view = Table("bitstring", "count", "probability", title=f"job {job.id}")
        probabilities = job.probabilities()
        for bits, n in job.counts.most_common():
            view.add_row(bits, str(n), f"{probabilities[bits]:.4f}")
        return view

    _emit(options, dict(job.counts.most_common()), table)


# --- the local cloud ---------------------------------------------------------------------------


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def local(ctx: typer.Context) -> None:
    """The local cloud: `serve`, `user add`, `service-account add` (needs the `local` extra)."""
    import argparse

    from pasqal_sdk.local.__main__ import add_commands, run

    parser = argparse.ArgumentParser(prog="pasqal-sdk local")
    add_commands(parser)
    raise typer.Exit(run(parser.parse_args(ctx.args)))


def main(argv: Sequence[str] | None = None) -> int:
    """The console script: runs `app` and returns its exit code (see `ExitCode`)."""
    import click

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        outcome = app(args=args, prog_name="pasqal-sdk", standalone_mode=False)
    except SystemExit as done:  # argparse, for `local`
        return done.code if isinstance(done.code, int) else int(ExitCode.USAGE)
    except click.ClickException as error:
        error.show()
        return int(error.exit_code)
    except click.exceptions.Abort:
        typer.echo("aborted", err=True)
        return int(ExitCode.ERROR)
    return outcome if isinstance(outcome, int) else int(ExitCode.OK)


if __name__ == "__main__":
    sys.exit(main())
