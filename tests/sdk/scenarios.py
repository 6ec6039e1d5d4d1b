"""What every public method does, as scenarios run live (a local cloud) and replayed (cassettes).

Each scenario takes an SDK (or AsyncSDK) and the project id, and asserts behaviour only: the
shapes and relations of what comes back, never recorded values.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from pasqal_sdk import (
    SDK,
    AsyncSDK,
    BatchFilters,
    ConflictError,
    JobFilters,
    NotFoundError,
    PaginationParams,
)
from pasqal_sdk.device import EmuFreeConfig, EmulatorType

MISSING_ID = "00000000-0000-0000-0000-00000000dead"


@functools.cache
def sequence() -> str:
    """Two atoms, one global pulse whose area is the variable `area`."""
    from pulser import Pulse, Register, Sequence
    from pulser.devices import AnalogDevice
    from pulser.waveforms import BlackmanWaveform

    seq = Sequence(Register.from_coordinates([(0, 0), (0, 10)], prefix="q"), AnalogDevice)
    seq.declare_channel("rydberg", "rydberg_global")
    area = seq.declare_variable("area")
    seq.add(Pulse.ConstantDetuning(BlackmanWaveform(1000, area), 0.0, 0.0), "rydberg")
    seq.measure("ground-rydberg")
    return str(seq.to_abstract_repr())


def jobs(*runs: int) -> list[dict[str, Any]]:
    return [{"runs": r, "variables": {"area": 1.0 + 0.5 * (i % 4)}} for i, r in enumerate(runs)]


def assert_counts(job: Any) -> None:
    """A DONE job's result: bitstrings of the register's size whose counts add up to its runs."""
    assert job.status == "DONE"
    assert isinstance(job.result, dict)
    assert sum(job.result.values()) == job.runs
    assert all(len(bits) == 2 and set(bits) <= {"0", "1"} for bits in job.result)


def cancel_outcome(cancel: Callable[[], Any]) -> str:
    """The status after a cancel, or REFUSED when the service said 409 (already finished)."""
    try:
        return str(cancel().status)
    except ConflictError:
        return "REFUSED"


async def async_cancel_outcome(cancel: Callable[[], Awaitable[Any]]) -> str:
    try:
        return str((await cancel()).status)
    except ConflictError:
        return "REFUSED"


SyncScenario = Callable[[SDK, str], None]
AsyncScenario = Callable[[AsyncSDK, str], Awaitable[None]]
SCENARIOS: dict[str, SyncScenario] = {}
ASYNC_SCENARIOS: dict[str, AsyncScenario] = {}


def scenario(function: SyncScenario) -> SyncScenario:
    SCENARIOS[function.__name__] = function
    return function


def async_scenario(function: AsyncScenario) -> AsyncScenario:
    ASYNC_SCENARIOS[function.__name__] = function
    return function


# --- sync ------------------------------------------------------------------------------------


@scenario
def original_usage(sdk: SDK, project_id: str) -> None:
    """create_batch(..., wait=True) with an emulator and its configuration; read each result."""
    batch = sdk.create_batch(
        sequence(),
        jobs(20, 30),
        emulator=EmulatorType.EMU_FREE,
        configuration=EmuFreeConfig(with_noise=False),
        wait=True,
    )
    assert batch.status == "DONE"
    assert batch.project_id == project_id
    assert batch.configuration is not None
    assert batch.configuration["with_noise"] is False
    assert [job.runs for job in batch.jobs.values()] == [20, 30]
    for job in batch.ordered_jobs:
        assert_counts(job)


@scenario
def open_batch(sdk: SDK, project_id: str) -> None:
    """create_batch(open=True), Batch.add_jobs, SDK.add_jobs, Batch.close(wait=True)."""
    batch = sdk.create_batch(sequence(), jobs(5), device_type="EMU_FREE", open=True)
    assert batch.open
    batch.add_jobs(jobs(6))
    assert len(batch.ordered_jobs) == 2
    assert len(sdk.add_jobs(batch.id, jobs(7)).ordered_jobs) == 3
    batch.close(wait=True)
    assert not batch.open
    assert batch.status == "DONE"
    assert [job.runs for job in batch.ordered_jobs] == [5, 6, 7]
    for job in batch.ordered_jobs:
        assert_counts(job)
    with pytest.raises(ConflictError):
        batch.add_jobs(jobs(1))


@scenario
def close_batch(sdk: SDK, project_id: str) -> None:
    """SDK.close_batch(wait=True)."""
    batch = sdk.create_batch(sequence(), jobs(4), device_type="EMU_FREE", open=True)
    closed = sdk.close_batch(batch.id, wait=True)
    assert closed.id == batch.id
    assert not closed.open
    assert closed.done()


@scenario
def get_batch_and_refresh(sdk: SDK, project_id: str) -> None:
    """get_batch, Batch.refresh, Batch.wait(timeout=...)."""
    created = sdk.create_batch(sequence(), jobs(3, 4), device_type="EMU_FREE")
    fetched = sdk.get_batch(created.id)
    assert fetched.id == created.id
    assert [j.id for j in fetched.ordered_jobs] == [j.id for j in created.ordered_jobs]
    fetched.wait(timeout=120)
    assert fetched.status == "DONE"
    for job in fetched.ordered_jobs:
        assert_counts(job)
    assert created.refresh() is created
    assert created.status == "DONE"
    assert [j.result for j in created.ordered_jobs] == [j.result for j in fetched.ordered_jobs]
    with pytest.raises(NotFoundError) as caught:
        sdk.get_batch(MISSING_ID)
    assert caught.value.status_code == 404


@scenario
def get_batches(sdk: SDK, project_id: str) -> None:
    """get_batches with filters and pagination walks every page lazily."""
    tag = "scenario-get-batches"
    made = {sdk.create_batch(sequence(), jobs(1), "EMU_FREE", tags=[tag]).id for _ in range(3)}
    found = sdk.get_batches(BatchFilters(tag=[tag]), PaginationParams(limit=2))
    assert {b.id for b in found} == made
    assert [len(page) for page in found.by_page()] == [2, 1]
    everything = {b.id for b in sdk.get_batches(BatchFilters(project_id=[project_id]))}
    assert made <= everything


@scenario
def set_batch_tags(sdk: SDK, project_id: str) -> None:
    """set_batch_tags replaces the tags."""
    batch = sdk.create_batch(sequence(), jobs(1), "EMU_FREE", tags=["old"])
    assert batch.tags == ["old"]
    assert sorted(sdk.set_batch_tags(batch.id, ["new", "other"]).tags) == ["new", "other"]
    assert sdk.set_batch_tags(batch.id, []).tags == []


@scenario
def cancel_batches(sdk: SDK, project_id: str) -> None:
    """cancel_batch, Batch.cancel, cancel_batches (with a refusal reported by id)."""
    first = sdk.create_batch(sequence(), [], "EMU_FREE", open=True)
    assert sdk.cancel_batch(first.id).status == "CANCELED"
    second = sdk.create_batch(sequence(), [], "EMU_FREE", open=True)
    assert second.cancel().status == "CANCELED"
    third = sdk.create_batch(sequence(), [], "EMU_FREE", open=True)
    outcome = sdk.cancel_batches([third.id, first.id])
    assert [b.id for b in outcome.batches] == [third.id]
    assert outcome.batches[0].status == "CANCELED"
    assert set(outcome.errors) == {first.id}


@scenario
def rebatch(sdk: SDK, project_id: str) -> None:
    """rebatch copies the jobs of a finished batch into a new one."""
    batch = sdk.create_batch(sequence(), jobs(2, 3), "EMU_FREE", wait=True)
    again = sdk.rebatch(batch.id)
    assert again.id != batch.id
    assert again.parent_id in (None, batch.id)
    assert sorted(j.runs for j in again.wait(timeout=120).ordered_jobs) == [2, 3]
    only_big = sdk.rebatch(batch.id, JobFilters(min_runs=3))
    assert [j.runs for j in only_big.ordered_jobs] == [3]


@scenario
def jobs_and_results(sdk: SDK, project_id: str) -> None:
    """get_job, get_jobs, Job.refresh, Job.wait."""
    batch = sdk.create_batch(sequence(), jobs(8, 9), "EMU_FREE")
    job = sdk.get_job(batch.ordered_jobs[0].id, wait=True, timeout=120)
    assert job.batch_id == batch.id
    assert_counts(job)
    other = batch.ordered_jobs[1]
    assert other.wait(timeout=120) is other
    assert_counts(other)
    assert other.refresh().result == other.result
    listed = list(sdk.get_jobs(JobFilters(batch_id=[batch.id]), PaginationParams(limit=1)))
    assert sorted(j.id for j in listed) == sorted(j.id for j in batch.ordered_jobs)
    assert all(j.status == "DONE" for j in listed)


@scenario
def cancel_jobs(sdk: SDK, project_id: str) -> None:
    """cancel_job, Job.cancel, cancel_jobs: cancelled, or refused once the job has finished."""
    batch = sdk.create_batch(sequence(), jobs(5, 5, 5, 5), "EMU_FREE", open=True)
    first, second = batch.ordered_jobs[:2]
    for cancel in (lambda: sdk.cancel_job(first.id), second.cancel):
        assert cancel_outcome(cancel) in ("CANCELED", "REFUSED")
    outcome = sdk.cancel_jobs(batch.id)
    handled = {j.id for j in outcome.jobs} | set(outcome.errors)
    assert handled >= {j.id for j in batch.ordered_jobs[2:]}
    assert all(j.status == "CANCELED" for j in outcome.jobs)
    sdk.cancel_batch(batch.id)


@scenario
def workloads(sdk: SDK, project_id: str) -> None:
    """create_workload, get_workload, Workload.refresh/wait/cancel, cancel_workload."""
    workload = sdk.create_workload("test_type", "test_backend", {"a": 1}, wait=True, timeout=60)
    assert workload.done()
    assert workload.config == {"a": 1}
    assert workload.project_id == project_id
    fetched = sdk.get_workload(workload.id)
    assert (fetched.id, fetched.status) == (workload.id, workload.status)
    assert workload.refresh().status == fetched.status
    for cancel in (lambda: sdk.cancel_workload(workload.id), workload.cancel):
        assert cancel_outcome(cancel) in ("CANCELED", "REFUSED")


@scenario
def devices(sdk: SDK, project_id: str) -> None:
    """get_device_specs_dict and get_public_device_specs give serialized Pulser devices."""
    from pulser.json.abstract_repr.deserializer import deserialize_device

    specs = sdk.get_device_specs_dict()
    assert "EMU_FREE" in specs
    for serialized in specs.values():
        assert deserialize_device(serialized).name
    public = sdk.get_public_device_specs()
    assert public
    assert all(json.loads(spec) for spec in public.values())


@scenario
def projects_and_token(sdk: SDK, project_id: str) -> None:
    """get_all_projects, switch_to_project, user_token."""
    projects = sdk.get_all_projects()
    assert project_id in {p.id for p in projects}
    assert all(p.name for p in projects)
    sdk.switch_to_project(project_id)
    assert sdk.project_id == project_id
    token = sdk.user_token()
    assert isinstance(token, str)
    assert token


@scenario
def generated_clients(sdk: SDK, project_id: str) -> None:
    """sdk.core_client / sdk.account_client: direct typed calls, authenticated by the SDK."""
    from pasqal_account_client.api.projects import list_projects
    from pasqal_account_client.models import ProjectListResponse
    from pasqal_core_client.api.devices import get_device_specs
    from pasqal_core_client.models import DeviceSpecsResponse

    specs = get_device_specs.sync(client=sdk.core_client)
    assert isinstance(specs, DeviceSpecsResponse)
    assert "EMU_FREE" in specs.data.additional_properties
    projects = list_projects.sync(client=sdk.account_client)
    assert isinstance(projects, ProjectListResponse)
    assert project_id in {p.id for p in projects.data}


# --- async -----------------------------------------------------------------------------------


@async_scenario
async def async_batches(sdk: AsyncSDK, project_id: str) -> None:
    """AsyncSDK: create_batch (wait), get_batch, refresh, get_batches, set_batch_tags, rebatch."""
    tag = "scenario-async-batches"
    batch = await sdk.create_batch(
        sequence(), jobs(6, 7), emulator=EmulatorType.EMU_FREE, wait=True, tags=[tag]
    )
    assert batch.status == "DONE"
    for job in batch.ordered_jobs:
        assert_counts(job)
    fetched = await sdk.get_batch(batch.id)
    assert [j.result for j in fetched.ordered_jobs] == [j.result for j in batch.ordered_jobs]
    assert (await fetched.refresh()).status == "DONE"
    listed = [b.id async for b in sdk.get_batches(BatchFilters(tag=[tag]))]
    assert listed == [batch.id]
    pages = [page async for page in sdk.get_batches(BatchFilters(tag=[tag])).by_page()]
    assert [[b.id for b in page] for page in pages] == [[batch.id]]
    assert (await sdk.set_batch_tags(batch.id, ["x"])).tags == ["x"]
    again = await sdk.rebatch(batch.id)
    assert again.id != batch.id
    assert len(again.ordered_jobs) == 2
    await again.wait(timeout=120)
    with pytest.raises(NotFoundError):
        await sdk.get_batch(MISSING_ID)


@async_scenario
async def async_open_batches(sdk: AsyncSDK, project_id: str) -> None:
    """AsyncSDK: open batches, add_jobs, close, cancel_batch(es), AsyncBatch.cancel."""
    batch = await sdk.create_batch(sequence(), jobs(2), device_type="EMU_FREE", open=True)
    await batch.add_jobs(jobs(3))
    assert len((await sdk.add_jobs(batch.id, jobs(4))).ordered_jobs) == 3
    await batch.close(wait=True, timeout=120)
    assert [j.runs for j in batch.ordered_jobs] == [2, 3, 4]
    other = await sdk.create_batch(sequence(), [], device_type="EMU_FREE", open=True)
    assert (await sdk.close_batch(other.id)).open is False
    empty = [await sdk.create_batch(sequence(), [], "EMU_FREE", open=True) for _ in range(3)]
    assert (await sdk.cancel_batch(empty[0].id)).status == "CANCELED"
    assert (await empty[1].cancel()).status == "CANCELED"
    outcome = await sdk.cancel_batches([empty[2].id, empty[0].id])
    assert [b.id for b in outcome.batches] == [empty[2].id]
    assert set(outcome.errors) == {empty[0].id}


@async_scenario
async def async_jobs(sdk: AsyncSDK, project_id: str) -> None:
    """AsyncSDK: get_job, get_jobs, AsyncJob.wait/refresh/cancel, cancel_job(s)."""
    batch = await sdk.create_batch(sequence(), jobs(3, 3), "EMU_FREE")
    job = await sdk.get_job(batch.ordered_jobs[0].id, wait=True, timeout=120)
    assert_counts(job)
    second = await batch.ordered_jobs[1].wait(timeout=120)
    assert (await second.refresh()).result == second.result
    listed = [j.id async for j in sdk.get_jobs(JobFilters(batch_id=[batch.id]))]
    assert sorted(listed) == sorted(j.id for j in batch.ordered_jobs)
    with pytest.raises(ConflictError):
        await sdk.cancel_job(job.id)
    with pytest.raises(ConflictError):
        await second.cancel()
    outcome = await sdk.cancel_jobs(batch.id)
    assert outcome.jobs == []
    assert set(outcome.errors) == set(listed)


@async_scenario
async def async_workloads_devices_projects(sdk: AsyncSDK, project_id: str) -> None:
    """AsyncSDK: workloads, device specs, projects, switch_to_project, user_token."""
    workload = await sdk.create_workload("test_type", "test_backend", {"b": 2})
    await workload.wait(timeout=60)
    assert workload.done()
    fetched = await sdk.get_workload(workload.id, wait=True, timeout=60)
    assert (await fetched.refresh()).status == workload.status
    for cancel in (lambda: sdk.cancel_workload(workload.id), workload.cancel):
        assert await async_cancel_outcome(cancel) in ("CANCELED", "REFUSED")
    assert "EMU_FREE" in await sdk.get_device_specs_dict()
    assert await sdk.get_public_device_specs()
    assert project_id in {p.id for p in await sdk.get_all_projects()}
    await sdk.switch_to_project(project_id)
    assert sdk.project_id == project_id
    assert await sdk.user_token()
    from pasqal_core_client.api.devices import get_device_specs

    answer = await get_device_specs.asyncio_detailed(client=sdk.core_client)
    assert answer.status_code == 200
