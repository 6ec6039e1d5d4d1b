"""HTTP plumbing of the local cloud: the JSend envelope, errors that say what to fix, bodies
(size limit, gzip, JSON) and query parameters (repeated keys, pages, dates)."""

from __future__ import annotations

import json
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from pasqal_sdk.local._store import Page

MAX_PAGE = 100
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
    if encoding not in ("identity", ""):
        raise ApiError(400, f"Content-Encoding {encoding!r} is not supported: use gzip.")
    return body


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


async def read_json(request: Request, limit: int) -> Any:
    """The body as JSON: strict (no NaN or Infinity), nesting bounded by the parser's depth."""
    body = await read_body(request, limit)
    try:
        return json.loads(body, parse_constant=_no_constant)
    except (ValueError, UnicodeDecodeError) as error:
        raise ApiError(400, f"The body is not valid JSON: {error}") from error
    except RecursionError as error:
        raise ApiError(400, "The body is not valid JSON: it is nested too deeply.") from error


# Query parameters


def query_list(request: Request, key: str, allowed: frozenset[str] | None = None) -> list[str]:
    values = request.query_params.getlist(key)
    if allowed is not None:
        for value in values:
            if value not in allowed:
                raise invalid(key, f"{value!r} is not one of {sorted(allowed)}.")
    return values


def query_int(request: Request, key: str, minimum: int, maximum: int | None = None) -> int | None:
    value = request.query_params.get(key)
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError as error:
        raise invalid(key, f"must be an integer, not {value!r}.") from error
    if number < minimum or (maximum is not None and number > maximum):
        bound = f"between {minimum} and {maximum}" if maximum is not None else f">= {minimum}"
        raise invalid(key, f"must be {bound}, not {number}.")
    # Past what SQLite stores, a bound means the same as the largest it can compare.
    return min(number, LARGEST_INTEGER)


def query_bool(request: Request, key: str) -> bool | None:
    value = request.query_params.get(key)
    if value is None:
        return None
    lowered = value.lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise invalid(key, f"must be true or false, not {value!r}.")


def query_instant(request: Request, key: str) -> str | None:
    """An ISO 8601 instant as the store's sortable UTC string (naive means UTC)."""
    value = request.query_params.get(key)
    if value is None:
        return None
    text = value.strip()
    if text[-1:] in ("Z", "z"):
        text = text[:-1] + "+00:00"
    try:
        instant = datetime.fromisoformat(text)
    except ValueError as error:
        raise invalid(
            key, f"must be an ISO 8601 date-time such as 2024-01-31T12:00:00Z, not {value!r}."
        ) from error
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=timezone.utc)
    try:
        instant = instant.astimezone(timezone.utc)
    except (OverflowError, ValueError) as error:
        raise invalid(key, f"is out of range: {value!r}.") from error
    return f"{instant.year:04d}-" + instant.strftime("%m-%dT%H:%M:%S.%f+00:00")


def query_page(request: Request, orders: Mapping[str, str], default_descending: bool) -> Page:
    offset = query_int(request, "offset", 0) or 0
    limit = query_int(request, "limit", 1, MAX_PAGE) or MAX_PAGE
    order_by = request.query_params.get("order_by", "creation_order")
    if order_by not in orders:
        raise invalid("order_by", f"{order_by!r} is not one of {sorted(orders)}.")
    direction = request.query_params.get("order_by_direction")
    if direction not in (None, "ASC", "DESC"):
        raise invalid("order_by_direction", f"must be ASC or DESC, not {direction!r}.")
    descending = default_descending if direction is None else direction == "DESC"
    return Page(offset=offset, limit=limit, order_by=order_by, descending=descending)
