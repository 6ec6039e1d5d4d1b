"""EMU_TN/EMU_MPS (emu-mps) and EMU_SV (emu-sv) run when the `emulators` extra is installed, with
their configurations honoured, and agree statistically with pulser-simulation.

The extra needs torch, so `make test` (CI) skips this module; `make test-emulators` builds a
virtual environment with the CPU build of torch and the extra, and runs it."""

from __future__ import annotations

import warnings
from collections import Counter

import pytest
from pulser import Sequence
from pulser_simulation import QutipEmulator

from tests.local.conftest import Api, sequence_json
from tests.local.test_emulators import results_of, total_variation

pytest.importorskip("emu_mps", reason="the `emulators` extra is not installed")
pytest.importorskip("emu_sv", reason="the `emulators` extra is not installed")

RUNS = 1000
# With 1000 runs over a handful of outcomes the sampling error is about 0.03.
TOLERANCE = 0.1


def _reference(serialized: str) -> Counter[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        built = Sequence.from_abstract_repr(serialized).build(amp=3.0)
        return Counter(QutipEmulator.from_sequence(built).run().sample_final_state(200_000))


@pytest.mark.parametrize(
    ("device_type", "configuration"),
    [
        ("EMU_MPS", {"dt": 10.0, "precision": "normal", "max_bond_dim": 100}),
        ("EMU_TN", {"dt": 10.0, "precision": "high"}),
        ("EMU_SV", {"dt": 10.0}),
    ],
)
def test_heavy_emulator_counts_agree_with_pulser_simulation(
    api: Api, device_type: str, configuration: dict[str, object]
) -> None:
    serialized = sequence_json(atoms=3)
    batch = api.create_batch(
        sequence_builder=serialized,
        device_type=device_type,
        configuration=configuration,
        jobs=[{"runs": RUNS, "variables": {"amp": 3.0}}],
    )
    finished = api.wait_batch(batch["id"], timeout=300)
    assert finished["status"] == "DONE", finished
    counts = Counter(results_of(api, finished["job_ids"][0])["counter"])  # type: ignore[arg-type]
    assert sum(counts.values()) == RUNS
    reference = _reference(serialized)
    assert len(reference) >= 3
    assert total_variation(counts, reference) < TOLERANCE


def test_an_invalid_configuration_is_refused(api: Api) -> None:
    answer = api.core.post(
        "/api/v1/batches",
        json={
            "sequence_builder": sequence_json(amp=1.0),
            "jobs": [{"runs": 10}],
            "device_type": "EMU_MPS",
            "project_id": api.cloud.project_id,
            "configuration": {"max_bond_dim": 0},
        },
    )
    assert 400 <= answer.status_code < 500
    assert "max_bond_dim" in answer.json()["message"]
