"""The create path on the wire: jobs sent as their checked dicts, the answer's jobs read lazily."""

from __future__ import annotations

import asyncio

import pytest
from pasqal_core_client.models import Job as JobModel

from pasqal_sdk import UnexpectedResponseError
from pasqal_sdk._batch_wire import LazyJobsBatch

from .conftest import Recorder, batch_dict, envelope, job_dict


def _created(jobs: int) -> Recorder:
    return Recorder(
        lambda request: envelope(
            batch_dict("b1", jobs=[job_dict(f"j{i}", "b1") for i in range(jobs)])
        )
    )


def test_create_sends_the_checked_jobs_as_given(make_sdk):
    service = _created(2)
    jobs = [{"runs": 3}, {"runs": 4, "variables": {"omega": 1.5}}]
    make_sdk(service).create_batch("{}", jobs, "EMU_FREE")
    assert service.body(0)["jobs"] == jobs


def test_the_answers_jobs_are_parsed_on_first_read(make_sdk):
    batch = make_sdk(_created(3)).create_batch("{}", [{"runs": 1}] * 3, "EMU_FREE")
    assert isinstance(batch._model, LazyJobsBatch)
    assert batch._model._raw_jobs is not None  # nothing parsed yet
    assert batch.job_ids == ["j0", "j1", "j2"]
    assert [job.id for job in batch.ordered_jobs] == ["j0", "j1", "j2"]
    assert all(isinstance(job, JobModel) for job in batch.model.jobs)
    assert batch.jobs["j1"].runs == 10
    assert [job["id"] for job in batch.model.to_dict()["jobs"]] == ["j0", "j1", "j2"]


def test_the_model_of_a_created_batch_has_its_jobs(make_sdk):
    batch = make_sdk(_created(2)).create_batch("{}", [{"runs": 1}] * 2, "EMU_FREE")
    assert [job.id for job in batch.model.jobs] == ["j0", "j1"]


def test_async_create_reads_jobs_lazily_too(make_async_sdk):
    async def scenario():
        async with make_async_sdk(_created(2)) as sdk:
            return await sdk.create_batch("{}", [{"runs": 1}] * 2, "EMU_FREE")

    batch = asyncio.run(scenario())
    assert [job.id for job in batch.ordered_jobs] == ["j0", "j1"]


def test_jobs_without_ids_are_an_unreadable_answer(make_sdk):
    service = Recorder(lambda request: envelope(batch_dict("b1", jobs=[{"runs": 1}])))
    with pytest.raises(UnexpectedResponseError, match="create_batch"):
        make_sdk(service).create_batch("{}", [{"runs": 1}], "EMU_FREE")
