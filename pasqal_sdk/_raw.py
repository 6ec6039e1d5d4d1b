"""Raw answers: a call's usual result beside the HTTP answers it took (status, headers, time,
request id). The SDKs `record` every API answer of a call while `capture()` is active; the views
of `_raw_views` (`sdk.with_raw_response`) wrap each method in it."""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import datetime
from collections.abc import Iterator
from typing import Any, Generic, TypeVar

import httpx

from pasqal_sdk._errors import PasqalError

__all__ = ["HttpAnswer", "RawResponse", "capture", "raw_response", "record"]

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class HttpAnswer:
    """One HTTP answer of the API.

    Attributes:
        operation: The API operation it answered (`create_batch`, `get_batch_v1`, ...).
        status_code: Its HTTP status.
        headers: Its headers.
        elapsed: How long the operation took, retries included.
        request_id: Its `X-Request-ID` (the server's, else the one the SDK sent).
    """

    operation: str
    status_code: int
    headers: httpx.Headers
    elapsed: datetime.timedelta
    request_id: str | None


@dataclasses.dataclass(frozen=True)
class RawResponse(Generic[T]):
    """A call's usual result (`parsed`) and the API answers it took, its own first.

    `status_code`, `headers`, `elapsed` and `request_id` are those of the first answer: the
    call's own operation (a `get_batch` with results downloads them afterwards).

    Attributes:
        parsed: What the method returns without `with_raw_response`.
        answers: Every API answer of the call, in order.

    Example:
        ```python
        raw = sdk.with_raw_response.get_batch(batch_id)
        print(raw.status_code, raw.request_id, raw.elapsed)
        batch = raw.parsed
        ```
    """

    parsed: T
    answers: tuple[HttpAnswer, ...]

    @property
    def _first(self) -> HttpAnswer:
        return self.answers[0]

    @property
    def status_code(self) -> int:
        return self._first.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self._first.headers

    @property
    def elapsed(self) -> datetime.timedelta:
        return self._first.elapsed

    @property
    def request_id(self) -> str | None:
        return self._first.request_id

    @property
    def operation(self) -> str:
        return self._first.operation


_answers: contextvars.ContextVar[list[HttpAnswer] | None] = contextvars.ContextVar(
    "pasqal_sdk_raw_answers", default=None
)


def record(operation: str, response: Any, seconds: float) -> None:
    """Keep an answer of the API for the raw call in progress, if any (a generated `Response`)."""
    answers = _answers.get()
    if answers is not None:
        headers = httpx.Headers(response.headers)
        answers.append(
            HttpAnswer(
                operation,
                int(response.status_code),
                headers,
                datetime.timedelta(seconds=seconds),
                headers.get("x-request-id"),
            )
        )


@contextlib.contextmanager
def capture() -> Iterator[list[HttpAnswer]]:
    """The API answers the calls made inside get, in order."""
    answers: list[HttpAnswer] = []
    token = _answers.set(answers)
    try:
        yield answers
    finally:
        _answers.reset(token)


def raw_response(parsed: T, answers: list[HttpAnswer], name: str) -> RawResponse[T]:
    """`parsed` beside `answers`; a call that made no request has no raw answer."""
    if not answers:
        raise PasqalError(f"{name} made no API request, so it has no raw answer")
    return RawResponse(parsed, tuple(answers))
