"""`pasqal-sdk` against a local cloud: login and its token store, every command with `--json`,
progress on waits, and the documented exit codes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pasqal_sdk._cli import ExitCode
from pasqal_sdk._login import TokenStore
from tests.sdk.scenarios import MISSING_ID, jobs, sequence

Run = Callable[..., Any]


def test_login_keeps_the_token_in_a_private_file_used_by_later_commands(
    run: Run, config_root: Path, cloud: Any
) -> None:
    outcome = run("--json", "login")
    assert outcome.code == ExitCode.OK, outcome.err
    token_file = config_root / ".pasqal" / "tokens" / "default"
    assert outcome.json() == {"stored_in": str(token_file)}
    assert token_file.stat().st_mode & 0o777 == 0o600
    # Without the password in the config, the saved token still opens the door.
    (config_root / ".pasqal" / "config").write_text(
        f"project_id={cloud.project_id}\ncore_endpoint={cloud.core_url}\n"
        f"account_endpoint={cloud.account_url}\n"
    )
    projects = run("--json", "projects")
    assert projects.code == ExitCode.OK, projects.err
    assert cloud.project_id in [p["id"] for p in projects.json()]
    assert run("logout").code == ExitCode.OK
    assert not token_file.exists()
    refused = run("projects")
    assert refused.code == ExitCode.AUTH
    assert "not logged in: run `pasqal-sdk login`" in refused.err
    again = run("--json", "logout")
    assert again.code == ExitCode.OK
    assert again.json() == {"logged_out": False}
    assert "Not logged in" in run("logout").out


def test_login_uses_the_os_keyring_when_it_works(
    run: Run, config_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        saved: dict[tuple[str, str], str] = {}  # noqa: RUF012

        def get_password(self, service: str, username: str) -> str | None:
            return self.saved.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.saved[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.saved.pop((service, username), None)

    monkeypatch.delenv("PASQAL_NO_KEYRING")
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        outcome = run("--json", "login")
        assert outcome.json() == {"stored_in": "the OS keyring"}
        assert not (config_root / ".pasqal" / "tokens" / "default").exists()
        assert TokenStore(None).load() == MemoryKeyring.saved[("pasqal-sdk", "default")]
        run("logout")
        assert TokenStore(None).load() is None
    finally:
        keyring.set_keyring(previous)


def test_wrong_password_exits_with_the_auth_code(run: Run, cloud: Any) -> None:
    outcome = run("login", "--username", cloud.username, "--password", "wrong")
    assert outcome.code == ExitCode.AUTH
    assert outcome.err.startswith("error:")


def test_projects_and_devices(run: Run, cloud: Any) -> None:
    projects = run("--json", "projects")
    assert cloud.project_id in [p["id"] for p in projects.json()]
    devices = run("--json", "devices")
    assert devices.code == ExitCode.OK
    assert "FRESNEL" in devices.json()
    table = run("devices")
    assert "FRESNEL" in table.out


def test_batch_lifecycle_with_json_output(run: Run, sdk: Any) -> None:
    batch = sdk.create_batch(sequence(), jobs(30, 20), emulator="EMU_FREE")
    waited = run("--json", "batches", "wait", batch.id, "--timeout", "120")
    assert waited.code == ExitCode.OK, waited.err
    assert waited.json()["status"] == "DONE"
    listed = run("--json", "batches", "list", "--limit", "50")
    assert batch.id in [b["id"] for b in listed.json()]
    shown = run("--json", "batches", "show", batch.id)
    assert [j["runs"] for j in shown.json()["jobs"]] == [30, 20]
    results = run("--json", "batches", "results", batch.id)
    assert sorted(sum(r["counts"].values()) for r in results.json().values()) == [20, 30]
    job_id = shown.json()["jobs"][0]["id"]
    job = run("--json", "jobs", "show", job_id)
    assert job.json()["status"] == "DONE"
    counts = run("--json", "jobs", "results", job_id)
    assert sum(counts.json().values()) == 30
    human = run("jobs", "results", job_id)
    assert "probability" in human.out


def test_wait_shows_progress_and_times_out_with_code_5(run: Run, sdk: Any) -> None:
    batch = sdk.create_batch(sequence(), jobs(10), emulator="EMU_FREE", open=True)
    timed_out = run("batches", "wait", batch.id, "--timeout", "0.5")
    assert timed_out.code == ExitCode.TIMEOUT
    assert "jobs done" in timed_out.err  # the progress bar, on stderr
    cancelled = run("--json", "batches", "cancel", batch.id)
    assert cancelled.json() == {"id": batch.id, "status": "CANCELED"}


def test_missing_things_exit_with_code_3(run: Run) -> None:
    assert run("batches", "show", MISSING_ID).code == ExitCode.NOT_FOUND
    assert run("jobs", "show", MISSING_ID).code == ExitCode.NOT_FOUND


def test_bad_usage_exits_with_code_2(run: Run) -> None:
    assert run("batches", "nope").code == ExitCode.USAGE
    assert run("--profile", "nope", "projects").code == ExitCode.USAGE


def test_console_script_runs_as_a_process(config_root: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pasqal_sdk._cli", "--json", "projects"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("[")


def test_local_commands_still_delegate_to_the_local_cloud(run: Run, tmp_path: Path) -> None:
    outcome = run("local", "service-account", "add", "bot", "--data-dir", str(tmp_path / "d"))
    assert outcome.code == ExitCode.OK
    assert outcome.out.startswith("client_id=bot.")


def test_an_expired_saved_token_gives_way_to_the_configured_password(
    run: Run, config_root: Path
) -> None:
    TokenStore(None).save("e30.eyJleHAiOjF9.c2ln")  # {"exp": 1}
    outcome = run("--json", "projects")
    assert outcome.code == ExitCode.OK, outcome.err


def test_wait_on_an_open_batch_says_so_and_close_lets_it_finish(run: Run, sdk: Any) -> None:
    batch = sdk.create_batch(sequence(), jobs(10), emulator="EMU_FREE", open=True)
    timed_out = run("batches", "wait", batch.id, "--timeout", "0.5")
    assert timed_out.code == ExitCode.TIMEOUT
    assert f"batch {batch.id} is open" in timed_out.err
    assert f"pasqal-sdk batches close {batch.id}" in timed_out.err
    closed = run("--json", "batches", "close", batch.id)
    assert closed.code == ExitCode.OK, closed.err
    assert closed.json()["open"] is False
    done = run("--json", "batches", "wait", batch.id, "--timeout", "120")
    assert done.code == ExitCode.OK, done.err
    assert done.json()["status"] == "DONE"
    assert "is open" not in done.err


def test_ctrl_c_in_wait_says_the_batch_goes_on_and_exits_130(
    run: Run, sdk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pasqal_sdk import Batch

    batch = sdk.create_batch(sequence(), jobs(10), emulator="EMU_FREE")

    def interrupted(self: Any, timeout: Any = None, progress: bool = False) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(Batch, "wait", interrupted)
    stopped = run("batches", "wait", batch.id)
    assert stopped.code == ExitCode.INTERRUPTED == 130
    assert f"batch {batch.id} goes on" in stopped.err
    assert f"pasqal-sdk batches wait {batch.id}" in stopped.err
    assert f"pasqal-sdk batches cancel {batch.id}" in stopped.err
    assert "Traceback" not in stopped.err
    assert "130" in run("--help").out


def login_process(tmp_path: Path, typed: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`pasqal-sdk login ARGS` with nothing configured, `typed` on its stdin (no terminal)."""
    import os

    env = {
        **os.environ,
        "PASQAL_CONFIG_ROOT": str(tmp_path / "pasqal"),
        "PASQAL_NO_KEYRING": "1",
    }
    for variable in [name for name in env if name.startswith("PASQAL_") and "CONFIG" not in name]:
        if variable != "PASQAL_NO_KEYRING":
            env.pop(variable)
    return subprocess.run(
        [sys.executable, "-m", "pasqal_sdk._cli", "login", *args],
        input=typed,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        start_new_session=True,  # no controlling terminal: the hidden prompt reads stdin
        check=False,
    )


def test_login_with_nothing_configured_asks_and_offers_to_save_the_profile(
    tmp_path: Path, cloud: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = f"{cloud.username}\n{cloud.password}\ny\n"
    done = login_process(tmp_path, typed, "--url", cloud.url)
    assert done.returncode == 0, done.stderr
    shown = done.stdout + done.stderr
    assert "E-mail:" in shown
    assert "Password:" in shown
    assert cloud.password not in shown  # hidden
    assert "Keep url=" in shown
    assert "token_provider" not in shown
    config = (tmp_path / "pasqal" / ".pasqal" / "config").read_text()
    assert f"url={cloud.url}" in config
    assert f"username={cloud.username}" in config
    assert "password" not in config
    assert (tmp_path / "pasqal" / ".pasqal" / "config").stat().st_mode & 0o777 == 0o600
    # Later commands need nothing else: the saved profile and token.
    monkeypatch.setenv("PASQAL_CONFIG_ROOT", str(tmp_path / "pasqal"))
    monkeypatch.setenv("PASQAL_NO_KEYRING", "1")
    from pasqal_sdk._cli import main

    assert main(["--json", "projects"]) == ExitCode.OK


def test_login_no_save_says_how_to_point_later_commands(tmp_path: Path, cloud: Any) -> None:
    typed = f"{cloud.username}\n{cloud.password}\n"
    done = login_process(tmp_path, typed, "--url", cloud.url, "--no-save")
    assert done.returncode == 0, done.stderr
    assert f"PASQAL_URL={cloud.url}" in done.stdout
    assert not (tmp_path / "pasqal" / ".pasqal" / "config").exists()
    wrong = login_process(tmp_path, f"{cloud.username}\nwrong\n", "--url", cloud.url, "--no-save")
    assert wrong.returncode == ExitCode.AUTH
    assert wrong.stderr.strip().splitlines()[-1].startswith("error:")
    assert "Traceback" not in wrong.stderr


def test_json_errors_are_json_on_stderr(run: Run) -> None:
    import json

    missing = run("--json", "batches", "show", MISSING_ID)
    assert missing.code == ExitCode.NOT_FOUND
    error = json.loads(missing.err)
    assert error["exit_code"] == ExitCode.NOT_FOUND
    assert error["type"] == "NotFoundError"
    assert MISSING_ID in error["error"]
    assert missing.out == ""
    usage = run("--json", "batches", "list", "--status", "nope")
    assert usage.code == ExitCode.USAGE
    assert json.loads(usage.err)["type"] == "UsageError"
    assert run("batches", "show", MISSING_ID).err.startswith("error: ")
