"""Jobs, sequences, device types and emulator configurations are checked before sending."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pasqal_sdk import (
    InvalidConfigurationError,
    InvalidDeviceTypeError,
    InvalidJobError,
    InvalidSequenceError,
)
from pasqal_sdk.device import EmuFreeConfig, EmulatorType, EmuTNConfig

from .conftest import Recorder, batch_dict, envelope


def pulser_sequence():
    from pulser import Pulse, Register, Sequence
    from pulser.devices import MockDevice
    from pulser.waveforms import BlackmanWaveform

    sequence = Sequence(Register.from_coordinates([(0, 0), (0, 10)], prefix="q"), MockDevice)
    sequence.declare_channel("ryd", "rydberg_global")
    area = sequence.declare_variable("area")
    sequence.add(Pulse.ConstantDetuning(BlackmanWaveform(500, area), 0, 0), "ryd")
    sequence.measure("ground-rydberg")
    return sequence


@pytest.fixture
def service():
    return Recorder(lambda request: envelope(batch_dict("b1")))


@pytest.mark.parametrize("runs", [0, -1, 1.5, "10", True, None])
def test_runs_must_be_a_positive_integer(make_sdk, service, runs):
    with pytest.raises(InvalidJobError, match="runs"):
        make_sdk(service).create_batch("{}", [{"runs": runs}], "EMU_FREE")
    assert service.requests == []


def test_a_pulser_sequence_is_serialized_and_its_variables_checked(make_sdk, service):
    sdk = make_sdk(service)
    sequence = pulser_sequence()
    with pytest.raises(InvalidJobError, match=r"no value for variable\(s\) \['area'\]"):
        sdk.create_batch(sequence, [{"runs": 1}], "EMU_FREE")
    with pytest.raises(
        InvalidJobError, match=r"extra variable\(s\) not declared by the sequence: \['omega'\]"
    ):
        sdk.create_batch(sequence, [{"runs": 1, "variables": {"area": 1, "omega": 2}}], "EMU_FREE")
    with pytest.raises(InvalidJobError, match=r"'aera' \(did you mean 'area'\?\)"):
        sdk.create_batch(sequence, [{"runs": 1, "variables": {"aera": 1}}], "EMU_FREE")
    assert service.requests == []
    sdk.create_batch(sequence, [{"runs": 1, "variables": {"area": 1.0}}], "EMU_FREE")
    sent = service.body(0)
    assert sent["sequence_builder"] == sequence.to_abstract_repr()
    assert sent["jobs"] == [{"runs": 1, "variables": {"area": 1.0}}]


def test_variables_are_checked_against_a_serialized_sequence_too(make_sdk, service):
    serialized = pulser_sequence().to_abstract_repr()
    with pytest.raises(InvalidJobError, match="area"):
        make_sdk(service).create_batch(serialized, [{"runs": 1, "variables": {}}], "EMU_FREE")


@pytest.mark.parametrize(
    "value", [float("nan"), float("inf"), [1.0, float("-inf")], "\ud800"], ids=repr
)
def test_variables_that_json_cannot_carry_are_refused_before_sending(make_sdk, service, value):
    with pytest.raises(InvalidJobError, match="area"):
        make_sdk(service).create_batch(
            pulser_sequence(), [{"runs": 1, "variables": {"area": value}}], "EMU_FREE"
        )
    assert service.requests == []


def test_tags_must_be_encodable_strings(make_sdk, service):
    from pasqal_sdk import InvalidConfigurationError

    sdk = make_sdk(service)
    for tags in (["ok", "\ud800"], [3]):
        with pytest.raises(InvalidConfigurationError, match=r"tags\[\d\]"):
            sdk.create_batch("{}", [{"runs": 1}], "EMU_FREE", tags=tags)
    assert service.requests == []


def test_unknown_job_keys_and_non_list_jobs_are_refused(make_sdk, service):
    sdk = make_sdk(service)
    with pytest.raises(InvalidJobError, match="unknown keys"):
        sdk.create_batch("{}", [{"runs": 1, "shots": 3}], "EMU_FREE")
    with pytest.raises(InvalidJobError):
        sdk.create_batch("{}", {"runs": 1}, "EMU_FREE")


def test_sequences_must_be_pulser_or_text(make_sdk, service):
    with pytest.raises(InvalidSequenceError):
        make_sdk(service).create_batch(42, [{"runs": 1}], "EMU_FREE")
    with pytest.raises(InvalidSequenceError):
        make_sdk(service).create_batch("  ", [{"runs": 1}], "EMU_FREE")


def test_an_unknown_device_type_is_refused(make_sdk, service):
    with pytest.raises(InvalidDeviceTypeError, match="EMU_FREE"):
        make_sdk(service).create_batch("{}", [{"runs": 1}], device_type="EMU_NOPE")
    assert service.requests == []


def test_device_type_and_configuration_are_sent(make_sdk, service):
    make_sdk(service).create_batch(
        "{}",
        [{"runs": 1}],
        emulator=EmulatorType.EMU_TN,
        configuration=EmuTNConfig(dt=10.0, precision="normal", max_bond_dim=100),
        open=True,
        tags=["a"],
    )
    sent = service.body(0)
    assert sent["device_type"] == "EMU_TN"
    assert sent["open"] is True
    assert sent["tags"] == ["a"]
    assert sent["configuration"]["dt"] == 10.0
    assert sent["configuration"]["max_bond_dim"] == 100
    assert sent["configuration"]["precision"] == "normal"


def _sequence_on(device: Any) -> str:
    return json.dumps({"version": "1", "device": device, "variables": {}})


@pytest.mark.parametrize("name", ["FRESNEL", "FRESNEL_CAN1", "Fresnel"])
def test_no_device_type_sends_the_qpu_the_sequence_names(make_sdk, service, name):
    sequence = _sequence_on({"name": name, "is_virtual": False})
    make_sdk(service).create_batch(sequence, [{"runs": 1}])
    assert service.body(0)["device_type"] == name.upper()


@pytest.mark.parametrize(
    "device",
    [{"name": "MockDevice", "is_virtual": True}, {"name": "AnalogDevice"}, None, "nonsense"],
)
def test_a_sequence_on_no_qpu_needs_an_emulator_and_nothing_is_sent(make_sdk, service, device):
    with pytest.raises(InvalidDeviceTypeError, match="emulator="):
        make_sdk(service).create_batch(_sequence_on(device), [{"runs": 1}])
    assert service.requests == []


def test_a_pulser_sequence_on_fresnel_can1_goes_to_fresnel_can1(make_sdk, service):
    import dataclasses

    from pulser import Register, Sequence
    from pulser.devices import AnalogDevice

    device = dataclasses.replace(AnalogDevice, name="FRESNEL_CAN1")
    sequence = Sequence(Register.square(2, spacing=6, prefix="q"), device)
    make_sdk(service).create_batch(sequence, [{"runs": 1}])
    assert service.body(0)["device_type"] == "FRESNEL_CAN1"


def test_a_closed_batch_needs_jobs(make_sdk, service):
    with pytest.raises(InvalidJobError):
        make_sdk(service).create_batch("{}", [], "EMU_FREE")


@pytest.mark.parametrize(
    "build",
    [
        lambda: EmuTNConfig(dt=0),
        lambda: EmuTNConfig(dt=-1.0),
        lambda: EmuTNConfig(precision="extreme"),
        lambda: EmuTNConfig(max_bond_dim=0),
        lambda: EmuTNConfig(max_bond_dim=2.5),
        lambda: EmuFreeConfig(with_noise="yes"),
        lambda: EmuFreeConfig(result_types=("histogram",)),
    ],
)
def test_configurations_are_validated_when_built(build):
    with pytest.raises(InvalidConfigurationError):
        build()


def test_configuration_dict_merges_extra_keys():
    config = EmuFreeConfig(with_noise=True, extra_config={"seed": 3}).to_dict()
    assert config == {
        "strict_validation": False,
        "result_types": ["counter"],
        "with_noise": True,
        "seed": 3,
    }
