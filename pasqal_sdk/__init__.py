"""pasqal-sdk: run neutral-atom quantum programs on Pasqal Cloud Services.

Example::

    from pasqal_sdk import SDK
    from pasqal_sdk.device import EmulatorType

    sdk = SDK(username="me@example.com", password="...", project_id="...")
    batch = sdk.create_batch(sequence, [{"runs": 20}], emulator=EmulatorType.EMU_FREE, wait=True)
    for job in batch.ordered_jobs:
        print(job.result)

The typed low-level clients generated from `openapi/` ship beside this package:
`pasqal_core_client` (batches, jobs, workloads, devices), `pasqal_account_client` (projects)
and `pasqal_auth_client` (tokens); `SDK.core_client` is one, authenticated.
"""

import logging

from pasqal_sdk._auth import ExpiringTokenProvider, PasswordTokenProvider, TokenProvider
from pasqal_sdk._client import SDK, AsyncSDK
from pasqal_sdk._endpoints import REGIONS, Auth0Conf, Endpoints, Region
from pasqal_sdk._errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    ConflictError,
    InvalidConfigurationError,
    InvalidDeviceTypeError,
    InvalidJobError,
    InvalidSequenceError,
    NotFoundError,
    PasqalError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    ValidationError,
    WaitTimeoutError,
)
from pasqal_sdk._operations import BatchFilters, JobFilters, PaginationParams
from pasqal_sdk._paging import AsyncPaged, Paged
from pasqal_sdk._resources import (
    AsyncBatch,
    AsyncJob,
    AsyncWorkload,
    Batch,
    BatchCancellation,
    Job,
    JobCancellation,
    Project,
    Workload,
)
from pasqal_sdk._transport import RetryPolicy
from pasqal_sdk._validation import JobSpec
from pasqal_sdk._version import __version__
from pasqal_sdk._waiting import PollingPolicy
from pasqal_sdk.device import DeviceType, EmuFreeConfig, EmulatorType, EmuTNConfig

logging.getLogger("pasqal_sdk").addHandler(logging.NullHandler())

__all__ = [
    "REGIONS",
    "SDK",
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AsyncBatch",
    "AsyncJob",
    "AsyncPaged",
    "AsyncSDK",
    "AsyncWorkload",
    "Auth0Conf",
    "AuthenticationError",
    "Batch",
    "BatchCancellation",
    "BatchFilters",
    "ConflictError",
    "DeviceType",
    "EmuFreeConfig",
    "EmuTNConfig",
    "EmulatorType",
    "Endpoints",
    "ExpiringTokenProvider",
    "InvalidConfigurationError",
    "InvalidDeviceTypeError",
    "InvalidJobError",
    "InvalidSequenceError",
    "Job",
    "JobCancellation",
    "JobFilters",
    "JobSpec",
    "NotFoundError",
    "Paged",
    "PaginationParams",
    "PasqalError",
    "PasswordTokenProvider",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "PollingPolicy",
    "Project",
    "RateLimitError",
    "Region",
    "RetryPolicy",
    "ServerError",
    "TokenProvider",
    "ValidationError",
    "WaitTimeoutError",
    "Workload",
    "__version__",
]
