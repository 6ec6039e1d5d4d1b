"""A `make bench` stopped by SIGTERM (or Ctrl-C) leaves no local cloud, worker or client behind."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from scripts.bench.lifecycle import alive, descendants

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "scripts" / "bench" / "bench.py"
# One cheap scenario, without the official client: the CLI's start-up, on the lan profile.
QUICK_ONE = [sys.executable, str(BENCH), "--quick", "--only", "cli_startup", "--profile", "lan"]

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="descendants are read in /proc")


def _lines(stream: object, into: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.put(line)


def _wait_for(lines: queue.Queue[str], text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        seen.append(line)
        if text in line:
            return
    pytest.fail(f"no {text!r} from the bench within {timeout} s; it said:\n{''.join(seen)}")


def _cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_bench_leaves_no_process_behind(tmp_path: Path, signum: int) -> None:
    bench = subprocess.Popen(
        [*QUICK_ONE, "--out", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=_lines, args=(bench.stderr, lines), daemon=True)
    reader.start()
    try:
        _wait_for(lines, "scenario cli_startup", timeout=120)
        # Until the scenario's local cloud is up (not a fixed sleep: a loaded machine is slow).
        deadline = time.monotonic() + 120
        left = descendants(bench.pid)
        while not any("pasqal_sdk.local" in _cmdline(pid) for pid in left):
            assert time.monotonic() < deadline, "no local cloud seen"
            time.sleep(0.2)
            left = descendants(bench.pid)
        bench.send_signal(signum)
        assert bench.wait(120) != 0
    finally:
        if bench.poll() is None:
            bench.kill()
            bench.wait()
        reader.join(timeout=60)
        assert bench.stderr is not None
        bench.stderr.close()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        survivors = {pid: _cmdline(pid) for pid, start in left.items() if alive(pid, start)}
        if not survivors:
            break
        time.sleep(0.5)
    assert not survivors, f"left running: {survivors}"
    assert not (tmp_path / "results.json").exists()  # an interrupted run writes no results
