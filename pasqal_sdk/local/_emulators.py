"""Emulator adapters: the devices the local cloud serves, the checks a job's sequence must pass,
and the simulation that turns a job into bitstring counts.

EMU_FREE runs on pulser-simulation's QutipEmulator; EMU_TN/EMU_MPS (emu-mps) and EMU_SV
(emu-sv) run when the `emulators` extra is installed; QPU device types (FRESNEL, FRESNEL_CAN1)
and EMU_FRESNEL are served by a noisy emulation of the published device spec.
"""

from __future__ import annotations

import importlib.util
import json
import math
import random
import warnings
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
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

# SPAM noise of `with_noise` and of the emulated QPUs (rates like the published devices').
SPAM = {"state_prep_error": 0.005, "p_false_pos": 0.01, "p_false_neg": 0.05}

EMULATORS_EXTRA_MESSAGE = (
    "Device type {device} needs the `emulators` extra of pasqal-sdk, which is not installed"
    " on this local cloud: pip install 'pasqal-sdk[emulators]' and restart it."
)


class SequenceError(ValueError):
    """The job cannot run as given; the message says what to fix."""


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


@lru_cache(maxsize=64)
def operation_count(sequence_json: str) -> int:
    """The operations of a sequence's abstract representation (0 when it isn't one)."""
    try:
        document = json.loads(sequence_json)
    except (ValueError, RecursionError):
        return 0
    operations = document.get("operations") if isinstance(document, dict) else None
    return len(operations) if isinstance(operations, list) else 0


@lru_cache(maxsize=64)
def check_size(sequence_json: str, max_operations: int, max_samples: int) -> None:
    """Raises SequenceError when the sequence holds more operations, or more waveform samples
    (custom and interpolated waveforms' values, summed), than the limits: Pulser's parsing and
    sampling cost grows with both, and is paid before any answer. Reads the JSON only."""
    try:
        document = json.loads(sequence_json)
    except (ValueError, RecursionError):
        return  # `_load` says what is wrong with it
    if not isinstance(document, dict):
        return
    operations = document.get("operations")
    count = len(operations) if isinstance(operations, list) else 0
    if max_operations and count > max_operations:
        raise SequenceError(
            f"The sequence has {count} operations; at most {max_operations} are taken"
            " (limit max_sequence_operations): merge pulses, or split the work over jobs."
        )
    samples = 0
    stack: list[Any] = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key in ("samples", "values") and isinstance(value, list):
                    samples += len(value)
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    if max_samples and samples > max_samples:
        raise SequenceError(
            f"The sequence's waveforms hold {samples} samples; at most {max_samples} are taken"
            " (limit max_sequence_samples): use fewer or coarser (interpolated) waveforms."
        )


@lru_cache(maxsize=16)
def _load(sequence_json: str) -> Any:
    """The parsed sequence; cached, since a batch's jobs share one (parsing takes milliseconds,
    and building with variables or switching device returns a new sequence, never changing it)."""
    from pulser import Sequence

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return Sequence.from_abstract_repr(sequence_json)
        except Exception as error:
            raise SequenceError(
                f"The sequence is not a valid Pulser abstract representation: {error}"
            ) from error


def _is_numbers(value: Any) -> bool:
    """A finite number, or a non-empty flat list of them."""
    if isinstance(value, list):
        return bool(value) and all(_is_numbers(v) and not isinstance(v, list) for v in value)
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _build(sequence: Any, variables: dict[str, Any] | None) -> Any:
    variables = dict(variables or {})
    declared = set(sequence.declared_variables)
    allowed = declared | ({"qubits"} if sequence.is_register_mappable() else set())
    undeclared = sorted(set(variables) - allowed)
    if undeclared:
        raise SequenceError(
            f"Variables {undeclared} are not declared by the sequence"
            f" (it declares {sorted(declared)})."
        )
    for name in declared & set(variables):
        if not _is_numbers(variables[name]):
            raise SequenceError(
                f"Variable {name!r} must be a finite number or a list of finite numbers,"
                f" not {variables[name]!r}."
            )
    missing = sorted(declared - set(variables))
    if missing:
        raise SequenceError(f"Variables {missing} are declared by the sequence but not given.")
    if not (sequence.is_parametrized() or sequence.is_register_mappable()):
        return sequence
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return sequence.build(**variables)
        except Exception as error:
            raise SequenceError(
                f"The sequence cannot be built with {variables}: {error}"
            ) from error


def check_job(
    device_type: str, sequence_json: str, variables: dict[str, Any] | None, runs: int
) -> None:
    """Raises SequenceError unless the job can run on `device_type`."""
    spec = devices()[device_type]
    if runs > spec.max_runs:
        raise SequenceError(f"runs must be at most {spec.max_runs} on {device_type}, not {runs}.")
    sequence = _load(sequence_json)
    built = _build(sequence, variables)
    if built is sequence:  # not parametrized: checked once for all the jobs that share it
        check_sequence(device_type, sequence_json)
        return
    _check_bounds(built, spec)


@lru_cache(maxsize=16)
def check_sequence(device_type: str, sequence_json: str) -> None:
    """Raises SequenceError unless the sequence parses and fits the device (before variables,
    for a sequence that takes some)."""
    sequence = _load(sequence_json)
    spec = devices()[device_type]
    if not (sequence.is_parametrized() or sequence.is_register_mappable()):
        _check_bounds(sequence, spec)


def check_jobs(
    device_type: str,
    jobs: list[tuple[str, dict[str, Any] | None, int]],
    max_operations: int,
    max_samples: int,
    max_checked_operations: int = 0,
) -> tuple[int, str] | None:
    """The first of `jobs` (sequence, variables, runs) that can't run on `device_type`: its
    index and why; None when all can. The sequences parsed (each distinct one once) and built
    (each job with variables) may hold `max_checked_operations` operations together, so that
    one request's checks take a bounded time. What the checker processes run."""
    checked = 0
    seen: set[str] = set()
    for index, (sequence, variables, runs) in enumerate(jobs):
        count = operation_count(sequence)
        checked += (count if sequence not in seen else 0) + (count if variables else 0)
        seen.add(sequence)
        if max_checked_operations and checked > max_checked_operations:
            return index, (
                f"the jobs up to this one build sequences of {checked} operations together;"
                f" one request may check at most {max_checked_operations} (limit"
                " max_checked_operations_per_request): send the rest in further requests."
            )
        try:
            check_size(sequence, max_operations, max_samples)
            check_job(device_type, sequence, variables, runs)
        except SequenceError as error:
            return index, str(error)
    return None


def check_sequence_message(
    device_type: str, sequence: str, max_operations: int, max_samples: int
) -> str | None:
    """Why `sequence` can't run on `device_type` (size limits included), or None."""
    try:
        check_size(sequence, max_operations, max_samples)
        check_sequence(device_type, sequence)
    except SequenceError as error:
        return str(error)
    return None


def _check_bounds(sequence: Any, spec: DeviceSpec) -> None:
    """Raises SequenceError unless the built sequence is within the device type's limits, the
    server's own (never those of the device copy the sequence carries): atoms, duration,
    channels, distances and layouts (the sequence moved onto the server's device), and finite
    amplitudes and detunings no larger than the server's channels allow."""
    atoms = len(sequence.register.qubit_ids)
    if atoms > spec.max_qubits:
        published = spec.device_max_qubits
        why = (
            f" on this local cloud (the device takes {published}; its emulator holds the full"
            f" 2^n state, and {spec.max_qubits} atoms is what finishes inside the job limits)"
            if published and published > spec.max_qubits
            else ""
        )
        raise SequenceError(
            f"The register has {atoms} atoms; {spec.device_type} takes at most"
            f" {spec.max_qubits}{why}: use fewer atoms (or an emulator that takes more)."
        )
    sequence = _on_device(sequence, spec)
    duration = int(sequence.get_duration(include_fall_time=True))
    if duration > spec.max_duration:
        raise SequenceError(
            f"The sequence lasts {duration} ns; {spec.device_type} takes at most"
            f" {spec.max_duration} ns."
        )
    from pulser.sampler import sample

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            samples = sample(sequence)
        except Exception as error:
            raise SequenceError(f"The sequence's pulses cannot be sampled: {error}") from error
    declared = sequence.declared_channels
    for name, channel in samples.channel_samples.items():
        # The limits of the server's channel the declared one was moved onto.
        limits = declared.get(name)
        bounds = {
            "amplitude": getattr(limits, "max_amp", None) or EMULATED_MAX_RATE,
            "detuning": getattr(limits, "max_abs_detuning", None) or EMULATED_MAX_RATE,
        }
        for quantity, values in (("amplitude", channel.amp), ("detuning", channel.det)):
            _check_values(f"channel {name!r}", quantity, values, bounds[quantity], spec)


def _check_values(where: str, quantity: str, values: Any, bound: float, spec: DeviceSpec) -> None:
    import numpy as np

    array = np.asarray(values, dtype=float)
    if array.size == 0:
        return
    if not np.all(np.isfinite(array)):
        raise SequenceError(
            f"The {quantity} of {where} is not finite (NaN or infinite): give finite values."
        )
    largest = float(np.max(np.abs(array)))
    if largest > bound * (1 + 1e-9):
        raise SequenceError(
            f"The {quantity} of {where} reaches {largest:.6g} rad/µs; {spec.device_type}"
            f" allows at most {bound:.6g} rad/µs."
        )


def check_backend_configuration(serialized: str) -> None:
    """Raises SequenceError unless `serialized` is a Pulser EmulationConfig's abstract
    representation (what `EmulationConfig.to_abstract_repr()` gives)."""
    from pulser.backend import EmulationConfig

    if len(serialized) > 1_000_000:
        raise SequenceError("is over 1 MB: a serialized EmulationConfig is far smaller.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            EmulationConfig.from_abstract_repr(serialized)
        except json.JSONDecodeError as error:
            raise SequenceError(
                f"is not JSON ({error}): give EmulationConfig(...).to_abstract_repr()."
            ) from error
        except Exception as error:
            reason = getattr(error, "message", None) or str(error).split("\n", 1)[0]
            raise SequenceError(
                f"is not a serialized Pulser EmulationConfig ({reason}):"
                " give EmulationConfig(...).to_abstract_repr()."
            ) from error


def backend_configuration_message(serialized: str) -> str | None:
    """Why `serialized` isn't a Pulser EmulationConfig, or None (what the checkers run)."""
    try:
        check_backend_configuration(serialized)
    except SequenceError as error:
        return str(error)
    return None


def _on_device(sequence: Any, spec: DeviceSpec) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return sequence.switch_device(spec.device, strict=False)
        except Exception as error:
            raise SequenceError(
                f"The sequence does not fit device {spec.device_type}: {error}"
            ) from error


def run_job(
    device_type: str,
    sequence_json: str,
    variables: dict[str, Any] | None,
    runs: int,
    configuration: dict[str, Any] | None,
    seed: int | None = None,
    *,
    backend_configuration: str | None = None,
) -> dict[str, Any]:
    """Simulates the job and returns its result document: `counter`, `raw` (one bitstring per
    run, in order) and `serialised_results` (Pulser `Results` as abstract repr: the counts, or,
    on the QuTiP emulators, the observables the batch's `backend_configuration` asks for)."""
    spec = devices()[device_type]
    configuration = configuration or {}
    sequence = _build(_load(sequence_json), variables)
    if spec.strict:
        sequence = _on_device(sequence, spec)
    noisy = spec.noisy or bool(configuration.get("with_noise"))
    if spec.needs == "emu_mps":
        counts = _run_emu_mps(sequence, runs, configuration)
    elif spec.needs == "emu_sv":
        counts = _run_emu_sv(sequence, runs, configuration)
    else:
        counts = _run_qutip(sequence, runs, seed)
    rng = random.Random(seed)
    if noisy:
        counts = add_spam(counts, rng)
    raw = [bits for bits, n in sorted(counts.items()) for _ in range(n)]
    rng.shuffle(raw)
    observed = None
    if spec.needs is None and backend_configuration:
        observed = _observables(sequence, runs, backend_configuration)
    return {
        "counter": dict(sorted(counts.items())),
        "raw": raw,
        "serialised_results": observed or _serialise(sequence, counts),
    }


def _observables(sequence: Any, runs: int, backend_configuration: str) -> str | None:
    """The observables of a serialized EmulationConfig beyond the bitstrings (occupation,
    energy, ...), computed with pulser-simulation's QutipBackendV2 (noiseless), as Pulser
    `Results` (abstract repr); None when it asks for none (the counts say it all)."""
    from pulser.backend import BitStrings, EmulationConfig
    from pulser_simulation import QutipBackendV2, QutipConfig

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        observables = EmulationConfig.from_abstract_repr(backend_configuration).observables
        if all(isinstance(o, BitStrings) for o in observables):
            return None
        config = QutipConfig(observables=observables, default_num_shots=runs)
        serialised: str = QutipBackendV2(sequence, config=config).run().to_abstract_repr()
        return serialised


def _run_qutip(sequence: Any, runs: int, seed: int | None) -> Counter[str]:
    """EMU_FREE on pulser-simulation's QutipBackendV2, the final state only: the legacy
    QutipEmulator kept the state of every time step, which doubled a small job's time."""
    import numpy as np
    from pulser.backend import BitStrings
    from pulser_simulation import QutipBackendV2, QutipConfig

    if seed is not None:
        np.random.seed(seed % 2**32)  # pulser-simulation samples with numpy's global generator
    config = QutipConfig(observables=[BitStrings(evaluation_times=[1.0], num_shots=runs)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _bitstrings(QutipBackendV2(sequence, config=config).run())


def add_spam(counts: Counter[str], rng: random.Random) -> Counter[str]:
    """SPAM noise shot by shot: an atom lost at preparation reads 0, then each bit is misread
    (0 as 1 with `p_false_pos`, 1 as 0 with `p_false_neg`). Loss is applied after the
    dynamics, an approximation that keeps the cost of one noiseless simulation."""
    noisy: Counter[str] = Counter()
    for bits, n in counts.items():
        for _ in range(n):
            shot = []
            for bit in bits:
                if rng.random() < SPAM["state_prep_error"]:
                    bit = "0"
                flip = SPAM["p_false_pos"] if bit == "0" else SPAM["p_false_neg"]
                if rng.random() < flip:
                    bit = "1" if bit == "0" else "0"
                shot.append(bit)
            noisy["".join(shot)] += 1
    return noisy


# EMU_TN/EMU_MPS `precision` names to emu-mps truncation precisions.
PRECISIONS = {"low": 1e-4, "normal": 1e-5, "high": 1e-6}


def _bitstrings(results: Any) -> Counter[str]:
    return Counter({str(k): int(v) for k, v in results.final_bitstrings.items()})


def _run_emu_mps(sequence: Any, runs: int, configuration: dict[str, Any]) -> Counter[str]:
    """EMU_TN/EMU_MPS on emu-mps, honouring `dt`, `precision` and `max_bond_dim`."""
    import emu_mps  # type: ignore[import-not-found]
    from pulser.backend import BitStrings

    config = emu_mps.MPSConfig(
        dt=int(configuration.get("dt", 10)),
        precision=PRECISIONS[str(configuration.get("precision", "normal"))],
        max_bond_dim=int(configuration.get("max_bond_dim", 500)),
        observables=[BitStrings(evaluation_times=[1.0], num_shots=runs)],
    )
    return _bitstrings(emu_mps.MPSBackend(sequence, config=config).run())


def _run_emu_sv(sequence: Any, runs: int, configuration: dict[str, Any]) -> Counter[str]:
    """EMU_SV on emu-sv, honouring `dt`."""
    import emu_sv  # type: ignore[import-not-found]
    from pulser.backend import BitStrings

    config = emu_sv.SVConfig(
        dt=int(configuration.get("dt", 10)),
        observables=[BitStrings(evaluation_times=[1.0], num_shots=runs)],
    )
    return _bitstrings(emu_sv.SVBackend(sequence, config=config).run())


def _serialise(sequence: Any, counts: Counter[str]) -> str | None:
    """The counts as Pulser `Results` (abstract repr), or None where Pulser cannot say it."""
    try:
        from pulser.backend import Results

        result = Results.from_final_bitstrings(
            atom_order=tuple(sequence.register.qubit_ids),
            total_duration=int(sequence.get_duration()),
            final_bitstrings=dict(counts),
        )
        serialised: str = result.to_abstract_repr()
        return serialised
    except Exception:
        return None


def warm_up() -> None:
    """Run one tiny job, so the lazy imports and caches of a first simulation are paid once in
    the forkserver that every worker is forked from, not by each job."""
    from pulser import Pulse, Register, Sequence
    from pulser.devices import MockDevice

    sequence = Sequence(Register.rectangle(1, 2, spacing=8.0, prefix="q"), MockDevice)
    sequence.declare_channel("rydberg", "rydberg_global")
    sequence.add(Pulse.ConstantPulse(100, 2.0, 0.0, 0.0), "rydberg")
    sequence.measure("ground-rydberg")
    run_job("EMU_FREE", sequence.to_abstract_repr(), None, 10, {"with_noise": True}, seed=0)


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
