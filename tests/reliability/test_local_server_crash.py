"""kill -9 of the local cloud during heavy concurrent submission, then a restart: every batch
that got a 200 exists with all its jobs, each of which runs to the end once; a request that got
no answer made one batch or none, never two."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

from pasqal_sdk.local.testing import LocalCloud
from tests.local.conftest import password_token, sequence_json

SUBMITTERS = 4
BATCHES_EACH = 25
JOBS_A_BATCH = 5
KILL_AFTER = 66  # answered creations: 330 jobs


def test_kill_9_during_concurrent_submission_loses_and_duplicates_nothing(
    tmp_path: Path,
) -> None:
    cloud = LocalCloud(tmp_path / "data", workers=2, seed=3)
    try:
        token = password_token(cloud)
        sequence = sequence_json(amp=1.0)
        answered: dict[str, str] = {}  # tag -> batch id
        unanswered: list[str] = []
        lock = threading.Lock()
        enough = threading.Event()

        def submit(who: int) -> None:
            with httpx.Client(
                base_url=cloud.core_url, headers={"Authorization": f"Bearer {token}"}, timeout=30
            ) as http:
                for i in range(BATCHES_EACH):
                    tag = f"s{who}-{i}"
                    body = {
                        "project_id": cloud.project_id,
                        "device_type": "EMU_FREE",
                        "sequence_builder": sequence,
                        "tags": [tag],
                        "jobs": [{"runs": 5} for _ in range(JOBS_A_BATCH)],
                    }
                    try:
                        answer = http.post("/api/v1/batches", json=body)
                    except httpx.HTTPError:
                        with lock:
                            unanswered.append(tag)
                        return  # the server is gone: this submitter stops
                    assert answer.status_code == 200, answer.text
                    with lock:
                        answered[tag] = answer.json()["data"]["id"]
                        if len(answered) >= KILL_AFTER:
                            enough.set()

        threads = [threading.Thread(target=submit, args=(n,)) for n in range(SUBMITTERS)]
        for thread in threads:
            thread.start()
        assert enough.wait(180), f"only {len(answered)} creations answered"
        cloud.kill()
        for thread in threads:
            thread.join(60)
        assert len(answered) * JOBS_A_BATCH >= 300

        cloud.start()
        database = cloud.data_dir / "local-cloud.sqlite3"

        def unfinished() -> int:
            with sqlite3.connect(database, timeout=10) as db:
                return int(
                    db.execute(
                        "SELECT COUNT(*) FROM jobs WHERE status IN ('PENDING', 'RUNNING')"
                    ).fetchone()[0]
                )

        deadline = time.monotonic() + 420
        while unfinished():
            assert time.monotonic() < deadline, f"{unfinished()} jobs still unfinished"
            time.sleep(1)

        with sqlite3.connect(database, timeout=10) as db:
            batches = dict(
                db.execute("SELECT t.tag, b.id FROM tags t JOIN batches b ON b.id = t.batch_id")
            )
            per_tag = Counter(tag for (tag,) in db.execute("SELECT tag FROM tags"))
            jobs = list(db.execute("SELECT batch_id, status, id FROM jobs"))
        assert max(per_tag.values()) == 1, "a request made two batches"
        for tag, batch_id in answered.items():
            assert batches.get(tag) == batch_id, f"{tag}: answered 200 but not stored"
        assert set(batches) <= set(answered) | set(unanswered)
        per_batch = Counter(batch_id for batch_id, _, _ in jobs)
        assert set(per_batch.values()) == {JOBS_A_BATCH}
        assert {status for _, status, _ in jobs} == {"DONE"}
        results = cloud.data_dir / "results"
        assert all(any(results.glob(f"**/{job_id}*")) for _, _, job_id in jobs)
    finally:
        cloud.close()
