"""Pulser's `RemoteResults.get_available_results()` through the official client's
PasqalCloudConnection (pasqal-cloud 0.24), called while a job of the batch still runs: it
returns the finished jobs' results (the client asks a results link of every job, and the
unfinished one's is null). Run by test_official_client.py; arguments: url user password
project. The last line printed is `OFFICIAL AVAILABLE RESULTS OK`."""

from __future__ import annotations

import time
import warnings

from official_connect import conf, endpoints, project_id
from official_connect import password as user_password
from official_connect import username as user_name
from pasqal_cloud.authentication import PasswordGrantTokenProvider
from pasqal_cloud.pasqal_cloud_client import PasqalCloudClient
from pasqal_cloud.pasqal_cloud_connection import PasqalCloudConnection
from pulser import Pulse, Register, Sequence
from pulser.devices import MockDevice

warnings.simplefilter("ignore")
provider = PasswordGrantTokenProvider(user_name, user_password, conf)
connection = PasqalCloudConnection(
    project_id=project_id, token_provider=provider, endpoints=endpoints
)
client = PasqalCloudClient(token_provider=provider, endpoints=endpoints, project_id=project_id)

# Ten atoms: the pulse length sets how long a job takes (100 ns: instant; 30 µs: long).
sequence = Sequence(Register.rectangle(2, 5, spacing=6.0, prefix="q"), MockDevice)
sequence.declare_channel("ryd", "rydberg_global")
duration = sequence.declare_variable("duration", dtype=int)
sequence.add(Pulse.ConstantPulse(duration, 2.0, 0.0, 0.0), "ryd")
sequence.measure("ground-rydberg")
quick = [{"runs": 20, "variables": {"duration": 100}}] * 2
results = connection.submit(
    sequence,
    job_params=[*quick, {"runs": 20, "variables": {"duration": 30000}}],
    device_type="EMU_FREE",
)
*quick_ids, slow_id = results.job_ids

deadline = time.monotonic() + 120
while len(available := results.get_available_results()) < len(quick_ids):
    assert time.monotonic() < deadline, f"only {sorted(available)} finished"
    time.sleep(0.3)
batch = client.get_batch(results.batch_id)
assert batch.status != "DONE", batch.status
assert sorted(available) == sorted(quick_ids), (sorted(available), quick_ids)
for result in available.values():
    assert sum(result.final_bitstrings.values()) == 20
    assert len(next(iter(result.final_bitstrings))) == 10
client.cancel_batch(results.batch_id)
print("OFFICIAL AVAILABLE RESULTS OK")
