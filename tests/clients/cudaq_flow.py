"""CUDA-Q's `pasqal` target in QRMI mode (`machine="qrmi"`), against a local cloud (run in the
CUDA-Q venv: `cuda-quantum-cu12` with --no-deps, numpy, scipy, requests; CPU is enough).

The backend comes from `SLURM_JOB_QPU_RESOURCES`, the rest from QRMI's settings
(`<BACKEND>_QRMI_PASQAL_CLOUD_BASE_URL`, ...). The program is the known state of the local
cloud's tests: atoms 0 and 1 blockaded, atom 2 far away, one π pulse. Prints the counts as JSON
(`COUNTS {...}`), then `CUDAQ FLOW OK`."""

from __future__ import annotations

import json
import math
import warnings

warnings.simplefilter("ignore")

import cudaq  # noqa: E402
from cudaq.dynamics import Schedule  # noqa: E402
from cudaq.operators import RydbergHamiltonian, ScalarOperator  # noqa: E402

SHOTS = 100
OMEGA = 2 * math.pi * 1e6  # rad/s
PI_PULSE = math.pi / OMEGA  # s

cudaq.set_target("pasqal", machine="qrmi")
sites = [(0.0, 0.0), (5e-6, 0.0), (30e-6, 0.0)]
hamiltonian = RydbergHamiltonian(
    atom_sites=sites,
    amplitude=ScalarOperator.const(OMEGA),
    phase=ScalarOperator.const(0.0),
    delta_global=ScalarOperator.const(0.0),
)
result = cudaq.evolve(hamiltonian, schedule=Schedule([0.0, PI_PULSE], ["t"]), shots_count=SHOTS)
counts = {bits: count for bits, count in result.items()}
print("COUNTS", json.dumps(counts), flush=True)
assert sum(counts.values()) == SHOTS, counts
print("CUDAQ FLOW OK")
