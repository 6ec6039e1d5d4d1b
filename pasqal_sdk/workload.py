"""`Workload` under the original SDK's module (`pasqal_cloud.workload`)."""

from pasqal_sdk._resources import Workload

__all__ = ["Workload"]
