"""`make bench`: pasqal_sdk against the official client and the emulator itself, side by side.

Starts the local cloud on a free port, installs the pinned official `pasqal-cloud` in its own
virtual environment (.bench/official-venv), runs every scenario with both clients in this one
run (fresh processes, several repeats, median and spread), prints a table of absolute values
and ratios (ours / official), and writes .bench/results.json.

Usage: python scripts/bench/bench.py [--quick] [--repeats N] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / ".bench"
OFFICIAL_VENV = OUT / "official-venv"
OFFICIAL_PIN = "pasqal-cloud==0.24.0"
CLIENTS = Path(__file__).with_name("clients.py")


@dataclass
class Row:
    name: str
    ours: float | None
    official: float | None
    unit: str
    ratio: float | None
    target: str
    met: bool | None
    ours_spread: float | None = None
    official_spread: float | None = None


# ---- environment --------------------------------------------------------------------------


def official_python() -> str:
    python = OFFICIAL_VENV / "bin" / "python"
    if not python.exists():
        print(f"installing {OFFICIAL_PIN} in {OFFICIAL_VENV} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(OFFICIAL_VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", OFFICIAL_PIN],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return str(python)


def tiny_sequence(atoms: int = 2, duration: int = 100) -> str:
    """A small EMU_FREE sequence: `atoms` atoms in a row, one global pi/2-ish pulse."""
    from pulser import Pulse, Register, Sequence
    from pulser.devices import MockDevice

    register = Register.rectangle(1, atoms, spacing=8.0, prefix="q")
    sequence = Sequence(register, MockDevice)
    sequence.declare_channel("rydberg", "rydberg_global")
    sequence.add(Pulse.ConstantPulse(duration, 2.0, 0.0, 0.0), "rydberg")
    sequence.measure("ground-rydberg")
    return str(sequence.to_abstract_repr())


def _median_spread(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), (max(values) - min(values)) if len(values) > 1 else 0.0


# ---- running one scenario in both clients --------------------------------------------------


class Bench:
    def __init__(self, cloud: Any, repeats: int, quick: bool) -> None:
        self.cloud = cloud
        self.repeats = repeats
        self.quick = quick
        self.official = official_python()
        self.rows: list[Row] = []
        self.tmp = Path(tempfile.mkdtemp(prefix="bench-", dir=OUT))
        self.sequence_file = self.tmp / "tiny.json"
        self.sequence_file.write_text(tiny_sequence())
        self.base = {
            "url": cloud.url,
            "core_url": cloud.core_url,
            "account_url": cloud.account_url,
            "token_url": cloud.token_url,
            "username": cloud.username,
            "password": cloud.password,
            "project_id": cloud.project_id,
            "sequence_file": str(self.sequence_file),
        }

    def run_client(self, which: str, scenario: str, **cfg: Any) -> dict[str, Any]:
        python = sys.executable if which == "ours" else self.official
        env = {**os.environ, "PYTHONWARNINGS": "ignore"}
        if which == "official":
            env.pop("PYTHONPATH", None)
        done = subprocess.run(
            [python, str(CLIENTS), which, scenario, json.dumps({**self.base, **cfg})],
            capture_output=True,
            text=True,
            env=env,
            cwd=self.tmp,
        )
        if done.returncode:
            raise RuntimeError(f"{which} {scenario} failed:\n{done.stderr[-3000:]}")
        result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        return result

    def both(self, scenario: str, repeats: int | None = None, **cfg: Any) -> dict[str, list[Any]]:
        """Alternate the clients, repeat after repeat, so drifts in load hit both alike."""
        runs: dict[str, list[Any]] = {"ours": [], "official": []}
        for _ in range(repeats or self.repeats):
            for which in ("ours", "official"):
                runs[which].append(self.run_client(which, scenario, **cfg))
        return runs

    def add(
        self,
        name: str,
        unit: str,
        ours: list[float],
        official: list[float] | None,
        target: str,
        met: Callable[[float, float | None], bool],
    ) -> None:
        ours_median, ours_spread = _median_spread(ours)
        official_median, official_spread = _median_spread(official) if official else (None, None)
        ratio = ours_median / official_median if official_median else None
        self.rows.append(
            Row(
                name,
                ours_median,
                official_median,
                unit,
                ratio,
                target,
                met(ours_median, ratio),
                ours_spread,
                official_spread,
            )
        )
        print(
            f"  {name}: ours {ours_median:.4g} {unit}, official {official_median}", file=sys.stderr
        )

    def request_bound(self, name: str, runs: dict[str, list[Any]], key: str = "seconds") -> None:
        self.add(
            name,
            "s",
            [r[key] for r in runs["ours"]],
            [r[key] for r in runs["official"]],
            "ratio <= 0.7",
            lambda _, ratio: ratio is not None and ratio <= 0.7,
        )


# ---- scenarios ----------------------------------------------------------------------------


def bench_import(bench: Bench) -> None:
    code = "import time; t = time.perf_counter(); import {m}; print(time.perf_counter() - t)"
    timings: dict[str, list[float]] = {"ours": [], "official": []}
    for _ in range(max(bench.repeats, 5)):
        for which, python, module in (
            ("ours", sys.executable, "pasqal_sdk"),
            ("official", bench.official, "pasqal_cloud"),
        ):
            out = subprocess.run(
                [python, "-c", code.format(m=module)], capture_output=True, text=True, check=True
            )
            timings[which].append(float(out.stdout.strip()))
    # What a user actually runs first: the client class, with what it needs to work.
    code = "import time; t = time.perf_counter(); {s}; print(time.perf_counter() - t)"
    first_use: dict[str, list[float]] = {"ours": [], "official": []}
    for _ in range(max(bench.repeats, 5)):
        for which, python, statement in (
            ("ours", sys.executable, "from pasqal_sdk import SDK"),
            ("official", bench.official, "from pasqal_cloud import PasqalCloudConnection"),
        ):
            out = subprocess.run(
                [python, "-c", code.format(s=statement)], capture_output=True, text=True, check=True
            )
            first_use[which].append(float(out.stdout.strip()))
    bench.add(
        "import of the client class (SDK / PasqalCloudConnection)",
        "s",
        first_use["ours"],
        first_use["official"],
        "reported",
        lambda *_: True,
    )
    bench.add(
        "import time",
        "s",
        timings["ours"],
        timings["official"],
        "ratio <= 0.2",
        lambda _, ratio: ratio is not None and ratio <= 0.2,
    )


def bench_create(bench: Bench) -> None:
    for jobs in (1, 100) if bench.quick else (1, 100, 1000):
        runs = bench.both("create_batch", jobs=jobs)
        bench.request_bound(f"create_batch {jobs} jobs", runs)
        bench.add(
            f"create_batch {jobs} jobs: bytes sent",
            "B",
            [r["bytes_sent"] for r in runs["ours"]],
            [r["bytes_sent"] for r in runs["official"]],
            "ratio <= 0.7",
            lambda _, ratio: ratio is not None and ratio <= 0.7,
        )


def _sdk(cloud: Any) -> Any:
    from pasqal_sdk import SDK, Auth0Conf, Endpoints

    return SDK(
        username=cloud.username,
        password=cloud.password,
        project_id=cloud.project_id,
        endpoints=Endpoints(core=cloud.core_url, account=cloud.account_url),
        auth0=Auth0Conf(domain=cloud.url),
    )


def _done_batch(bench: Bench, jobs: int, runs: int = 1) -> str:
    from pasqal_sdk.device import EmulatorType

    sequence = bench.sequence_file.read_text()
    batch = _sdk(bench.cloud).create_batch(
        sequence, [{"runs": runs} for _ in range(jobs)], emulator=EmulatorType.EMU_FREE, wait=True
    )
    return str(batch.id)


def bench_get_batch(bench: Bench) -> None:
    jobs = 100 if bench.quick else 1000
    batch_id = _done_batch(bench, jobs)
    runs = bench.both("get_batch_results", batch_id=batch_id, jobs=jobs)
    bench.request_bound(f"get_batch of {jobs} jobs with results", runs)


def bench_list(bench: Bench) -> None:
    from pasqal_sdk import AsyncSDK, Auth0Conf, Endpoints
    from pasqal_sdk.device import EmulatorType

    count = 200 if bench.quick else 2000
    sequence = bench.sequence_file.read_text()
    cloud = bench.cloud

    async def fill() -> None:
        async with AsyncSDK(
            username=cloud.username,
            password=cloud.password,
            project_id=cloud.project_id,
            endpoints=Endpoints(core=cloud.core_url, account=cloud.account_url),
            auth0=Auth0Conf(domain=cloud.url),
        ) as sdk:
            limit = asyncio.Semaphore(16)

            async def one() -> None:
                async with limit:
                    batch = await sdk.create_batch(
                        sequence, [{"runs": 1}], emulator=EmulatorType.EMU_FREE, open=True
                    )
                    await sdk.cancel_batch(batch.id)

            await asyncio.gather(*(one() for _ in range(count)))

    asyncio.run(fill())
    runs = bench.both("list_batches", batches=count)
    bench.request_bound(f"list {count}+ batches, all pages", runs)


def _calibrated_jobs(seconds: float, workers: int) -> tuple[int, int]:
    """How many jobs of `runs` shots on the tiny sequence make a batch of about `seconds`."""
    from pulser import Sequence
    from pulser_simulation import QutipEmulator

    runs = 100
    sequence = Sequence.from_abstract_repr(tiny_sequence())
    start = time.perf_counter()
    for _ in range(3):
        QutipEmulator.from_sequence(sequence).run().sample_final_state(runs)
    per_job = (time.perf_counter() - start) / 3
    return max(1, round(seconds * workers / per_job)), runs


def bench_wait(bench: Bench) -> None:
    target_seconds = 8 if bench.quick else 30
    jobs, runs_per_job = _calibrated_jobs(
        target_seconds, bench.cloud.workers or os.cpu_count() or 1
    )
    runs = bench.both("wait", repeats=1 if bench.quick else 2, jobs=jobs, runs=runs_per_job)
    ours_latency = [r["latency"] for r in runs["ours"]]
    bench.add(
        f"wait latency after last job (~{target_seconds} s batch)",
        "s",
        ours_latency,
        [r["latency"] for r in runs["official"]],
        "ours <= 1 s",
        lambda ours, _: ours <= 1.0,
    )
    bench.add(
        f"requests while waiting (~{target_seconds} s batch)",
        "req",
        [r["requests"] for r in runs["ours"]],
        [r["requests"] for r in runs["official"]],
        "ratio <= 0.33",
        lambda _, ratio: ratio is not None and ratio <= 1 / 3,
    )


def bench_concurrent(bench: Bench) -> None:
    count = 10 if bench.quick else 50
    runs = bench.both("concurrent", repeats=1 if bench.quick else 2, batches=count)
    bench.add(
        f"{count} batches submitted and awaited",
        "s",
        [r["seconds"] for r in runs["ours"]],
        [r["seconds"] for r in runs["official"]],
        "ratio <= 0.2",
        lambda _, ratio: ratio is not None and ratio <= 0.2,
    )


def bench_memory(bench: Bench) -> None:
    batches, jobs = (10, 10) if bench.quick else (100, 100)
    ids = [_done_batch(bench, jobs) for _ in range(batches)]
    runs = bench.both("memory", repeats=1, batch_ids=ids)
    bench.add(
        f"client memory holding {batches}x{jobs} jobs with results (peak)",
        "MiB",
        [r["peak_mib"] for r in runs["ours"]],
        [r["peak_mib"] for r in runs["official"]],
        "ratio <= 0.7",
        lambda _, ratio: ratio is not None and ratio <= 0.7,
    )


def bench_local_cloud(bench: Bench) -> None:
    from pasqal_sdk.device import EmulatorType
    from pasqal_sdk.local.testing import LocalCloud

    jobs = 40 if bench.quick else 200
    sequence = tiny_sequence()
    rates = {}
    for workers in sorted({1, os.cpu_count() or 1}):
        with LocalCloud(workers=workers) as cloud:
            batch = _sdk(cloud).create_batch(
                sequence, [{"runs": 10} for _ in range(jobs)], emulator=EmulatorType.EMU_FREE
            )
            start = time.perf_counter()
            batch.wait()
            rates[workers] = jobs / (time.perf_counter() - start)
    for workers, rate in rates.items():
        bench.add(
            f"local cloud: tiny EMU_FREE jobs/s, {workers} worker(s)",
            "jobs/s",
            [rate],
            None,
            "reported",
            lambda *_: True,
        )
    # A 4-atom job through the local cloud (from the batch's creation to the job's result stored,
    # as the server records them) against the same emulation run directly in this process; the
    # client's view (submit, wait, fetch) is reported beside it.
    from datetime import datetime

    from pulser import Sequence
    from pulser_simulation import QutipEmulator

    four = tiny_sequence(atoms=4, duration=4000)
    direct, server, client = [], [], []
    sdk = _sdk(bench.cloud)
    for _ in range(max(bench.repeats, 3)):
        start = time.perf_counter()
        QutipEmulator.from_sequence(Sequence.from_abstract_repr(four)).run().sample_final_state(
            1000
        )
        direct.append(time.perf_counter() - start)
        start = time.perf_counter()
        batch = sdk.create_batch(four, [{"runs": 1000}], emulator=EmulatorType.EMU_FREE, wait=True)
        client.append(time.perf_counter() - start)
        job = batch.ordered_jobs[0]
        assert sum(job.result.values()) == 1000
        ended = datetime.fromisoformat(job.end_timestamp).timestamp()
        server.append(ended - datetime.fromisoformat(batch.created_at).timestamp())
    bench.add(
        "4-atom job (4 us, 1000 runs): local cloud / direct",
        "s",
        server,
        direct,
        "ratio <= 1.3",
        lambda _, ratio: ratio is not None and ratio <= 1.3,
    )
    bench.add(
        "4-atom job, client's view (submit, wait, results) / direct",
        "s",
        client,
        direct,
        "reported",
        lambda *_: True,
    )


SCENARIOS: dict[str, Callable[[Bench], None]] = {
    "import": bench_import,
    "create": bench_create,
    "get_batch": bench_get_batch,
    "list": bench_list,
    "wait": bench_wait,
    "concurrent": bench_concurrent,
    "memory": bench_memory,
    "local_cloud": bench_local_cloud,
}


def print_table(rows: list[Row]) -> None:
    header = f"{'scenario':58} {'ours':>10} {'official':>10} {'unit':>6} {'ratio':>7}  target"
    print(header)
    print("-" * len(header))
    for r in rows:
        ours = f"{r.ours:.4g}" if r.ours is not None else "-"
        official = f"{r.official:.4g}" if r.official is not None else "-"
        ratio = f"{r.ratio:.3f}" if r.ratio is not None else "-"
        mark = {True: "met", False: "MISSED", None: ""}[r.met]
        print(f"{r.name:58} {ours:>10} {official:>10} {r.unit:>6} {ratio:>7}  {r.target} {mark}")


def markdown_table(rows: list[Row]) -> str:
    """The table as Markdown, for the README's Performance section."""

    def num(value: float | None) -> str:
        return "-" if value is None else f"{value:.4g}"

    lines = [
        "| scenario | ours | official | unit | ratio (ours / official) | target | met |",
        "|---|---:|---:|---|---:|---|---|",
    ]
    for r in rows:
        met = {True: "yes", False: "**no**", None: ""}[r.met]
        lines.append(
            f"| {r.name} | {num(r.ours)} | {num(r.official)} | {r.unit} | {num(r.ratio)}"
            f" | {r.target} | {met} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--only", nargs="*", choices=sorted(SCENARIOS), default=None)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    from pasqal_sdk.local.testing import LocalCloud

    with LocalCloud() as cloud:
        bench = Bench(cloud, repeats=2 if args.quick else args.repeats, quick=args.quick)
        for name in args.only or SCENARIOS:
            print(f"scenario {name} ...", file=sys.stderr)
            SCENARIOS[name](bench)
    print_table(bench.rows)
    results = [asdict(r) for r in bench.rows]
    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    (OUT / "results.md").write_text(markdown_table(bench.rows))
    print(f"\nwritten to {(OUT / 'results.json').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
