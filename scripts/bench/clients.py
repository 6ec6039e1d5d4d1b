"""Benchmark scenarios, run inside one client's virtual environment.

Usage: python clients.py {ours|official} SCENARIO CONFIG_JSON
Prints one JSON object: the measured values of that scenario for that client.

Both clients are driven the way their documentation shows; requests and bytes are counted at
the socket, below either HTTP library, so neither side's count depends on its own hooks.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

_REQUEST_LINE = re.compile(rb"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+ HTTP/1\.[01]\r\n")


class SocketMeter:
    """Counts HTTP/1.1 requests and bytes sent through every socket of this process."""

    def __init__(self) -> None:
        self.requests = 0
        self.bytes_sent = 0
        self._send = socket.socket.send
        self._sendall = socket.socket.sendall
        meter = self

        def send(sock: socket.socket, data: Any, *args: Any) -> int:
            meter._count(data)
            return meter._send(sock, data, *args)

        def sendall(sock: socket.socket, data: Any, *args: Any) -> None:
            meter._count(data)
            return meter._sendall(sock, data, *args)

        socket.socket.send = send  # type: ignore[method-assign]
        socket.socket.sendall = sendall  # type: ignore[method-assign]

    trace = False

    def _count(self, data: Any) -> None:
        chunk = bytes(data)
        if self.trace:
            print(chunk[:600], file=sys.stderr)
        self.bytes_sent += len(chunk)
        if _REQUEST_LINE.match(chunk[:2048]):
            self.requests += 1

    def reset(self) -> None:
        self.requests = 0
        self.bytes_sent = 0


def _epoch(timestamp: str) -> float:
    moment = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


# ---- the two clients, behind one small interface -------------------------------------------


class _Client:
    """What both clients do the same way; `sdk` and `emu_free` are each client's own."""

    sdk: Any

    def emu_free(self) -> Any:
        raise NotImplementedError

    def create_batch(
        self, sequence: str, jobs: list[dict[str, Any]], wait: bool, open: bool = False
    ) -> Any:
        return self.sdk.create_batch(sequence, jobs, emulator=self.emu_free(), wait=wait, open=open)

    def cancel_batch(self, batch_id: str) -> None:
        self.sdk.cancel_batch(batch_id)

    def batch_results(self, batch_id: str) -> list[dict[str, int]]:
        batch = self.sdk.get_batch(batch_id)
        return [dict(job.result or {}) for job in batch.ordered_jobs]

    def job_end_times(self, batch: Any) -> list[float]:
        return [_epoch(str(job.end_timestamp)) for job in batch.ordered_jobs if job.end_timestamp]


class Ours(_Client):
    def __init__(self, cfg: dict[str, Any]) -> None:
        from pasqal_sdk import SDK, Auth0Conf, Endpoints

        self.cfg = cfg
        self.endpoints = Endpoints(core=cfg["core_url"], account=cfg["account_url"])
        self.auth0 = Auth0Conf(domain=cfg["url"])
        self.sdk = SDK(
            username=cfg["username"],
            password=cfg["password"],
            project_id=cfg["project_id"],
            endpoints=self.endpoints,
            auth0=self.auth0,
        )

    def emu_free(self) -> Any:
        from pasqal_sdk.device import EmulatorType

        return EmulatorType.EMU_FREE

    def count_all_batches(self) -> int:
        return sum(1 for _ in self.sdk.get_batches())

    def wait(self, batch: Any) -> Any:
        batch.wait()
        return batch

    def prepare_many(self) -> None:
        """An AsyncSDK on its own event loop, logged in (as the official client is once made)."""
        from pasqal_sdk import AsyncSDK

        self.loop = asyncio.new_event_loop()
        self.async_sdk = AsyncSDK(
            username=self.cfg["username"],
            password=self.cfg["password"],
            project_id=self.cfg["project_id"],
            endpoints=self.endpoints,
            auth0=self.auth0,
        )
        self.loop.run_until_complete(self.async_sdk.check())

    def submit_and_wait_many(
        self, sequence: str, count: int, jobs: list[Any], submitted: Callable[[], None]
    ) -> list[Any]:
        """All batches created at once, then awaited together with `wait_all`."""
        from pasqal_sdk.device import EmulatorType

        sdk = self.async_sdk

        async def run() -> list[Any]:
            batches = await asyncio.gather(
                *(
                    sdk.create_batch(sequence, jobs, emulator=EmulatorType.EMU_FREE)
                    for _ in range(count)
                )
            )
            submitted()
            return list(await sdk.wait_all(batches))

        try:
            return self.loop.run_until_complete(run())
        finally:
            self.loop.run_until_complete(sdk.close())
            self.loop.close()


class Official(_Client):
    def __init__(self, cfg: dict[str, Any]) -> None:
        import warnings

        warnings.simplefilter("ignore")
        from pasqal_cloud.endpoints import Endpoints, TokenProviderConf
        from pasqal_cloud.pasqal_cloud_client import PasqalCloudClient

        self.sdk = PasqalCloudClient(
            username=cfg["username"],
            password=cfg["password"],
            project_id=cfg["project_id"],
            endpoints=Endpoints(core=cfg["core_url"], account=cfg["account_url"]),
            auth_config=TokenProviderConf(
                token_endpoint=cfg["token_url"],
                public_client_id="PeZvo7Atx7IVv3iel59asJSb4Ig7vuSB",
                audience="https://apis.pasqal.cloud/account/api/v1",
                realm="pcs-users",
                grant_type="http://auth0.com/oauth/grant-type/password-realm",
            ),
        )

    def emu_free(self) -> Any:
        from pasqal_cloud.device import EmulatorType

        return EmulatorType.EMU_FREE

    def count_all_batches(self) -> int:
        from pasqal_cloud.utils.filters import PaginationParams

        seen, offset = 0, 0
        while True:
            page = self.sdk.get_batches(pagination_params=PaginationParams(offset=offset))
            seen += len(page.results)
            offset += len(page.results)
            if not page.results or offset >= page.total:
                return seen

    def wait(self, batch: Any) -> Any:
        self.sdk._wait_for_batch_terminal(batch.id)
        return self.sdk.get_batch(batch.id)

    def prepare_many(self) -> None:
        """Nothing: the client logged in when it was made."""

    def submit_and_wait_many(
        self, sequence: str, count: int, jobs: list[Any], submitted: Callable[[], None]
    ) -> list[Any]:
        batches = [self.create_batch(sequence, jobs, wait=False) for _ in range(count)]
        submitted()
        return [self.wait(batch) for batch in batches]


# ---- scenarios ----------------------------------------------------------------------------


def _timed(meter: SocketMeter, action: Callable[[], Any]) -> tuple[float, Any]:
    meter.reset()
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def scenario_create_batch(client: Any, meter: SocketMeter, cfg: dict[str, Any]) -> dict[str, Any]:
    """For each size in `sizes`: one warm-up create (connection, lazy imports, not timed), then
    `creates[size]` timed ones; each time and the bytes and requests of the last. Open batches are
    cancelled at once, so that the server's load stays the same for both clients."""
    found: dict[str, Any] = {"seconds": {}, "bytes_sent": {}, "requests": {}}
    for size in cfg["sizes"]:
        jobs = [{"runs": 1} for _ in range(size)]
        client.cancel_batch(client.create_batch(cfg["sequence"], jobs, wait=False, open=True).id)
        times = []
        for _ in range(cfg["creates"][str(size)]):
            seconds, batch = _timed(
                meter,
                lambda jobs=jobs: client.create_batch(cfg["sequence"], jobs, wait=False, open=True),
            )
            sent, requests = meter.bytes_sent, meter.requests
            client.cancel_batch(batch.id)
            times.append(seconds)
        found["seconds"][str(size)] = times
        found["bytes_sent"][str(size)] = sent
        found["requests"][str(size)] = requests
    return found


def scenario_get_batch_results(
    client: Any, meter: SocketMeter, cfg: dict[str, Any]
) -> dict[str, Any]:
    seconds, results = _timed(meter, lambda: client.batch_results(cfg["batch_id"]))
    assert len(results) == cfg["jobs"]
    assert all(sum(r.values()) > 0 for r in results)
    return {"seconds": seconds, "requests": meter.requests}


def scenario_list_batches(client: Any, meter: SocketMeter, cfg: dict[str, Any]) -> dict[str, Any]:
    seconds, count = _timed(meter, client.count_all_batches)
    assert count >= cfg["batches"], (count, cfg["batches"])
    return {"seconds": seconds, "requests": meter.requests, "count": count}


def scenario_wait(client: Any, meter: SocketMeter, cfg: dict[str, Any]) -> dict[str, Any]:
    """From submission to every result in hand: latency after the last job, requests made."""
    jobs = [{"runs": cfg["runs"]} for _ in range(cfg["jobs"])]
    batch = client.create_batch(cfg["sequence"], jobs, wait=False)
    meter.reset()
    waited = client.wait(batch)
    results = [job.result for job in waited.ordered_jobs]
    returned = time.time()
    requests = meter.requests
    assert all(sum(result.values()) == cfg["runs"] for result in results)
    ends = client.job_end_times(waited)
    return {"latency": returned - max(ends), "requests": requests, "jobs": len(ends)}


def scenario_concurrent(client: Any, meter: SocketMeter, cfg: dict[str, Any]) -> dict[str, Any]:
    """Many batches submitted, then all awaited: the time, and the requests made to submit them
    and while awaiting them (up to every result in hand)."""
    jobs = [{"runs": cfg["runs"]} for _ in range(cfg["jobs"])]
    creating: list[int] = []

    def submit_and_read() -> list[Any]:
        submitted = lambda: creating.append(meter.requests)  # noqa: E731
        batches = client.submit_and_wait_many(cfg["sequence"], cfg["batches"], jobs, submitted)
        for batch in batches:  # every result in hand (the official client fetches them now)
            assert all(sum(job.result.values()) == cfg["runs"] for job in batch.ordered_jobs)
        return batches

    client.prepare_many()  # both clients logged in before the clock starts
    seconds, batches = _timed(meter, submit_and_read)
    assert len(batches) == cfg["batches"]
    return {
        "seconds": seconds,
        "requests": meter.requests,
        "waiting_requests": meter.requests - creating[0],
    }


def scenario_memory(client: Any, meter: SocketMeter, cfg: dict[str, Any]) -> dict[str, Any]:
    tracemalloc.start()
    held = [client.batch_results(batch_id) for batch_id in cfg["batch_ids"]]
    _, peak = tracemalloc.get_traced_memory()
    current = tracemalloc.take_snapshot().statistics("filename")
    tracemalloc.stop()
    assert len(held) == len(cfg["batch_ids"])
    return {"peak_mib": peak / 2**20, "held_mib": sum(s.size for s in current) / 2**20}


SCENARIOS = {
    "create_batch": scenario_create_batch,
    "get_batch_results": scenario_get_batch_results,
    "list_batches": scenario_list_batches,
    "wait": scenario_wait,
    "concurrent": scenario_concurrent,
    "memory": scenario_memory,
}


def main() -> None:
    which, scenario, cfg_text = sys.argv[1:4]
    cfg = json.loads(cfg_text)
    if "sequence_file" in cfg:
        with open(cfg["sequence_file"]) as handle:
            cfg["sequence"] = handle.read()
    meter = SocketMeter()
    client = Ours(cfg) if which == "ours" else Official(cfg)
    client.sdk.user_token()  # log in before anything is timed
    if os.environ.get("BENCH_TRACE"):
        meter.trace = True
    print(json.dumps(SCENARIOS[scenario](client, meter, cfg)))


if __name__ == "__main__":
    main()
