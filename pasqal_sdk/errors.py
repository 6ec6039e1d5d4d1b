"""Every error the SDK raises, under the original SDK's names too (`pasqal_cloud.errors`).

All derive from `PasqalError`, an `Exception`: unlike the original ones (BaseException), they
are caught by `except Exception`. An error raised by a call is also an instance of the original
name for that call: `except BatchFetchingError` catches the `NotFoundError` that `get_batch`
raises for an unknown id, and so does `except NotFoundError`; its `status_code`, `message`,
`str` and `repr` are the SDK's.

Example:
    ```python
    from pasqal_sdk.errors import BatchFetchingError

    try:
        sdk.get_batch(batch_id)
    except BatchFetchingError as error:
        print(error.status_code, error)
    ```
"""

from pasqal_sdk import _errors
from pasqal_sdk._errors import *  # noqa: F403 (every error the SDK defines, by its list)

__all__: list[str] = []
__all__ += _errors.__all__
__all__.remove("error_for_status")
__all__.remove("for_operation")
