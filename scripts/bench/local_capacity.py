"""The local cloud's capacity (`make bench`, scenario `local_capacity`): 50 clients polling a
batch's status (GET /core-fast/api/v1/batches/{id}/status, what `wait` polls) while its jobs
run: flat out (requests a second), and each every 100 ms (500 requests a second offered, the
clients' phases spread over the 100 ms: p50 and p99, since flat out a request's latency is only
50 / the rate; and the p99 of the same 50 in lockstep, a burst of 50 every 100 ms); the same
flat out on the whole batch with its results inline (GET /core-fast/api/v1/batches/{id}); 100
clients each every 200 ms; /health's p99 while they poll, and during 20 parallel logins.

Usage: python scripts/bench/local_capacity.py [--quick]  (prints the rows; bench.py runs it too)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import Bench, Row, tiny_sequence

CLIENTS = 50
MANY = 100
LOGINS = 20
# Issue 13's offered load, and issue 23's targets on one core: >= 1,000 status polls a second
# flat out, p99 < 50 ms at 500 a second offered.
MIN_RATE = 500.0
FLAT_OUT_RATE = 1000.0
MAX_P99_MS = 50.0
# Issue 20's target for /health while 50 clients poll.
MAX_SHARED_P99_MS = 100.0


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _token(cloud: Any) -> str:
    import httpx

    answer = httpx.post(
        cloud.token_url,
        json={
            "grant_type": "password",
            "client_id": "cloud-sdk",
            "username": cloud.username,
            "password": cloud.password,
        },
        timeout=120,
    )
    answer.raise_for_status()
    return str(answer.json()["access_token"])


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> None:
    """One keep-alive GET on a raw connection (a lean client: the server is measured, not
    httpx); raises unless the answer is a 200."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(f"the local cloud answered {head[:60]!r}")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    await reader.readexactly(length)


async def _poll(
    cloud: Any,
    token: str,
    path: str,
    seconds: float,
    every: float,
    clients: int = CLIENTS,
    health: list[float] | None = None,
    lockstep: bool = False,
) -> list[float]:
    """`clients` connections polling `path` for `seconds`, each every `every` seconds (0: flat
    out); each request's latency (and, into `health`, those of /health every 20 ms). Their
    phases are spread evenly over `every`, as independent pollers' are, unless `lockstep`: then
    all of them send at the same instant (a burst of `clients` requests every `every`)."""
    request = (
        f"GET /core-fast{path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n\r\n"
    ).encode()
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def one_client(phase: float) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", cloud.port, limit=1 << 24)
        await asyncio.sleep(phase)
        try:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                await _get(reader, writer, request)
                latencies.append(time.perf_counter() - started)
                await asyncio.sleep(max(0.0, started + every - time.perf_counter()))
        finally:
            writer.close()

    async def health_client() -> None:
        assert health is not None
        reader, writer = await asyncio.open_connection("127.0.0.1", cloud.port)
        try:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                await _get(reader, writer, b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                health.append(time.perf_counter() - started)
                await asyncio.sleep(0.02)
        finally:
            writer.close()

    extra = [health_client()] if health is not None else []
    phases = [0.0 if lockstep else i * every / clients for i in range(clients)]
    await asyncio.gather(*(one_client(phase) for phase in phases), *extra)
    return latencies


def polling(
    cloud: Any,
    seconds: float,
    jobs: int,
    every: float,
    whole: bool = False,
    clients: int = CLIENTS,
    lockstep: bool = False,
) -> dict[str, float]:
    """req/s, p50 and p99 (ms) of `clients` clients polling a batch whose jobs run meanwhile:
    its status, or (`whole`) the batch with its jobs' results; /health's p99 meanwhile."""
    import httpx

    token = _token(cloud)
    answer = httpx.post(
        f"{cloud.core_url}/api/v1/batches",
        headers={"Authorization": f"Bearer {token}"},
        json={
            "project_id": cloud.project_id,
            "device_type": "EMU_FREE",
            "sequence_builder": tiny_sequence(atoms=6, duration=2000),
            "jobs": [{"runs": 10} for _ in range(jobs)],
        },
        timeout=120,
    )
    answer.raise_for_status()
    started = time.perf_counter()
    batch_id = answer.json()["data"]["id"]
    path = f"/api/v1/batches/{batch_id}" + ("" if whole else "/status")
    health: list[float] = []
    latencies = asyncio.run(_poll(cloud, token, path, seconds, every, clients, health, lockstep))
    elapsed = time.perf_counter() - started
    return {
        "rate": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": _percentile(latencies, 0.99) * 1000,
        "health_p99_ms": _percentile(health, 0.99) * 1000,
    }


def health_during_logins(cloud: Any, seconds: float) -> dict[str, float]:
    """/health's p99 (ms) while LOGINS threads log in over and over."""
    import httpx

    stop = threading.Event()

    def log_in() -> None:
        while not stop.is_set():
            _token(cloud)

    threads = [threading.Thread(target=log_in, daemon=True) for _ in range(LOGINS)]
    for thread in threads:
        thread.start()
    latencies = []
    deadline = time.perf_counter() + seconds
    with httpx.Client(base_url=cloud.url, timeout=60) as client:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            client.get("/health").raise_for_status()
            latencies.append(time.perf_counter() - started)
            time.sleep(0.01)
    stop.set()
    for thread in threads:
        thread.join()
    return {"p99_ms": _percentile(latencies, 0.99) * 1000, "max_ms": max(latencies) * 1000}


def capacity_rows(quick: bool = False, cloud: Any = None) -> list[Row]:
    """The scenario's rows, in bench.py's format, on `cloud` (a local cloud with one worker and
    no rate limit: the other core serves); without one, a fresh one."""
    from pasqal_sdk.local.testing import LocalCloud

    # 8 s a measure: 4,000 requests at 500 a second, enough for a p99.
    seconds = 5.0 if quick else 8.0
    with contextlib.ExitStack() as stack:
        if cloud is None:
            cloud = stack.enter_context(LocalCloud(workers=1, rate_limit=0))
        # Jobs that run throughout: about a second each, one at a time.
        flat_out = polling(cloud, seconds, jobs=20, every=0.0)
        paced = polling(cloud, seconds, jobs=20, every=CLIENTS / MIN_RATE)
        whole = polling(cloud, seconds, jobs=20, every=0.0, whole=True)
        burst = polling(cloud, seconds, jobs=20, every=CLIENTS / MIN_RATE, lockstep=True)
        crowd = polling(cloud, seconds, jobs=20, every=2 * CLIENTS / MIN_RATE, clients=MANY)
        health = health_during_logins(cloud, seconds)
    return [
        Row(f"local cloud: {CLIENTS} clients polling a batch's status flat out", flat_out["rate"],
            None, "req/s", None, f">= {FLAT_OUT_RATE:g}", flat_out["rate"] >= FLAT_OUT_RATE),
        Row(f"local cloud: {CLIENTS} clients polling the whole batch (results inline)",
            whole["rate"], None, "req/s", None, "reported", True),
        Row(f"local cloud: {CLIENTS} clients polling, {MIN_RATE:g} req/s offered", paced["rate"],
            None, "req/s", None, "reported", True),
        Row(f"local cloud: {CLIENTS} clients polling, p50", paced["p50_ms"], None, "ms", None,
            "reported", True),
        Row(f"local cloud: {CLIENTS} clients polling, p99", paced["p99_ms"], None, "ms", None,
            f"< {MAX_P99_MS:g}", paced["p99_ms"] < MAX_P99_MS),
        Row(f"local cloud: {CLIENTS} clients polling in lockstep (a burst every"
            f" {CLIENTS / MIN_RATE:g} s), p99", burst["p99_ms"], None, "ms", None, "reported",
            True),
        Row(f"local cloud: /health p99 while {CLIENTS} clients poll", paced["health_p99_ms"],
            None, "ms", None, f"< {MAX_SHARED_P99_MS:g}",
            paced["health_p99_ms"] < MAX_SHARED_P99_MS),
        Row(f"local cloud: {MANY} clients polling, each every {2 * CLIENTS / MIN_RATE:g} s, p99",
            crowd["p99_ms"], None, "ms", None, "reported", True),
        Row(f"local cloud: /health p99 while {MANY} clients poll", crowd["health_p99_ms"], None,
            "ms", None, "reported", True),
        Row(f"local cloud: /health p99 during {LOGINS} parallel logins", health["p99_ms"], None,
            "ms", None, f"< {MAX_P99_MS:g}", health["p99_ms"] < MAX_P99_MS),
    ]  # fmt: skip


def scenario(bench: Bench) -> None:
    """bench.py's `local_capacity` scenario."""
    bench.rows.extend(capacity_rows(bench.quick, bench.one_worker_cloud()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter runs")
    args = parser.parse_args()
    for row in capacity_rows(args.quick):
        print(f"{row.name:58} {row.ours:10.1f} {row.unit:>6}  {row.target}  met={row.met}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
