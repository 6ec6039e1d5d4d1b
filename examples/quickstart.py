"""The README quickstart: the original SDK's usage, run against Pasqal Cloud or a local cloud.

Credentials and endpoints come from the environment:
PASQAL_USERNAME, PASQAL_PASSWORD, PASQAL_PROJECT_ID, and for a local cloud PASQAL_URL
(for example http://127.0.0.1:4207). `make run` starts a local cloud and runs this.
"""

from __future__ import annotations

import os

from pulser import Pulse, Register, Sequence
from pulser.devices import AnalogDevice
from pulser.waveforms import BlackmanWaveform

from pasqal_sdk import SDK, Auth0Conf, Endpoints
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
    url = os.environ.get("PASQAL_URL")
    local = {}
    if url:
        local = {
            "endpoints": Endpoints(core=f"{url}/core-fast", account=f"{url}/account"),
            "auth0": Auth0Conf(domain=url),
        }
    sdk = SDK(
        username=os.environ["PASQAL_USERNAME"],
        password=os.environ.get("PASQAL_PASSWORD"),  # prompted for when not set
        group_id=os.environ["PASQAL_PROJECT_ID"],
        **local,
    )
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
