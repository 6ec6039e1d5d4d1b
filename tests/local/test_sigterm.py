"""A process that runs a LocalCloud and gets SIGTERM takes its server down with it: no server,
forkserver or worker process is left, and the temporary data dir is gone."""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

CHILD = textwrap.dedent(
    """
    import json, time
    from pasqal_sdk.local.testing import LocalCloud

    cloud = LocalCloud(workers=1)
    print(json.dumps({"data_dir": str(cloud.data_dir), "server": cloud._process.pid}), flush=True)
    time.sleep(600)
    """
)


def _stat(pid: int) -> tuple[int, str, str] | None:
    """(parent pid, state, start time) from /proc, None once the process is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text.rsplit(")", 1)[1].split()  # after "pid (command)"
    return int(fields[1]), fields[0], fields[19]


def _descendants(root: int) -> dict[int, str]:
    """Every descendant of `root` now, by pid, with its start time (pids can be reused)."""
    parents: dict[int, list[tuple[int, str]]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None:
            parents.setdefault(stat[0], []).append((int(entry.name), stat[2]))
    found: dict[int, str] = {}
    todo = [root]
    while todo:
        for pid, started in parents.get(todo.pop(), []):
            found[pid] = started
            todo.append(pid)
    return found


def _alive(pid: int, started: str) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[2] == started and stat[1] != "Z"


def test_sigterm_to_its_process_stops_the_server_and_removes_the_data_dir() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    server = 0
    try:
        ready, _, _ = select.select([child.stdout], [], [], 120)
        assert ready, "the child did not start its local cloud"
        assert child.stdout is not None
        started = json.loads(child.stdout.readline())
        server = started["server"]
        data_dir = Path(started["data_dir"])
        tree = _descendants(child.pid)
        assert server in tree, tree
        assert len(tree) >= 2, tree  # the server and its forkserver at least
        assert data_dir.is_dir()

        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=60) == -signal.SIGTERM  # it still dies of the signal
        deadline = time.monotonic() + 30
        while any(_alive(*p) for p in tree.items()) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [pid for pid, when in tree.items() if _alive(pid, when)]
        assert left == [], f"left running: {left}"
        assert not data_dir.exists()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
        if server:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(server, signal.SIGKILL)
