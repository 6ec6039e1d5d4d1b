"""Filters and pagination under the original SDK's names (`pasqal_cloud.utils.filters`).

Example:
    ```python
    from pasqal_sdk.utils.filters import BatchFilters, PaginationParams

    page = sdk.get_batches(filters=BatchFilters(status="DONE"),
                           pagination_params=PaginationParams(limit=10))
    ```
"""

from pasqal_sdk._filters import BatchFilters, CancelJobFilters, JobFilters, RebatchFilters
from pasqal_sdk._operations import PaginationParams

__all__ = ["BatchFilters", "CancelJobFilters", "JobFilters", "PaginationParams", "RebatchFilters"]
