"""The command line's global behaviour: `--version`, global options anywhere, one typo hint,
case-insensitive choices, an unknown `--project-id`, and `--help` without the SDK loaded."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

from pasqal_sdk._cli import ExitCode, global_options_first
from pasqal_sdk._version import __version__
from tests.sdk.scenarios import MISSING_ID

Run = Callable[..., Any]


def test_version_prints_the_package_version(run: Run) -> None:
    outcome = run("--version")
    assert outcome.code == ExitCode.OK
    assert outcome.out == f"pasqal-sdk {__version__}\n"
    assert run("projects", "--version").out == outcome.out  # a global option, anywhere


def test_global_options_move_in_front_of_the_sub_command() -> None:
    args = ["batches", "list", "--json", "--limit", "5", "--project-id", "P", "--profile=x"]
    assert global_options_first(args) == [
        "--json",
        "--project-id",
        "P",
        "--profile=x",
        "batches",
        "list",
        "--limit",
        "5",
    ]
    assert global_options_first(["-p", "lab", "jobs", "show", "--", "--json"]) == [
        "-p",
        "lab",
        "jobs",
        "show",
        "--",
        "--json",
    ]
    assert global_options_first(["projects", "--profile"]) == ["--profile", "projects"]


def test_global_options_work_after_the_sub_command(run: Run, cloud: Any) -> None:
    listed = run("batches", "list", "--json", "--limit", "5")
    assert listed.code == ExitCode.OK, listed.err
    assert isinstance(listed.json(), list)
    projects = run("projects", "--json")
    assert cloud.project_id in [p["id"] for p in projects.json()]
    unknown_profile = run("projects", "--profile", "nope")
    assert unknown_profile.code == ExitCode.USAGE


@pytest.mark.parametrize("typo", [["batchs"], ["batches", "lst"], ["jbos", "list"]])
def test_a_typo_gives_exactly_one_hint(run: Run, typo: list[str]) -> None:
    outcome = run(*typo)
    assert outcome.code == ExitCode.USAGE
    assert outcome.err.count("Did you mean") == 1, outcome.err


def test_an_unknown_command_far_from_any_has_no_hint(run: Run) -> None:
    outcome = run("batches", "xyzzy")
    assert outcome.code == ExitCode.USAGE
    assert "No such command 'xyzzy'" in outcome.err
    assert "Did you mean" not in outcome.err


def test_choices_ignore_case(run: Run) -> None:
    mixed = run("--json", "batches", "list", "--status", "canceled", "--status", "Done")
    assert mixed.code == ExitCode.OK, mixed.err
    assert {b["status"] for b in mixed.json()} <= {"CANCELED", "DONE"}
    jobs = run("--json", "jobs", "list", "--status", "error")
    assert jobs.code == ExitCode.OK, jobs.err
    assert run("batches", "list", "--status", "finished").code == ExitCode.USAGE


@pytest.mark.parametrize("where", ["before", "after"])
def test_an_unknown_project_id_exits_3_naming_the_projects_command(run: Run, where: str) -> None:
    command = ["batches", "list"]
    option = ["--project-id", MISSING_ID]
    outcome = run(*(option + command if where == "before" else command + option))
    assert outcome.code == ExitCode.NOT_FOUND
    assert "pasqal-sdk projects" in outcome.err
    assert outcome.out == ""


def test_a_known_project_id_is_accepted(run: Run, cloud: Any) -> None:
    outcome = run("--json", "--project-id", cloud.project_id, "jobs", "list")
    assert outcome.code == ExitCode.OK, outcome.err


def test_status_and_device_type_choices_are_the_documents(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pasqal_core_client.models import BatchStatus, DeviceType, JobStatus

    monkeypatch.setenv("COLUMNS", "300")
    # `--help` shows the choices in lower case (they are taken in any case).
    listing = run("batches", "list", "--help").out.lower()
    for value in [*BatchStatus.list(), *DeviceType.list()]:
        assert value.lower() in listing
    jobs = run("jobs", "list", "--help").out.lower()
    assert all(value.lower() in jobs for value in JobStatus.list())


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["batches", "--help"]])
def test_help_and_version_load_neither_the_sdk_nor_its_http_stack(args: list[str]) -> None:
    # The generated enumerations are read for the choices; the generated clients are not loaded.
    heavy = ("httpx", "pasqal_sdk._sync.client", "pasqal_core_client.client", "pulser", "starlette")
    code = (
        "import sys\n"
        "from pasqal_sdk._cli import main\n"
        f"code = main({args!r})\n"
        f"print(code, sorted(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "0 []"


def test_a_command_loads_neither_httpx_command_line_nor_rich() -> None:
    """httpx's own CLI (rich, pygments) costs a tenth of a second a command: the CLI skips it,
    and httpx still works."""
    heavy = ("httpx._main", "rich", "pygments")
    code = (
        "import sys\n"
        "import pasqal_sdk._cli\n"
        "from pasqal_sdk._cli_base import Options\n"
        "import httpx, pasqal_sdk._sync.client\n"
        "assert httpx.Client and httpx.Response(200).status_code == 200\n"
        f"print(sorted(m for m in {heavy!r} if sys.modules.get(m) is not None), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_help_speaks_in_cli_words(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    listing = run("jobs", "list", "--help").out
    assert "YYYY-MM-DD[THH:MM:SS]" in listing
    assert "%Y" not in listing
    for shown in (listing, run("batches", "list", "--help").out, run("login", "--help").out):
        assert "<bool>" not in shown
        assert "BOOLEAN" not in shown
    wait = run("batches", "wait", "--help").out
    assert "BATCH_ID" in wait
    assert "{batch_id}" not in wait
    missing = run("batches", "show")
    assert missing.code == ExitCode.USAGE
    assert "Missing argument 'BATCH_ID'" in missing.err
    bad = run("batches", "list", "--status", "nope")
    assert "is not one of" in bad.err
    assert "Value error" not in bad.err
