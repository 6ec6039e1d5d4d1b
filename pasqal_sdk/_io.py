"""The few primitives where the async source (`_async/`) and its generated sync twin (`_sync/`)
differ by more than a token: each comes in an async form and a blocking form of the same name
less its `a`/`Async` prefix, the rewrite that `scripts/unasync.py` applies.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import httpx

from pasqal_sdk._errors import NotLoadedError
from pasqal_sdk._flow import Flow

__all__ = [
    "AsyncSemaphore",
    "Semaphore",
    "agather",
    "alazy",
    "asleep",
    "aunlink_stream",
    "gather",
    "lazy",
    "sleep",
    "unlink_stream",
]

T = TypeVar("T")
# The most sub-flows (result downloads) run at once.
MAX_CONCURRENT = 8

AsyncSemaphore = asyncio.Semaphore
Semaphore = threading.Semaphore
asleep = asyncio.sleep
sleep = time.sleep


async def agather(run: Callable[[Flow[T]], Awaitable[T]], flows: Sequence[Flow[T]]) -> list[T]:
    """Run the flows concurrently on the event loop; their values in order."""
    return list(await asyncio.gather(*(run(flow) for flow in flows)))


def gather(run: Callable[[Flow[T]], T], flows: Sequence[Flow[T]]) -> list[T]:
    """Run the flows concurrently on a few threads; their values in order."""
    if not flows:
        return []
    with ThreadPoolExecutor(max_workers=min(MAX_CONCURRENT, len(flows))) as pool:
        return list(pool.map(run, flows))


def alazy(run: Callable[[Flow[T]], Any], flow: Flow[T], hint: str) -> T:
    """A property of an async object cannot await: what it would load raises NotLoadedError,
    whose message (`hint`) names the coroutine that loads it."""
    flow.close()
    raise NotLoadedError(hint)


def lazy(run: Callable[[Flow[T]], T], flow: Flow[T], hint: str) -> T:
    """A property of a blocking object loads what it lacks on first access."""
    return run(flow)


def unlink_stream(response: httpx.Response) -> None:
    """An httpx response hook: a read answer's spent stream replaced by its bytes. httpx wraps
    the stream in an object that refers back to the response, a cycle that kept each answer's
    body alive until the next garbage collection (ten batch reads of 200 jobs held several
    bodies at once); without it the body goes with the last reference to the answer."""
    try:
        content = response.content
    except httpx.ResponseNotRead:  # a stream the caller reads itself: left as it is
        return
    response.stream = httpx.ByteStream(content)


async def aunlink_stream(response: httpx.Response) -> None:
    unlink_stream(response)
