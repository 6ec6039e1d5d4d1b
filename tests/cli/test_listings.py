"""`jobs list` and `batches list` with the SDK's filters, `batches results` with each job's
variables, and `devices` without a `None`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pasqal_sdk._cli import ExitCode

Run = Callable[..., Any]


@pytest.fixture(autouse=True)
def wide_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables wide enough that rich never folds an id."""
    monkeypatch.setenv("COLUMNS", "250")


def ids(outcome: Any) -> list[str]:
    assert outcome.code == ExitCode.OK, outcome.err
    return [item["id"] for item in outcome.json()]


def test_jobs_list_filters_by_batch_status_and_runs(run: Run, done_batch: Any) -> None:
    of_batch = run("--json", "jobs", "list", "--batch-id", done_batch.id, "--limit", "100")
    assert sorted(ids(of_batch)) == sorted(done_batch.job_ids)
    assert {j["batch_id"] for j in of_batch.json()} == {done_batch.id}
    assert {j["status"] for j in of_batch.json()} == {"DONE"}
    done = run("--json", "jobs", "list", "--batch-id", done_batch.id, "--status", "done")
    assert sorted(ids(done)) == sorted(done_batch.job_ids)
    none = run("--json", "jobs", "list", "--batch-id", done_batch.id, "--status", "CANCELED")
    assert ids(none) == []
    big = run("--json", "jobs", "list", "--batch-id", done_batch.id, "--min-runs", "25")
    assert ids(big) == [done_batch.job_ids[0]]  # the 30-run job, not the 20-run one
    small = run("--json", "jobs", "list", "--batch-id", done_batch.id, "--max-runs", "25")
    assert ids(small) == [done_batch.job_ids[1]]
    one = run("--json", "jobs", "list", "--id", done_batch.job_ids[1])
    assert ids(one) == [done_batch.job_ids[1]]
    clean = run("--json", "jobs", "list", "--batch-id", done_batch.id, "--errors")
    assert ids(clean) == []
    future = run(
        "--json", "jobs", "list", "--batch-id", done_batch.id, "--start-date", "2999-01-01"
    )
    assert ids(future) == []
    limited = run("--json", "jobs", "list", "--batch-id", done_batch.id, "--limit", "1")
    assert len(ids(limited)) == 1


def test_jobs_list_table(run: Run, done_batch: Any) -> None:
    table = run("jobs", "list", "--batch-id", done_batch.id)
    assert table.code == ExitCode.OK, table.err
    for job_id in done_batch.job_ids:
        assert job_id in table.out
    assert done_batch.id in table.out


def test_batches_list_filters(run: Run, done_batch: Any) -> None:
    assert ids(run("--json", "batches", "list", "--id", done_batch.id)) == [done_batch.id]
    by_device = run("--json", "batches", "list", "--device-type", "emu_free", "--limit", "100")
    assert done_batch.id in ids(by_device)
    assert {b["device_type"] for b in by_device.json()} == {"EMU_FREE"}
    closed = run("--json", "batches", "list", "--closed", "--id", done_batch.id)
    assert ids(closed) == [done_batch.id]
    assert ids(run("--json", "batches", "list", "--open", "--id", done_batch.id)) == []
    later = run("--json", "batches", "list", "--id", done_batch.id, "--end-date", "2000-01-01")
    assert ids(later) == []
    assert run("batches", "list", "--start-date", "yesterday").code == ExitCode.USAGE


def test_batches_results_show_each_jobs_variables_and_counts(
    run: Run, sdk: Any, done_batch: Any
) -> None:
    results = run("--json", "batches", "results", done_batch.id)
    assert results.code == ExitCode.OK, results.err
    data = results.json()
    assert sorted(data) == sorted(done_batch.job_ids)
    for job_id, shown in data.items():
        job = sdk.get_job(job_id)
        assert shown == {"status": "DONE", "variables": job.variables, "counts": job.result}
    assert data[done_batch.job_ids[0]]["variables"] != data[done_batch.job_ids[1]]["variables"]
    table = run("batches", "results", done_batch.id)
    assert table.code == ExitCode.OK, table.err
    assert "variables" in table.out
    for job_id, shown in data.items():
        assert job_id in table.out
        assert f'"area":{shown["variables"]["area"]}' in table.out


def test_devices_show_the_limit_that_applies_and_why_some_are_missing(run: Run) -> None:
    data = run("--json", "devices").json()
    assert data["EMU_FREE"]["max_atom_num"] == 14  # what the local cloud accepts
    assert data["FRESNEL"]["max_atom_num"]
    table = run("devices")
    assert "None" not in table.out
    assert any("EMU_FREE" in line and " 14 " in line for line in table.out.splitlines())
    missing = [name for name in ("EMU_TN", "EMU_MPS", "EMU_SV") if name not in data]
    if missing:  # the `emulators` extra is not installed here
        assert "Not offered here: " in table.err
        assert "pasqal-sdk[emulators]" in table.err


def test_devices_work_without_login(
    run: Run, cloud: Any, config_root: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    (config_root / ".pasqal" / "config").write_text(f"url={cloud.url}\n")
    public = run("--json", "devices")
    assert public.code == ExitCode.OK, public.err
    assert "EMU_FREE" in public.json()
    assert "Not logged in" in public.err
