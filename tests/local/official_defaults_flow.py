"""What the official client (pasqal-cloud 0.24) and its Pulser backends send by default, against a
local cloud; run by test_official_client.py in the official venv. Arguments: url user password
project. The last line printed is `OFFICIAL DEFAULTS OK`. A plain script, not a pytest module."""

from __future__ import annotations

import warnings

from official_connect import conf, endpoints, password, project_id, username
from pasqal_cloud import RemoteEmuFreeBackend
from pasqal_cloud.authentication import PasswordGrantTokenProvider
from pasqal_cloud.device import EmuFreeConfig, EmulatorType
from pasqal_cloud.pasqal_cloud_client import PasqalCloudClient
from pasqal_cloud.pasqal_cloud_connection import PasqalCloudConnection
from pulser import Pulse, Sequence
from pulser.backend.qpu import QPUBackend
from pulser.devices import MockDevice

warnings.simplefilter("ignore")
provider = PasswordGrantTokenProvider(username, password, conf)
client = PasqalCloudClient(token_provider=provider, endpoints=endpoints, project_id=project_id)
connection = PasqalCloudConnection(
    project_id=project_id, token_provider=provider, endpoints=endpoints
)


def pulsed(sequence: Sequence) -> Sequence:
    sequence.declare_channel("ryd", "rydberg_global")
    sequence.add(Pulse.ConstantPulse(400, 2.0, 0, 0), "ryd")
    return sequence


# QPUBackend sends `device_type: null`: the device is the one the sequence names.
fresnel = connection.fetch_available_devices()["FRESNEL"]
layout = fresnel.pre_calibrated_layouts[0]
register = layout.define_register(*range(2), qubit_ids=["q0", "q1"])
qpu_results = QPUBackend(pulsed(Sequence(register, fresnel)), connection).run(
    job_params=[{"runs": 15}], wait=True
)
(qpu_result,) = qpu_results.results
assert sum(qpu_result.final_bitstrings.values()) == 15, qpu_result
qpu_batch = client.get_batch(qpu_results.batch_id)
assert qpu_batch.device_type == "FRESNEL", qpu_batch.device_type
print("QPUBackend with no device type ok")

# RemoteEmuFreeBackend.run() with no job params: one job without `runs`; the shots come from
# the backend configuration (Pulser's EmulationConfig.default_num_shots).
mock_sequence = pulsed(Sequence(register.__class__.square(2, spacing=6, prefix="q"), MockDevice))
backend = RemoteEmuFreeBackend(mock_sequence, connection)
emu_results = backend.run(wait=True)
(emu_result,) = emu_results.results
shots = backend._config.default_num_shots
assert sum(emu_result.final_bitstrings.values()) == shots, (shots, emu_result)
print("RemoteEmuFreeBackend.run() without job params ok")

# EmuFreeConfig(with_noise=True) sends `result_types: null` (and other null fields).
serialized = mock_sequence.to_abstract_repr()
noisy = client.create_batch(
    serialized,
    jobs=[{"runs": 25}],
    emulator=EmulatorType.EMU_FREE,
    configuration=EmuFreeConfig(with_noise=True),
    wait=True,
)
assert noisy.status == "DONE", noisy.status
assert sum(noisy.ordered_jobs[0].result.values()) == 25
print("EmuFreeConfig(with_noise=True) ok")

# Batch.retry(job) sends the job with `sequence: null`: the batch's sequence.
open_batch = client.create_batch(
    serialized, jobs=[{"runs": 11}], emulator=EmulatorType.EMU_FREE, open=True
)
open_batch.retry(open_batch.ordered_jobs[0])
open_batch.close(wait=True)
retried = client.get_batch(open_batch.id)
assert retried.status == "DONE", retried.status
assert [j.runs for j in retried.ordered_jobs] == [11, 11]
assert all(sum(j.result.values()) == 11 for j in retried.ordered_jobs)
print("Batch.retry ok")
print("OFFICIAL DEFAULTS OK")
