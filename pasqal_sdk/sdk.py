"""The client under the original SDK's deprecated module and name (`pasqal_cloud.sdk.SDK`):
this package's `SDK`."""

from pasqal_sdk._sync.client import SDK

__all__ = ["SDK"]
