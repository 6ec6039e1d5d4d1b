"""`Job` and `CreateJob` under the original SDK's module (`pasqal_cloud.job`)."""

from pasqal_sdk._sync.jobs import Job
from pasqal_sdk._validation import CreateJob

__all__ = ["CreateJob", "Job"]
