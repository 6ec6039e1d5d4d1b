"""Listings are lazy iterators over every page."""

from __future__ import annotations

import asyncio
import uuid

import httpx

from pasqal_sdk import BatchFilters, JobFilters, PaginationParams

from .conftest import Recorder, batch_dict, envelope, job_dict


def paged_service(total: int, make_item):
    def handle(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params.get("offset", 0))
        limit = int(request.url.params.get("limit", 100))
        end = min(total, offset + limit)
        items = [make_item(i) for i in range(offset, end)]
        return envelope(items, pagination={"start": offset, "end": end, "total": total})

    return Recorder(handle)


def test_get_batches_walks_every_page_lazily(make_sdk):
    recorder = paged_service(5, lambda i: batch_dict(f"b{i}"))
    batches = make_sdk(recorder).get_batches(pagination=PaginationParams(limit=2))
    assert recorder.requests == []
    iterator = iter(batches)
    assert next(iterator).id == "b0"
    assert len(recorder.requests) == 1
    assert [b.id for b in iterator] == ["b1", "b2", "b3", "b4"]
    # The pages after the first are fetched ahead, concurrently: in any order.
    offsets = [r.url.params["offset"] for r in recorder.requests]
    assert offsets[0] == "0"
    assert sorted(offsets) == ["0", "2", "4"]


def test_by_page_yields_lists(make_sdk):
    recorder = paged_service(3, lambda i: job_dict(f"j{i}", "b"))
    pages = list(make_sdk(recorder).get_jobs(pagination=PaginationParams(limit=2)).by_page())
    assert [[j.id for j in page] for page in pages] == [["j0", "j1"], ["j2"]]


def test_filters_become_repeated_query_keys(make_sdk):
    recorder = paged_service(0, lambda i: None)
    filters = BatchFilters(
        status=["DONE", "ERROR"], device_type=["EMU_FREE"], tag=["x"], open=False
    )
    list(make_sdk(recorder).get_batches(filters))
    params = recorder.requests[0].url.params
    assert params.get_list("status") == ["DONE", "ERROR"]
    assert params.get_list("device_type") == ["EMU_FREE"]
    assert params.get_list("tag") == ["x"]
    assert params["open"] == "false"


def test_job_filters_accept_a_single_value(make_sdk):
    recorder = paged_service(0, lambda i: None)
    batch_id = "00000000-0000-0000-0000-0000000000b1"
    list(make_sdk(recorder).get_jobs(JobFilters(batch_id=batch_id, status="DONE", min_runs=2)))
    params = recorder.requests[0].url.params
    assert params.get_list("batch_id") == [batch_id]
    assert params.get_list("status") == ["DONE"]
    assert params["min_runs"] == "2"


def test_listing_without_pagination_block_stops_on_a_short_page(make_sdk):
    def handle(request):
        offset = int(request.url.params["offset"])
        return envelope([batch_dict(f"b{i}") for i in range(offset, min(offset + 2, 3))])

    recorder = Recorder(handle)
    ids = [b.id for b in make_sdk(recorder).get_batches(pagination=PaginationParams(limit=2))]
    assert ids == ["b0", "b1", "b2"]


def test_async_listing(make_async_sdk):
    recorder = paged_service(3, lambda i: batch_dict(f"b{i}"))

    async def scenario():
        async with make_async_sdk(recorder) as sdk:
            return [b.id async for b in sdk.get_batches(pagination=PaginationParams(limit=2))]

    assert asyncio.run(scenario()) == ["b0", "b1", "b2"]
    assert len(recorder.requests) == 2


def test_an_unknown_status_filter_is_refused_before_sending(make_sdk):
    import pytest

    from pasqal_sdk import InvalidConfigurationError

    recorder = paged_service(0, lambda i: None)
    with pytest.raises(InvalidConfigurationError, match="DONE"):
        list(make_sdk(recorder).get_jobs(JobFilters(status=["FINISHED"])))
    assert recorder.requests == []


def test_listings_follow_the_sdks_project_unless_the_filters_name_projects(make_sdk):
    from .conftest import PROJECT

    recorder = paged_service(0, lambda i: None)
    sdk = make_sdk(recorder)
    list(sdk.get_batches())
    list(sdk.get_jobs(JobFilters(status="DONE")))
    others = [str(uuid.uuid4()), str(uuid.uuid4())]
    list(sdk.get_batches(BatchFilters(project_id=others)))
    sdk.project_id = None
    list(sdk.get_jobs())
    scopes = [r.url.params.get_list("project_id") for r in recorder.requests]
    assert scopes == [[PROJECT], [PROJECT], others, []]
    assert recorder.requests[1].url.params.get_list("status") == ["DONE"]


def test_async_listings_follow_the_project_too(make_async_sdk):
    from .conftest import PROJECT

    recorder = paged_service(0, lambda i: None)

    async def scenario():
        async with make_async_sdk(recorder) as sdk:
            [b async for b in sdk.get_batches()]
            [j async for j in sdk.get_jobs()]

    asyncio.run(scenario())
    assert [r.url.params.get_list("project_id") for r in recorder.requests] == [[PROJECT]] * 2


class InFlight:
    """A paged service that answers slowly and records how many requests overlap."""

    def __init__(self, total: int) -> None:
        import threading

        self.lock = threading.Lock()
        self.now = 0
        self.most = 0
        self.inner = paged_service(total, lambda i: batch_dict(f"b{i}"))

    def __call__(self, request: httpx.Request) -> httpx.Response:
        import time

        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        time.sleep(0.05)
        try:
            return self.inner(request)
        finally:
            with self.lock:
                self.now -= 1

    async def handle_async(self, request: httpx.Request) -> httpx.Response:
        self.now += 1
        self.most = max(self.most, self.now)
        await asyncio.sleep(0.05)
        self.now -= 1
        return self.inner(request)


def test_pages_after_the_first_are_fetched_ahead_in_bounded_parallel_and_kept_in_order(make_sdk):
    from pasqal_sdk._paging import AHEAD

    service = InFlight(1000)
    ids = [b.id for b in make_sdk(service).get_batches(pagination=PaginationParams(limit=100))]
    assert ids == [f"b{i}" for i in range(1000)]
    assert 1 < service.most <= AHEAD
    assert len(service.inner.requests) == 10


def test_a_loop_that_stops_early_leaves_few_requests_behind(make_sdk):
    from pasqal_sdk._paging import AHEAD

    service = InFlight(10_000)
    for batch in make_sdk(service).get_batches(pagination=PaginationParams(limit=100)):
        if batch.id == "b150":
            break
    assert len(service.inner.requests) <= 2 + AHEAD


def test_async_pages_are_fetched_ahead_too(make_async_sdk):
    from pasqal_sdk._paging import AHEAD

    service = InFlight(950)

    async def scenario():
        async with make_async_sdk(service.handle_async) as sdk:
            pages = sdk.get_batches(pagination=PaginationParams(limit=100))
            return [b.id async for b in pages]

    assert asyncio.run(scenario()) == [f"b{i}" for i in range(950)]
    assert 1 < service.most <= AHEAD
