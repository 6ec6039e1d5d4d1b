"""The client under the original SDK's deprecated module and name (`pasqal_cloud.sdk.SDK`):
this package's `SDK`."""

from pasqal_sdk._client import SDK

__all__ = ["SDK"]
