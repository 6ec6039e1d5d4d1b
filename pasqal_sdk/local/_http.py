"""HTTP plumbing of the local cloud: the JSend envelope, errors that say what to fix, bodies
(size limit, gzip, JSON) and checked query values as the store takes them (pages, dates)."""

from __future__ import annotations

import errno
import inspect
import json
import math
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pasqal_core_client.api.batches import list_batches
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from pasqal_sdk.local._store import (
    JobFilters,
    Page,
    StoreBusyError,
    StoreCorruptError,
    StoreFullError,
    stamp,
)

# A listing's page size when the query gives none: the documents' `limit` default (and maximum).
MAX_PAGE: int = inspect.signature(list_batches._get_kwargs).parameters["limit"].default
LARGEST_INTEGER = 2**63 - 1


class ApiError(Exception):
    """An answer other than success: `message` says what to fix, `data` gives details."""

    def __init__(
        self, status: int, message: str, data: Any = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.data = data
        self.headers = headers or {}


def not_found(kind: str, item_id: str) -> ApiError:
    return ApiError(404, f"{kind} {item_id} was not found.", {"id": item_id})


def invalid(field: str, what: str) -> ApiError:
    return ApiError(422, f"{field}: {what}", {"field": field})


def unavailable(error: BaseException, data_dir: Path) -> ApiError | None:
    """The answer to a failure the client can wait out, None for others: a busy database
    (503 with Retry-After), a corrupt one (503) or a full data dir (507)."""
    if isinstance(error, StoreCorruptError):
        return ApiError(503, str(error), {"data_dir": str(data_dir)})
    if isinstance(error, StoreBusyError):
        seconds = str(error.retry_after)
        return ApiError(
            503, str(error), {"retry_after": error.retry_after}, {"Retry-After": seconds}
        )
    if isinstance(error, StoreFullError) or (
        isinstance(error, OSError) and error.errno == errno.ENOSPC
    ):
        folder = error.folder if isinstance(error, StoreFullError) else data_dir
        return ApiError(507, f"data dir full: free space in {folder}", {"data_dir": str(folder)})
    return None


def envelope(payload: dict[str, Any]) -> JSONResponse:
    """A success answer from a generated `*Response` model's `to_dict()`."""
    return JSONResponse(payload, status_code=int(payload.get("code", 200)))


def error_response(error: ApiError) -> JSONResponse:
    from pasqal_core_client.models import ErrorResponse, JSendStatus

    body = ErrorResponse(
        status=JSendStatus.ERROR if error.status >= 500 else JSendStatus.FAIL,
        message=error.message,
        code=error.status,
        data=error.data,
    ).to_dict()
    return JSONResponse(body, status_code=error.status, headers=error.headers)


class RateLimiter:
    """A token bucket per key (a user): `rate` requests a second, bursts of up to `rate`.

    `rate` <= 0 turns it off. `take` raises a 429 that says when to try again (Retry-After).
    """

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.capacity = max(rate, 1.0)
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> None:
        if self.rate <= 0:
            return
        with self._lock:
            now = self._clock()
            tokens, then = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - then) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return
            self._buckets[key] = (tokens, now)
            wait = (1.0 - tokens) / self.rate
        seconds = max(1, int(wait + 0.999))
        raise ApiError(
            429,
            f"Too many requests: at most {self.rate:g} a second per user; retry in {seconds} s.",
            {"rate_limit": self.rate, "retry_after": seconds},
            {"Retry-After": str(seconds)},
        )


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, gunzipped when `Content-Encoding: gzip`; 413 past `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"The body is over the limit of {limit} bytes.", {"limit": limit})
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"The body is over the limit of {limit} bytes.", {"limit": limit})
        chunks.append(chunk)
    body = b"".join(chunks)
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding == "gzip":
        if len(body) > _INLINE_BYTES:
            return await run_in_threadpool(_gunzip, body, limit)
        return _gunzip(body, limit)
    if encoding not in ("identity", ""):
        raise ApiError(400, f"Content-Encoding {encoding!r} is not supported: use gzip.")
    return body


# Gzipped bodies past this size are inflated off the event loop.
_INLINE_BYTES = 256 * 1024


def _gunzip(body: bytes, limit: int) -> bytes:
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        inflated = decompressor.decompress(body, limit + 1)
    except zlib.error as error:
        raise ApiError(
            400, f"The body is not valid gzip (Content-Encoding: gzip): {error}"
        ) from error
    if len(inflated) > limit or decompressor.unconsumed_tail:
        raise ApiError(
            413, f"The decompressed body is over the limit of {limit} bytes.", {"limit": limit}
        )
    return inflated


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse_json(body: bytes) -> Any:
    """The body as JSON: strict (no NaN or Infinity, no number out of float range: a 422 names
    its field), nesting bounded by the parser's depth, every string valid Unicode (a 422 names
    the field with a lone surrogate or bad UTF-8)."""
    infinite: list[str] = []

    def number(text: str) -> float:
        value = float(text)
        if math.isinf(value):
            infinite.append(text)
        return value

    try:
        encoding = json.detect_encoding(body)
        # Bytes that aren't UTF-8 become lone surrogates here, found below with their field.
        text = body.decode(
            encoding, "surrogateescape" if encoding.startswith("utf-8") else "strict"
        )
        value = json.loads(text, parse_constant=_no_constant, parse_float=number)
    except (ValueError, UnicodeDecodeError) as error:
        raise ApiError(400, f"The body is not valid JSON: {error}") from error
    except RecursionError as error:
        raise ApiError(400, "The body is not valid JSON: it is nested too deeply.") from error
    if "\\u" in text or not _encodable(text):
        check_text(value, "body")
    if infinite:
        check_finite(value, "body")
    return value


def check_finite(value: Any, field: str) -> None:
    """A 422 naming the first number in `value` out of float range (`1e400`): JSON can't carry
    it back, so nothing holding one is stored."""
    for where, item in _walk(value, field):
        if isinstance(item, float) and not math.isfinite(item):
            raise invalid(
                where,
                f"expected a finite number, got one out of float range ({item}): send at most"
                f" {sys.float_info.max:.6g} in magnitude.",
            )


def check_list_sizes(value: Any, most: int, field: str = "body") -> None:
    """A 422 naming the first list in `value` of more than `most` items (0: no limit): checked
    before the schema, whose cost grows with them."""
    if not most:
        return
    stack = [(field, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, list):
            if len(item) > most:
                raise ApiError(
                    422,
                    f"{where}: {len(item)} items; a list in a request takes at most {most}"
                    " (limit max_list_items): split the request.",
                    {"field": where, "max_list_items": most},
                )
            stack.extend(
                (f"{where}[{i}]", v) for i, v in enumerate(item) if isinstance(v, (list, dict))
            )
        elif isinstance(item, dict):
            stack.extend(
                (f"{where}.{key}" if where != "body" else key, v)
                for key, v in item.items()
                if isinstance(v, (list, dict))
            )


def check_text(value: Any, field: str) -> None:
    """A 422 naming the first string (or key) in `value` that isn't valid Unicode: a lone
    surrogate (`"\\ud800"`) or bytes that aren't UTF-8, which no client can store or read back."""
    for where, item in _walk(value, field):
        if isinstance(item, str) and not _encodable(item):
            raise invalid(where, _NOT_UNICODE)
        if isinstance(item, dict):
            for key in item:
                if not _encodable(key):
                    name = f"{where}.{key}" if where != "body" else key
                    raise invalid(name.encode("utf-8", "backslashreplace").decode(), _NOT_UNICODE)


def _walk(value: Any, field: str) -> Iterator[tuple[str, Any]]:
    """Every value inside `value` (itself first, then depth first in order) with its field
    path (`configuration.extra_config.a[1]`; `body` names the top level)."""
    stack = [(field, value)]
    while stack:
        where, item = stack.pop()
        yield where, item
        if isinstance(item, list):
            stack.extend((f"{where}[{i}]", v) for i, v in reversed(list(enumerate(item))))
        elif isinstance(item, dict):
            stack.extend(
                (f"{where}.{key}" if where != "body" else key, v)
                for key, v in reversed(list(item.items()))
            )


_NOT_UNICODE = (
    "is not valid Unicode text (a lone surrogate or bytes that aren't UTF-8): send UTF-8."
)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# Query values, already checked against the documents, as the store takes them


def instant(text: str) -> datetime | None:
    """An ISO 8601 instant (`Z` or an offset; naive means UTC) in UTC, or None if it isn't one:
    the documents' `format: date-time`, as the generated clients send it (`isoformat()`)."""
    text = text.strip()
    if text[-1:] in ("Z", "z"):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        return parsed.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        return None


def stored_instant(value: str | None) -> str | None:
    """A checked date-time as the store's sortable UTC string."""
    moment = None if value is None else instant(value)
    if moment is None:
        return None
    return stamp(moment)


def stored_integer(value: int | None) -> int | None:
    """Past what SQLite stores, a bound means the same as the largest it can compare."""
    return None if value is None else min(value, LARGEST_INTEGER)


def query_page(
    query: Mapping[str, Any], orders: Mapping[str, str], default_descending: bool
) -> Page:
    """The page a listing asks for. The documents leave `order_by` a free string: its values
    (the store's orders) are checked here."""
    order_by = query.get("order_by", "creation_order")
    if order_by not in orders:
        raise invalid("order_by", f"{order_by!r} is not one of {sorted(orders)}.")
    direction = query.get("order_by_direction")
    return Page(
        offset=stored_integer(query.get("offset")) or 0,
        limit=query.get("limit", MAX_PAGE),
        order_by=order_by,
        descending=default_descending if direction is None else direction == "DESC",
    )


def job_filters(query: Mapping[str, Any], *, with_batch: bool) -> JobFilters:
    """The job filters of a listing, cancellation or rebatch."""
    return JobFilters(
        ids=query.get("id", []),
        project_ids=query.get("project_id", []),
        user_ids=query.get("user_id", []),
        batch_ids=query.get("batch_id", []) if with_batch else [],
        statuses=query.get("status", []),
        min_runs=stored_integer(query.get("min_runs")),
        max_runs=stored_integer(query.get("max_runs")),
        errors=query.get("errors"),
        start_date=stored_instant(query.get("start_date")),
        end_date=stored_instant(query.get("end_date")),
    )
