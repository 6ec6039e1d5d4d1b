"""A job's results as Pulser `Results`, rebuilt from the `serialised_results` every emulator
of the local cloud sends beside the counts."""

from __future__ import annotations

import pytest
from pulser.backend import Results

from pasqal_sdk import SDK, ResultNotReadyError
from tests.local.conftest import sequence_json


def test_a_done_job_gives_its_pulser_results(live_sdk: SDK) -> None:
    batch = live_sdk.create_batch(
        sequence_json(amp=2.0, atoms=2), [{"runs": 40}], "EMU_FREE", wait=True
    )
    (job,) = batch.ordered_jobs
    results = job.pulser_results
    assert isinstance(results, Results)
    assert dict(results.final_bitstrings) == dict(job.counts)
    assert sum(results.final_bitstrings.values()) == 40


def test_pulser_results_of_an_unfinished_job_are_not_ready(live_sdk: SDK) -> None:
    slow = sequence_json(amp=2.0, atoms=10, duration=3000)
    batch = live_sdk.create_batch(slow, [{"runs": 10}], "EMU_FREE")
    job = batch.ordered_jobs[0]
    if job.status != "DONE":
        with pytest.raises(ResultNotReadyError):
            _ = job.pulser_results
    batch.cancel()


def test_pulser_results_hold_the_observables_the_configuration_asks_for(live_sdk: SDK) -> None:
    from pulser.backend import BitStrings, EmulationConfig, Occupation

    config = EmulationConfig(
        observables=[BitStrings(), Occupation(evaluation_times=[1.0])], default_num_shots=30
    )
    batch = live_sdk.create_batch(
        sequence_json(amp=2.0, atoms=2),
        [{"runs": 30}],
        "EMU_FREE",
        backend_configuration=config.to_abstract_repr(),
        wait=True,
    )
    (job,) = batch.ordered_jobs
    results = job.pulser_results
    assert {"bitstrings", "occupation"} <= set(results.get_result_tags())
    (occupation,) = results.occupation
    assert len(occupation) == 2
    assert all(0.0 <= float(p) <= 1.0 for p in occupation)
    assert sum(job.counts.values()) == 30
