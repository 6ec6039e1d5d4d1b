"""The encoding policy of the HTTP pipeline: request bodies gzip-compressed when large, and
answers read within a size cap and the call's deadline (sync and async)."""

from __future__ import annotations

import dataclasses
import gzip
import os
import time

import httpx

from pasqal_sdk._errors import AnswerTooLargeError
from pasqal_sdk._redact import redact_url

__all__ = [
    "MAX_ANSWER_BYTES",
    "Read",
    "aread_answer",
    "max_answer_bytes",
    "maybe_gzip",
    "read_answer",
]

GZIP_THRESHOLD_BYTES = 1024
SKIP_GZIP_ENV = "PASQAL_SKIP_GZIP_REQUEST_BODY"
# The most bytes of one answer the SDK reads (decoded), unless PASQAL_MAX_ANSWER_BYTES says.
MAX_ANSWER_BYTES = 256 * 1024 * 1024
MAX_ANSWER_ENV = "PASQAL_MAX_ANSWER_BYTES"


def max_answer_bytes() -> int:
    """The answer-size cap: PASQAL_MAX_ANSWER_BYTES, else MAX_ANSWER_BYTES."""
    try:
        return int(os.environ.get(MAX_ANSWER_ENV, "") or MAX_ANSWER_BYTES)
    except ValueError:
        return MAX_ANSWER_BYTES


def maybe_gzip(request: httpx.Request, threshold: int = GZIP_THRESHOLD_BYTES) -> httpx.Request:
    """The request with its body gzip-compressed when larger than `threshold` bytes.

    Off when the environment variable PASQAL_SKIP_GZIP_REQUEST_BODY is set (to anything but
    empty, 0 or false), or when the body is already encoded or not JSON.
    """
    if os.environ.get(SKIP_GZIP_ENV, "").lower() not in ("", "0", "false", "no"):
        return request
    if "content-encoding" in request.headers:
        return request
    if not request.headers.get("content-type", "").startswith("application/json"):
        return request
    body = request.read()
    if len(body) <= threshold:
        return request
    headers = httpx.Headers(request.headers)
    headers["Content-Encoding"] = "gzip"
    del headers["Content-Length"]
    return httpx.Request(
        request.method,
        request.url,
        headers=headers,
        content=gzip.compress(body),
        extensions=request.extensions,
    )


@dataclasses.dataclass
class Read:
    """Action: read the response's body, at most `max_bytes` of it (AnswerTooLargeError past
    them) and until `deadline` (time.monotonic; httpx.ReadTimeout past it)."""

    response: httpx.Response
    max_bytes: int = MAX_ANSWER_BYTES
    deadline: float = float("inf")
    request: httpx.Request | None = None


class _BodyReader:
    """Counts an answer's decoded bytes and the time as it streams in (sync and async)."""

    def __init__(self, action: Read) -> None:
        self.action = action
        self.size = 0
        self.chunks: list[bytes] = []
        response = action.response
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > action.max_bytes:
            self._too_large(int(declared))

    def _too_large(self, size: int) -> None:
        request = self.action.request
        where = f"{request.method} {redact_url(request.url)}: " if request else ""
        raise AnswerTooLargeError(
            f"{where}the answer is over {size - 1} bytes, past the cap of"
            f" {self.action.max_bytes} bytes ({MAX_ANSWER_ENV} raises it)"
        )

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.action.max_bytes:
            self._too_large(self.action.max_bytes + 1)
        if time.monotonic() > self.action.deadline:
            raise httpx.ReadTimeout(
                "the answer was still arriving at the end of the total timeout",
                request=self.action.request,
            )
        self.chunks.append(chunk)

    def done(self) -> bytes:
        content = b"".join(self.chunks)
        self.action.response._content = content  # what Response.read() keeps
        return content


def read_answer(action: Read) -> bytes:
    reader = _BodyReader(action)
    try:
        for chunk in action.response.iter_bytes():
            reader.add(chunk)
    finally:
        action.response.close()
    return reader.done()


async def aread_answer(action: Read) -> bytes:
    reader = _BodyReader(action)
    try:
        async for chunk in action.response.aiter_bytes():
            reader.add(chunk)
    finally:
        await action.response.aclose()
    return reader.done()
