"""`pasqal-sdk local ...` and `python -m pasqal_sdk.local ...`: typer help, every `serve` option,
and the checks `serve` makes before it changes anything (the `local` extra, a free port)."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pasqal_sdk._cli import ExitCode

Run = Callable[..., Any]

SERVE_OPTIONS = (
    "--job-time-limit",
    "--job-memory-limit",
    "--host",
    "--port",
    "--data-dir",
    "--user",
    "--password",
    "--workers",
    "--open-batch-timeout",
    "--seed",
    "--rate-limit",
    "--executor",
    "--log-level",
)
EXTRA_LINE = "the local cloud needs the 'local' extra: pip install 'pasqal-sdk[local]'"

#: Code run before the CLI in a subprocess so that the `local` extra looks uninstalled.
BLOCKERS = {
    "sys.modules entry set to None": "import sys; sys.modules['starlette'] = None",
    "meta-path finder": (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('uvicorn', 'starlette'):\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Block())"
    ),
}


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port something already listens on."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield int(listener.getsockname()[1])


def test_local_alone_shows_its_commands(run: Run) -> None:
    outcome = run("local")
    assert outcome.code in (ExitCode.OK, ExitCode.USAGE)
    for command in ("serve", "user", "service-account"):
        assert command in outcome.out
    assert "Traceback" not in outcome.err + outcome.out


def test_serve_help_lists_every_option(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    outcome = run("local", "serve", "--help")
    assert outcome.code == ExitCode.OK
    for option in SERVE_OPTIONS:
        assert option in outcome.out


def test_serve_refuses_a_taken_port_before_creating_anything(
    run: Run, tmp_path: Path, taken_port: int
) -> None:
    data_dir = tmp_path / "data"
    outcome = run("local", "serve", "--port", str(taken_port), "--data-dir", str(data_dir))
    assert outcome.code == ExitCode.USAGE
    lines = outcome.err.strip().splitlines()
    assert len(lines) == 1
    assert f"port {taken_port}" in lines[0]
    assert "--port" in lines[0]
    assert outcome.out == ""  # no banner
    assert not data_dir.exists()


@pytest.mark.parametrize("blocker", sorted(BLOCKERS))
@pytest.mark.parametrize(
    "entry",
    [
        "from pasqal_sdk._cli import main; raise SystemExit(main(['local', *ARGS]))",
        "from pasqal_sdk.local.__main__ import main; raise SystemExit(main(ARGS))",
    ],
)
def test_serve_without_the_local_extra_says_what_to_install(
    tmp_path: Path, blocker: str, entry: str
) -> None:
    data_dir = tmp_path / "data"
    args = ["serve", "--port", "0", "--data-dir", str(data_dir)]
    code = f"{BLOCKERS[blocker]}\nARGS = {args!r}\n{entry}\n"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == ExitCode.USAGE
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert EXTRA_LINE in lines[0]
    assert done.stdout == ""
    assert not data_dir.exists()


def test_python_m_pasqal_sdk_local_runs_the_same_commands(tmp_path: Path) -> None:
    bare = subprocess.run(
        [sys.executable, "-m", "pasqal_sdk.local"], capture_output=True, text=True, check=False
    )
    assert bare.returncode in (ExitCode.OK, ExitCode.USAGE)
    assert "service-account" in bare.stdout
    assert "Traceback" not in bare.stderr
    added = subprocess.run(
        [
            sys.executable,
            "-m",
            "pasqal_sdk.local",
            "service-account",
            "add",
            "bot",
            "--data-dir",
            str(tmp_path / "d"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert added.returncode == ExitCode.OK, added.stderr
    assert added.stdout.startswith("client_id=bot.")


def test_user_add_prints_the_project_id_last(run: Run, tmp_path: Path) -> None:
    data_dir = str(tmp_path / "d")
    outcome = run("local", "user", "add", "a@b.c", "--password", "pw", "--data-dir", data_dir)
    assert outcome.code == ExitCode.OK, outcome.err
    assert len(outcome.out.strip().splitlines()[-1]) == 36  # a UUID


def test_user_passwd_changes_the_password_and_refuses_an_unknown_user(
    run: Run, tmp_path: Path
) -> None:
    data_dir = str(tmp_path / "d")
    assert (
        run("local", "user", "add", "a@b.c", "--password", "one", "--data-dir", data_dir).code == 0
    )
    changed = run("local", "user", "passwd", "a@b.c", "--password", "two", "--data-dir", data_dir)
    assert changed.code == ExitCode.OK, changed.err
    assert "a@b.c" in changed.out
    unknown = run("local", "user", "passwd", "x@y.z", "--password", "two", "--data-dir", data_dir)
    assert unknown.code == ExitCode.USAGE
    assert "x@y.z" in unknown.err
    assert len(unknown.err.strip().splitlines()) == 1
    again = run("local", "user", "add", "a@b.c", "--password", "three", "--data-dir", data_dir)
    assert again.code == ExitCode.USAGE
    assert "passwd" in again.err  # the error says how to change the password instead


def test_serve_options_reach_the_server(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pasqal_sdk.local.http import server as _server

    received: dict[str, Any] = {}
    monkeypatch.setattr(_server, "serve", lambda **given: received.update(given))
    args = ["--port", "0", "--data-dir", str(tmp_path / "d"), "--workers", "3", "--seed", "7"]
    limits = ["--rate-limit", "0", "--job-time-limit", "5", "--job-memory-limit", "64"]
    outcome = run("local", "serve", *args, *limits, "--open-batch-timeout", "9")
    assert outcome.code == ExitCode.OK, outcome.err
    assert received["data_dir"] == tmp_path / "d"
    assert (received["workers"], received["seed"], received["rate_limit"]) == (3, 7, 0)
    assert received["open_batch_timeout"] == 9
    assert received["job_time_limit"] == 5
    assert received["job_memory_limit"] == 64 * 1024**2  # MiB on the command line
    assert received["executor"] == "local"


def test_serve_passes_a_dask_executor_and_refuses_an_unknown_one(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pasqal_sdk.local.http import server as _server

    received: dict[str, Any] = {}
    monkeypatch.setattr(_server, "serve", lambda **given: received.update(given))
    args = ["--port", "0", "--data-dir", str(tmp_path / "d")]
    outcome = run("local", "serve", *args, "--executor", "dask://10.0.0.5:8786")
    assert outcome.code == ExitCode.OK, outcome.err
    assert received["executor"] == "dask://10.0.0.5:8786"
    refused = run("local", "serve", *args, "--executor", "slurm")
    assert refused.code == ExitCode.USAGE
    assert "dask://HOST:PORT" in refused.err


def test_serve_log_level_is_info_by_default_any_case_and_refuses_others(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pasqal_sdk.local.http import server as _server

    received: dict[str, Any] = {}
    monkeypatch.setattr(_server, "serve", lambda **given: received.update(given))
    args = ["--port", "0", "--data-dir", str(tmp_path / "d")]
    assert run("local", "serve", *args).code == ExitCode.OK
    assert received["log_level"] == "INFO"
    assert run("local", "serve", *args, "--log-level", "debug").code == ExitCode.OK
    assert received["log_level"] == "DEBUG"
    refused = run("local", "serve", *args, "--log-level", "verbose")
    assert refused.code == ExitCode.USAGE
    assert "'verbose' is not one of" in refused.err
    assert "'warning'" in refused.err


def test_ctrl_c_on_serve_prints_one_stopped_line_and_no_traceback(tmp_path: Path) -> None:
    """SIGINT to the whole process group, as a terminal's Ctrl-C sends it: the server, its
    forkserver and its workers all get it."""
    import os
    import signal
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "pasqal_sdk.local", "serve", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--data-dir", str(tmp_path / "data"), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert server.stdout is not None
        for line in server.stdout:  # the banner's last line comes once the workers are up
            if "Ctrl-C stops it" in line:
                break
        deadline = time.monotonic() + 120
        while True:  # listening once uvicorn is up (the banner prints just before)
            try:
                socket.create_connection(("127.0.0.1", port), timeout=5).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server never listened"
                time.sleep(0.1)
        os.killpg(server.pid, signal.SIGINT)
        out, err = server.communicate(timeout=60)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    assert server.returncode == 0, err
    assert "Traceback" not in err, err
    assert "KeyboardInterrupt" not in err, err
    assert out.rstrip().splitlines()[-1] == "Pasqal local cloud stopped."
    assert out.count("stopped") == 1
