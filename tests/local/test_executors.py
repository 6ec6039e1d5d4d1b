"""The executor contract without a cluster: which executor `--executor` names, GPU placement and
back-pressure of the Dask executor (on a stand-in client), and the runner's one record per job
whatever an executor reports late."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pasqal_sdk._errors import InvalidConfigurationError
from pasqal_sdk.local.storage.results import ResultFiles
from pasqal_sdk.local.storage.store import NewJob, Store
from pasqal_sdk.local.worker.executor import (
    Executor,
    Limits,
    LocalPool,
    Outcome,
    Ticket,
    dask_address,
    make_executor,
)
from pasqal_sdk.local.worker.runner import Runner
from tests.local.conftest import sequence_json


@pytest.mark.parametrize(
    ("where", "address"),
    [
        ("local", None),
        ("dask://10.0.0.5:8786", "tcp://10.0.0.5:8786"),
        ("tcp://h:1", "tcp://h:1"),
        ("tls://h:1", "tls://h:1"),
    ],
)
def test_the_executor_option_names_the_pool_or_a_scheduler(where: str, address: str) -> None:
    assert dask_address(where) == address


@pytest.mark.parametrize("where", ["slurm", "dask://", "http://h:1"])
def test_an_unknown_executor_is_refused_naming_the_forms(where: str) -> None:
    with pytest.raises(InvalidConfigurationError, match=r"'local' nor 'dask://HOST:PORT'"):
        dask_address(where)


def test_local_is_the_pool() -> None:
    assert isinstance(make_executor("local", 3, Limits()), LocalPool)


class StandInFuture:
    def add_done_callback(self, callback: Callable[[Any], None]) -> None:
        pass

    def cancel(self) -> None:
        pass


class StandInClient:
    """What the Dask executor asks of a `distributed.Client`."""

    status = "running"

    def __init__(self, workers: dict[str, Any]) -> None:
        self.workers = workers
        self.submitted: list[dict[str, Any]] = []

    def scheduler_info(self, n_workers: int = -1) -> dict[str, Any]:
        return {"workers": self.workers}

    def submit(self, function: Any, *args: Any, **options: Any) -> StandInFuture:
        self.submitted.append(options)
        return StandInFuture()


def dask_executor(workers: dict[str, Any]) -> tuple[Any, StandInClient]:
    from pasqal_sdk.local.worker.dask import DaskExecutor

    executor = DaskExecutor("tcp://scheduler:8786", Limits())
    client = StandInClient(workers)
    executor._client = client
    return executor, client


def ticket(number: int, device_type: str = "EMU_FREE") -> Ticket:
    return Ticket(number, {"id": f"job-{number}", "device_type": device_type})


def test_gpu_jobs_ask_the_cluster_for_a_gpu_and_others_go_anywhere() -> None:
    executor, client = dask_executor({"w": {"nthreads": 1, "resources": {"GPU": 1}}})
    executor.run(ticket(1, "EMU_MPS"))
    executor.run(ticket(2, "EMU_FREE"))
    assert [options["resources"] for options in client.submitted] == [{"GPU": 1}, None]
    assert [options["key"] for options in client.submitted] == [
        "pasqal-job-job-1-1",
        "pasqal-job-job-2-2",
    ]


def test_gpu_device_types_are_refused_until_a_worker_declares_a_gpu() -> None:
    executor, client = dask_executor({"cpu": {"nthreads": 4, "resources": {}}})
    refusal = executor.refusal("EMU_MPS")
    assert refusal is not None
    assert "no worker of the Dask cluster at tcp://scheduler:8786 has one" in refusal
    assert "dask worker tcp://scheduler:8786 --resources GPU=1" in refusal
    assert executor.refusal("EMU_FREE") is None
    client.workers["gpu"] = {"nthreads": 1, "resources": {"GPU": 1}}
    executor._workers_at = 0.0  # the next question asks the scheduler again
    assert executor.refusal("EMU_MPS") is None


def test_at_most_two_jobs_are_in_flight_per_worker_thread() -> None:
    executor, _ = dask_executor({"a": {"nthreads": 2}, "b": {"nthreads": 1}})
    assert executor.free_slots() == 6
    for number in range(1, 7):
        executor.run(ticket(number))
    assert executor.free_slots() == 0
    executor.stop("job-1")
    assert executor.free_slots() == 1


def test_a_lost_scheduler_takes_no_job() -> None:
    executor, client = dask_executor({"a": {"nthreads": 2}})
    client.status = "connecting"
    assert executor.free_slots() == 0


class ScriptedExecutor(Executor):
    """Runs nothing: reports, for each ticket, what `script` says (a late duplicate too)."""

    def __init__(self, script: Callable[[Ticket], list[Outcome]]) -> None:
        self.script = script
        self.pending: list[Outcome] = []
        self.running: set[int] = set()

    def open(self, wake: Callable[[], None]) -> None:
        pass

    def close(self) -> None:
        pass

    def free_slots(self) -> int:
        return 1 - len(self.running)

    def run(self, ticket: Ticket) -> None:
        self.running.add(ticket.number)
        self.pending.extend(self.script(ticket))

    def stop(self, job_id: str) -> None:
        pass

    def wait(self, wake: socket.socket, timeout: float) -> list[Outcome]:
        time.sleep(0.01)
        outcomes, self.pending = self.pending, []
        self.running -= {outcome.ticket.number for outcome in outcomes}
        return outcomes


def test_a_job_is_recorded_once_whatever_its_executor_reports(tmp_path: Path) -> None:
    store = Store(tmp_path / "local-cloud.sqlite3")
    runner = Runner(store, ResultFiles(tmp_path), 1, 1800.0, lambda _: None, 0)
    # First try: lost (re-queued); second: DONE, then a stale report of the first try's ERROR
    # and a duplicate of the second's.
    tries: list[Ticket] = []

    def script(ticket: Ticket) -> list[Outcome]:
        tries.append(ticket)
        if len(tries) == 1:
            return [Outcome(ticket, requeue=True)]
        document = {"counter": {"00": 5}, "raw": ["00"] * 5, "serialised_results": None}
        return [
            Outcome(ticket, None, document),
            Outcome(tries[0], "stale"),
            Outcome(ticket, "duplicate"),
        ]

    runner.executor = ScriptedExecutor(script)
    batch_id = store.create_batch(
        project_id="p",
        user_id="u",
        device_type="EMU_FREE",
        open_=False,
        sequence_builder=sequence_json(amp=1.0),
        webhook=None,
        configuration=None,
        backend_configuration=None,
        tags=[],
        jobs=[NewJob(5, None)],
    )
    runner.start()
    try:
        deadline = time.monotonic() + 60
        while True:
            batch = store.batch_by_id(batch_id)
            assert batch is not None
            (job,) = batch["jobs"]
            if job["status"] == "DONE" and len(tries) == 2:
                break
            assert time.monotonic() < deadline, job
            time.sleep(0.05)
        time_of_done = job["updated_at"]
        # The stale and duplicate reports came in the same wait as the DONE: all handled now.
        runner.wake()
        runner.stop()
        (job,) = store.batch_by_id(batch_id)["jobs"]  # type: ignore[index]
        assert (job["status"], job["errors"], job["updated_at"]) == ("DONE", [], time_of_done)
        assert ResultFiles(tmp_path).read(job["id"]) is not None
        assert len(tries) == 2
    finally:
        runner.stop()
        store.close()
