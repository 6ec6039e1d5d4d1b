"""The local cloud's jobs on a Dask cluster (`serve --executor dask://...`): a
`distributed.LocalCluster` of 2 workers under a local cloud runs a batch of 50 jobs with one
result each; cancelling stops a job on its worker; a worker killed mid-job gives one result or a
clear ERROR; a scheduler restart loses no accepted job; the time limit holds on workers; GPU
device types are refused, and not listed, while no worker has a GPU."""

from __future__ import annotations

import json
import os
import signal
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from pasqal_sdk.local.testing import LocalCloud
from tests.local.conftest import Api, password_token, sequence_json

distributed = pytest.importorskip("distributed")

T = TypeVar("T")
# Jobs of about 4 s (10 atoms, 10 µs), 1 s (10 atoms, 4 µs), and of minutes (12 atoms, 40 µs).
MEDIUM = sequence_json(atoms=10, duration=10_000)
SHORT = sequence_json(atoms=10, duration=4_000)
LONG = sequence_json(atoms=12, duration=40_000)
AMP = {"amp": 2.0}


def wait_for(check: Callable[[], T], timeout: float, what: str) -> T:
    """`check()`'s first truthy value, polled until `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, f"waited {timeout:g} s for {what}"
        time.sleep(0.1)


def new_cluster(**options: Any) -> Any:
    """A LocalCluster of 2 one-thread workers whose scheduler re-runs a job once when its
    worker dies (allowed-failures 1), then gives up with KilledWorker."""
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        return distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, dashboard_address=":0", **options
        )


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    cluster = new_cluster(processes=True)
    try:
        yield cluster
    finally:
        cluster.close()


@pytest.fixture(scope="module")
def client(cluster: Any) -> Iterator[Any]:
    with distributed.Client(cluster, set_as_default=False) as client:
        yield client


@pytest.fixture(scope="module")
def cloud(cluster: Any) -> Iterator[LocalCloud]:
    with LocalCloud(executor=cluster.scheduler_address, seed=5, job_time_limit=600) as cloud:
        yield cloud


@pytest.fixture(scope="module")
def api(cloud: LocalCloud) -> Iterator[Api]:
    shared = Api.kept(cloud, password_token(cloud))
    yield shared
    shared.close()


def job(api: Api, job_id: str) -> dict[str, Any]:
    data: dict[str, Any] = api.core.get(f"/api/v2/jobs/{job_id}").json()["data"]
    return data


def result_file(cloud: LocalCloud, job_id: str) -> Path:
    return cloud.data_dir / "results" / f"{job_id}.json"


def running_on(client: Any, job_id: str) -> str | None:
    """The address of the worker whose thread runs the job now, if one does."""

    def executing(dask_worker: Any) -> list[str]:
        return [str(task.key) for task in dask_worker.state.executing]

    for address, keys in client.run(executing).items():
        if any(key.startswith(f"pasqal-job-{job_id}-") for key in keys):
            return str(address)
    return None


def test_fifty_jobs_run_on_the_cluster_with_one_result_each(api: Api, cloud: LocalCloud) -> None:
    jobs = [{"runs": 10 + i % 7, "variables": AMP} for i in range(50)]
    batch = api.create_batch(jobs=jobs)
    done = api.wait_batch(batch["id"], timeout=600)
    assert done["status"] == "DONE"
    assert done["jobs_count_per_status"] == {"DONE": 50}
    assert "jobs run on: the Dask cluster at tcp://" in cloud.log_file.read_text()
    for given, created in zip(jobs, batch["jobs"], strict=True):
        document = json.loads(result_file(cloud, created["id"]).read_text())
        assert sum(document["counter"].values()) == given["runs"]
        assert len(document["raw"]) == given["runs"]
    assert not list((cloud.data_dir / "results").glob("*.tmp"))


def test_cancel_stops_a_job_running_on_a_worker(api: Api, cloud: LocalCloud, client: Any) -> None:
    batch = api.create_batch(sequence_builder=LONG, jobs=[{"runs": 10, "variables": AMP}])
    job_id = batch["jobs"][0]["id"]
    wait_for(lambda: running_on(client, job_id), 180, "the job to run on a worker")
    answer = api.core.put(f"/api/v1/jobs/{job_id}/cancel")
    assert answer.status_code == 200, answer.text
    # The worker's thread is free again: the job process was stopped, not left to finish.
    wait_for(lambda: running_on(client, job_id) is None, 60, "the worker to stop the job")
    assert job(api, job_id)["status"] == "CANCELED"
    assert not result_file(cloud, job_id).exists()


def test_a_worker_killed_mid_job_gives_one_result_or_a_clear_error(
    api: Api, cloud: LocalCloud, client: Any
) -> None:
    batch = api.create_batch(sequence_builder=MEDIUM, jobs=[{"runs": 30, "variables": AMP}])
    job_id = batch["jobs"][0]["id"]
    where = wait_for(lambda: running_on(client, job_id), 180, "the job to run on a worker")
    pid = client.run(os.getpid, workers=[where])[where]
    os.kill(pid, signal.SIGKILL)

    done = api.wait_batch(batch["id"], timeout=300)
    ended = job(api, job_id)
    assert ended["status"] in ("DONE", "ERROR"), ended
    if ended["status"] == "DONE":  # run again on the other worker: one result
        assert done["status"] == "DONE"
        document = json.loads(result_file(cloud, job_id).read_text())
        assert sum(document["counter"].values()) == 30
    else:
        assert "Dask worker running the job died" in ended["errors"][0]
        assert not result_file(cloud, job_id).exists()


def test_the_time_limit_holds_on_a_worker(cluster: Any) -> None:
    with LocalCloud(executor=cluster.scheduler_address, job_time_limit=2) as limited:
        api = Api(limited, password_token(limited))
        started = time.monotonic()
        batch = api.create_batch(sequence_builder=LONG, jobs=[{"runs": 10, "variables": AMP}])
        done = api.wait_batch(batch["id"], timeout=240)
        (ended,) = [job(api, job_id) for job_id in done["job_ids"]]
        assert ended["status"] == "ERROR"
        assert "time limit of 2 s" in ended["errors"][0]
        assert time.monotonic() - started < 200  # the job alone takes minutes
        # Its worker was freed: the next jobs run.
        after = api.create_batch(jobs=[{"runs": 5, "variables": AMP}] * 2)
        assert api.wait_batch(after["id"], timeout=240)["status"] == "DONE"


def test_gpu_device_types_are_refused_while_no_worker_has_a_gpu(api: Api) -> None:
    specs = api.core.get("/api/v1/devices/specs").json()["data"]
    assert "EMU_FREE" in specs
    assert "EMU_MPS" not in specs
    answer = api.core.post(
        "/api/v1/batches",
        json={
            "sequence_builder": sequence_json(amp=1.0),
            "jobs": [{"runs": 5}],
            "device_type": "EMU_MPS",
            "project_id": api.cloud.project_id,
        },
    )
    assert answer.status_code == 422, answer.text
    message = answer.json()["message"]
    assert "GPU" in message
    assert "--resources GPU=1" in message


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_scheduler_restart_loses_no_accepted_job(tmp_path: Path) -> None:
    port = _free_port()
    first = new_cluster(processes=False, scheduler_port=port)
    second = None
    try:
        with LocalCloud(tmp_path / "data", executor=f"dask://127.0.0.1:{port}") as cloud:
            api = Api(cloud, password_token(cloud))
            batch = api.create_batch(
                sequence_builder=SHORT, jobs=[{"runs": 10 + i, "variables": AMP} for i in range(8)]
            )

            def counts() -> dict[str, int]:
                path = f"/api/v2/batches/{batch['id']}"
                per_status: dict[str, int] = api.core.get(path).json()["data"][
                    "jobs_count_per_status"
                ]
                return per_status

            wait_for(lambda: counts().get("RUNNING"), 180, "jobs to run on the cluster")
            first.close()
            # With no scheduler, no job stays RUNNING: those in flight are PENDING again.
            lost = wait_for(
                lambda: (c := counts()).get("PENDING") and not c.get("RUNNING") and c,
                120,
                "the jobs in flight to go back to PENDING",
            )
            assert sum(lost.values()) == 8
            second = new_cluster(processes=False, scheduler_port=port)
            done = api.wait_batch(batch["id"], timeout=600)
            assert done["status"] == "DONE"
            assert done["jobs_count_per_status"] == {"DONE": 8}
            for i, job_id in enumerate(done["job_ids"]):
                document = json.loads(result_file(cloud, job_id).read_text())
                assert sum(document["counter"].values()) == 10 + i
    finally:
        first.close()
        if second is not None:
            second.close()
