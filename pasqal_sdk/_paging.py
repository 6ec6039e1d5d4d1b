"""Lazy iterators over every page of a listing (batches, jobs).

Once the first page gives the total, the next pages are fetched ahead, `AHEAD` at a time, and
yielded in order: over a slow network a long listing takes a few round trips instead of one per
page. A loop that stops early leaves at most `AHEAD` requests behind, cancelled if not started.
"""

from __future__ import annotations

import asyncio
import collections
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from pasqal_sdk._operations import Page

__all__ = ["AHEAD", "AsyncPaged", "Paged", "planned_offsets"]

T = TypeVar("T")

#: Pages fetched concurrently once the total is known.
AHEAD = 4


def planned_offsets(offset: int, first: Page[Any]) -> list[int]:
    """The offsets of the pages after `first` (at `offset`) that its total says exist."""
    if first.next_offset is None or first.total is None:
        return []
    step = first.next_offset - offset
    if step <= 0:
        return []
    return list(range(first.next_offset, first.total, step))


class Paged(Generic[T]):
    """Items of a listing, fetched a page at a time as the loop goes; nothing is kept.

    `by_page()` yields lists. As the original SDK's `PaginatedResponse`, it also has `.results`
    (the first page's items), `.total` (how many match, where the service says) and `.offset`
    (where it starts). `get_batches` and `get_jobs` build it; it is not built by hand.

    Args:
        fetch: Gets the page at an offset.
        wrap: Turns each listed item into the object yielded.
        offset: Where the listing starts.

    Example:
        ```python
        for batch in sdk.get_batches():
            print(batch.id)
        ```
    """

    def __init__(
        self, fetch: Callable[[int], Page[Any]], wrap: Callable[[Any], T], offset: int
    ) -> None:
        self._fetch = fetch
        self._wrap = wrap
        self._offset = offset
        self._first: tuple[list[T], int | None] | None = None

    @property
    def offset(self) -> int:
        """The offset of the first item."""
        return self._offset

    def _first_page(self) -> tuple[list[T], int | None]:
        if self._first is None:
            page = self._fetch(self._offset)
            self._first = ([self._wrap(item) for item in page.items], page.total)
        return self._first

    @property
    def results(self) -> list[T]:
        """The first page's items (one request, made on first access and kept)."""
        return self._first_page()[0]

    @property
    def total(self) -> int | None:
        """How many items match, as the first page says (None if the service doesn't say)."""
        return self._first_page()[1]

    def by_page(self) -> Iterator[list[T]]:
        """Each page's items, in order (later pages fetched ahead, `AHEAD` at a time)."""
        first = self._fetch(self._offset)
        yield [self._wrap(item) for item in first.items]
        last = first
        plan = collections.deque(planned_offsets(self._offset, first))
        if plan:
            pool = ThreadPoolExecutor(max_workers=AHEAD, thread_name_prefix="pasqal-pages")
            ahead: collections.deque[Future[Page[Any]]] = collections.deque()
            try:
                while plan and len(ahead) < AHEAD:
                    ahead.append(pool.submit(self._fetch, plan.popleft()))
                while ahead:
                    page = ahead.popleft().result()
                    if plan:
                        ahead.append(pool.submit(self._fetch, plan.popleft()))
                    yield [self._wrap(item) for item in page.items]
                    last = page
                    if page.next_offset is None:  # fewer items than the total said
                        return
            finally:
                pool.shutdown(wait=False, cancel_futures=True)
        offset = last.next_offset
        while offset is not None:  # more items than the total said, or no total
            page = self._fetch(offset)
            yield [self._wrap(item) for item in page.items]
            offset = page.next_offset

    def __iter__(self) -> Iterator[T]:
        for page in self.by_page():
            yield from page


class AsyncPaged(Generic[T]):
    """`Paged` for `async for` (`AsyncSDK.get_batches`, `AsyncSDK.get_jobs`).

    Args:
        fetch: Gets the page at an offset (awaited).
        wrap: Turns each listed item into the object yielded.
        offset: Where the listing starts.
    """

    def __init__(
        self, fetch: Callable[[int], Awaitable[Page[Any]]], wrap: Callable[[Any], T], offset: int
    ) -> None:
        self._fetch = fetch
        self._wrap = wrap
        self._offset = offset

    async def by_page(self) -> AsyncIterator[list[T]]:
        """Each page's items, in order (later pages fetched ahead, `AHEAD` at a time)."""
        first = await self._fetch(self._offset)
        yield [self._wrap(item) for item in first.items]
        last = first
        plan = collections.deque(planned_offsets(self._offset, first))
        ahead: collections.deque[asyncio.Task[Page[Any]]] = collections.deque()

        def fetch_next() -> None:
            ahead.append(asyncio.ensure_future(self._fetch(plan.popleft())))

        try:
            while plan and len(ahead) < AHEAD:
                fetch_next()
            while ahead:
                page = await ahead.popleft()
                if plan:
                    fetch_next()
                yield [self._wrap(item) for item in page.items]
                last = page
                if page.next_offset is None:
                    return
        finally:
            for task in ahead:
                task.cancel()
        offset = last.next_offset
        while offset is not None:
            page = await self._fetch(offset)
            yield [self._wrap(item) for item in page.items]
            offset = page.next_offset

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.by_page():
            for item in page:
                yield item
