"""EMU_FREE counts agree statistically with pulser-simulation run directly on the sequence."""

from __future__ import annotations

import warnings
from collections import Counter

import httpx
from pulser import Sequence
from pulser_simulation import QutipEmulator

from tests.local.conftest import Api, sequence_json

RUNS = 3000
REFERENCE_SAMPLES = 200_000
# Total variation distance allowed between the local cloud's counts and the reference: with
# 3000 runs over 4 outcomes the sampling error is about 0.02.
TOLERANCE = 0.06


def total_variation(a: Counter[str], b: Counter[str]) -> float:
    na, nb = sum(a.values()), sum(b.values())
    return 0.5 * sum(abs(a[k] / na - b[k] / nb) for k in set(a) | set(b))


def results_of(api: Api, job_id: str) -> dict[str, object]:
    link = api.core.get(f"/api/v1/jobs/{job_id}/results_link").json()["data"]["results_link"]
    document: dict[str, object] = httpx.get(link).json()
    return document


def test_emu_free_counts_agree_with_pulser_simulation(api: Api) -> None:
    serialized = sequence_json()
    batch = api.create_batch(
        sequence_builder=serialized, jobs=[{"runs": RUNS, "variables": {"amp": 3.0}}]
    )
    finished = api.wait_batch(batch["id"])
    assert finished["status"] == "DONE"
    document = results_of(api, finished["job_ids"][0])
    counts = Counter(document["counter"])  # type: ignore[arg-type]
    assert sum(counts.values()) == RUNS
    assert Counter(document["raw"]) == counts  # type: ignore[arg-type]

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        built = Sequence.from_abstract_repr(serialized).build(amp=3.0)
        reference = Counter(
            QutipEmulator.from_sequence(built).run().sample_final_state(REFERENCE_SAMPLES)
        )
    # The sequence must be one whose outcome is not trivial for the test to mean something.
    assert len(reference) >= 3
    assert total_variation(counts, reference) < TOLERANCE


def test_with_noise_adds_spam_errors(api: Api) -> None:
    # With a zero amplitude every atom stays in the ground state: only SPAM noise flips bits.
    quiet = sequence_json(amp=0.0)
    batch = api.create_batch(
        sequence_builder=quiet,
        jobs=[{"runs": 500}],
        configuration={"with_noise": True},
    )
    finished = api.wait_batch(batch["id"])
    assert finished["status"] == "DONE"
    noisy = Counter(results_of(api, finished["job_ids"][0])["counter"])  # type: ignore[arg-type]
    assert sum(noisy.values()) == 500

    clean_batch = api.create_batch(sequence_builder=quiet, jobs=[{"runs": 500}])
    clean = api.wait_batch(clean_batch["id"])
    clean_counts = Counter(results_of(api, clean["job_ids"][0])["counter"])  # type: ignore[arg-type]
    assert sum(clean_counts.values()) == 500
    assert clean_counts == Counter({"00": 500})
    assert noisy["00"] < 500


def test_a_seed_makes_a_job_reproducible() -> None:
    from pasqal_sdk.local.worker.emulators import run_job

    serialized = sequence_json()
    first = run_job("EMU_FREE", serialized, {"amp": 3.0}, 200, None, seed=11)
    again = run_job("EMU_FREE", serialized, {"amp": 3.0}, 200, None, seed=11)
    assert first == again
    assert sum(first["counter"].values()) == 200
