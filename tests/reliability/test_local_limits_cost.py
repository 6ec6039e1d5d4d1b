"""What one request may make the local cloud spend before it answers: sequences are bounded in
operations and waveform samples, a request in distinct job sequences, bodies in list items and
batches in tags; each refusal is a quick 422 naming the limit, and `/health` keeps answering
while requests at the limits are checked."""

from __future__ import annotations

import json
import statistics
import threading
import time
from typing import Any

import httpx
import pytest

from pasqal_sdk.local.service.limits import Limits
from pasqal_sdk.local.testing import LocalCloud
from tests.local.conftest import sequence_json

from .conftest import new_batch, server_counts

CORE = "/core-fast/api/v1"
LIMITS = Limits()


def _with_operations(count: int) -> str:
    document = json.loads(sequence_json(amp=1.0))
    pulse = document["operations"][0]
    pulse["amplitude"]["duration"] = pulse["detuning"]["duration"] = 20
    document["operations"] = [pulse] * count
    return json.dumps(document)


def _with_custom_waveform(samples: int) -> str:
    document = json.loads(sequence_json(amp=1.0))
    pulse = document["operations"][0]
    pulse["amplitude"] = {"kind": "custom", "samples": [0.5] * samples}
    pulse["detuning"] = {"kind": "constant", "duration": samples, "value": 0.0}
    return json.dumps(document)


def _create(api: httpx.Client, cloud: LocalCloud, **fields: Any) -> tuple[httpx.Response, float]:
    body = {
        "project_id": cloud.project_id,
        "device_type": "EMU_FREE",
        "jobs": [{"runs": 5}],
        **fields,
    }
    started = time.monotonic()
    answer = api.post(f"{CORE}/batches", json=body)
    return answer, time.monotonic() - started


@pytest.mark.parametrize(
    ("sequence", "limit"),
    [
        (lambda: _with_operations(3 * LIMITS.max_sequence_operations), "max_sequence_operations"),
        (lambda: _with_custom_waveform(1_000_000), "max_sequence_samples"),
    ],
    ids=["operations", "samples"],
)
def test_a_sequence_over_its_size_limits_is_a_quick_422(
    api: httpx.Client, cloud: LocalCloud, sequence: Any, limit: str
) -> None:
    before = server_counts(cloud)
    answer, seconds = _create(api, cloud, sequence_builder=sequence())
    assert answer.status_code == 422, answer.text
    assert limit in answer.json()["message"]
    assert seconds < 10, f"the refusal took {seconds:.1f} s"
    assert server_counts(cloud) == before


def test_too_many_distinct_job_sequences_in_one_request_is_a_422(
    api: httpx.Client, cloud: LocalCloud
) -> None:
    most = LIMITS.max_job_sequences_per_request
    base = json.loads(sequence_json(amp=1.0))
    jobs = []
    for i in range(most + 1):
        base["name"] = f"s{i}"
        jobs.append({"runs": 5, "sequence": json.dumps(base)})
    before = server_counts(cloud)
    answer, seconds = _create(api, cloud, jobs=jobs)
    assert answer.status_code == 422, answer.text
    assert "max_job_sequences_per_request" in answer.json()["message"]
    assert seconds < 10
    assert server_counts(cloud) == before


def test_tags_past_the_limit_are_a_422(api: httpx.Client, cloud: LocalCloud, sequence: str) -> None:
    batch_id = new_batch(api, cloud, sequence)
    url = f"{CORE}/batches/{batch_id}/tags"
    answer = api.patch(url, json=[f"t{i}" for i in range(LIMITS.max_tags + 1)])
    assert answer.status_code == 422, answer.text
    assert "max_tags" in answer.json()["message"]
    started = time.monotonic()
    answer = api.patch(url, json=["t"] * 1_500_000)
    assert answer.status_code == 422, answer.text
    assert "max_list_items" in answer.json()["message"]
    assert time.monotonic() - started < 10
    assert api.get(f"/core-fast/api/v2/batches/{batch_id}").json()["data"]["tags"] == []


def test_health_answers_within_100_ms_while_requests_at_the_limits_are_checked(
    api: httpx.Client, cloud: LocalCloud
) -> None:
    heavy = [
        {"sequence_builder": _with_operations(LIMITS.max_sequence_operations), "open": True},
        {"sequence_builder": _with_custom_waveform(LIMITS.max_sequence_samples)},
    ]
    done = threading.Event()
    failures: list[str] = []

    def submit() -> None:
        while not done.is_set():
            for fields in heavy:
                answer, _ = _create(api, cloud, **{"jobs": [], **fields})
                if answer.status_code >= 500:
                    failures.append(answer.text)

    submitters = [threading.Thread(target=submit) for _ in range(2)]
    for thread in submitters:
        thread.start()
    latencies = []
    try:
        with httpx.Client(base_url=cloud.url, timeout=10) as health:
            time.sleep(1.0)  # the submitters are under way
            for _ in range(150):
                started = time.monotonic()
                assert health.get("/health").status_code == 200
                latencies.append(time.monotonic() - started)
                time.sleep(0.02)
    finally:
        done.set()
        for thread in submitters:
            thread.join()
    assert not failures
    p99 = statistics.quantiles(latencies, n=100)[98]
    assert p99 < 0.1, f"/health p99 {p99 * 1000:.0f} ms"


def test_jobs_building_too_many_operations_together_are_a_quick_422(
    api: httpx.Client, cloud: LocalCloud
) -> None:
    """Each job with variables builds and samples its sequence: 40 jobs of a 1000-operation
    sequence would be 40 000 operations to check in one request."""
    document = json.loads(sequence_json())  # its amplitude is the variable `amp`
    pulse = document["operations"][0]
    pulse["amplitude"]["duration"] = pulse["detuning"]["duration"] = 20
    document["operations"] = [pulse] * LIMITS.max_sequence_operations
    jobs = [{"runs": 5, "variables": {"amp": 1.0 + i / 100}} for i in range(40)]
    before = server_counts(cloud)
    answer, seconds = _create(api, cloud, sequence_builder=json.dumps(document), jobs=jobs)
    assert answer.status_code == 422, answer.text
    assert "max_checked_operations_per_request" in answer.json()["message"]
    assert seconds < 30
    assert server_counts(cloud) == before
