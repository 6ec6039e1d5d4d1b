"""`make soak`: a long, bounded run of many small jobs from concurrent SDK clients against a
local cloud, checking that nothing is lost, duplicated or failed, that the server's memory stays
flat and that its log holds no error.

Default: 2000 jobs over about 10 minutes from 4 clients (threads, each with its own SDK),
batches of 5 jobs, half the clients using open batches filled with `add_jobs`. `--quick` runs a
short smoke version. Prints a summary (and the server's RSS, first/last/max, sampled from
/proc) and exits 1 when a check fails.

Usage: python scripts/soak.py [--quick] [--jobs N] [--clients N] [--minutes M] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pasqal_sdk import SDK, Auth0Conf, Endpoints, PollingPolicy  # noqa: E402
from pasqal_sdk.local.testing import LocalCloud  # noqa: E402

JOBS_PER_BATCH = 5
RUNS = 10
SAMPLE_EVERY_S = 2.0
# Memory is flat when the end of the run uses at most this much more than its start (after the
# first batches warmed the server up): a relative and an absolute allowance.
MAX_GROWTH_RATIO = 1.25
MAX_GROWTH_MIB = 32.0
LOG_ERRORS = ("Traceback", " ERROR ", "CRITICAL", "unexpected error")


def tiny_sequence() -> str:
    """Two atoms, one global pulse of variable amplitude `amp`, on Pulser's MockDevice."""
    from pulser import Pulse, Register, Sequence
    from pulser.devices import MockDevice

    sequence = Sequence(Register.rectangle(1, 2, spacing=6.0, prefix="q"), MockDevice)
    sequence.declare_channel("ryd", "rydberg_global")
    amp = sequence.declare_variable("amp")
    sequence.add(Pulse.ConstantPulse(200, amp, 0, 0), "ryd")
    sequence.measure()
    return str(sequence.to_abstract_repr())


@dataclass
class Tally:
    batches: list[str] = field(default_factory=list)
    jobs: int = 0
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail(self, what: str) -> None:
        with self.lock:
            self.failures.append(what)


def client(
    index: int, cloud: LocalCloud, sequence: str, batches: int, pace_s: float, tally: Tally
) -> None:
    """Submits `batches` batches one every `pace_s` seconds, waits for each and checks it."""
    sdk = SDK(
        username=cloud.username,
        password=cloud.password,
        project_id=cloud.project_id,
        endpoints=Endpoints(core=cloud.core_url, account=cloud.account_url),
        auth0=Auth0Conf(domain=cloud.url),
        polling=PollingPolicy(initial_s=0.2, max_s=2.0),
    )
    started = time.monotonic()
    with sdk:
        for number in range(batches):
            due = started + number * pace_s
            time.sleep(max(0.0, due - time.monotonic()))
            jobs = [
                {"runs": RUNS, "variables": {"amp": 0.5 + (number + i) % 5 * 0.5}}
                for i in range(JOBS_PER_BATCH)
            ]
            try:
                if index % 2:
                    batch = sdk.create_batch(sequence, jobs[:1], emulator="EMU_FREE", open=True)
                    sdk.add_jobs(batch.id, jobs[1:])
                    batch = sdk.close_batch(batch.id, wait=True)
                else:
                    batch = sdk.create_batch(sequence, jobs, emulator="EMU_FREE", wait=True)
                with tally.lock:
                    tally.batches.append(batch.id)
                    tally.jobs += len(batch.ordered_jobs)
                if batch.status != "DONE" or len(batch.ordered_jobs) != JOBS_PER_BATCH:
                    tally.fail(f"client {index}: batch {batch.id} is {batch.status}")
                for job in batch.ordered_jobs:
                    if job.status != "DONE" or sum((job.result or {}).values()) != RUNS:
                        tally.fail(f"client {index}: job {job.id} is {job.status}")
            except Exception:
                tally.fail(f"client {index}, batch {number}: {traceback.format_exc(limit=3)}")


def rss_mib(pid: int) -> float | None:
    """The resident memory of process `pid`, from /proc (None once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def children_rss_mib(pid: int) -> float:
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if parent == pid:
            total += rss_mib(int(stat.parent.name)) or 0.0
    return total


def sample_memory(
    pid: int, stop: threading.Event, samples: list[tuple[float, float, float]]
) -> None:
    started = time.monotonic()
    while True:
        server = rss_mib(pid)
        if server is not None:
            samples.append((time.monotonic() - started, server, children_rss_mib(pid)))
        if stop.wait(SAMPLE_EVERY_S):
            return


def server_state(cloud: LocalCloud) -> dict[str, Any]:
    with sqlite3.connect(cloud.data_dir / "local-cloud.sqlite3", timeout=30) as db:
        batches = dict(db.execute("SELECT status, COUNT(*) FROM batches GROUP BY status"))
        jobs = dict(db.execute("SELECT status, COUNT(*) FROM jobs GROUP BY status"))
        duplicates = db.execute(
            "SELECT COUNT(*) FROM (SELECT id FROM jobs GROUP BY id HAVING COUNT(*) > 1)"
        ).fetchone()[0]
    return {"batches": batches, "jobs": jobs, "duplicate_job_ids": duplicates}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a short smoke run (~1 minute)")
    parser.add_argument("--jobs", type=int, default=None, help="jobs in all (default 2000)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--minutes", type=float, default=None, help="default 10")
    parser.add_argument("--workers", type=int, default=None, help="the server's job workers")
    args = parser.parse_args()
    jobs = args.jobs or (100 if args.quick else 2000)
    minutes = args.minutes or (1.0 if args.quick else 10.0)
    per_client = max(1, jobs // (JOBS_PER_BATCH * args.clients))
    pace_s = minutes * 60 / per_client
    planned = per_client * args.clients * JOBS_PER_BATCH
    print(
        f"soak: {planned} jobs in {per_client * args.clients} batches from {args.clients}"
        f" clients over about {minutes:g} min",
        flush=True,
    )
    sequence = tiny_sequence()
    tally = Tally()
    samples: list[tuple[float, float, float]] = []
    stop = threading.Event()
    started = time.monotonic()
    with LocalCloud(workers=args.workers) as cloud:
        pid = int(json.loads((cloud.data_dir / "server.json").read_text())["pid"])
        sampler = threading.Thread(target=sample_memory, args=(pid, stop, samples), daemon=True)
        sampler.start()
        threads = [
            threading.Thread(target=client, args=(i, cloud, sequence, per_client, pace_s, tally))
            for i in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        deadline = started + minutes * 60 * 3 + 120  # bounded, however slow the machine
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        if any(thread.is_alive() for thread in threads):
            tally.fail("the clients did not finish in time")
        stop.set()
        sampler.join()
        state = server_state(cloud)
        log = cloud.log_file.read_text(errors="replace")
    elapsed = time.monotonic() - started

    errors = [line for line in log.splitlines() if any(mark in line for mark in LOG_ERRORS)]
    rss = [server for _, server, _ in samples]
    workers = [children for _, _, children in samples]
    window = max(1, len(rss) // 5)
    baseline = statistics.median(rss[window : 2 * window] or rss[:window]) if rss else 0.0
    final = statistics.median(rss[-window:]) if rss else 0.0
    flat = bool(rss) and final <= baseline * MAX_GROWTH_RATIO + MAX_GROWTH_MIB
    checks = {
        "every batch and job created once and DONE": (
            state["batches"] == {"DONE": per_client * args.clients}
            and state["jobs"] == {"DONE": planned}
            and state["duplicate_job_ids"] == 0
            and tally.jobs == planned
            and len(set(tally.batches)) == len(tally.batches) == per_client * args.clients
        ),
        "no client failure": not tally.failures,
        "server memory flat": flat,
        "no error in the server log": not errors,
    }
    print(f"elapsed: {elapsed:.0f} s, {tally.jobs} jobs DONE ({tally.jobs / elapsed:.1f}/s)")
    print(f"server state: {state}")
    if rss:
        print(
            f"server RSS (MiB): first {rss[0]:.0f}, last {rss[-1]:.0f}, max {max(rss):.0f};"
            f" warmed-up {baseline:.0f} -> end {final:.0f} ({len(rss)} samples)"
        )
        print(
            f"workers' RSS (MiB): first {workers[0]:.0f}, last {workers[-1]:.0f},"
            f" max {max(workers):.0f}"
        )
    for failure in tally.failures[:10]:
        print(f"failure: {failure}")
    for line in errors[:10]:
        print(f"server log: {line}")
    for name, ok in checks.items():
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
