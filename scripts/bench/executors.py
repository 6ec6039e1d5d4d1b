"""Throughput by executor (`make bench`, scenario `executors`): tiny EMU_FREE jobs (6 atoms,
1 µs, 10 runs) a second on the local pool at 1 and 2 workers and on a 2-worker Dask
LocalCluster, and the time per job against the bare emulator call in this process
(`QutipBackendV2(...).run()`).

The local pool's job processes run at a lower priority (nice 10, so that the server beside them
answers fast): its bare emulator is timed at that priority too, else a loaded machine's other
work would count as overhead. A Dask worker's job processes run at the worker's priority.

A batch's rate is taken from the server's own end timestamps, from its first job's end to its
last's, so that start-up (the pool's warm-up, the workers' job processes) is left out. The time
per job is `workers / rate`: on one worker, the emulation plus everything around it.

Usage: python scripts/bench/executors.py [--quick]  (prints the rows; bench.py runs it too)
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import Bench, Row, tiny_sequence

ATOMS, DURATION, RUNS = 6, 1000, 10
# Issue 22's targets: time per job / bare emulator, and 2 workers' rate / 1 worker's.
MAX_LOCAL_OVERHEAD = 1.15
MAX_DASK_OVERHEAD = 1.5
MIN_SCALING = 1.8


def bare_seconds(sequence: str, repeats: int) -> float:
    """The median time of the emulator alone on one job, in this process."""
    from pulser import Sequence
    from pulser.backend import BitStrings
    from pulser_simulation import QutipBackendV2, QutipConfig

    built = Sequence.from_abstract_repr(sequence)
    config = QutipConfig(observables=[BitStrings(evaluation_times=[1.0], num_shots=RUNS)])
    times = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        QutipBackendV2(built, config=config).run()  # imports and caches, once
        for _ in range(repeats):
            start = time.perf_counter()
            QutipBackendV2(built, config=config).run()
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_seconds_niced(sequence: str, repeats: int) -> float:
    """`bare_seconds` in a process at the local pool's job processes' priority (their nice
    value): on a loaded machine, what the pool's emulation alone takes."""
    import json
    import subprocess

    from pasqal_sdk.local.worker.jobproc import WORKER_NICENESS

    code = (
        "import json, os, sys; sys.path.insert(0, sys.argv[1]); os.nice(int(sys.argv[2]));"
        " from executors import bare_seconds;"
        " print(json.dumps(bare_seconds(sys.stdin.read(), int(sys.argv[3]))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(Path(__file__).parent), str(WORKER_NICENESS),
         str(repeats)],
        input=sequence, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(json.loads(done.stdout.strip().splitlines()[-1]))


def _ended(timestamp: str) -> float:
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp()


def rate(cloud: Any, sequence: str, jobs: int) -> float:
    """Jobs a second of one batch of `jobs` tiny jobs, by the server's end timestamps."""
    from pasqal_sdk import SDK, Auth0Conf, Endpoints
    from pasqal_sdk.device import EmulatorType

    sdk = SDK(
        cloud.username,
        cloud.password,
        project_id=cloud.project_id,
        endpoints=Endpoints(core=cloud.core_url, account=cloud.account_url),
        auth0=Auth0Conf(domain=cloud.url),
    )
    batch = sdk.create_batch(
        sequence, [{"runs": RUNS} for _ in range(jobs)], emulator=EmulatorType.EMU_FREE, wait=True
    )
    ends = sorted(_ended(job.end_timestamp) for job in batch.ordered_jobs)
    assert all(job.status == "DONE" for job in batch.ordered_jobs), "a job did not end DONE"
    return (len(ends) - 1) / (ends[-1] - ends[0])


@contextmanager
def dask_cluster(workers: int) -> Iterator[str]:
    """A LocalCluster of `workers` one-thread worker processes; its scheduler's address."""
    from distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()


def measure(quick: bool = False) -> dict[str, tuple[float, float]]:
    """For each executor: (jobs a second, the bare emulator's seconds a job measured just
    before and after it, the lower): on a shared machine the load moves, so each rate is put
    beside the emulator's own time at that moment."""
    from pasqal_sdk.local.testing import LocalCloud

    sequence = tiny_sequence(atoms=ATOMS, duration=DURATION)
    jobs, repeats = (40, 20) if quick else (150, 50)
    found = {}
    for kind, workers in (("local", 1), ("local", 2), ("dask", 1), ("dask", 2)):
        with contextlib.ExitStack() as stack:
            if kind == "local":
                cloud = stack.enter_context(LocalCloud(workers=workers, rate_limit=0))
            else:
                address = stack.enter_context(dask_cluster(workers))
                cloud = stack.enter_context(LocalCloud(executor=address, rate_limit=0))
            rate(cloud, sequence, 2 * workers + 2)  # the job processes' first jobs
            # The local pool's job processes run niced, a Dask worker's at its own priority.
            bare = bare_seconds_niced if kind == "local" else bare_seconds
            before = bare(sequence, repeats)
            measured = rate(cloud, sequence, jobs)
            found[f"{kind}{workers}"] = (measured, min(before, bare(sequence, repeats)))
    return found


def rows(quick: bool = False) -> list[Row]:
    found = measure(quick)
    bare = bare_seconds(tiny_sequence(atoms=ATOMS, duration=DURATION), 20 if quick else 50)
    local = 1 / found["local1"][0] / found["local1"][1]
    dask = 1 / found["dask1"][0] / found["dask1"][1]
    scaling = found["local2"][0] / found["local1"][0]
    dask_scaling = found["dask2"][0] / found["dask1"][0]
    name = f"tiny EMU_FREE jobs ({ATOMS} atoms, {DURATION // 1000} us, {RUNS} runs)"
    return [
        Row(f"{name}: bare emulator (QutipBackendV2.run)", bare, None, "s", None, "reported",
            True),
        Row(f"{name}/s, local pool, 1 worker", found["local1"][0], None, "jobs/s", None,
            "reported", True),
        Row(f"{name}/s, local pool, 2 workers", found["local2"][0], None, "jobs/s", None,
            "reported", True),
        Row(f"{name}/s, Dask LocalCluster, 1 worker", found["dask1"][0], None, "jobs/s", None,
            "reported", True),
        Row(f"{name}/s, Dask LocalCluster, 2 workers", found["dask2"][0], None, "jobs/s", None,
            "reported", True),
        Row("local pool: time per job / bare emulator at its priority", local, None, "x", None,
            f"<= {MAX_LOCAL_OVERHEAD:g}", local <= MAX_LOCAL_OVERHEAD),
        Row("Dask: time per job / bare emulator", dask, None, "x", None,
            f"<= {MAX_DASK_OVERHEAD:g}", dask <= MAX_DASK_OVERHEAD),
        Row("local pool: 2 workers' jobs/s / 1 worker's", scaling, None, "x", None,
            f">= {MIN_SCALING:g}", scaling >= MIN_SCALING),
        Row("Dask: 2 workers' jobs/s / 1 worker's", dask_scaling, None, "x", None,
            f">= {MIN_SCALING:g}", dask_scaling >= MIN_SCALING),
    ]  # fmt: skip


def scenario(bench: Bench) -> None:
    """bench.py's `executors` scenario (throughput by executor)."""
    bench.rows.extend(rows(bench.quick))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer jobs")
    args = parser.parse_args()
    for row in rows(args.quick):
        print(f"{row.name:64} {row.ours:9.4g} {row.unit:>6}  {row.target}  met={row.met}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
