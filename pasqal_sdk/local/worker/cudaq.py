"""CUDA-Q's analog-Hamiltonian programs as Pulser sequences.

CUDA-Q's `pasqal` target (and QRMI on its behalf) sends the Braket AHS layout, in SI units with
every number a JSON string: a register of trap sites (m) with a filling, and one global driving
field whose amplitude (rad/s), detuning (rad/s) and phase (rad) are piecewise-linear time series
(s). Pulser takes µm, ns and rad/µs. What a global Rydberg channel can't express (local detuning,
a non-uniform pattern, several driving fields) is refused naming the field.

Bits: the counts are Pulser's, one character per filled site in the program's order (site 0
first, `1` for a Rydberg atom); CUDA-Q reverses each bitstring when it reads them.
"""

from __future__ import annotations

import json
import math
import warnings
from typing import Any

from pasqal_sdk.local.worker.devices import EMULATED_MAX_DURATION, devices

__all__ = ["ProgramError", "to_sequence"]

# SI to Pulser's units.
M_TO_UM = 1e6
S_TO_NS = 1e9
PER_S_TO_PER_US = 1e-6
# Times closer than this (s) are the same instant.
TIME_TOLERANCE = 1e-12
CHANNEL = "rydberg_global"


class ProgramError(ValueError):
    """The program can't run here; `field` is where (under `sequence`), the message says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def _number(value: Any, field: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ProgramError(field, f"expected a number, got {value!r}.") from None
    if not math.isfinite(number):
        raise ProgramError(field, f"expected a finite number, got {value!r}.")
    return number


def _program(sequence: Any) -> dict[str, Any]:
    """The program as a dict: given as an object or (older CUDA-Q) as its JSON text."""
    if isinstance(sequence, str):
        try:
            sequence = json.loads(sequence)
        except ValueError as error:
            raise ProgramError("sequence", f"is a string but not JSON: {error}.") from None
    if not isinstance(sequence, dict):
        raise ProgramError("sequence", "expected an analog-Hamiltonian program (a JSON object).")
    for key in ("setup", "hamiltonian"):
        if not isinstance(sequence.get(key), dict):
            raise ProgramError(f"sequence.{key}", "missing, or not a JSON object.")
    return sequence


def _register(program: dict[str, Any], device_type: str) -> tuple[Any, list[tuple[float, float]]]:
    """The filled sites (µm) and every site (µm), checked against the machine's size."""
    where = "sequence.setup.ahs_register"
    register = program["setup"].get("ahs_register")
    if not isinstance(register, dict):
        raise ProgramError(where, "missing, or not a JSON object.")
    sites, filling = register.get("sites"), register.get("filling")
    if not isinstance(sites, list) or not sites:
        raise ProgramError(f"{where}.sites", "expected a non-empty list of [x, y] positions.")
    if not isinstance(filling, list) or len(filling) != len(sites):
        raise ProgramError(
            f"{where}.filling", f"expected one 0 or 1 for each of the {len(sites)} sites."
        )
    positions = []
    for i, site in enumerate(sites):
        if not isinstance(site, list) or len(site) != 2:
            raise ProgramError(f"{where}.sites[{i}]", f"expected [x, y] in metres, got {site!r}.")
        x, y = (_number(v, f"{where}.sites[{i}][{k}]") for k, v in enumerate(site))
        positions.append((x * M_TO_UM, y * M_TO_UM))
    filled = [p for p, f in zip(positions, filling, strict=True) if f == 1]
    if not filled:
        raise ProgramError(f"{where}.filling", "no site holds an atom: fill at least one.")
    most = devices()[device_type].max_qubits
    if len(filled) > most:
        raise ProgramError(
            f"{where}.sites",
            f"the register has {len(filled)} atoms; {device_type} takes at most {most}:"
            " use fewer atoms (or a machine that takes more).",
        )
    return filled, positions


def _series(field: Any, where: str, scale: float) -> tuple[list[float], list[float]]:
    """A uniform field's (times in ns, values in Pulser's unit)."""
    if not isinstance(field, dict):
        raise ProgramError(where, "missing, or not a JSON object.")
    pattern = field.get("pattern")
    if pattern != "uniform":
        raise ProgramError(
            f"{where}.pattern",
            f"only 'uniform' runs here (a global channel drives every atom alike), got"
            f" {json.dumps(pattern)[:60]}.",
        )
    series = field.get("time_series")
    if not isinstance(series, dict):
        raise ProgramError(f"{where}.time_series", "missing, or not a JSON object.")
    times, values = series.get("times"), series.get("values")
    if not isinstance(times, list) or len(times) < 2:
        raise ProgramError(f"{where}.time_series.times", "expected at least two times.")
    if not isinstance(values, list) or len(values) != len(times):
        raise ProgramError(
            f"{where}.time_series.values", f"expected one value for each of the {len(times)} times."
        )
    seconds = [_number(t, f"{where}.time_series.times[{i}]") for i, t in enumerate(times)]
    if abs(seconds[0]) > TIME_TOLERANCE:
        raise ProgramError(f"{where}.time_series.times[0]", f"must be 0, not {seconds[0]!r}.")
    for i in range(1, len(seconds)):
        if seconds[i] <= seconds[i - 1]:
            raise ProgramError(f"{where}.time_series.times[{i}]", "times must increase.")
    numbers = [_number(v, f"{where}.time_series.values[{i}]") for i, v in enumerate(values)]
    return [t * S_TO_NS for t in seconds], [v * scale for v in numbers]


def _samples(times: list[float], values: list[float], duration: int) -> Any:
    """One value per ns, linearly interpolated."""
    import numpy as np

    return np.interp(np.arange(duration, dtype=float), times, values)


def _on_layout(
    register: Any, sites: list[tuple[float, float]], filled: list[tuple[float, float]], device: Any
) -> Any:
    """The register on a layout of the program's sites, or, where the device can't fill that
    one as asked (its maximum filling), on a layout the device makes for it."""
    from pulser.register import RegisterLayout

    layout = RegisterLayout(sites)
    traps = layout.get_traps_from_coordinates(*filled)
    on_sites = layout.define_register(*traps, qubit_ids=register.qubit_ids)
    try:
        device.validate_register(on_sites)
        return on_sites
    except ValueError:
        return register.with_automatic_layout(device)


def to_sequence(sequence: Any, device_type: str) -> str:
    """The program as a serialized Pulser sequence for `device_type`, or a ProgramError."""
    import numpy as np
    from pulser import Pulse, Register, Sequence
    from pulser.devices import MockDevice
    from pulser.waveforms import CustomWaveform

    program = _program(sequence)
    filled, positions = _register(program, device_type)
    hamiltonian = program["hamiltonian"]
    where = "sequence.hamiltonian"
    if hamiltonian.get("localDetuning"):
        raise ProgramError(
            f"{where}.localDetuning",
            "local detuning can't be expressed on a global channel here: leave it empty.",
        )
    fields = hamiltonian.get("drivingFields")
    if not isinstance(fields, list) or len(fields) != 1:
        count = len(fields) if isinstance(fields, list) else 0
        raise ProgramError(
            f"{where}.drivingFields",
            f"exactly one driving field runs here (one global channel), got {count}.",
        )
    field = f"{where}.drivingFields[0]"
    drive = fields[0] if isinstance(fields[0], dict) else {}
    amp = _series(drive.get("amplitude"), f"{field}.amplitude", PER_S_TO_PER_US)
    det = _series(drive.get("detuning"), f"{field}.detuning", PER_S_TO_PER_US)
    phase = _series(drive.get("phase"), f"{field}.phase", 1.0)
    end = amp[0][-1]
    for name, (times, _) in (("detuning", det), ("phase", phase)):
        if abs(times[-1] - end) > TIME_TOLERANCE * S_TO_NS:
            raise ProgramError(
                f"{field}.{name}.time_series.times",
                f"must end when the amplitude's do ({end / S_TO_NS:g} s), not at"
                f" {times[-1] / S_TO_NS:g} s.",
            )
    duration = round(end)
    if duration < 1:
        raise ProgramError(f"{field}.amplitude.time_series.times", "the program lasts under 1 ns.")
    if duration > EMULATED_MAX_DURATION:
        raise ProgramError(
            f"{field}.amplitude.time_series.times",
            f"the program lasts {duration} ns; at most {EMULATED_MAX_DURATION} ns run here.",
        )
    spec = devices()[device_type]
    device = spec.device if spec.strict else MockDevice
    ids = [f"q{i}" for i in range(len(filled))]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            register = Register(dict(zip(ids, filled, strict=True)))
            if device.requires_layout:
                register = _on_layout(register, positions, filled, device)
            pulser_sequence = Sequence(register, device)
            pulser_sequence.declare_channel("ising", CHANNEL)
            amplitude = CustomWaveform(_samples(*amp, duration))
            detuning = _samples(*det, duration)
            # Pulser's phase has the opposite sign of the AHS program's.
            phases = -_samples(*phase, duration)
            if np.allclose(phases, phases[0]):
                pulse = Pulse(amplitude, CustomWaveform(detuning), float(phases[0]))
            else:
                modulated = Pulse.ArbitraryPhase(amplitude, CustomWaveform(phases))
                pulse = Pulse(
                    amplitude,
                    CustomWaveform(detuning + modulated.detuning.samples),
                    modulated.phase,
                )
            pulser_sequence.add(pulse, "ising")
            pulser_sequence.measure("ground-rydberg")
            serialized: str = pulser_sequence.to_abstract_repr()
        except ProgramError:
            raise
        except Exception as error:
            raise ProgramError("sequence", f"can't be made a Pulser sequence: {error}") from error
    return serialized
