"""kill -9 while jobs run, then restart on the same data dir: no batch or job is lost or
duplicated, and the interrupted jobs run again and finish."""

from __future__ import annotations

import time
from pathlib import Path

from pasqal_sdk.local.testing import LocalCloud
from tests.local.conftest import Api, password_token, sequence_json

JOBS = 6


def test_jobs_survive_kill_9_and_finish_after_restart(tmp_path: Path) -> None:
    cloud = LocalCloud(tmp_path / "data", workers=1)
    try:
        api = Api(cloud, password_token(cloud))
        slow = sequence_json(atoms=10, duration=4000)
        batch = api.create_batch(
            sequence_builder=slow,
            jobs=[{"runs": 100 + i, "variables": {"amp": 3.0}} for i in range(JOBS)],
        )
        job_ids = [job["id"] for job in batch["jobs"]]
        deadline = time.monotonic() + 60
        while True:
            data = api.core.get(f"/api/v2/batches/{batch['id']}").json()["data"]
            if data["jobs_count_per_status"].get("RUNNING"):
                break
            assert time.monotonic() < deadline, data
            time.sleep(0.05)
        assert data["jobs_count_per_status"].get("PENDING"), "kill while jobs are still queued"

        cloud.kill()
        cloud.start()

        # The token survives the restart: its key is kept in the data dir.
        finished = api.wait_batch(batch["id"], timeout=180)
        assert finished["status"] == "DONE"
        assert finished["job_ids"] == job_ids
        listed = api.core.get("/api/v2/jobs", params={"batch_id": batch["id"]}).json()
        assert listed["pagination"]["total"] == JOBS
        batches = api.core.get("/api/v1/batches").json()
        assert [b["id"] for b in batches["data"]] == [batch["id"]]
        assert sorted(p.stem for p in (cloud.data_dir / "results").glob("*.json")) == sorted(
            job_ids
        )
        for job in listed["data"]:
            assert job["status"] == "DONE", job
            link = api.core.get(f"/api/v1/jobs/{job['id']}/results_link").json()["data"]
            counts = api.core.get(link["results_link"]).json()["counter"]
            assert sum(counts.values()) == job["runs"]
    finally:
        cloud.close()
