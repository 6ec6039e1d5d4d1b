"""The device types the local cloud serves: the Pulser device each is served by, whether it is
available here (its emulator's extra installed), its limits (atoms, runs, duration), and its
specs as clients read them."""

from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass
from functools import cache
from typing import Any

from pasqal_core_client.models.device_type import DeviceType

# Runs per job accepted for devices that publish no limit of their own.
DEFAULT_MAX_RUNS = 10_000

# Atoms per job, so that one job finishes inside the per-job limits (600 s, 4 GiB) on a small
# machine. Measured with `scripts/measure_registers.py` (worst case: atoms at the minimum
# distance, the largest amplitude and detuning, the longest sequence; the README lists the
# figures). Pulser's QutipEmulator (EMU_FREE, and the emulated QPUs: EMU_FRESNEL, FRESNEL,
# FRESNEL_CAN1, which publish 80 atoms) holds the full 2**n state: 14 atoms peak at 1.7 GiB,
# 15 at 3.3 GiB; EMU_SV holds a few 2**n state vectors (20 atoms: 16 MiB each); EMU_MPS/EMU_TN
# grow with the bond dimension rather than 2**n.
_QUTIP_MAX_QUBITS = 14
MAX_QUBITS = {
    "EMU_FREE": _QUTIP_MAX_QUBITS,
    "EMU_FRESNEL": _QUTIP_MAX_QUBITS,
    "FRESNEL": _QUTIP_MAX_QUBITS,
    "FRESNEL_CAN1": _QUTIP_MAX_QUBITS,
    "EMU_SV": 20,
    "EMU_MPS": 50,
    "EMU_TN": 50,
}
# Bounds of the emulators' (virtual) devices, which publish none: 100 times FRESNEL's
# amplitude, in rad/µs, and 100 µs of sequence.
EMULATED_MAX_RATE = 2 * math.pi * 200
EMULATED_MAX_DURATION = 100_000

EMULATORS_EXTRA_MESSAGE = (
    "Device type {device} needs the `emulators` extra of pasqal-sdk, which is not installed"
    " on this local cloud: pip install 'pasqal-sdk[emulators]' and restart it."
)


@dataclass(frozen=True)
class DeviceSpec:
    device_type: str
    # The Pulser device the type is served by.
    device: Any
    # Whether the sequence must fit the device exactly (QPUs) rather than any virtual device.
    strict: bool
    noisy: bool
    # The module that must be importable for the type to run.
    needs: str | None = None

    @property
    def available(self) -> bool:
        return self.needs is None or importlib.util.find_spec(self.needs) is not None

    @property
    def max_runs(self) -> int:
        return int(getattr(self.device, "max_runs", None) or DEFAULT_MAX_RUNS)

    @property
    def device_max_qubits(self) -> int | None:
        """The atoms the device itself takes (a QPU's published `max_atom_num`)."""
        limit = getattr(self.device, "max_atom_num", None) if self.strict else None
        return None if limit is None else int(limit)

    @property
    def max_qubits(self) -> int:
        """The atoms a job may have here: what the emulator finishes inside the job limits."""
        emulated = MAX_QUBITS.get(self.device_type, _QUTIP_MAX_QUBITS)
        return min(emulated, self.device_max_qubits or emulated)

    @property
    def max_duration(self) -> int:
        limit = getattr(self.device, "max_sequence_duration", None) if self.strict else None
        return int(limit or EMULATED_MAX_DURATION)


@cache
def devices() -> dict[str, DeviceSpec]:
    """Every device type the documents list (`DeviceType`), available here or not."""
    import dataclasses

    from pulser.devices import AnalogDevice, MockDevice

    fresnel = dataclasses.replace(AnalogDevice, name="FRESNEL")
    fresnel_can1 = dataclasses.replace(AnalogDevice, name="FRESNEL_CAN1")
    known = {
        "EMU_FREE": DeviceSpec("EMU_FREE", MockDevice, strict=False, noisy=False),
        "EMU_FRESNEL": DeviceSpec("EMU_FRESNEL", fresnel, strict=True, noisy=True),
        "FRESNEL": DeviceSpec("FRESNEL", fresnel, strict=True, noisy=True),
        "FRESNEL_CAN1": DeviceSpec("FRESNEL_CAN1", fresnel_can1, strict=True, noisy=True),
        "EMU_TN": DeviceSpec("EMU_TN", MockDevice, strict=False, noisy=False, needs="emu_mps"),
        "EMU_MPS": DeviceSpec("EMU_MPS", MockDevice, strict=False, noisy=False, needs="emu_mps"),
        "EMU_SV": DeviceSpec("EMU_SV", MockDevice, strict=False, noisy=False, needs="emu_sv"),
    }
    # A device type the documents list that has no emulator of its own here runs on EMU_FREE's
    # exact emulator, so that one added to `openapi/core.yaml` is served after `make generate`.
    exact = {
        name: DeviceSpec(name, MockDevice, strict=False, noisy=False)
        for name in DeviceType.list()
        if name not in known
    }
    return {**known, **exact}


@cache
def all_device_specs() -> dict[str, str]:
    """Every device type to its Pulser device serialized with `to_abstract_repr()`, available
    here or not (a cluster's workers may have the extras this machine lacks); an emulator's
    device states the atom limit this cloud applies (`max_qubits`), which its own leaves out."""
    import dataclasses

    served = {}
    for name, spec in devices().items():
        device = spec.device
        if getattr(device, "max_atom_num", None) is None:
            device = dataclasses.replace(device, max_atom_num=spec.max_qubits)
        served[name] = device.to_abstract_repr()
    return served


def device_specs() -> dict[str, str]:
    """`all_device_specs()` of the device types available here."""
    return {name: specs for name, specs in all_device_specs().items() if devices()[name].available}


# Radial extent (µm) of the real devices published for the emulators, which set none.
EMULATED_MAX_RADIAL_DISTANCE = 100


def _as_real_device(spec: DeviceSpec) -> Any:
    """The device type as a real Pulser `Device` (what `Device.from_abstract_repr` reads): an
    emulator's virtual device with this local cloud's own limits filled in."""
    import dataclasses

    from pulser.devices import Device

    device = spec.device
    if isinstance(device, Device):
        return device
    channels = tuple(
        dataclasses.replace(
            channel,
            max_amp=channel.max_amp or EMULATED_MAX_RATE,
            max_abs_detuning=channel.max_abs_detuning or EMULATED_MAX_RATE,
            max_duration=channel.max_duration or EMULATED_MAX_DURATION,
            max_targets=channel.max_targets
            or (spec.max_qubits if channel.addressing == "Local" else None),
        )
        for channel in device.channel_objects
    )
    dmms = tuple(
        dataclasses.replace(
            dmm,
            bottom_detuning=dmm.bottom_detuning or -EMULATED_MAX_RATE,
            total_bottom_detuning=dmm.total_bottom_detuning or -EMULATED_MAX_RATE * spec.max_qubits,
        )
        for dmm in device.dmm_objects
    )
    fields = {
        f.name: getattr(device, f.name)
        for f in dataclasses.fields(Device)
        if f.init and hasattr(device, f.name)
    }
    fields.update(
        name=spec.device_type,
        channel_objects=channels,
        channel_ids=device.channel_ids,
        dmm_objects=dmms,
        max_atom_num=spec.max_qubits,
        max_radial_distance=EMULATED_MAX_RADIAL_DISTANCE,
        max_sequence_duration=spec.max_duration,
        max_runs=spec.max_runs,
    )
    return Device(**fields)


@cache
def public_device_specs() -> dict[str, str]:
    """Device type to a real Pulser `Device` serialized with `to_abstract_repr()` (pulser-azure
    reads every public spec with `Device.from_abstract_repr`, which refuses virtual devices)."""
    return {
        name: _as_real_device(spec).to_abstract_repr()
        for name, spec in devices().items()
        if spec.available
    }
