"""Pulser's connection under the original SDK's module (`pasqal_cloud.pasqal_cloud_connection`).

The same class as `pasqal_sdk.pulser.PasqalCloudConnection`; it needs Pulser installed.
"""

from pasqal_sdk.pulser import PasqalCloudConnection

__all__ = ["PasqalCloudConnection"]
