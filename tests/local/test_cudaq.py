"""CUDA-Q's analog programs as Pulser sequences: SI units to Pulser's, the filled sites only, the
phase's sign, and a refusal naming the field for what a global channel can't express."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from pulser import Sequence

from pasqal_sdk.local.worker.cudaq import ProgramError, to_sequence
from tests.local.test_other_clients_api import OMEGA, PI_PULSE, field, program


def converted(body: dict[str, Any], device_type: str = "EMU_FREE") -> Any:
    return Sequence.from_abstract_repr(to_sequence(body, device_type))


def channel(sequence: Any) -> Any:
    """The samples (one per ns) of the sequence's one channel."""
    from pulser.sampler import sample

    return sample(sequence).channel_samples["ising"]


def test_units_become_pulsers_and_only_filled_sites_hold_atoms() -> None:
    body = program([(0.0, 0.0), (5e-6, 0.0), (0.0, 7e-6)], filling=[1, 0, 1], duration=2e-6)
    sequence = converted(body)
    positions = sequence.register.qubits
    assert list(positions) == ["q0", "q1"]
    assert [float(c) for c in positions["q1"]] == pytest.approx([0.0, 7.0])  # m to µm
    assert sequence.get_duration() == 2000  # s to ns
    assert float(channel(sequence).amp[0]) == pytest.approx(OMEGA / 1e6)  # rad/s to rad/µs


def test_a_piecewise_linear_detuning_is_interpolated_per_nanosecond() -> None:
    body = program([(0.0, 0.0)], duration=1e-6)
    drive = body["hamiltonian"]["drivingFields"][0]
    drive["detuning"] = field([0, 0.5e-6, 1e-6], [-1e7, 1e7, 1e7])
    sequence = converted(body)
    samples = channel(sequence).det
    assert float(samples[0]) == pytest.approx(-10.0)
    assert float(samples[250]) == pytest.approx(0.0, abs=0.05)
    assert float(samples[999]) == pytest.approx(10.0)


def test_a_constant_phase_takes_pulsers_opposite_sign() -> None:
    body = program([(0.0, 0.0)])
    body["hamiltonian"]["drivingFields"][0]["phase"] = field([0, PI_PULSE], [0.5, 0.5])
    sequence = converted(body)
    assert float(channel(sequence).phase[0]) == pytest.approx((-0.5) % (2 * math.pi))


def test_a_qpu_gets_a_register_on_a_layout_of_the_sites() -> None:
    sequence = converted(program([(0.0, 0.0), (5e-6, 0.0)]), "FRESNEL")
    assert sequence.register.layout is not None
    assert sequence.device.name == "FRESNEL"


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (
            lambda b: b["hamiltonian"].update(localDetuning=[{}]),
            "sequence.hamiltonian.localDetuning",
        ),
        (
            lambda b: b["hamiltonian"]["drivingFields"][0]["phase"].update(pattern=[1.0]),
            "sequence.hamiltonian.drivingFields[0].phase.pattern",
        ),
        (
            lambda b: b["hamiltonian"]["drivingFields"][0]["detuning"].update(
                time_series={"times": ["0", "1e-6"], "values": ["0", "0"]}
            ),
            "sequence.hamiltonian.drivingFields[0].detuning.time_series.times",
        ),
        (
            lambda b: b["setup"]["ahs_register"].update(filling=[0]),
            "sequence.setup.ahs_register.filling",
        ),
    ],
)
def test_what_it_cannot_express_names_the_field(change: Any, where: str) -> None:
    body = program([(0.0, 0.0)])
    change(body)
    with pytest.raises(ProgramError) as refused:
        to_sequence(json.loads(json.dumps(body)), "EMU_FREE")
    assert refused.value.field == where
