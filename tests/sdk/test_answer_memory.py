"""A read answer's body goes with the last reference to it: no httpx response is left alive in
a reference cycle (httpx's stream wrapper refers back to its response) until the next garbage
collection, which held several bodies of large batches at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import anyio
import httpx
import pytest

from tests.sdk.conftest import batch_dict, envelope, job_dict

JOBS = [f"job-{i}" for i in range(200)]


def _answer(request: httpx.Request) -> httpx.Response:
    if request.url.path.endswith("/full_results"):  # the results of the 200 jobs, inline
        return envelope({job: {"counter": {"0101": 60, "1010": 40}} for job in JOBS})
    jobs = [job_dict(job, "b1", status="DONE") for job in JOBS]
    return envelope(batch_dict("b1", status="DONE", jobs=jobs))


@pytest.fixture
def no_collection() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _alive_answers() -> list[httpx.Response]:
    return [o for o in gc.get_objects() if isinstance(o, httpx.Response)]


def test_a_read_answer_is_freed_without_a_collection(make_sdk: Any, no_collection: None) -> None:
    sdk = make_sdk(_answer)
    sdk.get_batch("b1")  # the connection and the token are in place
    before = len(_alive_answers())
    for _ in range(5):
        assert len(sdk.get_batch("b1").ordered_jobs) == 200
    assert len(_alive_answers()) == before


def test_the_async_sdk_frees_its_answers_too(make_async_sdk: Any, no_collection: None) -> None:
    async def main() -> tuple[int, int]:
        async with make_async_sdk(_answer) as sdk:
            await sdk.get_batch("b1")
            before = len(_alive_answers())
            for _ in range(5):
                assert len((await sdk.get_batch("b1")).ordered_jobs) == 200
            return before, len(_alive_answers())

    before, after = anyio.run(main)
    assert after == before
