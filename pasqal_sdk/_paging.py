"""Lazy iterators over every page of a listing (batches, jobs)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, Generic, TypeVar

from pasqal_sdk._operations import Page

__all__ = ["AsyncPaged", "Paged"]

T = TypeVar("T")


class Paged(Generic[T]):
    """Items of a listing, fetched a page at a time as the loop goes; nothing is kept.

    Example: `for batch in sdk.get_batches(): print(batch.id)`; `by_page()` yields lists.
    """

    def __init__(
        self, fetch: Callable[[int], Page[Any]], wrap: Callable[[Any], T], offset: int
    ) -> None:
        self._fetch = fetch
        self._wrap = wrap
        self._offset = offset

    def by_page(self) -> Iterator[list[T]]:
        offset: int | None = self._offset
        while offset is not None:
            page = self._fetch(offset)
            yield [self._wrap(item) for item in page.items]
            offset = page.next_offset

    def __iter__(self) -> Iterator[T]:
        for page in self.by_page():
            yield from page


class AsyncPaged(Generic[T]):
    """`Paged` for `async for`."""

    def __init__(
        self, fetch: Callable[[int], Awaitable[Page[Any]]], wrap: Callable[[Any], T], offset: int
    ) -> None:
        self._fetch = fetch
        self._wrap = wrap
        self._offset = offset

    async def by_page(self) -> AsyncIterator[list[T]]:
        offset: int | None = self._offset
        while offset is not None:
            page = await self._fetch(offset)
            yield [self._wrap(item) for item in page.items]
            offset = page.next_offset

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.by_page():
            for item in page:
                yield item
