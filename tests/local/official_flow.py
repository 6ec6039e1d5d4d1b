"""The official client's whole flow against a local cloud; run by test_official_client.py with
the interpreter of a venv holding `pasqal-cloud` from PyPI. Arguments: url user password project.
Every step asserts; the last line printed is `OFFICIAL FLOW OK`. A plain script, not a pytest
module: it runs where pytest is not installed."""

# ruff: noqa: PT017

from __future__ import annotations

import warnings

import jwt
from official_connect import AUDIENCE, conf, endpoints, password, project_id, username
from pasqal_cloud.authentication import PasswordGrantTokenProvider, TokenProvider
from pasqal_cloud.errors import BatchFetchingError, JobFetchingError, ProjectFetchingError
from pasqal_cloud.pasqal_cloud_client import PasqalCloudClient
from pasqal_cloud.pasqal_cloud_connection import PasqalCloudConnection
from pasqal_cloud.utils.filters import BatchFilters, CancelJobFilters, JobFilters, RebatchFilters
from pulser import Pulse, Register, Sequence
from pulser.devices import MockDevice
from pulser.json.abstract_repr.deserializer import deserialize_device

warnings.simplefilter("ignore")

# Password login through the official token provider.
provider = PasswordGrantTokenProvider(username, password, conf)
client = PasqalCloudClient(token_provider=provider, endpoints=endpoints, project_id=project_id)
claims = jwt.decode(provider.get_token(), options={"verify_signature": False})
assert claims["aud"] == AUDIENCE
assert claims["sub"]
assert claims["exp"] > claims["iat"]
print("login ok")

# The same login through username/password and auth_config.
client2 = PasqalCloudClient(
    username=username, password=password, auth_config=conf, endpoints=endpoints
)
projects = client2.get_all_projects()
assert project_id in [p.id for p in projects], projects
client2.switch_to_project(project_id)
print("projects ok")

# Device specs, deserialized by Pulser.
specs = client.get_device_specs_dict()
devices = {name: deserialize_device(spec) for name, spec in specs.items()}
assert "EMU_FREE" in devices
assert "FRESNEL" in devices
print("device specs ok:", sorted(devices))

register = Register.rectangle(1, 2, spacing=6.0, prefix="q")
sequence = Sequence(register, MockDevice)
sequence.declare_channel("ryd", "rydberg_global")
amp = sequence.declare_variable("amp")
sequence.add(Pulse.ConstantPulse(400, amp, 0, 0), "ryd")
sequence.measure()
serialized = sequence.to_abstract_repr()

# A closed batch, waited for, with results.
batch = client.create_batch(
    serialized,
    jobs=[{"runs": 50, "variables": {"amp": 2.0}}, {"runs": 30, "variables": {"amp": 4.0}}],
    device_type="EMU_FREE",
    wait=True,
    tags=["official", "flow"],
)
assert batch.status == "DONE", batch.status
jobs = batch.ordered_jobs
assert [j.runs for j in jobs] == [50, 30]
for job in jobs:
    assert job.status == "DONE"
    assert sum(job.result.values()) == job.runs, job.result
    assert len(job.full_result["raw"]) == job.runs
print("create_batch(wait=True) ok")

# Pulser's remote-backend path: results rebuilt from `serialised_results`.
connection = PasqalCloudConnection(
    project_id=project_id, token_provider=provider, endpoints=endpoints
)
job_params = [{"runs": 20, "variables": {"amp": 2.0}}]
remote = connection.submit(sequence, wait=True, device_type="EMU_FREE", job_params=job_params)
(pulser_result,) = remote.results
assert sum(pulser_result.final_bitstrings.values()) == 20, pulser_result
print("pulser remote results ok")

# An open batch: add jobs, then close.
open_batch = client.create_batch(
    serialized, jobs=[{"runs": 10, "variables": {"amp": 1.0}}], device_type="EMU_FREE", open=True
)
assert open_batch.open
open_batch.add_jobs([{"runs": 12, "variables": {"amp": 3.0}}], wait=True)
open_batch.close(wait=True)
finished = client.get_batch(open_batch.id)
assert finished.status == "DONE", finished.status
assert not finished.open
assert sorted(j.runs for j in finished.ordered_jobs) == [10, 12]
print("open batch ok")

# Listings with filters.
tagged = client.get_batches(filters=BatchFilters(tag="official"))
assert [b.id for b in tagged.results] == [batch.id], tagged
done = client.get_batches(filters=BatchFilters(status="DONE", project_id=project_id))
assert {batch.id, open_batch.id} <= {b.id for b in done.results}
assert done.total >= 2
small = client.get_jobs(filters=JobFilters(batch_id=batch.id, max_runs=40))
assert [j.runs for j in small.results] == [30]
no_errors = client.get_jobs(filters=JobFilters(batch_id=batch.id, errors=False))
assert no_errors.total == 2
print("filters ok")

# Cancel: a batch, its jobs, a job, several batches.
to_cancel = client.create_batch(
    serialized, jobs=[{"runs": 5, "variables": {"amp": 1.0}}], device_type="EMU_FREE", open=True
)
cancelled = client.cancel_batch(to_cancel.id)
assert cancelled.status == "CANCELED"
other = client.create_batch(
    serialized, jobs=[{"runs": 5, "variables": {"amp": 1.0}}], device_type="EMU_FREE", open=True
)
job_id = other.ordered_jobs[0].id
job_cancel = client.cancel_jobs(other.id, CancelJobFilters(id=[job_id]))
job_statuses = {j.id: j.status for j in job_cancel.jobs}
assert job_statuses.get(job_id) == "CANCELED", job_cancel
bulk = client.cancel_batches([other.id, batch.id])
assert [b.id for b in bulk.batches] == [other.id], bulk
assert batch.id in {str(k) for k in bulk.errors}, bulk
print("cancel ok")

# Rebatch and tags.
rebatched = client.rebatch(batch.id, RebatchFilters(min_runs=40))
assert rebatched.parent_id == batch.id
assert rebatched.id != batch.id
rejobs = client.get_jobs(filters=JobFilters(batch_id=rebatched.id)).results
assert [j.runs for j in rejobs] == [50]
assert rejobs[0].parent_id == jobs[0].id
retagged = client.set_batch_tags(batch.id, ["renamed"])
assert retagged.tags == ["renamed"]
print("rebatch and tags ok")

# Unknown ids: 404.
for call, error in (
    (lambda: client.get_batch("00000000-0000-0000-0000-000000000000"), BatchFetchingError),
    (lambda: client.get_job("00000000-0000-0000-0000-000000000000"), JobFetchingError),
):
    try:
        call()
    except error as raised:
        assert "404" in str(raised), raised
    else:
        raise AssertionError("no error for an unknown id")
print("404 ok")


# A forged token: 401.
class Forged(TokenProvider):
    def get_token(self) -> str:
        return jwt.encode(
            {"sub": claims["sub"], "aud": AUDIENCE, "exp": claims["exp"], "iat": claims["iat"]},
            "not-the-secret",
            algorithm="HS256",
        )


forged = PasqalCloudClient(token_provider=Forged(), endpoints=endpoints, project_id=project_id)
try:
    forged.get_all_projects()
except ProjectFetchingError as raised:
    assert "401" in str(raised), raised
else:
    raise AssertionError("a forged token was accepted")
print("401 ok")
print("OFFICIAL FLOW OK")
