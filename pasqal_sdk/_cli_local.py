"""`pasqal-sdk local ...` (also `python -m pasqal_sdk.local ...`): serve the local cloud; add
users (and change their passwords) and service accounts in its data dir.

`serve` checks what it can before it changes anything: that the `local` extra is installed and
that the port is free, both before the banner prints and before the data dir is created.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import socket
from pathlib import Path
from typing import Annotated

import typer

from pasqal_sdk._cli_base import ExitCode, errors, group
from pasqal_sdk._errors import InvalidConfigurationError, MissingExtraError
from pasqal_sdk.local._extra import LOCAL_MODULES, require_local_extra
from pasqal_sdk.local.http.server import (
    DEFAULT_HOST,
    DEFAULT_PASSWORD,
    DEFAULT_PORT,
    DEFAULT_USERNAME,
    default_data_dir,
)

__all__ = ["LogLevel", "check_port", "local_app"]

MIB = 1024**2

local_app = group(
    "The local cloud: Pasqal Cloud's APIs served offline, jobs on Pulser's emulators "
    "(needs the 'local' extra).",
)
user_app = group("Users of a local cloud's data dir.")
service_app = group("Service accounts (client id and secret) of a local cloud's data dir.")
local_app.add_typer(user_app, name="user")
local_app.add_typer(service_app, name="service-account")

DataDir = Annotated[
    Path | None,
    typer.Option(
        help="default: $XDG_DATA_HOME/pasqal-sdk/local, else ~/.local/share/pasqal-sdk/local",
        show_default=False,
    ),
]
Project = Annotated[str | None, typer.Option(help="project name (new or existing)")]


class LogLevel(str, enum.Enum):
    """What `serve --log-level` takes, any case: INFO logs a line per batch status change."""

    DEBUG = "DEBUG"
    INFO = "INFO"
    WARNING = "WARNING"
    ERROR = "ERROR"


def check_port(host: str, port: int) -> None:
    """InvalidConfigurationError naming the port when `host:port` can't be listened on.

    Binds as uvicorn does (SO_REUSEADDR, so a port in TIME_WAIT counts as free), then lets go.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise InvalidConfigurationError(
                    f"port {port} on {host} is already in use: stop what listens there, or pick"
                    f" another with --port"
                ) from None
            raise InvalidConfigurationError(
                f"cannot listen on {host}:{port} ({error.strerror or error}):"
                " pick another --host or --port"
            ) from None


@local_app.command()
def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = DEFAULT_HOST,
    port: Annotated[int, typer.Option(min=0, max=65535, help="port to listen on")] = DEFAULT_PORT,
    data_dir: DataDir = None,
    user: Annotated[str, typer.Option(help="first user's e-mail")] = DEFAULT_USERNAME,
    password: Annotated[str, typer.Option(help="first user's password")] = DEFAULT_PASSWORD,
    workers: Annotated[
        int | None, typer.Option(min=1, help="emulator processes (default: the machine's cores)")
    ] = None,
    open_batch_timeout: Annotated[
        float | None,
        typer.Option(help="seconds an open batch may stay idle before it is TIMED_OUT (1800)"),
    ] = None,
    seed: Annotated[int | None, typer.Option(help="seed the emulators' sampling")] = None,
    rate_limit: Annotated[
        float | None,
        typer.Option(help="requests a second per user before 429 Too Many Requests (1000; 0: off)"),
    ] = None,
    job_time_limit: Annotated[
        float | None,
        typer.Option(min=0, help="seconds a job may run before it ends ERROR (600; 0: off)"),
    ] = None,
    job_memory_limit: Annotated[
        float | None,
        typer.Option(
            min=0,
            help="MiB a job may add to its worker's memory before it ends ERROR (4096; 0: off)",
        ),
    ] = None,
    executor: Annotated[
        str,
        typer.Option(
            help="where jobs run: 'local' (--workers processes) or dask://HOST:PORT (a Dask"
            " scheduler; needs the 'dask' extra)"
        ),
    ] = "local",
    limit: Annotated[
        list[str] | None,
        typer.Option(help="NAME=VALUE: one of the limits in the README's Guarantees (repeatable)"),
    ] = None,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(help="proxies (comma-separated IPs) whose X-Forwarded-For is trusted (none)"),
    ] = None,
    public_url: Annotated[
        str | None,
        typer.Option(help="URL clients reach the server at, for results links (http://HOST:PORT)"),
    ] = None,
    log_level: Annotated[
        LogLevel,
        typer.Option(
            case_sensitive=False, help="what goes to stderr; INFO: a line per batch status change"
        ),
    ] = LogLevel.INFO,
) -> None:
    """Run the local cloud until Ctrl-C; log in with the first user's e-mail and password."""
    with errors(fallback=ExitCode.USAGE):
        require_local_extra()
        check_port(host, port)
        try:
            from pasqal_sdk.local.http.app import DEFAULT_OPEN_BATCH_TIMEOUT
            from pasqal_sdk.local.http.server import serve as run_server
            from pasqal_sdk.local.service.limits import LimitsError, parse_limits
            from pasqal_sdk.local.worker.executor import dask_address, default_workers
        except ModuleNotFoundError as missing:  # found above, yet broken
            if (missing.name or "").split(".")[0] not in LOCAL_MODULES:
                raise
            raise MissingExtraError("the local cloud", "local") from None
        dask_address(executor)  # a bad address or a missing extra: said before anything starts
        try:
            limits = parse_limits(limit or [])
        except LimitsError as error:
            raise typer.BadParameter(str(error), param_hint="--limit") from None

        # Ctrl-C: uvicorn has stopped the server and its workers, then re-raises it.
        with contextlib.suppress(KeyboardInterrupt):
            run_server(
                host=host,
                port=port,
                data_dir=data_dir or default_data_dir(),
                email=user,
                password=password,
                workers=workers or default_workers(),
                open_batch_timeout=open_batch_timeout or DEFAULT_OPEN_BATCH_TIMEOUT,
                seed=seed,
                rate_limit=rate_limit,
                job_time_limit=job_time_limit,
                job_memory_limit=None if job_memory_limit is None else int(job_memory_limit * MIB),
                executor=executor,
                limits=limits,
                forwarded_allow_ips=forwarded_allow_ips,
                public_url=public_url,
                log_level=log_level.value,
            )
    typer.echo("Pasqal local cloud stopped.")


@user_app.command("add")
def user_add(
    email: Annotated[str, typer.Argument(help="the user's e-mail (their login)")],
    password: Annotated[str, typer.Option(help="the user's password")],
    project: Project = None,
    data_dir: DataDir = None,
) -> None:
    """Add a user to a data dir; prints the project's id last."""
    with errors(fallback=ExitCode.USAGE):
        require_local_extra()
        from pasqal_sdk.local.http.server import add_user

        account = add_user(data_dir or default_data_dir(), email, password, project)
    typer.echo(f"user {account.email} added to project {account.project_id}")
    typer.echo(account.project_id)


@user_app.command("passwd")
def user_passwd(
    email: Annotated[str, typer.Argument(help="the user's e-mail")],
    password: Annotated[
        str,
        typer.Option(
            prompt="New password",
            hide_input=True,
            confirmation_prompt=True,
            help="the new password (prompted when left out)",
        ),
    ],
    data_dir: DataDir = None,
) -> None:
    """Change a user's password; the tokens issued to them before stop working."""
    with errors(fallback=ExitCode.USAGE):
        require_local_extra()
        from pasqal_sdk.local.service.accounts import change_password

        change_password(data_dir or default_data_dir(), email, password)
    typer.echo(f"password of {email} changed; their earlier tokens are revoked")


@service_app.command("add")
def service_account_add(
    name: Annotated[str, typer.Argument(help="a name for the account (in its client id)")],
    project: Project = None,
    data_dir: DataDir = None,
) -> None:
    """Add a service account; prints its client id, secret and project id."""
    with errors(fallback=ExitCode.USAGE):
        require_local_extra()
        from pasqal_sdk.local.http.server import add_service_account

        service = add_service_account(data_dir or default_data_dir(), name, project)
    typer.echo(f"client_id={service.client_id}")
    typer.echo(f"client_secret={service.client_secret}")
    typer.echo(f"project_id={service.project_id}")
