"""How many atoms each emulated device type finishes inside the per-job limits, measured.

For each device type and register size, one worst-case job (atoms at the device's minimum
distance, the device's largest amplitude and detuning for `--duration` ns, or its longest
sequence) runs in a fresh process, as a worker would run it; its wall time and peak memory are
printed, with the time extrapolated to the device's longest sequence. The figures in the README
(Guarantees, "register sizes") come from this script:

    .venv/bin/python scripts/measure_registers.py --device EMU_FREE --atoms 8 10 12 13 14
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import time
from typing import Any


def _job(device_type: str, atoms: int, duration: int) -> str:
    from pulser import Pulse, Register, Sequence

    from pasqal_sdk.local.worker.devices import EMULATED_MAX_RATE, devices

    spec = devices()[device_type]
    device = spec.device
    spacing = max(float(device.min_atom_distance or 5.0), 5.0)
    register = Register.triangular_lattice(1 + atoms // 4, 4, spacing=spacing, prefix="q")
    register = Register({k: v for k, v in list(register.qubits.items())[:atoms]})
    if device.requires_layout:
        layout = device.pre_calibrated_layouts[0]
        register = layout.define_register(*range(atoms), qubit_ids=[f"q{i}" for i in range(atoms)])
    sequence = Sequence(register, device)
    sequence.declare_channel("ryd", "rydberg_global")
    channel = device.channels["rydberg_global"]
    amp = channel.max_amp or EMULATED_MAX_RATE
    det = channel.max_abs_detuning or EMULATED_MAX_RATE
    sequence.add(Pulse.ConstantPulse(duration, amp * 0.99, det * 0.99, 0), "ryd")
    sequence.measure()
    return str(sequence.to_abstract_repr())


def _run(device_type: str, atoms: int, duration: int, out: Any) -> None:
    from pasqal_sdk.local.worker.emulators import run_job

    sequence = _job(device_type, atoms, duration)
    started = time.monotonic()
    run_job(device_type, sequence, None, 100, None, seed=1)
    out.send(time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--device", default="EMU_FREE")
    parser.add_argument("--atoms", type=int, nargs="+", default=[8, 10, 12])
    parser.add_argument("--duration", type=int, help="ns to simulate (default: the longest)")
    args = parser.parse_args()
    from pasqal_sdk.local.worker.devices import devices

    longest = devices()[args.device].max_duration
    duration = args.duration or longest
    context = multiprocessing.get_context("spawn")
    for atoms in args.atoms:
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_run, args=(args.device, atoms, duration, send))
        process.start()
        seconds = receive.recv()
        process.join()
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        row = {
            "device": args.device,
            "atoms": atoms,
            "duration_ns": duration,
            "seconds": round(seconds, 2),
            "seconds_at_longest": round(seconds * longest / duration, 1),
            "peak_mib": round(max(peak, before) / 1024),
        }
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
