"""One exception tree for everything the SDK raises.

`PasqalError` is the base. `APIError` and its subclasses carry what the service said (HTTP
status, API code, message, request id, details); transport failures, wait timeouts and checks
made before sending have their own branches. No secret ever reaches a message: bodies are
reduced to the service's message and details, never the request that was sent.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, TypeVar, cast

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AnswerLostError",
    "AnswerTooLargeError",
    "AuthenticationError",
    "BatchCancellingError",
    "BatchClosingError",
    "BatchCreationError",
    "BatchException",
    "BatchFetchingError",
    "BatchSetTagsError",
    "ConflictError",
    "DeviceSpecsException",
    "DeviceSpecsFetchingError",
    "ExceptionWithResponseContext",
    "InvalidConfigurationError",
    "InvalidDeviceTypeError",
    "InvalidDeviceTypeSet",
    "InvalidJobError",
    "InvalidSequenceError",
    "InvalidWorkloadResultsFormatError",
    "JobCancellingError",
    "JobCreationError",
    "JobException",
    "JobFetchingError",
    "JobRetryError",
    "JobSequenceVariablesConflict",
    "MissingAllJobSequence",
    "MissingExtraError",
    "MissingJobSequence",
    "NotFoundError",
    "NotLoadedError",
    "OnlyCompleteOrOpenCanBeSet",
    "PasqalError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "ProjectException",
    "ProjectFetchingError",
    "ProjectNotFoundError",
    "ProjectRequiredError",
    "RateLimitError",
    "RebatchError",
    "ResultNotReadyError",
    "ServerError",
    "TokenProviderError",
    "UnexpectedResponseError",
    "ValidationError",
    "WaitTimeoutError",
    "WorkloadCancellingError",
    "WorkloadCreationError",
    "WorkloadException",
    "WorkloadFetchingError",
    "WorkloadResultsConnectionError",
    "WorkloadResultsDecodeError",
    "WorkloadResultsDownloadError",
    "error_for_status",
    "for_operation",
]


class PasqalError(Exception):
    """Base of every exception raised by pasqal_sdk.

    Raised from the public method that was called, with a short traceback: the exception it
    stands for (an httpx error, ...) is kept as `cause`, and the frames inside the SDK as
    `sdk_traceback` (`traceback.print_tb(error.sdk_traceback)` shows them).

    Attributes:
        cause: The exception behind this one, if any (None for an answer of the service).
        sdk_traceback: The frames inside the SDK where it was raised (for debugging).
    """

    cause: BaseException | None = None
    sdk_traceback: TracebackType | None = None


class APIError(PasqalError):
    """The service answered with an error status."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        code: int | str | None = None,
        request_id: str | None = None,
        data: Any = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.code = code
        self.request_id = request_id
        self.data = data

    def __str__(self) -> str:
        text = f"{self.status_code}: {self.message}"
        if self.request_id:
            text += f" (request id {self.request_id})"
        return text

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status_code={self.status_code}, code={self.code!r}, "
            f"message={self.message!r}, request_id={self.request_id!r})"
        )


class AuthenticationError(APIError):
    """401: the credentials or the token were refused."""


class PermissionDeniedError(APIError):
    """403: authenticated, but not allowed (wrong project, device not allowed, ...)."""


class NotFoundError(APIError):
    """404: no such batch, job, workload or project."""


class ConflictError(APIError):
    """409: the resource is not in a state that allows this (closing a closed batch, ...)."""


class PayloadTooLargeError(APIError):
    """413: the request body is too large."""


class ValidationError(APIError):
    """400 or 422: the service refused the request's content."""


class RateLimitError(APIError):
    """429: too many requests, still refused after the retries."""


class ServerError(APIError):
    """5xx: the service failed, still failing after the retries."""


class UnexpectedResponseError(APIError):
    """The answer could not be read: not JSON, or not the shape the API documents give it.

    `operation` names the call and `reason` what was wrong; the body itself is never repeated.
    New fields and enum values are not errors: they are kept.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        request_id: str | None = None,
        operation: str,
        reason: str,
    ) -> None:
        super().__init__(message, status_code=status_code, request_id=request_id)
        self.operation = operation
        self.reason = reason

    def __str__(self) -> str:
        text = self.message
        if self.request_id:
            text += f" (request id {self.request_id})"
        return text


class APIConnectionError(PasqalError):
    """The service could not be reached (after the retries that were safe to make).

    `request_id` is the `X-Request-ID` the request was sent with, for the server's logs."""

    status_code: int | None = None

    def __init__(self, message: str, *, request_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request_id = request_id

    def __str__(self) -> str:
        if self.request_id:
            return f"{self.message} (request id {self.request_id})"
        return self.message


class AnswerLostError(APIConnectionError):
    """A request that is not safe to repeat reached the server, but its answer was lost: the
    server may have acted on it (a batch may exist). The message says how to check."""


class AnswerTooLargeError(PasqalError):
    """An answer was larger than the SDK reads (`PASQAL_MAX_ANSWER_BYTES`): it is dropped as it
    streams in, never held whole."""


class APITimeoutError(APIConnectionError):
    """A request timed out (after the retries that were safe to make)."""


class WaitTimeoutError(PasqalError, TimeoutError):
    """`wait(timeout=...)` gave up; the batch, job or workload was left untouched."""

    def __init__(
        self,
        message: str,
        *,
        resource_id: str,
        status: str,
        pending: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.resource_id = resource_id
        self.status = status
        #: Each unfinished item's last status, when several were awaited (`wait_all`).
        self.pending = dict(pending) if pending is not None else {resource_id: status}


class NotLoadedError(PasqalError):
    """An async object's data isn't loaded yet and a property can't await: the message says
    which method loads it (`await batch.fetch_jobs()`, `await job.fetch_result()`)."""


class ResultNotReadyError(PasqalError):
    """A job's counts were read before it was DONE: the message names its status and says to
    `wait()` (a job that ended ERROR or CANCELED has none)."""

    def __init__(self, message: str, *, job_id: str, status: str) -> None:
        super().__init__(message)
        self.job_id = job_id
        self.status = status


class MissingExtraError(PasqalError, ImportError):
    """A feature needs an optional extra that is not installed: the message gives the
    `pip install` line."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(f"{feature} needs the '{extra}' extra: pip install 'pasqal-sdk[{extra}]'")
        self.extra = extra


class ProjectNotFoundError(PasqalError):
    """The project id is not one of the user's projects (see `sdk.get_all_projects()`)."""

    def __init__(self, message: str, *, project_id: str) -> None:
        super().__init__(message)
        self.project_id = project_id


class InvalidJobError(PasqalError, ValueError):
    """A job was refused before sending: bad runs, missing or unknown variables."""


class InvalidSequenceError(PasqalError, ValueError):
    """The sequence is neither a Pulser Sequence nor its serialized abstract representation."""


class InvalidDeviceTypeError(PasqalError, ValueError):
    """The device type is not one the service knows."""


class InvalidConfigurationError(PasqalError, ValueError):
    """An emulator configuration or an SDK setting is invalid."""


class ProjectRequiredError(InvalidConfigurationError):
    """The operation needs a project and none is set: `switch_to_project` or PASQAL_PROJECT_ID."""


_BY_STATUS: dict[int, type[APIError]] = {
    400: ValidationError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    422: ValidationError,
    429: RateLimitError,
}


def error_for_status(
    status_code: int,
    message: str,
    *,
    code: int | str | None = None,
    request_id: str | None = None,
    data: Any = None,
) -> APIError:
    """The exception that stands for an error answer of `status_code`."""
    cls = _BY_STATUS.get(status_code)
    if cls is None:
        cls = ServerError if status_code >= 500 else APIError
    return cls(message, status_code=status_code, code=code, request_id=request_id, data=data)


# --- the original SDK's names ------------------------------------------------------------------
# `pasqal-cloud` names an error after what was being done when it happened (BatchFetchingError).
# Here those names are classes of their own under PasqalError, and `for_operation` makes an
# error raised by a call an instance of the name for that call as well: `except
# BatchFetchingError` catches the NotFoundError that `get_batch` raises, and `except
# NotFoundError` still does. Unlike the original ones, they all derive from Exception.


class ExceptionWithResponseContext(PasqalError):  # noqa: N818 (the original SDK's name)
    """The original base of the errors of a call that the service answered."""


class BatchException(ExceptionWithResponseContext):
    """A call about a batch failed."""


class BatchCreationError(BatchException):
    """Creating a batch failed."""


class BatchFetchingError(BatchException):
    """Fetching a batch, a listing of batches or a batch's status failed."""


class BatchCancellingError(BatchException):
    """Cancelling a batch (or several) failed."""


class BatchClosingError(BatchException):
    """Closing (completing) an open batch failed."""


class RebatchError(BatchException):
    """Rebatching failed."""


class BatchSetTagsError(BatchException):
    """Setting a batch's tags failed."""


class JobException(ExceptionWithResponseContext):
    """A call about a job failed."""


class JobCreationError(JobException):
    """Adding jobs to a batch failed."""


class JobFetchingError(JobException):
    """Fetching a job, a listing of jobs, a job's status or its results link failed."""


class JobCancellingError(JobException):
    """Cancelling a job (or a batch's jobs) failed."""


class JobRetryError(PasqalError):
    """Retrying a job failed."""


class WorkloadException(ExceptionWithResponseContext):
    """A call about a workload failed."""


class WorkloadCreationError(WorkloadException):
    """Creating a workload failed."""


class WorkloadFetchingError(WorkloadException):
    """Fetching a workload failed."""


class WorkloadCancellingError(WorkloadException):
    """Cancelling a workload failed."""


class WorkloadResultsDownloadError(WorkloadException):
    """Downloading a workload's results failed."""


class WorkloadResultsConnectionError(PasqalError):
    """A workload's results could not be downloaded: the storage could not be reached."""


class WorkloadResultsDecodeError(WorkloadException):
    """A workload's results were downloaded but are not JSON."""


class InvalidWorkloadResultsFormatError(WorkloadException):
    """A workload's results were downloaded but are not a JSON object."""


class DeviceSpecsException(PasqalError):  # noqa: N818 (the original SDK's name)
    """A call about device specifications failed."""


class DeviceSpecsFetchingError(DeviceSpecsException):
    """Fetching the device specifications failed."""


class ProjectException(ExceptionWithResponseContext):
    """A call about projects failed."""


class ProjectFetchingError(ProjectException):
    """Listing the user's projects failed."""


class TokenProviderError(PasqalError):
    """The token endpoint refused or failed a token request."""


class OnlyCompleteOrOpenCanBeSet(InvalidConfigurationError):  # noqa: N818 (the original name)
    """`complete` and `open` (its opposite) were both given."""


class InvalidDeviceTypeSet(InvalidConfigurationError):  # noqa: N818 (the original SDK's name)
    """`emulator` and `device_type` were both given."""


class MissingAllJobSequence(InvalidJobError):  # noqa: N818 (the original SDK's name)
    """The batch has no sequence and none of its jobs has one of its own."""


class MissingJobSequence(InvalidJobError):  # noqa: N818 (the original SDK's name)
    """The batch has no sequence and some of its jobs have none of their own."""


class JobSequenceVariablesConflict(InvalidJobError):  # noqa: N818 (the original SDK's name)
    """A job has a sequence of its own and variables for the batch's sequence."""


# Each generated operation (its operationId, the name of its module) and the original SDK's
# name for what failed when it fails.
_CONTEXTS: dict[str, type[PasqalError]] = {
    "create_batch": BatchCreationError,
    "get_batch": BatchFetchingError,
    "get_batch_v1": BatchFetchingError,
    "get_batch_status": BatchFetchingError,
    "list_batches": BatchFetchingError,
    "cancel_batch": BatchCancellingError,
    "cancel_batch_v1": BatchCancellingError,
    "cancel_batches": BatchCancellingError,
    "complete_batch": BatchClosingError,
    "complete_batch_v1": BatchClosingError,
    "rebatch": RebatchError,
    "set_batch_tags": BatchSetTagsError,
    "add_jobs": JobCreationError,
    "add_jobs_v1": JobCreationError,
    "create_job_v1": JobCreationError,
    "get_job": JobFetchingError,
    "get_job_v1": JobFetchingError,
    "get_job_status": JobFetchingError,
    "get_job_results_link": JobFetchingError,
    "list_jobs": JobFetchingError,
    "list_jobs_v1": JobFetchingError,
    "cancel_job": JobCancellingError,
    "cancel_job_v1": JobCancellingError,
    "cancel_batch_jobs": JobCancellingError,
    "cancel_batch_jobs_v1": JobCancellingError,
    "create_workload": WorkloadCreationError,
    "get_workload": WorkloadFetchingError,
    "cancel_workload": WorkloadCancellingError,
    "get_device_specs": DeviceSpecsFetchingError,
    "get_public_device_specs": DeviceSpecsFetchingError,
    "list_projects": ProjectFetchingError,
    "request_token": TokenProviderError,
}
# (error class, context class) -> the class deriving from both, made once.
_COMBINED: dict[tuple[type[PasqalError], type[PasqalError]], type[PasqalError]] = {}

E = TypeVar("E", bound=PasqalError)


def for_operation(operation_id: str, error: E) -> E:
    """`error`, made an instance of the original SDK's error for `operation_id` as well.

    Its class derives from the error's class and from the context class (`NotFoundError` and
    `BatchFetchingError` for `get_batch`) and keeps the error's name, so attributes, `str` and
    `repr` are unchanged. An operation without a context leaves the error as it is.
    """
    context = _CONTEXTS.get(operation_id)
    if context is None or isinstance(error, context):
        return error
    cls: type[PasqalError] = type(error)
    combined = _COMBINED.get((cls, context))
    if combined is None:
        names = {"__module__": cls.__module__, "__qualname__": cls.__qualname__}
        made = type(cls.__name__, (cls, context), {**names, "__doc__": cls.__doc__})
        combined = _COMBINED.setdefault((cls, context), made)
    error.__class__ = cast("type[E]", combined)
    return error


def surfaced(error: PasqalError) -> PasqalError:
    """`error` as a public call raises it (`raise surfaced(error) from None`): the traceback
    starts at the SDK method the user called, and the chain of SDK-internal exceptions is left
    out of it; both stay on the error (`cause`, `sdk_traceback`)."""
    if error.sdk_traceback is None:
        error.sdk_traceback = error.__traceback__
    if error.cause is None:
        error.cause = error.__cause__
    return error.with_traceback(None)
