"""The local cloud's data dir: one server at a time, private files whatever the umask, a clear
exit on a corrupt database, and a full disk that costs no job."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pasqal_sdk.local.storage.faults import DISK_FULL_FLAG
from pasqal_sdk.local.testing import LocalCloud
from tests.local.conftest import sequence_json

from .conftest import api_client, new_batch, wait_until

DATABASE = "local-cloud.sqlite3"


def _serve(data_dir: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`serve` on `data_dir` and a free port, expected to exit by itself."""
    command = [sys.executable, "-m", "pasqal_sdk.local", "serve", "--port", "0"]
    return subprocess.run(
        [*command, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _job_statuses(cloud: LocalCloud) -> list[str]:
    with sqlite3.connect(cloud.data_dir / DATABASE, timeout=10) as db:
        return [row[0] for row in db.execute("SELECT status FROM jobs ORDER BY seq")]


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_second_server_on_the_same_data_dir_exits_2_and_touches_nothing(
    tmp_path: Path,
) -> None:
    with LocalCloud(tmp_path / "data", workers=1) as first:
        server_json = (first.data_dir / "server.json").read_text()
        with api_client(first) as api:
            batch_id = new_batch(api, first, sequence_json(atoms=6, duration=2000), jobs=2)
            second = _serve(first.data_dir)
            assert second.returncode == 2, second.stderr
            pid = json.loads(server_json)["pid"]
            assert f"in use by pid {pid}" in second.stderr
            assert "Traceback" not in second.stderr
            assert (first.data_dir / "server.json").read_text() == server_json
            wait_until(lambda: set(_job_statuses(first)) == {"DONE"}, timeout=120)
            batch = api.get(f"/core-fast/api/v2/batches/{batch_id}").json()["data"]
            assert batch["status"] == "DONE"


def test_the_data_dir_lock_goes_with_a_kill_9(tmp_path: Path) -> None:
    cloud = LocalCloud(tmp_path / "data", workers=1)
    try:
        cloud.kill()
        cloud.start()  # a new server takes the data dir at once
        assert cloud.running
    finally:
        cloud.close()


def test_the_data_dir_and_its_files_are_private_under_umask_022(
    tmp_path: Path, umask_022: None
) -> None:
    data_dir = tmp_path / "fresh" / "data"
    with LocalCloud(data_dir, workers=1) as cloud, api_client(cloud) as api:
        batch_id = new_batch(api, cloud, sequence_json())
        wait_until(lambda: _job_statuses(cloud) == ["DONE"], timeout=60)
        assert api.get(f"/core-fast/api/v1/batches/{batch_id}").status_code == 200
        cloud.add_user("other@pasqal.local", "another-password")
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
        served = [p for p in data_dir.rglob("*") if p.name != "server.log"]
        assert {p.name for p in served} >= {DATABASE, "server.json", "jwt-secret", "results"}
        assert any(p.parent.name == "results" for p in served)
        loose = {
            str(p): oct(stat.S_IMODE(p.stat().st_mode)) for p in served if p.stat().st_mode & 0o077
        }
        assert loose == {}


def test_a_corrupt_database_at_start_up_is_one_line_and_exit_2(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / DATABASE).write_bytes(b"not a database, " * 512)
    served = _serve(data_dir)
    assert served.returncode == 2
    lines = [line for line in served.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, served.stderr
    assert str(data_dir / DATABASE) in lines[0]
    assert "move it away" in lines[0]


def test_a_full_disk_is_a_507_and_costs_no_job(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flag = tmp_path / "disk-full"
    monkeypatch.setenv(DISK_FULL_FLAG, str(flag))
    with LocalCloud(tmp_path / "data", workers=1) as cloud, api_client(cloud) as api:
        slow = sequence_json(atoms=6, duration=2000)
        batch_id = new_batch(api, cloud, slow)
        wait_until(lambda: _job_statuses(cloud) == ["RUNNING"], timeout=60)
        flag.touch()  # the disk fills while the job runs: its result can't be written
        refused = api.post(
            "/core-fast/api/v1/batches",
            json={"project_id": cloud.project_id, "device_type": "EMU_FREE",
                  "sequence_builder": slow, "jobs": [{"runs": 5, "variables": {"amp": 1.0}}]},
        )  # fmt: skip
        assert refused.status_code == 507, refused.text
        assert f"data dir full: free space in {cloud.data_dir}" in refused.json()["message"]
        assert api.get(f"/core-fast/api/v1/batches/{batch_id}").status_code == 200
        wait_until(lambda: "data dir full" in cloud.log_file.read_text(), timeout=120)
        assert "ERROR" not in _job_statuses(cloud)
        flag.unlink()  # space is back: the job runs again
        wait_until(lambda: _job_statuses(cloud) == ["DONE"], timeout=120)
        job = api.get(f"/core-fast/api/v1/batches/{batch_id}").json()["data"]["jobs"][0]
        assert job["errors"] == []
        assert job["result"]


def _one_line_exit_2(served: subprocess.CompletedProcess[str], *words: str) -> None:
    assert served.returncode == 2, (served.returncode, served.stdout, served.stderr)
    lines = [line for line in served.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, served.stderr
    assert "Traceback" not in served.stderr
    assert "local cloud on" not in served.stdout.lower()  # no banner before the failure
    for word in words:
        assert word in lines[0]


def test_a_database_path_that_is_a_directory_is_one_line_and_exit_2(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    (data_dir / DATABASE).mkdir(parents=True)
    _one_line_exit_2(_serve(data_dir), str(data_dir / DATABASE), "directory")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_a_read_only_database_is_one_line_and_exit_2_before_the_banner(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with LocalCloud(data_dir, workers=1):
        pass
    database = data_dir / DATABASE
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    os.chmod(data_dir, 0o700)
    database.chmod(0o400)
    try:
        _one_line_exit_2(_serve(data_dir), str(database), "read-only")
    finally:
        database.chmod(0o600)


def test_a_database_corrupted_while_serving_is_a_503_and_an_unhealthy_health(
    tmp_path: Path,
) -> None:
    with LocalCloud(tmp_path / "data", workers=1) as cloud, api_client(cloud) as api:
        database = cloud.data_dir / DATABASE
        with database.open("r+b") as raw:  # the header and the first pages overwritten
            raw.write(b"\0garbage" * 2048)
        answer = api.get("/core-fast/api/v1/batches")
        assert answer.status_code == 503, answer.text
        assert "corrupt" in answer.json()["message"]
        assert str(database) in answer.json()["message"]
        health = api.get("/health")
        assert health.status_code == 503, health.text
        assert "corrupt" in health.json()["message"]
        assert "Traceback" not in cloud.log_file.read_text()
