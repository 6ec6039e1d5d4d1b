"""The status and priority enumerations under the original SDK's names
(`pasqal_cloud.utils.constants`).

They are the enumerations the SDK's objects hold (`batch.status`), string enumerations equal to
their wire values: `batch.status == BatchStatus.DONE == "DONE"`. A value the service sends that
this version does not list is kept as a member of its own.
"""

from pasqal_core_client.models import BatchStatus, JobStatus, QueuePriority

__all__ = ["BatchStatus", "JobStatus", "QueuePriority"]
