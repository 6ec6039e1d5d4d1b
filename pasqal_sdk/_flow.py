"""Sans-I/O flows and the two loops that run them.

Logic that talks to the network is written once, as a generator that yields *actions* (send
this request, sleep this long, ...) and receives their outcome. `drive` runs a flow with blocking
I/O, `adrive` with asyncio; what an action means is given by the caller's `perform`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Generator
from typing import Any, TypeVar

__all__ = ["Flow", "Sleep", "adrive", "drive"]

T = TypeVar("T")
Flow = Generator[Any, Any, T]


@dataclasses.dataclass(frozen=True)
class Sleep:
    """Action: wait this many seconds."""

    seconds: float


def drive(flow: Flow[T], perform: Callable[[Any], Any]) -> T:
    """Run `flow`, performing each action it yields with `perform` (blocking)."""
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            action = flow.send(value) if error is None else flow.throw(error)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        try:
            value, error = perform(action), None
        except Exception as exc:
            value, error = None, exc


async def adrive(flow: Flow[T], perform: Callable[[Any], Awaitable[Any]]) -> T:
    """Run `flow`, awaiting `perform` for each action it yields."""
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            action = flow.send(value) if error is None else flow.throw(error)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        try:
            value, error = await perform(action), None
        except Exception as exc:
            value, error = None, exc
