"""The README quickstart: the original SDK's usage, run against Pasqal Cloud or a local cloud.

Credentials and endpoints come from the environment (PASQAL_USERNAME, PASQAL_PASSWORD,
PASQAL_PROJECT_ID, and for a local cloud PASQAL_URL, such as http://127.0.0.1:4207) or from
~/.pasqal/config, as for `SDK()` and the other examples. `make run` starts a local cloud and
runs this.
"""

from __future__ import annotations

from pulser import Pulse, Register, Sequence
from pulser.devices import AnalogDevice
from pulser.waveforms import BlackmanWaveform

from pasqal_sdk import SDK
from pasqal_sdk.device import EmuFreeConfig, EmulatorType


def build_sequence() -> Sequence:
    """Two atoms and one global pulse whose area is a variable."""
    register = Register.from_coordinates([(0, 0), (0, 10)], prefix="q")
    sequence = Sequence(register, AnalogDevice)
    sequence.declare_channel("rydberg", "rydberg_global")
    area = sequence.declare_variable("area")
    sequence.add(Pulse.ConstantDetuning(BlackmanWaveform(1000, area), 0.0, 0.0), "rydberg")
    sequence.measure("ground-rydberg")
    return sequence


def main() -> None:
    # What the original passes as arguments comes, as for every example, from PASQAL_*
    # (PASQAL_URL for a local cloud) or ~/.pasqal/config: SDK() reads them.
    sdk = SDK()
    serialized_sequence = build_sequence().to_abstract_repr()
    job1 = {"runs": 20, "variables": {"area": 3.14}}
    job2 = {"runs": 50, "variables": {"area": 1.57}}
    batch = sdk.create_batch(
        serialized_sequence,
        [job1, job2],
        emulator=EmulatorType.EMU_FREE,
        configuration=EmuFreeConfig(with_noise=False),
        wait=True,
    )
    print(f"batch {batch.id}: {batch.status}")
    for job in batch.ordered_jobs:
        print(f"job {job.id} ({job.runs} runs, {job.variables}): {job.result}")


if __name__ == "__main__":
    main()
