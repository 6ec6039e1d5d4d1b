"""The original SDK's deprecated `pasqal_cloud.client.Client`, its `HTTPClient` (not provided:
`SDK(...)` sends the requests)."""

from pasqal_sdk.http_client import HTTPClient

Client = HTTPClient
"""The original's deprecated name of `HTTPClient` (not provided: building one says what to use)."""

__all__ = ["Client"]
