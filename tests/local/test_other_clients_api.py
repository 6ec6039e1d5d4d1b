"""The operations other clients call (QRMI, CUDA-Q, pulser-azure, the official client while it
polls): devices and their availability, one device's spec, a batch's full results, CUDA-Q jobs,
and the null results link of a job without results."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
import pytest

from pasqal_sdk.local.testing import LocalCloud
from tests.local.conftest import Api, password_token, sequence_json
from tests.local.test_api import fail

# Rabi frequency of the known-state program, rad/s (2π rad times 1 MHz), and its π-pulse length.
OMEGA = 2 * 3.141592653589793 * 1e6
PI_PULSE = 3.141592653589793 / OMEGA


def field(times: list[float], values: list[float], pattern: Any = "uniform") -> dict[str, Any]:
    """One AHS field, numbers as JSON strings, as CUDA-Q sends them."""
    return {
        "pattern": pattern,
        "time_series": {
            "times": [f"{t:.8e}" for t in times],
            "values": [f"{v:.8e}" for v in values],
        },
    }


def program(
    sites: list[tuple[float, float]],
    *,
    filling: list[int] | None = None,
    duration: float = PI_PULSE,
    amplitude: float = OMEGA,
    **hamiltonian: Any,
) -> dict[str, Any]:
    """An analog program of one constant drive (SI units) on `sites` (metres)."""
    drive = {
        "amplitude": field([0, duration], [amplitude, amplitude]),
        "detuning": field([0, duration], [0, 0]),
        "phase": field([0, duration], [0, 0]),
    }
    return {
        "setup": {
            "ahs_register": {
                "sites": [[f"{x:.8e}", f"{y:.8e}"] for x, y in sites],
                "filling": filling or [1] * len(sites),
            }
        },
        "hamiltonian": {"drivingFields": [drive], "localDetuning": [], **hamiltonian},
    }


# Atoms 0 and 1 are 5 µm apart (blockaded), atom 2 is 30 µm away (free): a π pulse excites
# atom 2 in every shot, and never both 0 and 1.
KNOWN = [(0.0, 0.0), (5e-6, 0.0), (30e-6, 0.0)]


def cudaq_job(api: Api, sequence: Any, **fields: Any) -> httpx.Response:
    body = {
        "machine": "EMU_FREE",
        "shots": 200,
        "project_id": api.cloud.project_id,
        "sequence": sequence,
        **fields,
    }
    return api.core.post("/api/v1/cudaq/job", json=body)


def wait_cudaq(api: Api, job_id: str, timeout: float = 90) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        data: dict[str, Any] = api.core.get(f"/api/v1/cudaq/job/{job_id}").json()["data"]
        if data["status"] in ("DONE", "ERROR", "CANCELED", "TIMED_OUT"):
            return data
        assert time.monotonic() < deadline, f"cudaq job {job_id} still {data['status']}"
        time.sleep(0.2)


def batch_count(api: Api) -> int:
    listing = api.core.get("/api/v1/batches", params={"limit": 1}).json()
    return int(listing["pagination"]["total"])


def test_devices_list_availability_without_a_token(api: Api) -> None:
    answer = httpx.get(f"{api.cloud.core_url}/api/v1/devices", params={"device_type": "EMU_FREE"})
    assert answer.status_code == 200, answer.text
    (device,) = answer.json()["data"]
    assert device["device_type"] == "EMU_FREE"
    assert device["availability"] == "ACTIVE"
    everything = httpx.get(f"{api.cloud.core_url}/api/v1/devices").json()["data"]
    assert {"EMU_FREE", "FRESNEL"} <= {d["device_type"] for d in everything}
    unknown = httpx.get(f"{api.cloud.core_url}/api/v1/devices", params={"device_type": "NOPE"})
    assert unknown.json()["data"] == []


def test_one_device_spec_is_a_pulser_device(api: Api) -> None:
    from pulser.json.abstract_repr.deserializer import deserialize_device

    data = api.core.get("/api/v1/devices/specs/FRESNEL").json()["data"]
    assert data["device_type"] == "FRESNEL"
    assert deserialize_device(data["specs"]).name == "FRESNEL"
    missing = fail(api.core.get("/api/v1/devices/specs/NOPE"), 404)
    assert "device_type" in missing["message"]
    fail(httpx.get(f"{api.cloud.core_url}/api/v1/devices/specs/FRESNEL"), 401)


def test_public_specs_are_readable_as_real_devices(api: Api) -> None:
    from pulser.devices import Device

    entries = httpx.get(f"{api.cloud.core_url}/api/v1/devices/public-specs").json()["data"]
    assert {"EMU_FREE", "FRESNEL"} <= {e["device_type"] for e in entries}
    for entry in entries:
        device = Device.from_abstract_repr(entry["specs"])
        # An emulated QPU (EMU_FRESNEL) publishes the QPU it emulates.
        assert entry["device_type"].endswith(device.name)


def test_batch_full_results_maps_each_finished_job_to_its_counter(api: Api) -> None:
    batch = api.create_batch(
        jobs=[{"runs": 20, "variables": {"amp": 2.0}}, {"runs": 30, "variables": {"amp": 1.0}}]
    )
    api.wait_batch(batch["id"])
    data = api.core.get(f"/api/v1/batches/{batch['id']}/full_results").json()["data"]
    runs = {job["id"]: job["runs"] for job in batch["jobs"]}
    assert set(data) == set(runs)
    for job_id, result in data.items():
        assert sum(result["counter"].values()) == runs[job_id]
        assert json.loads(result["serialised_results"])
    other = fail(api.core.get("/api/v1/batches/not-a-batch/full_results"), 404)
    assert other["data"]["id"] == "not-a-batch"


def test_results_link_is_null_until_the_job_has_results(api: Api) -> None:
    slow = sequence_json(atoms=10, duration=3000)
    batch = api.create_batch(sequence_builder=slow, jobs=[{"runs": 10, "variables": {"amp": 3.0}}])
    job_id = batch["jobs"][0]["id"]
    early = api.core.get(f"/api/v1/jobs/{job_id}/results_link")
    assert early.status_code == 200, early.text
    api.wait_batch(batch["id"])
    later = api.core.get(f"/api/v1/jobs/{job_id}/results_link").json()["data"]["results_link"]
    assert early.json()["data"]["results_link"] is None or later
    assert httpx.get(later).json()["counter"]


def test_cudaq_program_runs_as_a_batch_and_keeps_the_site_order(api: Api) -> None:
    answer = cudaq_job(api, program(KNOWN))
    assert answer.status_code == 200, answer.text
    job_id = answer.json()["data"]["id"]
    done = wait_cudaq(api, job_id)
    assert done["status"] == "DONE"
    ((batch_job_id, result),) = done["result"].items()
    counter = result["counter"]
    assert sum(counter.values()) == 200
    # Site i is character i: the far atom 2 is excited every time, 0 and 1 never together.
    assert all(len(bits) == 3 and bits[2] == "1" for bits in counter)
    assert not any(bits.startswith("11") for bits in counter)
    # The id is a batch's: QRMI polls it as one, with its one job.
    batch = api.core.get(f"/api/v2/batches/{job_id}").json()["data"]
    assert batch["job_ids"] == [batch_job_id]
    assert batch["device_type"] == "EMU_FREE"
    job = api.core.get(f"/api/v2/jobs/{batch_job_id}").json()["data"]
    assert job["runs"] == 200
    assert job["status"] == "DONE"


def test_cudaq_accepts_the_program_as_a_json_string(api: Api) -> None:
    answer = cudaq_job(api, json.dumps(program(KNOWN[:1])), shots=10)
    assert answer.status_code == 200, answer.text
    assert wait_cudaq(api, answer.json()["data"]["id"])["status"] == "DONE"


def test_cudaq_phase_modulation_runs(api: Api) -> None:
    drive = program(KNOWN[:2])
    drive["hamiltonian"]["drivingFields"][0]["phase"] = field([0, PI_PULSE], [0, 1.0])
    answer = cudaq_job(api, drive, shots=10)
    assert answer.status_code == 200, answer.text
    assert wait_cudaq(api, answer.json()["data"]["id"])["status"] == "DONE"


def _with(path: list[Any], value: Any) -> dict[str, Any]:
    body = program(KNOWN)
    node: Any = body
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return body


DRIVE = ["hamiltonian", "drivingFields", 0]
BAD_PROGRAMS = {
    "local detuning": (
        _with(["hamiltonian", "localDetuning"], [{"magnitude": {}}]),
        "sequence.hamiltonian.localDetuning",
    ),
    "non-uniform pattern": (
        _with([*DRIVE, "amplitude", "pattern"], ["1", "0.5", "1"]),
        "sequence.hamiltonian.drivingFields[0].amplitude.pattern",
    ),
    "two driving fields": (
        _with(
            ["hamiltonian", "drivingFields"],
            program(KNOWN)["hamiltonian"]["drivingFields"] * 2,
        ),
        "sequence.hamiltonian.drivingFields",
    ),
    "not a number": (
        _with(["setup", "ahs_register", "sites", 0, 0], "five"),
        "sequence.setup.ahs_register.sites[0][0]",
    ),
    "missing hamiltonian": ({"setup": program(KNOWN)["setup"]}, "sequence"),
    "filling of the wrong length": (
        _with(["setup", "ahs_register", "filling"], [1]),
        "sequence.setup.ahs_register.filling",
    ),
    "times that do not start at 0": (
        _with([*DRIVE, "detuning"], field([1e-8, PI_PULSE], [0, 0])),
        "sequence.hamiltonian.drivingFields[0].detuning.time_series.times[0]",
    ),
    "200-qubit register": (
        program([(i * 5e-6, 0.0) for i in range(200)]),
        "sequence.setup.ahs_register.sites",
    ),
    "not JSON": ("{not json", "sequence"),
}


@pytest.mark.parametrize("case", sorted(BAD_PROGRAMS))
def test_cudaq_refuses_what_it_cannot_run_naming_the_field(api: Api, case: str) -> None:
    sequence, where = BAD_PROGRAMS[case]
    before = batch_count(api)
    refused = fail(cudaq_job(api, sequence), 422)
    assert refused["message"].startswith(f"{where}:"), refused["message"]
    assert batch_count(api) == before


@pytest.mark.parametrize(
    ("fields", "status", "where"),
    [
        ({"machine": "FRESNEL_XL"}, 422, "machine"),
        ({"shots": 0}, 422, "shots"),
        ({"project_id": "someone-elses"}, 403, "project_id"),
    ],
)
def test_cudaq_refuses_bad_fields(
    api: Api, fields: dict[str, Any], status: int, where: str
) -> None:
    before = batch_count(api)
    refused = fail(cudaq_job(api, program(KNOWN), **fields), status)
    assert refused["message"].startswith(f"{where}:"), refused["message"]
    assert batch_count(api) == before


def test_another_projects_batch_is_not_found_here(local_cloud: LocalCloud, api: Api) -> None:
    project = local_cloud.add_user("cudaq-other@example.com", "other-password", "cudaq-elsewhere")
    other = Api(
        local_cloud, password_token(local_cloud, "cudaq-other@example.com", "other-password")
    )
    answer = other.core.post(
        "/api/v1/cudaq/job",
        json={"machine": "EMU_FREE", "shots": 5, "project_id": project, "sequence": program(KNOWN)},
    )
    assert answer.status_code == 200, answer.text
    theirs = answer.json()["data"]["id"]
    assert fail(api.core.get(f"/api/v1/cudaq/job/{theirs}"), 404)["data"]["id"] == theirs
    fail(api.core.get(f"/api/v1/batches/{theirs}/full_results"), 404)
    fail(api.core.get("/api/v1/cudaq/job/00000000-0000-0000-0000-000000000000"), 404)


def test_cudaq_runs_on_an_emulated_qpu(api: Api) -> None:
    answer = cudaq_job(api, program(KNOWN[:2]), machine="FRESNEL", shots=30)
    assert answer.status_code == 200, answer.text
    done = wait_cudaq(api, answer.json()["data"]["id"])
    assert done["status"] == "DONE"
    ((_, result),) = done["result"].items()
    assert sum(result["counter"].values()) == 30
