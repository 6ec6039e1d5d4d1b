"""The CLI at 80 columns (rich's `Console(width=80)`): tables keep every id whole, on one line,
and progress fits (a short id prefix live, whole lines in a log); `jobs list` is newest first."""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from rich.console import Console

from pasqal_sdk._cli import ExitCode
from pasqal_sdk._cli_views import batches_table, jobs_table, results_table
from pasqal_sdk._progress import ProgressBar

Run = Callable[..., Any]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def rendered(table: Any) -> list[str]:
    console = Console(width=80, record=True, file=io.StringIO())
    console.print(table)
    return console.export_text().splitlines()


def fake_job(batch_id: str, status: str = "DONE") -> Any:
    return SimpleNamespace(
        id=str(uuid.uuid4()),
        batch_id=batch_id,
        status=status,
        runs=1000,
        result={"0101": 400, "1010": 350, "0000": 200, "1111": 50},
        variables={"omega_max": 10.5, "detuning": -3.25},
        created_at="2026-12-06T22:58:03.123456+00:00",
    )


def fake_batch() -> Any:
    batch_id = str(uuid.uuid4())
    jobs = [fake_job(batch_id) for _ in range(3)]
    return SimpleNamespace(
        id=batch_id,
        status="RUNNING",
        device_type="FRESNEL_CAN1",
        job_ids=[job.id for job in jobs],
        ordered_jobs=jobs,
        created_at="2026-12-06T22:58:03.123456+00:00",
    )


def assert_whole_ids_within_80_columns(lines: list[str], ids: list[str], last_header: str) -> None:
    """Every id whole on one line, no line past 80, and the table not cropped (the last
    column's header shows)."""
    assert max(len(line.rstrip()) for line in lines) <= 80
    text = "\n".join(lines)
    assert last_header in text, text
    for resource_id in ids:
        assert resource_id in text, f"{resource_id} is cut:\n{text}"


@pytest.mark.parametrize("with_batch", [False, True])
def test_jobs_tables_keep_whole_ids_at_80_columns(with_batch: bool) -> None:
    batches = [fake_batch(), fake_batch()]
    jobs = [job for batch in batches for job in batch.ordered_jobs]
    lines = rendered(jobs_table(jobs, "jobs", with_batch=with_batch))
    ids = [job.id for job in jobs] + ([batch.id for batch in batches] if with_batch else [])
    assert_whole_ids_within_80_columns(lines, ids, "most likely")


def test_batches_and_results_tables_keep_whole_ids_at_80_columns() -> None:
    batches = [fake_batch() for _ in range(3)]
    lines = rendered(batches_table(batches))
    assert_whole_ids_within_80_columns(lines, [batch.id for batch in batches], "created")
    assert "2026-12-06" in "\n".join(lines)
    jobs = batches[0].ordered_jobs
    lines = rendered(results_table(jobs, f"results of batch {batches[0].id} · DONE"))
    assert_whole_ids_within_80_columns(lines, [job.id for job in jobs], "counts")


def test_a_live_bar_fits_80_columns_with_count_elapsed_and_eta() -> None:
    batch_id = str(uuid.uuid4())
    stream = io.StringIO()
    bar = ProgressBar(
        f"batch {batch_id}: jobs done",
        stream=stream,
        short_label=f"batch {batch_id[:8]}: jobs done",
    )
    bar.console = Console(file=stream, force_terminal=True, width=80)
    bar.update(4, 10, eta=75.0)
    bar.update(6, 10, eta=50.0)
    bar.close()
    lines = [line for line in ANSI.sub("", stream.getvalue()).replace("\r", "\n").splitlines()]
    last = [line for line in lines if "6/10" in line][-1]
    assert len(last) <= 80
    assert f"batch {batch_id[:8]}: jobs done" in last
    assert re.search(r"6/10 \d+:\d\d:\d\d ETA \d+:\d\d:\d\d$", last.rstrip()), last
    assert "…" not in last


def test_a_log_gets_whole_lines_with_the_whole_id() -> None:
    batch_id = str(uuid.uuid4())
    stream = io.StringIO()
    bar = ProgressBar(f"batch {batch_id}: jobs done", stream=stream, short_label="short")
    bar.console = Console(file=stream, width=80)
    assert not bar.live
    bar.update(4, 10, eta=75.0)
    bar.close()
    (line,) = stream.getvalue().splitlines()
    assert line == f"batch {batch_id}: jobs done 4/10 (0:00 elapsed, about 1:15 left)"


@pytest.fixture
def narrow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


def test_jobs_list_is_newest_first_with_created_at(run: Run, sdk: Any, narrow: None) -> None:
    from tests.sdk.scenarios import jobs, sequence

    first = sdk.create_batch(sequence(), jobs(5), emulator="EMU_FREE")
    second = sdk.create_batch(sequence(), jobs(5, 6), emulator="EMU_FREE")
    created = [*first.job_ids, *second.job_ids]
    listed = run("--json", "jobs", "list", "--batch-id", first.id, "--batch-id", second.id)
    assert listed.code == ExitCode.OK, listed.err
    assert [job["id"] for job in listed.json()] == created[::-1]
    assert all(job["created_at"] for job in listed.json())
    table = run("jobs", "list", "--batch-id", first.id, "--batch-id", second.id)
    assert table.code == ExitCode.OK, table.err
    for resource_id in [*created, first.id, second.id]:
        assert resource_id in table.out
    assert max(len(line) for line in table.out.splitlines()) <= 80
