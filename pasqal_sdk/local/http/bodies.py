"""HTTP plumbing of the local cloud: request bodies (size limit, gzip, strict JSON, valid
Unicode, bounded lists) checked before the documents' schemas see them."""

from __future__ import annotations

import json
import math
import sys
import zlib
from collections.abc import Iterator
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from pasqal_sdk.local.service.answers import ApiError, invalid


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
