"""The client under the original SDK's module and name (`pasqal_cloud.pasqal_cloud_client`).

`PasqalCloudClient` is this package's `SDK`: `from pasqal_sdk.pasqal_cloud_client import
PasqalCloudClient` gives the same class as `from pasqal_sdk import SDK`.
"""

from pasqal_sdk._sync.client import SDK

PasqalCloudClient = SDK
"""The original SDK's name of its client: `SDK`, the same class."""

__all__ = ["PasqalCloudClient"]
