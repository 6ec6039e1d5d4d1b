"""Results for people: a job's counts as a Counter, its probabilities, and a histogram."""

from __future__ import annotations

import sys
from collections import Counter
from typing import Any

import pytest

from pasqal_sdk import SDK, ResultNotReadyError

from .scenarios import jobs, sequence


@pytest.fixture(scope="module")
def done_job(cloud: Any) -> Any:
    from .conftest import cloud_kwargs

    with SDK(**cloud_kwargs(cloud)) as sdk:
        batch = sdk.create_batch(sequence(), jobs(50), emulator="EMU_FREE", wait=True)
    return batch.ordered_jobs[0]


def test_counts_are_a_counter_of_the_runs(done_job: Any) -> None:
    assert isinstance(done_job.counts, Counter)
    assert sum(done_job.counts.values()) == 50
    assert done_job.counts == Counter(done_job.result)


def test_probabilities_add_up_to_one_most_likely_first(done_job: Any) -> None:
    probabilities = done_job.probabilities()
    assert sum(probabilities.values()) == pytest.approx(1.0)
    assert list(probabilities.values()) == sorted(probabilities.values(), reverse=True)
    assert probabilities == {b: n / 50 for b, n in done_job.counts.items()}


def test_histogram_draws_one_bar_per_bitstring(done_job: Any) -> None:
    import matplotlib

    matplotlib.use("Agg")
    ax = done_job.plot_histogram()
    assert len(ax.patches) == len(done_job.counts)
    assert len(done_job.plot_histogram(top=1).patches) >= 1


def test_histogram_without_matplotlib_names_the_extra(
    done_job: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"pasqal-sdk\[plot\]"):
        done_job.plot_histogram()


def test_reading_counts_before_done_is_a_typed_error_that_says_to_wait(live_sdk: SDK) -> None:
    batch = live_sdk.create_batch(sequence(), jobs(5), emulator="EMU_FREE", open=True)
    live_sdk.cancel_batch(batch.id)
    job = batch.refresh().ordered_jobs[0]
    assert job.status == "CANCELED"
    for read in (lambda: job.counts, job.probabilities, job.plot_histogram):
        with pytest.raises(ResultNotReadyError, match="CANCELED") as caught:
            read()
        assert caught.value.job_id == job.id
        assert "it ended CANCELED and will never have" in str(caught.value)
        assert "wait()" not in str(caught.value)
    assert job.result is None


def test_a_pending_job_points_at_wait() -> None:
    from pasqal_core_client.models import Job as JobModel

    from pasqal_sdk._resources import _JobData

    model = JobModel.from_dict(
        {
            "id": "j1",
            "batch_id": "b1",
            "project_id": "p",
            "status": "PENDING",
            "runs": 10,
            "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:00:00Z",
        }
    )
    job = _JobData(model, None)
    with pytest.raises(ResultNotReadyError, match=r"PENDING.*wait\(\)"):
        job.probabilities()
    assert job.result is None
