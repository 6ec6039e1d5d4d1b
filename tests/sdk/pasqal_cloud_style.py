"""Code as pasqal-cloud 0.24's README, docs and examples write it, with `pasqal_cloud` replaced by
`pasqal_sdk` and nothing else changed: every import and call they document, against a local
cloud. test_pasqal_cloud_style.py runs it as written, and with the name put back in the venv of
the original package (so the code is the original's, not this package's dialect). Arguments:
url user password project. Each step asserts; the last line printed is `PASQAL CLOUD STYLE OK`.
A plain script, not a pytest module."""

# ruff: noqa: E402, SIM105

from __future__ import annotations

import sys
import warnings
from datetime import datetime, timedelta, timezone

warnings.simplefilter("ignore")  # the original warns on its deprecated names

import contextlib

from pulser import Pulse, QPUBackend, Register, Sequence
from pulser.devices import MockDevice

from pasqal_sdk import (
    AUTH0_CONFIG,
    PASQAL_ENDPOINTS,
    RESULT_POLLING_INTERVAL,
    SDK,
    BaseConfig,
    BatchCancellationResponse,
    BatchCreationError,
    BatchFetchingError,
    BatchStatus,
    CancelJobFilters,
    CreateJob,
    DeviceTypeName,
    Endpoints,
    JobFetchingError,
    JobFilters,
    JobStatus,
    PaginatedResponse,
    PaginationParams,
    PasqalCloudConnection,
    QueuePriority,
    RebatchError,
    RebatchFilters,
    RemoteEmuFreeBackend,
    RemoteMPSBackend,
    TokenProviderConf,
    WorkloadCancellingError,
    endpoints,
    http_client,
    job,
    ovh,
    project,
    workload,
)
from pasqal_sdk import batch as batch_module
from pasqal_sdk.authentication import ExpiringTokenProvider, TokenProvider
from pasqal_sdk.device import EmuFreeConfig, EmulatorType, EmuTNConfig
from pasqal_sdk.device.configuration import EmuFresnelConfig
from pasqal_sdk.endpoints import AUDIENCE, AUTH0_TOKEN_PROVIDER_GRANT_TYPE, PUBLIC_CLIENT_ID, REALM
from pasqal_sdk.errors import ProjectNotFoundError
from pasqal_sdk.pasqal_cloud_client import PasqalCloudClient
from pasqal_sdk.utils.constants import BatchStatus as ConstantsBatchStatus
from pasqal_sdk.utils.filters import BatchFilters

warnings.simplefilter("ignore")  # again: an import above may have reset the filters
url, username, password, project_id = sys.argv[1:5]
where = {
    "endpoints": Endpoints(core=f"{url}/core-fast", account=f"{url}/account"),
    "auth_config": TokenProviderConf(
        token_endpoint=f"{url}/oauth/token",
        public_client_id=PUBLIC_CLIENT_ID,
        audience=AUDIENCE,
        realm=REALM,
        grant_type=AUTH0_TOKEN_PROVIDER_GRANT_TYPE,
    ),
}
assert BatchStatus is ConstantsBatchStatus
assert RESULT_POLLING_INTERVAL == batch_module.RESULT_POLLING_INTERVAL > 0
assert {endpoints.Endpoints, job.Job, workload.Workload, project.Project, ovh.OVHConnection}
assert http_client.TIMEOUT > 0

# --- Authentication: username and password, a custom token provider, an expiring one ---------
sdk = SDK(username=username, password=password, project_id=project_id, **where)
token = sdk.user_token()


class CustomTokenProvider(TokenProvider):
    def get_token(self):
        return token


class CustomExpiringTokenProvider(ExpiringTokenProvider):
    def _query_token(self):
        return {"access_token": token, "expires_in": 3600}


for provider in (CustomTokenProvider(), CustomExpiringTokenProvider()):
    other = SDK(token_provider=provider, project_id=project_id, **where)
    assert "EMU_FREE" in other.get_device_specs_dict()
# Other environments and regions: built, never called here.
SDK(
    token_provider=CustomTokenProvider(),
    project_id=project_id,
    endpoints=PASQAL_ENDPOINTS["preprod"],
    auth0=AUTH0_CONFIG["preprod"],
)
SDK(token_provider=CustomTokenProvider(), project_id=project_id, region="sa")
cloud_client = PasqalCloudClient(
    username=username, password=password, project_id=project_id, **where
)
cloud_client.switch_to_project(project_id)
try:
    cloud_client.switch_to_project("00000000-0000-0000-0000-000000000000")
    raise AssertionError("switched to a project that does not exist")
except ProjectNotFoundError:
    pass
print("authentication ok")

# --- A sequence, serialized -------------------------------------------------------------------
register = Register.square(2, 6, prefix="q")
sequence = Sequence(register, MockDevice)
sequence.declare_channel("rydberg", "rydberg_global")
omega_max = sequence.declare_variable("omega_max")
sequence.add(Pulse.ConstantPulse(100, omega_max, 2, 0.0), "rydberg")
serialized_sequence = sequence.to_abstract_repr()

job1 = {"runs": 20, "variables": {"omega_max": 6}}
job2 = {"runs": 50, "variables": {"omega_max": 10.5}}
typed: CreateJob = {"runs": 10, "variables": {"omega_max": 3}}

# --- A closed batch, waited for ---------------------------------------------------------------
batch = sdk.create_batch(
    serialized_sequence, [job1, job2, typed], emulator=EmulatorType.EMU_FREE, wait=True
)
for each in batch.ordered_jobs:
    print(f"job-id: {each.id}, status: {each.status}, result: {each.result}")
assert [each.status for each in batch.ordered_jobs] == ["DONE"] * 3
assert [sum(each.result.values()) for each in batch.ordered_jobs] == [20, 50, 10]
assert sdk.get_batch_status(batch.id) == BatchStatus.DONE
assert sdk.get_job_status(batch.ordered_jobs[0].id) == JobStatus.DONE
assert sdk.get_batch(batch.id).id == batch.id
assert sdk.get_job(batch.ordered_jobs[0].id).status == "DONE"
print("closed batch ok")

# --- An open batch: add jobs and wait for them, retry one, close ------------------------------
open_batch = sdk.create_batch(
    serialized_sequence, [job1], open=True, emulator=EmulatorType.EMU_FREE
)
job3 = {"runs": 50, "variables": {"omega_max": 10.5}}
open_batch.add_jobs([job2, job3], wait=True)
assert [each.status for each in open_batch.ordered_jobs] == ["DONE"] * 3
open_batch.retry(open_batch.ordered_jobs[0], wait=True)
assert len(open_batch.ordered_jobs) == 4
assert open_batch.ordered_jobs[-1].status == "DONE"
open_batch.close()
print("open batch ok")

# --- Emulator configurations ------------------------------------------------------------------
configured = sdk.create_batch(
    serialized_sequence,
    [job1],
    emulator=EmulatorType.EMU_FREE,
    configuration=EmuFreeConfig(strict_validation=False),
    wait=True,
)
assert configured.ordered_jobs[0].status == "DONE"
assert EmuTNConfig(dt=10.0, precision="normal", max_bond_dim=100).dt == 10.0
assert EmuTNConfig(strict_validation=True).strict_validation
assert EmuFreeConfig(with_noise=True).with_noise
assert BaseConfig(extra_config={"seed": 1}).extra_config == {"seed": 1}
assert EmuFresnelConfig() == EmuFresnelConfig()
print("configurations ok")

# --- Tags and listings ------------------------------------------------------------------------
sdk.set_batch_tags(batch.id, ["custom_tag_1", "custom_tag_2"])
some_batches = [sdk.get_batches()]
some_batches.append(sdk.get_batches(pagination_params=PaginationParams(limit=40)))
some_batches.append(sdk.get_batches(filters=BatchFilters(device_type=EmulatorType.EMU_FREE)))
done = sdk.get_batches(filters=BatchFilters(status=BatchStatus.DONE, project_id=project_id))
tagged = sdk.get_batches(filters=BatchFilters(tag="custom_tag_1"))
assert batch.id in {b.id for b in tagged.results}
assert all("custom_tag_1" in b.tags for b in tagged.results)
both = sdk.get_batches(filters=BatchFilters(id=[batch.id, open_batch.id]))
assert {b.id for b in both.results} == {batch.id, open_batch.id}
sdk.get_batches(filters=BatchFilters(queue_priority=QueuePriority.HIGH))
now = datetime.now(timezone.utc)
recent = sdk.get_batches(
    filters=BatchFilters(
        status=BatchStatus.DONE,
        start_date=now - timedelta(hours=1),
        end_date=now + timedelta(hours=1),
    )
)
assert batch.id in {b.id for b in recent.results}
assert sdk.get_batches(pagination_params=PaginationParams(offset=0)).total >= 3
assert isinstance(done, PaginatedResponse)

sdk.get_jobs()
assert len(sdk.get_jobs(pagination_params=PaginationParams(limit=2)).results) == 2
assert len(sdk.get_jobs(filters=JobFilters(batch_id=batch.id)).results) == 3
errored = sdk.get_jobs(filters=JobFilters(status=JobStatus.ERROR, project_id=project_id))
assert all(each.status == "ERROR" for each in errored.results)
ids = [each.id for each in batch.ordered_jobs[:2]]
assert sorted(j.id for j in sdk.get_jobs(filters=JobFilters(id=ids)).results) == sorted(ids)
canceled = sdk.get_jobs(
    filters=JobFilters(
        status=JobStatus.CANCELED,
        start_date=now - timedelta(1),
        end_date=now + timedelta(1),
        user_id=[batch.user_id],
    )
)
assert all(each.status == "CANCELED" for each in canceled.results)
total = sdk.get_jobs(pagination_params=PaginationParams(offset=0)).total
jobs = []
for offset in range(0, total, 100):
    jobs.extend(sdk.get_jobs(pagination_params=PaginationParams(offset=offset)).results)
assert len(jobs) == total
print("listings ok")

# --- Rebatch, cancel --------------------------------------------------------------------------
assert len(sdk.rebatch(batch.id).ordered_jobs) == 3
first = sdk.rebatch(batch.id, RebatchFilters(id=batch.ordered_jobs[0].id))
assert len(first.ordered_jobs) == 1
assert len(sdk.rebatch(batch.id, RebatchFilters(min_runs=5, max_runs=10)).ordered_jobs) == 1
try:
    sdk.rebatch(batch.id, RebatchFilters(status=JobStatus.ERROR))  # no job matches
except RebatchError:
    pass
for rebatched in (first,):
    rebatched.cancel()
pending = sdk.create_batch(
    serialized_sequence, [job1, job2], open=True, emulator=EmulatorType.EMU_FREE
)
sdk.cancel_jobs(batch_id=pending.id, filters=CancelJobFilters(id=[pending.ordered_jobs[0].id]))
sdk.cancel_jobs(
    batch_id=pending.id,
    filters=CancelJobFilters(start_date=now - timedelta(1), end_date=now + timedelta(1)),
)
cancelled = sdk.cancel_batches(batch_ids=[pending.id])
assert isinstance(cancelled, BatchCancellationResponse)
assert sdk.get_batch(pending.id).status == "CANCELED"
for missing, error in ((sdk.get_batch, BatchFetchingError), (sdk.get_job, JobFetchingError)):
    try:
        missing("00000000-0000-0000-0000-00000000dead")
        raise AssertionError("found what does not exist")
    except error:
        pass
try:
    sdk.create_batch(
        serialized_sequence,
        [{"runs": 10, "variables": {"omega_max": 1}}],
        device_type="NOT_A_DEVICE",
    )
except (BatchCreationError, ValueError):
    pass
print("rebatch and cancel ok")

# --- Workloads (the local cloud runs none: they end in ERROR) ---------------------------------
made = sdk.create_workload(
    workload_type="<WORKLOAD_TYPE>", backend="<BACKEND>", config={"config_param_1": "value"}
)
with contextlib.suppress(WorkloadCancellingError):
    sdk.cancel_workload(made.id)
made = sdk.get_workload(made.id)
print(f"workload-id: {made.id}, status: {made.status}, result: {made.result}")
assert made.status in ("ERROR", "CANCELED")
print("workloads ok")

# --- Device specs and Pulser's backends -------------------------------------------------------
assert "FRESNEL_CAN1" in sdk.get_device_specs_dict()
connection = PasqalCloudConnection(
    username=username, password=password, project_id=project_id, **where
)
devices = connection.fetch_available_devices()
device = devices["FRESNEL_CAN1"]
qpu_register = Register.square(2, 5, prefix="q").with_automatic_layout(device)
qpu_sequence = Sequence(qpu_register, device)
qpu_sequence.declare_channel("rydberg", "rydberg_global")
qpu_omega = qpu_sequence.declare_variable("omega_max")
qpu_sequence.add(Pulse.ConstantPulse(100, qpu_omega, 2, 0.0), "rydberg")
backend = QPUBackend(sequence=qpu_sequence, connection=connection)
results = backend.run(
    job_params=[
        {"runs": 5, "variables": {"omega_max": 12}},
        {"runs": 10, "variables": {"omega_max": 6}},
    ],
    wait=True,
)
print(results.results)
assert [sum(result.bitstring_counts.values()) for result in results.results] == [5, 10]

in_one_batch = []
with backend.open_batch():
    in_one_batch.append(
        backend.run(
            job_params=[
                {"runs": 1, "variables": {"omega_max": 12}},
                {"runs": 1, "variables": {"omega_max": 6}},
            ],
            wait=True,
        )
    )
    in_one_batch.append(
        backend.run(job_params=[{"runs": 1, "variables": {"omega_max": 5}}], wait=True)
    )
for result in in_one_batch:
    print(result.results)
assert [len(result.results) for result in in_one_batch] == [2, 1]

emulated = RemoteEmuFreeBackend(qpu_sequence, connection=connection).run(
    job_params=[{"runs": 5, "variables": {"omega_max": 6}}], wait=True
)
assert sum(emulated.results[0].bitstring_counts.values()) == 5
assert RemoteMPSBackend(qpu_sequence, connection=connection) is not None
assert DeviceTypeName.EMU_FREE.value == "EMU_FREE"
print("pulser ok")

print("PASQAL CLOUD STYLE OK")
