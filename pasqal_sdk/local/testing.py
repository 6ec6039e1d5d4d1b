"""A local cloud in a subprocess, for tests (this repository's and users' own).

Example:
    ```python
    from pasqal_sdk.local.testing import LocalCloud

    with LocalCloud() as cloud:
        print(cloud.core_url, cloud.username, cloud.project_id)
    ```
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import FrameType, TracebackType
from typing import IO, Any

from pasqal_sdk.local._extra import require_local_extra
from pasqal_sdk.local.http.server import (
    DEFAULT_PASSWORD,
    DEFAULT_USERNAME,
    ServiceAccount,
    add_service_account,
    add_user,
)

__all__ = ["LocalCloud"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


#: The clouds started and not closed, with the pid of the process that started each: SIGTERM
#: and the interpreter's exit close them there (never in a forked child, which shares them).
_RUNNING: dict[LocalCloud, int] = {}
_previous_sigterm: Any = None
_hooks: set[str] = set()  # "atexit", "sigterm": what is installed in this process


def _close_running() -> None:
    for cloud, owner in list(_RUNNING.items()):
        if owner == os.getpid():
            with contextlib.suppress(Exception):
                cloud.close()


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    """Close the running clouds (servers, their forkservers and workers, temporary data
    dirs), then do what SIGTERM did before: the previous handler, or the default (die)."""
    _close_running()
    if callable(_previous_sigterm):
        _previous_sigterm(signum, frame)
        return
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def _install_hooks() -> None:
    """Once per process: the servers run in sessions of their own, so nothing stops them when
    this process ends unless it does. SIGTERM's handler can only be set from the main thread
    (a cloud started elsewhere waits for one started there), and is left alone where SIGTERM
    is ignored."""
    global _previous_sigterm
    if "atexit" not in _hooks:
        _hooks.add("atexit")
        atexit.register(_close_running)
    if "sigterm" in _hooks or threading.current_thread() is not threading.main_thread():
        return
    _hooks.add("sigterm")
    previous = signal.getsignal(signal.SIGTERM)
    if previous is not signal.SIG_IGN:
        _previous_sigterm = previous
        signal.signal(signal.SIGTERM, _on_sigterm)


class LocalCloud:
    """Runs `python -m pasqal_sdk.local serve` on a free port with a temporary (or given) data
    dir; its output goes to `<data_dir>/server.log`. Closed by `close()` (or the `with` block),
    and also when this process exits or gets SIGTERM: no server, worker or temporary data dir
    outlives it.

    Args:
        data_dir: Where its database and results live (default: a temporary directory,
            removed on `close`).
        username: The default user's username.
        password: The default user's password.
        port: The port to listen on (default: a free one).
        workers: Emulator processes (default: the machine's cores).
        open_batch_timeout: Seconds an open batch may stay idle before it is TIMED_OUT.
        seed: Seed of the emulators' sampling, for reproducible counts.
        rate_limit: Requests a second per user before 429 Too Many Requests (0: off).
        job_time_limit: Seconds a job may run before it ends ERROR (0: off; default 600).
        job_memory_limit: MiB a job may add to its worker's memory (0: off; default 4096).
        executor: Where jobs run: "local" (default: `workers` processes) or
            "dask://HOST:PORT", a Dask scheduler (needs the `dask` extra).
        limits: Other limits by name (`serve --limit NAME=VALUE`; the README lists them).
        log_level: What the server logs to `server.log`: DEBUG, INFO (default: a line per
            batch status change), WARNING or ERROR.
        startup_timeout: Seconds to wait for the server to become healthy.
        start: Start the server now (else call `start()`).

    Example:
        ```python
        with LocalCloud() as cloud:
            sdk = SDK(
                cloud.username,
                cloud.password,
                project_id=cloud.project_id,
                endpoints=Endpoints(core=cloud.core_url, account=cloud.account_url),
                auth0=Auth0Conf(domain=cloud.url),
            )
        ```
    """

    def __init__(
        self,
        data_dir: str | Path | None = None,
        *,
        username: str = DEFAULT_USERNAME,
        password: str = DEFAULT_PASSWORD,
        port: int | None = None,
        workers: int | None = None,
        open_batch_timeout: float | None = None,
        seed: int | None = None,
        rate_limit: float | None = None,
        job_time_limit: float | None = None,
        job_memory_limit: float | None = None,
        executor: str | None = None,
        limits: dict[str, float] | None = None,
        log_level: str | None = None,
        startup_timeout: float = 60.0,
        start: bool = True,
    ) -> None:
        require_local_extra("LocalCloud (the local cloud)")
        self._temporary: tempfile.TemporaryDirectory[str] | None = None
        if data_dir is None:
            self._temporary = tempfile.TemporaryDirectory(prefix="pasqal-local-")
            data_dir = self._temporary.name
        self.data_dir = Path(data_dir)
        self.username = username
        self.password = password
        self.port = port or _free_port()
        self.workers = workers
        self.open_batch_timeout = open_batch_timeout
        self.seed = seed
        self.rate_limit = rate_limit
        self.job_time_limit = job_time_limit
        self.job_memory_limit = job_memory_limit
        self.executor = executor
        self.limits = dict(limits or {})
        self.log_level = log_level
        self.startup_timeout = startup_timeout
        self.project_id = ""
        self.user_id = ""
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        if start:
            self.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def core_url(self) -> str:
        return f"{self.url}/core-fast"

    @property
    def account_url(self) -> str:
        return f"{self.url}/account"

    def env(self) -> dict[str, str]:
        """The `PASQAL_*` variables that point `SDK()` and the `pasqal-sdk` CLI at this cloud,
        as its first user in its project (add them to a subprocess's environment)."""
        return {
            "PASQAL_URL": self.url,
            "PASQAL_USERNAME": self.username,
            "PASQAL_PASSWORD": self.password,
            "PASQAL_PROJECT_ID": self.project_id,
            "PASQAL_AUTH_ENDPOINT": self.url,
            "PASQAL_CORE_ENDPOINT": self.core_url,
            "PASQAL_ACCOUNT_ENDPOINT": self.account_url,
        }

    @property
    def token_url(self) -> str:
        return f"{self.url}/oauth/token"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "server.log"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Starts (or restarts, on the same data dir and port) and waits for /health."""
        if self.running:
            return
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        command = [
            sys.executable, "-m", "pasqal_sdk.local", "serve",
            "--host", "127.0.0.1", "--port", str(self.port),
            "--data-dir", str(self.data_dir),
            "--user", self.username, "--password", self.password,
        ]  # fmt: skip
        if self.workers:
            command += ["--workers", str(self.workers)]
        if self.open_batch_timeout is not None:
            command += ["--open-batch-timeout", str(self.open_batch_timeout)]
        if self.seed is not None:
            command += ["--seed", str(self.seed)]
        if self.rate_limit is not None:
            command += ["--rate-limit", str(self.rate_limit)]
        if self.job_time_limit is not None:
            command += ["--job-time-limit", str(self.job_time_limit)]
        if self.job_memory_limit is not None:
            command += ["--job-memory-limit", str(self.job_memory_limit)]
        if self.executor is not None:
            command += ["--executor", self.executor]
        if self.log_level is not None:
            command += ["--log-level", self.log_level]
        for name, value in self.limits.items():
            command += ["--limit", f"{name}={value:g}"]
        _install_hooks()
        self._log = self.log_file.open("ab")
        self._process = subprocess.Popen(
            command,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        _RUNNING[self] = os.getpid()
        self._wait_until_healthy()
        state = json.loads((self.data_dir / "server.json").read_text())
        self.project_id = state["project_id"]
        self.user_id = state["user_id"]

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise RuntimeError(
                    f"the local cloud exited with {self._process.returncode}; see {self.log_file}:"
                    f"\n{self.log_file.read_text()[-3000:]}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        self.kill()
        raise TimeoutError(f"the local cloud did not become healthy; see {self.log_file}")

    def stop(self, timeout: float = 15.0) -> None:
        """Stops the server gracefully (SIGTERM), then its whole process group.

        Args:
            timeout: Seconds to wait for it to exit before killing it.
        """
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
                return
        self._signal_group(signal.SIGKILL)
        self._close()

    def kill(self) -> None:
        """Kills the server and its workers with SIGKILL, like a crash."""
        if self._process is None:
            return
        self._signal_group(signal.SIGKILL)
        self._process.wait(10)
        self._close()

    def _signal_group(self, signum: int) -> None:
        assert self._process is not None
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._process.pid, signum)

    def _close(self) -> None:
        self._process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def add_user(self, email: str, password: str, project: str | None = None) -> str:
        """Adds a user (to `project` by name, new or existing); returns the project's id.

        Args:
            email: The user's username.
            password: Their password.
            project: The project's name (default: the default project).
        """
        return add_user(self.data_dir, email, password, project).project_id

    def add_service_account(self, name: str, project: str | None = None) -> ServiceAccount:
        """Adds a service account (to `project` by name); `.client_id`, `.client_secret`.

        Args:
            name: The service account's name.
            project: The project's name (default: the default project).
        """
        return add_service_account(self.data_dir, name, project)

    def close(self) -> None:
        self.stop()
        if self._temporary is not None:
            self._temporary.cleanup()
            self._temporary = None
        _RUNNING.pop(self, None)

    def __enter__(self) -> LocalCloud:
        if not self.running:
            self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
