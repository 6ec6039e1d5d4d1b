"""Per-project quotas on the local cloud: past its queued jobs or unfinished batches, a project's
creations are a 429 with Retry-After that names the quota, and create nothing."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from pasqal_sdk.local.testing import LocalCloud
from tests.local.conftest import password_token, sequence_json

from .conftest import server_counts

CORE = "/core-fast/api/v1"


@pytest.fixture(scope="module")
def quota_cloud() -> Iterator[LocalCloud]:
    limits = {"max_queued_jobs_per_project": 3, "max_unfinished_batches_per_project": 2}
    with LocalCloud(workers=1, limits=limits) as running:
        yield running


@pytest.fixture(scope="module")
def client(quota_cloud: LocalCloud) -> Iterator[httpx.Client]:
    token = password_token(quota_cloud)
    with httpx.Client(
        base_url=quota_cloud.url, headers={"Authorization": f"Bearer {token}"}, timeout=60
    ) as running:
        yield running


def _batch(cloud: LocalCloud, jobs: int, **fields: Any) -> dict[str, Any]:
    return {
        "project_id": cloud.project_id,
        "device_type": "EMU_FREE",
        "sequence_builder": sequence_json(amp=1.0),
        "jobs": [{"runs": 5} for _ in range(jobs)],
        **fields,
    }


def _over_quota(answer: httpx.Response, quota: str) -> None:
    assert answer.status_code == 429, answer.text
    assert int(answer.headers["Retry-After"]) > 0
    assert quota in answer.json()["message"]


def test_jobs_past_the_projects_queued_quota_are_a_429(
    client: httpx.Client, quota_cloud: LocalCloud
) -> None:
    before = server_counts(quota_cloud)
    _over_quota(
        client.post(f"{CORE}/batches", json=_batch(quota_cloud, 4)), "max_queued_jobs_per_project"
    )
    assert server_counts(quota_cloud) == before


def test_batches_past_the_projects_unfinished_quota_are_a_429(
    client: httpx.Client, quota_cloud: LocalCloud
) -> None:
    finished = client.post(f"{CORE}/batches", json=_batch(quota_cloud, 1))
    assert finished.status_code == 200, finished.text
    finished_id = finished.json()["data"]["id"]
    deadline = time.monotonic() + 120
    while client.get(f"/core-fast/api/v2/batches/{finished_id}").json()["data"]["status"] != "DONE":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    opened = []
    for _ in range(2):
        answer = client.post(f"{CORE}/batches", json=_batch(quota_cloud, 0, open=True))
        assert answer.status_code == 200, answer.text
        opened.append(answer.json()["data"]["id"])
    before = server_counts(quota_cloud)
    _over_quota(
        client.post(f"{CORE}/batches", json=_batch(quota_cloud, 0, open=True)),
        "max_unfinished_batches_per_project",
    )
    # A rebatch makes a batch too (three rebatches of a big batch made 6,000 jobs in 4 s).
    _over_quota(
        client.post(f"{CORE}/batches/{finished_id}/rebatch"), "max_unfinished_batches_per_project"
    )
    # Adding jobs to an open batch counts against the jobs quota too.
    _over_quota(
        client.post(f"{CORE}/batches/{opened[0]}/jobs", content=json.dumps([{"runs": 5}] * 4)),
        "max_queued_jobs_per_project",
    )
    assert server_counts(quota_cloud) == before
    for batch_id in opened:
        assert client.patch(f"/core-fast/api/v2/batches/{batch_id}/cancel").status_code == 200
    # Finished batches free the quota.
    assert client.post(f"{CORE}/batches", json=_batch(quota_cloud, 1)).status_code == 200
