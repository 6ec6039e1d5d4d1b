"""`Workload` under the original SDK's module (`pasqal_cloud.workload`)."""

from pasqal_sdk._sync.workloads import Workload

__all__ = ["Workload"]
