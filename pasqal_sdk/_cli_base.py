"""What every `pasqal-sdk` command shares: exit codes, the global options, JSON or table output,
SDK errors as one line and an exit code, and the command groups.

Only typer and the standard library load here, so `pasqal-sdk --help` stays fast: the SDK, httpx
and rich's tables load inside the commands that use them.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from difflib import get_close_matches
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from pasqal_sdk._errors import (
    AuthenticationError,
    InvalidConfigurationError,
    MissingExtraError,
    NotFoundError,
    PasqalError,
    PermissionDeniedError,
    ProjectNotFoundError,
    WaitTimeoutError,
)

if TYPE_CHECKING:
    from rich.table import Table

    from pasqal_sdk._sync.client import SDK


class ExitCode(enum.IntEnum):
    """What `pasqal-sdk` exits with, for scripts."""

    OK = 0
    ERROR = 1
    USAGE = 2
    NOT_FOUND = 3
    AUTH = 4
    TIMEOUT = 5
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it


#: Error classes to exit codes, most specific first.
EXIT_CODES: tuple[tuple[type[BaseException], ExitCode], ...] = (
    (InvalidConfigurationError, ExitCode.USAGE),
    (MissingExtraError, ExitCode.USAGE),
    (NotFoundError, ExitCode.NOT_FOUND),
    (ProjectNotFoundError, ExitCode.NOT_FOUND),
    (AuthenticationError, ExitCode.AUTH),
    (PermissionDeniedError, ExitCode.AUTH),
    (WaitTimeoutError, ExitCode.TIMEOUT),
)


def _base_named(name: str) -> type[Exception]:
    """typer's own click exception class `name`: typer >= 0.26 vendors click, so the classes it
    raises are found from the ones it exports rather than imported from `click`."""
    found = next(c for c in typer.BadParameter.__mro__ if c.__name__ == name)
    assert issubclass(found, Exception)
    return found


#: The click exceptions typer raises (its own vendored copy or the `click` package).
ClickException = _base_named("ClickException")
UsageError = _base_named("UsageError")


class Group(TyperGroup):
    """A command group whose unknown-command error carries exactly one "Did you mean" hint
    (typer and click 8.2+ each add one)."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            message = str(getattr(error, "message", ""))
            if args and message.startswith("No such command"):
                base = message.split(" Did you mean", 1)[0].rstrip(".")
                matches = get_close_matches(args[0], list(self.commands))
                hint = " Did you mean " + ", ".join(repr(m) for m in matches) + "?"
                error.message = base + "." + (hint if matches else "")  # type: ignore[attr-defined]
                if hasattr(error, "possibilities"):  # click >= 8.4 would add its own hint
                    error.possibilities = None
            raise


def group(help: str, **settings: Any) -> typer.Typer:
    """A command group with the CLI's settings: rich help, help when called bare, one hint."""
    return typer.Typer(
        cls=Group,
        help=help,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        **settings,
    )


@dataclass
class Options:
    """The global options, kept on the root context for every command."""

    profile: str | None = None
    project_id: str | None = None
    json: bool = False

    def sdk(self, *, check_project: bool = True, require_login: bool = True) -> SDK:
        """An SDK configured like `SDK()`, on the token `login` saved when there is one.

        Every command acts as a user: with no credentials at all it stops here, before a request
        (exit 4, saying to run `pasqal-sdk login`) unless `require_login` is False (an anonymous
        SDK, for what the service serves to anyone).
        An explicit `--project-id` is checked against the user's projects (ProjectNotFoundError,
        exit 3, naming `pasqal-sdk projects`) unless `check_project` is False.
        """
        import time

        from pasqal_sdk._auth import StaticTokenProvider, jwt_expiry
        from pasqal_sdk._config import config_path, load_config
        from pasqal_sdk._login import TokenStore
        from pasqal_sdk._sync.client import SDK

        config = load_config(self.profile)
        project = self.project_id or config.project_id
        saved = TokenStore(self.profile).load()
        expiry = jwt_expiry(saved) if saved else None
        if expiry is not None and expiry <= time.time():
            saved = None  # expired: the configured credentials, if any, take over
        provider = StaticTokenProvider(saved) if saved else None
        sdk = SDK(project_id=project, token_provider=provider, profile=self.profile)
        if sdk._settings.token_provider is None and require_login:  # before any request: exit 4
            sdk.close()
            raise fail(
                self,
                "not logged in: run `pasqal-sdk login`, or set PASQAL_USERNAME and"
                f" PASQAL_PASSWORD (or a token, service account or profile in {config_path()})",
                ExitCode.AUTH,
                "NotLoggedIn",
            )
        if check_project and self.project_id:
            try:
                sdk.switch_to_project(self.project_id)
            except BaseException:
                sdk.close()
                raise
        return sdk


def options(ctx: typer.Context) -> Options:
    """The global options of the command running in `ctx`."""
    found = ctx.find_root().obj
    assert isinstance(found, Options)
    return found


ProfileOption = Annotated[
    str | None, typer.Option("--profile", "-p", help="config profile (default: PASQAL_PROFILE)")
]
ProjectOption = Annotated[
    str | None, typer.Option("--project-id", help="project to work in (see `pasqal-sdk projects`)")
]
JsonOption = Annotated[bool, typer.Option("--json", help="print JSON for scripts")]


def emit(opts: Options, data: Any, view: Callable[[], Table | str]) -> None:
    """Print `data` as JSON with --json, else the human view `view()` builds."""
    if opts.json:
        typer.echo(json.dumps(data, indent=2, sort_keys=True, default=str))
    else:
        from rich.console import Console

        shown = view()
        Console().print(shown)
        if not isinstance(shown, str) and shown.row_count == 0:
            typer.echo(f"(no {shown.title or 'items'} match)", err=True)


def fail(opts: Options | None, message: str, code: ExitCode, kind: str = "error") -> typer.Exit:
    """Say `message` on stderr (`error: ...`, or with --json one JSON object: `error`, `type`,
    `exit_code`) and return the Exit to raise with `code`."""
    if opts is not None and opts.json:
        data = {"error": message, "type": kind, "exit_code": int(code)}
        typer.echo(json.dumps(data, sort_keys=True), err=True)
    else:
        typer.echo(f"error: {message}", err=True)
    return typer.Exit(int(code))


@contextmanager
def errors(opts: Options | None = None, fallback: ExitCode = ExitCode.ERROR) -> Iterator[None]:
    """Turn SDK errors into a one-line message on stderr (JSON with `opts.json`) and a
    documented exit code (`fallback` for the errors `EXIT_CODES` doesn't list)."""
    try:
        yield
    except PasqalError as error:
        code = next((code for kind, code in EXIT_CODES if isinstance(error, kind)), fallback)
        raise fail(opts, str(error), code, type(error).__name__) from None


def run_app(application: typer.Typer, args: Sequence[str], prog_name: str) -> int:
    """Run a typer app on `args` and return its exit code: usage errors print as click does
    (exit 2), Ctrl-C at a prompt is "aborted" (exit 1)."""
    words = list(args)
    as_json = "--json" in words[: words.index("--") if "--" in words else len(words)]
    try:
        outcome = application(args=words, prog_name=prog_name, standalone_mode=False)
    except ClickException as error:
        code = int(getattr(error, "exit_code", ExitCode.USAGE))
        if not as_json:
            error.show()  # type: ignore[attr-defined]
            return code
        message = error.format_message()  # type: ignore[attr-defined]
        data = {"error": message, "type": "UsageError", "exit_code": code}
        typer.echo(json.dumps(data, sort_keys=True), err=True)
        return code
    except typer.Abort:
        typer.echo("aborted", err=True)
        return int(ExitCode.ERROR)
    except typer.Exit as done:  # raised outside a command's own handling (e.g. --version)
        return int(getattr(done, "exit_code", 0))
    return outcome if isinstance(outcome, int) else int(ExitCode.OK)
