"""Items from listings are complete, as in the original SDK: a listed batch loads its jobs and a
listed DONE job its result on first access; the listing has `.results`, `.total`, `.offset`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
import pytest

from pasqal_sdk import SDK, AsyncSDK, NotLoadedError, PaginationParams

from .conftest import Recorder, batch_dict, envelope, job_dict

DONE_JOB = job_dict("j1", "b1", "DONE")
COUNTS = {"0011": 7, "1100": 3}


def listing_service() -> Recorder:
    def handle(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("/api/v1/batches"):
            listed = batch_dict("b1", "DONE", job_ids=["j1"])
            return envelope([listed], pagination={"start": 0, "end": 1, "total": 1})
        if path.endswith("/api/v1/batches/b1"):
            return envelope(batch_dict("b1", "DONE", jobs=[DONE_JOB]))
        if path.endswith("/api/v2/jobs"):
            return envelope([DONE_JOB], pagination={"start": 0, "end": 1, "total": 1})
        if path.endswith("/results_link"):
            return envelope({"results_link": "https://results.test/j1"})
        if request.url.host == "results.test":
            return httpx.Response(200, json={"counter": COUNTS})
        if path.endswith("/status"):
            return envelope({"status": "DONE"})
        return httpx.Response(404, json={"status": "fail", "code": 404, "message": path})

    return Recorder(handle)


def test_a_listed_batch_loads_its_jobs_on_first_access(make_sdk: Callable[..., SDK]) -> None:
    service = listing_service()
    (batch,) = list(make_sdk(service).get_batches())
    assert batch.job_ids == ["j1"]
    listed = len(service.requests)
    assert [job.id for job in batch.ordered_jobs] == ["j1"]
    assert service.paths()[listed:] == ["GET /core-fast/api/v1/batches/b1"]
    assert list(batch.jobs) == ["j1"]
    assert len(service.requests) == listed + 1  # loaded once


def test_a_listed_done_job_loads_its_result_on_first_access(make_sdk: Callable[..., SDK]) -> None:
    service = listing_service()
    (job,) = list(make_sdk(service).get_jobs())
    listed = len(service.requests)
    assert job.result == COUNTS
    assert job.counts.most_common(1) == [("0011", 7)]
    fetched = len(service.requests) - listed
    assert fetched == 2  # the results link, then the download; once
    assert job.full_result == {"counter": COUNTS}
    assert len(service.requests) - listed == fetched


def test_listings_have_the_paginated_response_attributes(make_sdk: Callable[..., SDK]) -> None:
    sdk = make_sdk(listing_service())
    listing = sdk.get_batches(pagination_params=PaginationParams(offset=0, limit=10))
    assert listing.offset == 0
    assert listing.total == 1
    assert [b.id for b in listing.results] == ["b1"]
    assert [b.id for b in listing] == ["b1"]


def test_async_listings_say_how_to_load_what_a_property_cannot_await(
    make_async_sdk: Callable[..., AsyncSDK],
) -> None:
    async def scenario() -> None:
        sdk = make_async_sdk(listing_service())
        try:
            batches = [b async for b in sdk.get_batches()]
            with pytest.raises(NotLoadedError, match="fetch_jobs"):
                _ = batches[0].ordered_jobs
            await batches[0].fetch_jobs()
            assert [j.id for j in batches[0].ordered_jobs] == ["j1"]
            jobs = [j async for j in sdk.get_jobs()]
            with pytest.raises(NotLoadedError, match="fetch_result"):
                _ = jobs[0].result
            await jobs[0].fetch_result()
            assert jobs[0].result == COUNTS
        finally:
            await sdk.close()

    asyncio.run(scenario())


def test_status_calls_return_the_status_enums(make_sdk: Callable[..., SDK]) -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        return envelope({"status": "RUNNING"})

    sdk = make_sdk(Recorder(handle))
    status = sdk.get_batch_status("b1")
    assert status == "RUNNING"
    assert type(status).__name__ == "BatchStatus"
    job_status = sdk.get_job_status("j1")
    assert job_status == "RUNNING"
    assert type(job_status).__name__ == "JobStatus"


def test_retry_adds_a_job_with_the_same_runs_and_variables(make_sdk: Callable[..., SDK]) -> None:
    job = job_dict("j1", "b1", "ERROR", variables={"omega": 1.5})
    service = Recorder(lambda request: envelope(batch_dict("b1", "RUNNING", jobs=[job], open=True)))
    sdk = make_sdk(service)
    batch = sdk.get_batch("b1")
    batch.retry(batch.ordered_jobs[0])
    assert service.requests[-1].method == "POST"
    assert service.body(-1) == [{"runs": 10, "variables": {"omega": 1.5}}]
