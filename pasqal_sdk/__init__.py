"""pasqal-sdk: run neutral-atom quantum programs on Pasqal Cloud Services.

Example:
    ```python
    from pasqal_sdk import SDK
    from pasqal_sdk.device import EmulatorType

    sdk = SDK(username="me@example.com", password="...", project_id="...")
    batch = sdk.create_batch(sequence, [{"runs": 20}], emulator=EmulatorType.EMU_FREE, wait=True)
    for job in batch.ordered_jobs:
        print(job.result)
    ```

The typed low-level clients generated from `openapi/` ship beside this package:
`pasqal_core_client` (batches, jobs, workloads, devices), `pasqal_account_client` (projects)
and `pasqal_auth_client` (tokens); `SDK.core_client` is one, authenticated.
"""

import logging
from importlib import import_module
from typing import TYPE_CHECKING, Any

from pasqal_sdk._version import __version__

if TYPE_CHECKING:
    from pasqal_sdk._async.batches import AsyncBatch as AsyncBatch
    from pasqal_sdk._async.client import AsyncSDK as AsyncSDK
    from pasqal_sdk._async.jobs import AsyncJob as AsyncJob
    from pasqal_sdk._async.workloads import AsyncWorkload as AsyncWorkload
    from pasqal_sdk._auth import ClientCredentialsTokenProvider as ClientCredentialsTokenProvider
    from pasqal_sdk._auth import ExpiringTokenProvider as ExpiringTokenProvider
    from pasqal_sdk._auth import PasswordTokenProvider as PasswordTokenProvider
    from pasqal_sdk._auth import StaticTokenProvider as StaticTokenProvider
    from pasqal_sdk._auth import TokenProvider as TokenProvider
    from pasqal_sdk._endpoints import REGIONS as REGIONS
    from pasqal_sdk._endpoints import Auth0Conf as Auth0Conf
    from pasqal_sdk._endpoints import Endpoints as Endpoints
    from pasqal_sdk._endpoints import Region as Region
    from pasqal_sdk._errors import AnswerLostError as AnswerLostError
    from pasqal_sdk._errors import AnswerTooLargeError as AnswerTooLargeError
    from pasqal_sdk._errors import APIConnectionError as APIConnectionError
    from pasqal_sdk._errors import APIError as APIError
    from pasqal_sdk._errors import APITimeoutError as APITimeoutError
    from pasqal_sdk._errors import AuthenticationError as AuthenticationError
    from pasqal_sdk._errors import ConflictError as ConflictError
    from pasqal_sdk._errors import InvalidConfigurationError as InvalidConfigurationError
    from pasqal_sdk._errors import InvalidDeviceTypeError as InvalidDeviceTypeError
    from pasqal_sdk._errors import InvalidJobError as InvalidJobError
    from pasqal_sdk._errors import InvalidSequenceError as InvalidSequenceError
    from pasqal_sdk._errors import MissingExtraError as MissingExtraError
    from pasqal_sdk._errors import NotFoundError as NotFoundError
    from pasqal_sdk._errors import NotLoadedError as NotLoadedError
    from pasqal_sdk._errors import PasqalError as PasqalError
    from pasqal_sdk._errors import PayloadTooLargeError as PayloadTooLargeError
    from pasqal_sdk._errors import PermissionDeniedError as PermissionDeniedError
    from pasqal_sdk._errors import ProjectNotFoundError as ProjectNotFoundError
    from pasqal_sdk._errors import ProjectRequiredError as ProjectRequiredError
    from pasqal_sdk._errors import RateLimitError as RateLimitError
    from pasqal_sdk._errors import ResultNotReadyError as ResultNotReadyError
    from pasqal_sdk._errors import ServerError as ServerError
    from pasqal_sdk._errors import UnexpectedResponseError as UnexpectedResponseError
    from pasqal_sdk._errors import ValidationError as ValidationError
    from pasqal_sdk._errors import WaitTimeoutError as WaitTimeoutError
    from pasqal_sdk._filters import BatchFilters as BatchFilters
    from pasqal_sdk._filters import JobFilters as JobFilters
    from pasqal_sdk._operations import PaginationParams as PaginationParams
    from pasqal_sdk._paging import AsyncPaged as AsyncPaged
    from pasqal_sdk._paging import Paged as Paged
    from pasqal_sdk._raw import HttpAnswer as HttpAnswer
    from pasqal_sdk._raw import RawResponse as RawResponse
    from pasqal_sdk._resources import BatchCancellation as BatchCancellation
    from pasqal_sdk._resources import JobCancellation as JobCancellation
    from pasqal_sdk._resources import Project as Project
    from pasqal_sdk._retry import RetryPolicy as RetryPolicy
    from pasqal_sdk._sync.batches import Batch as Batch
    from pasqal_sdk._sync.client import SDK as SDK
    from pasqal_sdk._sync.jobs import Job as Job
    from pasqal_sdk._sync.workloads import Workload as Workload
    from pasqal_sdk._validation import JobSpec as JobSpec
    from pasqal_sdk._waiting import OpenBatchWarning as OpenBatchWarning
    from pasqal_sdk._waiting import PollingPolicy as PollingPolicy
    from pasqal_sdk.device import DeviceType as DeviceType
    from pasqal_sdk.device import EmuFreeConfig as EmuFreeConfig
    from pasqal_sdk.device import EmulatorType as EmulatorType
    from pasqal_sdk.device import EmuTNConfig as EmuTNConfig
    from pasqal_sdk.pasqal_cloud_client import PasqalCloudClient as PasqalCloudClient
    from pasqal_sdk.pulser import PasqalCloudConnection as PasqalCloudConnection
    from pasqal_sdk.pulser import RemoteEmuFreeBackend as RemoteEmuFreeBackend
    from pasqal_sdk.pulser import RemoteMPSBackend as RemoteMPSBackend
    from pasqal_sdk.pulser import RemoteSVBackend as RemoteSVBackend

# Public names and the module that defines each: imported on first use, so that `import
# pasqal_sdk` stays cheap (httpx, the generated clients and Pulser load only when needed).
_EXPORTS: dict[str, str] = {
    "ClientCredentialsTokenProvider": "pasqal_sdk._auth",
    "ExpiringTokenProvider": "pasqal_sdk._auth",
    "PasswordTokenProvider": "pasqal_sdk._auth",
    "StaticTokenProvider": "pasqal_sdk._auth",
    "TokenProvider": "pasqal_sdk._auth",
    "AsyncSDK": "pasqal_sdk._async.client",
    "SDK": "pasqal_sdk._sync.client",
    "Auth0Conf": "pasqal_sdk._endpoints",
    "Endpoints": "pasqal_sdk._endpoints",
    "REGIONS": "pasqal_sdk._endpoints",
    "Region": "pasqal_sdk._endpoints",
    "AnswerLostError": "pasqal_sdk._errors",
    "AnswerTooLargeError": "pasqal_sdk._errors",
    "APIConnectionError": "pasqal_sdk._errors",
    "APIError": "pasqal_sdk._errors",
    "APITimeoutError": "pasqal_sdk._errors",
    "AuthenticationError": "pasqal_sdk._errors",
    "ConflictError": "pasqal_sdk._errors",
    "InvalidConfigurationError": "pasqal_sdk._errors",
    "InvalidDeviceTypeError": "pasqal_sdk._errors",
    "InvalidJobError": "pasqal_sdk._errors",
    "InvalidSequenceError": "pasqal_sdk._errors",
    "NotFoundError": "pasqal_sdk._errors",
    "MissingExtraError": "pasqal_sdk._errors",
    "NotLoadedError": "pasqal_sdk._errors",
    "PasqalError": "pasqal_sdk._errors",
    "PayloadTooLargeError": "pasqal_sdk._errors",
    "PermissionDeniedError": "pasqal_sdk._errors",
    "ProjectNotFoundError": "pasqal_sdk._errors",
    "ProjectRequiredError": "pasqal_sdk._errors",
    "RateLimitError": "pasqal_sdk._errors",
    "ResultNotReadyError": "pasqal_sdk._errors",
    "ServerError": "pasqal_sdk._errors",
    "UnexpectedResponseError": "pasqal_sdk._errors",
    "ValidationError": "pasqal_sdk._errors",
    "WaitTimeoutError": "pasqal_sdk._errors",
    "BatchFilters": "pasqal_sdk._filters",
    "JobFilters": "pasqal_sdk._filters",
    "PaginationParams": "pasqal_sdk._operations",
    "AsyncPaged": "pasqal_sdk._paging",
    "Paged": "pasqal_sdk._paging",
    "AsyncBatch": "pasqal_sdk._async.batches",
    "AsyncJob": "pasqal_sdk._async.jobs",
    "AsyncWorkload": "pasqal_sdk._async.workloads",
    "Batch": "pasqal_sdk._sync.batches",
    "BatchCancellation": "pasqal_sdk._resources",
    "Job": "pasqal_sdk._sync.jobs",
    "JobCancellation": "pasqal_sdk._resources",
    "Project": "pasqal_sdk._resources",
    "Workload": "pasqal_sdk._sync.workloads",
    "HttpAnswer": "pasqal_sdk._raw",
    "RawResponse": "pasqal_sdk._raw",
    "RetryPolicy": "pasqal_sdk._retry",
    "JobSpec": "pasqal_sdk._validation",
    "OpenBatchWarning": "pasqal_sdk._waiting",
    "PollingPolicy": "pasqal_sdk._waiting",
    "DeviceType": "pasqal_sdk.device",
    "EmuFreeConfig": "pasqal_sdk.device",
    "EmuTNConfig": "pasqal_sdk.device",
    "EmulatorType": "pasqal_sdk.device",
    "PasqalCloudClient": "pasqal_sdk.pasqal_cloud_client",
    "PasqalCloudConnection": "pasqal_sdk.pulser",
    "RemoteEmuFreeBackend": "pasqal_sdk.pulser",
    "RemoteMPSBackend": "pasqal_sdk.pulser",
    "RemoteSVBackend": "pasqal_sdk.pulser",
}

# What else `from pasqal_cloud import X` takes in pasqal-cloud 0.24 (its deprecated re-exports),
# served for code migrated by replacing `pasqal_cloud` with `pasqal_sdk`, and not in `__all__`:
# each is public at the module named here. tests/sdk/test_official_names.py checks the list
# against the original package.
_ORIGINAL_EXPORTS: dict[str, str] = {
    "AUTH0_CONFIG": "pasqal_sdk.endpoints",
    "PASQAL_ENDPOINTS": "pasqal_sdk.endpoints",
    "TokenProviderConf": "pasqal_sdk.endpoints",
    "RESULT_POLLING_INTERVAL": "pasqal_sdk.batch",
    "Client": "pasqal_sdk.client",
    "CreateJob": "pasqal_sdk.job",
    "BaseConfig": "pasqal_sdk.device",
    "DeviceTypeName": "pasqal_sdk.device",
    "OVHConnection": "pasqal_sdk.ovh",
    "BatchStatus": "pasqal_sdk.utils.constants",
    "JobStatus": "pasqal_sdk.utils.constants",
    "QueuePriority": "pasqal_sdk.utils.constants",
    "CancelJobFilters": "pasqal_sdk.utils.filters",
    "RebatchFilters": "pasqal_sdk.utils.filters",
    "BatchCancellationResponse": "pasqal_sdk.utils.responses",
    "JobCancellationResponse": "pasqal_sdk.utils.responses",
    "PaginatedResponse": "pasqal_sdk.utils.responses",
    **{
        name: "pasqal_sdk.errors"
        for name in (
            "BatchCancellingError",
            "BatchClosingError",
            "BatchCreationError",
            "BatchFetchingError",
            "BatchSetTagsError",
            "DeviceSpecsFetchingError",
            "InvalidDeviceTypeSet",
            "JobCancellingError",
            "JobCreationError",
            "JobFetchingError",
            "OnlyCompleteOrOpenCanBeSet",
            "ProjectFetchingError",
            "RebatchError",
            "WorkloadCancellingError",
            "WorkloadCreationError",
            "WorkloadFetchingError",
        )
    },
}

# The original's modules, at the same paths: `import pasqal_sdk` then `pasqal_sdk.batch` works
# as `pasqal_cloud.batch` does once imported.
_ORIGINAL_MODULES = frozenset(
    {
        "authentication",
        "backends",
        "batch",
        "client",
        "device",
        "endpoints",
        "errors",
        "http_client",
        "job",
        "ovh",
        "pasqal_cloud_client",
        "pasqal_cloud_connection",
        "project",
        "sdk",
        "utils",
        "workload",
    }
)

logging.getLogger("pasqal_sdk").addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name) or _ORIGINAL_EXPORTS.get(name)
    if module is not None:
        value = getattr(import_module(module), name)
    elif name in _ORIGINAL_MODULES:
        value = import_module(f"pasqal_sdk.{name}")
    else:
        raise AttributeError(f"module 'pasqal_sdk' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS, *_ORIGINAL_EXPORTS, *_ORIGINAL_MODULES})


__all__ = [
    "REGIONS",
    "SDK",
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AnswerLostError",
    "AnswerTooLargeError",
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
    "ClientCredentialsTokenProvider",
    "ConflictError",
    "DeviceType",
    "EmuFreeConfig",
    "EmuTNConfig",
    "EmulatorType",
    "Endpoints",
    "ExpiringTokenProvider",
    "HttpAnswer",
    "InvalidConfigurationError",
    "InvalidDeviceTypeError",
    "InvalidJobError",
    "InvalidSequenceError",
    "Job",
    "JobCancellation",
    "JobFilters",
    "JobSpec",
    "MissingExtraError",
    "NotFoundError",
    "NotLoadedError",
    "OpenBatchWarning",
    "Paged",
    "PaginationParams",
    "PasqalCloudClient",
    "PasqalCloudConnection",
    "PasqalError",
    "PasswordTokenProvider",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "PollingPolicy",
    "Project",
    "ProjectNotFoundError",
    "ProjectRequiredError",
    "RateLimitError",
    "RawResponse",
    "Region",
    "RemoteEmuFreeBackend",
    "RemoteMPSBackend",
    "RemoteSVBackend",
    "ResultNotReadyError",
    "RetryPolicy",
    "ServerError",
    "StaticTokenProvider",
    "TokenProvider",
    "UnexpectedResponseError",
    "ValidationError",
    "WaitTimeoutError",
    "Workload",
    "__version__",
]
