"""The `pasqal-sdk` command line: quick looks at projects, devices, batches and jobs, `login`, and
the local cloud (`local serve|user add|service-account add`).

Settings come as for `SDK()`: options, then `PASQAL_*`, then `~/.pasqal/config` (`--profile`),
with the token that `pasqal-sdk login` saved first in line. `--json` prints machine-readable
output. The global options (`--json`, `--profile`/`-p`, `--project-id`, `--version`) go
anywhere on the line, before a `--`: `main` moves them in front of the sub-command. Exit codes
(`ExitCode`): 0 ok, 1 API or other error, 2 bad usage or configuration, 3 not found,
4 authentication or permission refused, 5 wait timed out, 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated

import typer

import pasqal_sdk._cli_startup  # noqa: F401  (first: before anything imports httpx)
from pasqal_sdk import _cli_account as account
from pasqal_sdk._cli_base import (
    ExitCode,
    JsonOption,
    Options,
    ProfileOption,
    ProjectOption,
    group,
    run_app,
)
from pasqal_sdk._cli_batches import batches_app, jobs_app
from pasqal_sdk._cli_local import local_app

__all__ = ["ExitCode", "app", "global_options_first", "main"]

app = group(
    "Pasqal Cloud from the command line. Global options go anywhere on the line. "
    "Exit codes: 0 ok, 1 error, 2 bad usage, 3 not found, 4 authentication, 5 timeout,"
    " 130 interrupted.",
    name="pasqal-sdk",
)
app.add_typer(batches_app, name="batches")
app.add_typer(jobs_app, name="jobs")
app.add_typer(local_app, name="local")
for command in (account.login, account.logout, account.projects, account.devices):
    app.command()(command)

#: The root's options: those that take a value, and flags.
VALUED = frozenset({"--profile", "-p", "--project-id"})
FLAGS = frozenset({"--json", "--version"})


def _print_version(value: bool) -> None:
    if value:
        from pasqal_sdk._version import __version__

        typer.echo(f"pasqal-sdk {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    profile: ProfileOption = None,
    project_id: ProjectOption = None,
    json_output: JsonOption = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_print_version, help="print the version and exit"
        ),
    ] = False,
) -> None:
    ctx.obj = Options(profile, project_id, json_output)


def global_options_first(args: Sequence[str]) -> list[str]:
    """`args` with the global options (and their values) moved in front, in their order.

    So `pasqal-sdk batches list --json` reads as `pasqal-sdk --json batches list`. Everything
    from a `--` on is left alone, and a global option's value is the word after it (or after
    `=`), as on the root.
    """
    moved: list[str] = []
    kept: list[str] = []
    words = iter(args)
    for word in words:
        if word == "--":
            kept += ["--", *words]
            break
        name = word.split("=", 1)[0] if word.startswith("--") else word
        if name in FLAGS and name == word:
            moved.append(word)
        elif name in VALUED:
            moved.append(word)
            value = next(words, None) if name == word else None
            moved += [] if value is None else [value]
        else:
            kept.append(word)
    return moved + kept


def main(argv: Sequence[str] | None = None) -> int:
    """The console script: runs `app` and returns its exit code (see `ExitCode`)."""
    args = list(sys.argv[1:] if argv is None else argv)
    return run_app(app, global_options_first(args), "pasqal-sdk")


if __name__ == "__main__":
    sys.exit(main())
