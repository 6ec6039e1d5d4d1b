"""The logging policy of the HTTP pipeline: what of a request may be logged or put in a
message (secrets and results-link tokens never), and the request id every try carries."""

from __future__ import annotations

from collections.abc import Iterable

import httpx

__all__ = ["REQUEST_ID_HEADER", "SECRET_HEADERS", "origin_of", "redact_headers", "redact_url"]

REQUEST_ID_HEADER = "X-Request-ID"
SECRET_HEADERS = frozenset({"authorization", "cookie", "set-cookie", "proxy-authorization"})
# Path segments after which a URL holds a bearer capability (a results link's token).
_CAPABILITY_SEGMENTS = frozenset({"results"})


def origin_of(url: httpx.URL) -> str:
    return f"{url.scheme}://{url.netloc.decode('ascii', 'replace')}"


def redact_url(url: httpx.URL | str) -> str:
    """A URL fit for a log: a results link's token replaced by `***`."""
    url = httpx.URL(str(url))
    parts = url.path.split("/")
    for i in range(len(parts) - 1):
        if parts[i] in _CAPABILITY_SEGMENTS and parts[i + 1]:
            parts[i + 1] = "***"
    return str(url.copy_with(path="/".join(parts)))


def redact_headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Headers fit for a log: secrets replaced by `***`."""
    return {k: ("***" if k.lower() in SECRET_HEADERS else v) for k, v in headers}
