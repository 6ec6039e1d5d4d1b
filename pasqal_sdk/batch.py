"""`Batch` under the original SDK's module (`pasqal_cloud.batch`): this package's `Batch`."""

from pasqal_sdk._sync.batches import Batch
from pasqal_sdk._waiting import RESULT_POLLING_INTERVAL

__all__ = ["RESULT_POLLING_INTERVAL", "Batch"]
