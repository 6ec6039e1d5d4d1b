"""Lazy iterators over every page of a listing (batches, jobs)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, Generic, TypeVar

from pasqal_sdk._operations import Page

__all__ = ["AsyncPaged", "Paged"]

T = TypeVar("T")


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
        offset: int | None = self._offset
        while offset is not None:
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
        offset: int | None = self._offset
        while offset is not None:
            page = await self._fetch(offset)
            yield [self._wrap(item) for item in page.items]
            offset = page.next_offset

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.by_page():
            for item in page:
                yield item
