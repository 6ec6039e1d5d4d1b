"""The original SDK's HTTP layer (`pasqal_cloud.http_client`), which this package replaces.

`HTTPClient` sent the original's requests with `requests`; here the `SDK` sends them through the
clients generated from `openapi/` (`SDK.core_client` for direct typed calls). The name imports, so
that code naming it loads; building one raises `InvalidConfigurationError` saying what to use.
"""

from __future__ import annotations

from typing import Any

from pasqal_sdk._errors import InvalidConfigurationError

__all__ = ["TIMEOUT", "HTTPClient"]

TIMEOUT = 30
"""The original's timeout of each HTTP request, in seconds (`SDK(timeout=...)` here, 30 s too)."""


class HTTPClient:
    """Not provided: `SDK(...)` makes the requests (and `SDK(...).core_client` is the typed
    low-level client).

    Raises:
        InvalidConfigurationError: always, naming the replacement.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise InvalidConfigurationError(
            f"pasqal_sdk has no {type(self).__name__}: SDK(...) sends the requests (its"
            " core_client is the typed low-level client); see docs/migrating.md"
        )
