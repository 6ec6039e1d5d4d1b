"""One exception tree for everything the SDK raises.

`PasqalError` is the base. `APIError` and its subclasses carry what the service said (HTTP
status, API code, message, request id, details); transport failures, wait timeouts and checks
made before sending have their own branches. No secret ever reaches a message: bodies are
reduced to the service's message and details, never the request that was sent.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AuthenticationError",
    "ConflictError",
    "InvalidConfigurationError",
    "InvalidDeviceTypeError",
    "InvalidJobError",
    "InvalidSequenceError",
    "NotFoundError",
    "NotLoadedError",
    "PasqalError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "ProjectNotFoundError",
    "ProjectRequiredError",
    "RateLimitError",
    "ServerError",
    "UnexpectedResponseError",
    "ValidationError",
    "WaitTimeoutError",
    "error_for_status",
]


class PasqalError(Exception):
    """Base of every exception raised by pasqal_sdk."""


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
    """The service could not be reached (after the retries that were safe to make)."""


class APITimeoutError(APIConnectionError):
    """A request timed out (after the retries that were safe to make)."""


class WaitTimeoutError(PasqalError, TimeoutError):
    """`wait(timeout=...)` gave up; the batch, job or workload was left untouched."""

    def __init__(self, message: str, *, resource_id: str, status: str) -> None:
        super().__init__(message)
        self.resource_id = resource_id
        self.status = status


class NotLoadedError(PasqalError):
    """An async object's data isn't loaded yet and a property can't await: the message says
    which method loads it (`await batch.fetch_jobs()`, `await job.fetch_result()`)."""


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
