"""The listing and cancellation results under the original SDK's names
(`pasqal_cloud.utils.responses`).

`PaginatedResponse` is `Paged`: `.results`, `.total` and `.offset` as in the original, and
iterating it goes on past the first page. The cancellation results have `batches` (or `jobs`)
and `errors` by id.
"""

from pasqal_sdk._paging import Paged
from pasqal_sdk._resources import BatchCancellation, JobCancellation

PaginatedResponse = Paged
"""A listing (`get_batches`, `get_jobs`): `Paged`, the same class."""

BatchCancellationResponse = BatchCancellation
"""What `cancel_batches` gives: `BatchCancellation`, the same class."""

JobCancellationResponse = JobCancellation
"""What `cancel_jobs` gives: `JobCancellation`, the same class."""

__all__ = ["BatchCancellationResponse", "JobCancellationResponse", "PaginatedResponse"]
