"""The error boundary: every way an HTTP answer (or its absence) becomes a `PasqalError`.

The classes are in `_errors`; this module reads answers into them: an API error body
(`unwrap`), an answer that can't be read (`reading`, `unexpected_response`), a results
download (`download_json`), the token endpoint's answer (`token_answer`), a request that got no
answer (`connection_error`, `calling`), and error bodies that lack the contract's keys
(`as_jsend_error`). The public methods then raise them with a short traceback
(`_errors.surfaced`, at `_run`).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from pasqal_account_client import errors as account_errors
from pasqal_account_client.models import ErrorResponse as AccountErrorResponse
from pasqal_auth_client import errors as auth_errors
from pasqal_auth_client.models import TokenError, TokenResponse
from pasqal_auth_client.types import Response as AuthResponse
from pasqal_core_client import errors as core_errors
from pasqal_core_client.models import ErrorResponse
from pasqal_core_client.types import Response, Unset

from pasqal_sdk import _wire  # noqa: F401 - installs the hook that reports unknown enum values
from pasqal_sdk._errors import (
    AnswerLostError,
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    UnexpectedResponseError,
    error_for_status,
    for_operation,
)
from pasqal_sdk._redact import REQUEST_ID_HEADER, origin_of, redact_url

if TYPE_CHECKING:
    from pasqal_sdk._calls import Operation

__all__ = [
    "as_jsend_error",
    "calling",
    "connection_error",
    "download_json",
    "operation_name",
    "reading",
    "token_answer",
    "unexpected_response",
    "unwrap",
]

T = TypeVar("T")

UNREADABLE = (
    core_errors.UnreadableResponse,
    account_errors.UnreadableResponse,
    auth_errors.UnreadableResponse,
)
LOCAL_HINT = "`pasqal-sdk local serve` starts the local cloud"
#: Hosts of this machine: a refused connection there is a local cloud not started.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0"})


def operation_name(op: Operation[Any]) -> str:
    """The operation id of `op` (`create_batch`), as the generated module is named."""
    return op.sync.__module__.rpartition(".")[2]


#: What to do next, appended to the service's message for an operation's status.
_PROJECTS_HINT = "`pasqal-sdk projects` or sdk.get_all_projects() lists your projects"
_HINTS: dict[tuple[str, int], str] = {
    ("create_batch", 403): _PROJECTS_HINT,
    ("create_workload", 403): _PROJECTS_HINT,
}


#: Where to look for what a creating request may have made when its answer was lost.
_LOST_HINTS: dict[str, str] = {
    "create_batch": "list your recent batches (sdk.get_batches(BatchFilters(start_date=...,"
    " tag=[...])); the tags you gave help) before creating it again",
    "add_jobs": "get the batch (sdk.get_batch(id)) and count its jobs before adding them again",
    "create_workload": "list your recent workloads before creating it again",
    "rebatch": "list your recent batches before rebatching again",
}


@contextlib.contextmanager
def calling(op: Operation[Any]) -> Iterator[None]:
    """Around a generated call: a transport failure is also the operation's original-SDK error
    (`BatchCreationError` for `create_batch`), and a lost answer says where to look."""
    try:
        yield
    except AnswerLostError as lost:
        name = operation_name(op)
        hint = _LOST_HINTS.get(name)
        message = f"{lost.message} ({name}: {hint})" if hint else lost.message
        error = AnswerLostError(message, request_id=lost.request_id)
        raise for_operation(name, error) from lost.__cause__
    except APIConnectionError as failed:
        raise for_operation(operation_name(op), failed) from failed.__cause__


def unwrap(op: Operation[T], response: Response[Any]) -> T:
    """The success model of `response`, or the typed APIError it stands for, also an instance
    of the original SDK's error for the operation (`BatchFetchingError` for `get_batch`)."""
    parsed = response.parsed
    if isinstance(parsed, op.ok):
        return parsed
    status = int(response.status_code)
    request_id = response.headers.get("x-request-id")
    operation = operation_name(op)
    if isinstance(parsed, (ErrorResponse, AccountErrorResponse)):
        data = None if isinstance(parsed.data, Unset) else parsed.data
        hint = _HINTS.get((operation, status))
        message = f"{parsed.message} ({hint})" if hint else parsed.message
        error = error_for_status(
            status, message, code=parsed.code, request_id=request_id, data=data
        )
    else:
        error = error_for_status(
            status, f"unexpected answer (HTTP {status})", request_id=request_id
        )
    raise for_operation(operation, error)


def unexpected_response(
    operation: str, status_code: int, reason: str, request_id: str | None = None
) -> UnexpectedResponseError:
    """The typed error for an answer of `operation` that could not be read."""
    error = UnexpectedResponseError(
        f"{operation}: the answer could not be read (HTTP {status_code}): {reason}",
        status_code=status_code,
        request_id=request_id,
        operation=operation,
        reason=reason,
    )
    return for_operation(operation, error)


@contextlib.contextmanager
def reading() -> Iterator[None]:
    """Around a generated call (sync or awaited): an unreadable answer becomes a typed error."""
    try:
        yield
    except UNREADABLE as exc:
        raise unexpected_response(
            exc.operation, exc.status_code, exc.reason, exc.request_id
        ) from None


def download_json(response: httpx.Response) -> Any:
    """The decoded JSON behind a results link, or the typed error for its answer."""
    status = response.status_code
    try:
        body = response.json()
    except (ValueError, RecursionError) as exc:  # not JSON, not UTF-8, or nested too deeply
        if status >= 400:
            raise error_for_status(status, f"results download failed (HTTP {status})") from None
        raise unexpected_response("results download", status, f"not JSON ({exc})") from None
    if status >= 400:
        message = body.get("message") if isinstance(body, dict) else None
        raise error_for_status(status, str(message or "results download failed"))
    return body


def token_answer(answer: AuthResponse[TokenError | TokenResponse]) -> dict[str, Any]:
    parsed = answer.parsed
    if isinstance(parsed, TokenResponse):
        return parsed.to_dict()
    status = int(answer.status_code)
    if isinstance(parsed, TokenError):
        message = f"token request refused: {parsed.error}"
        if isinstance(parsed.error_description, str):
            message += f" ({parsed.error_description})"
    else:
        message = "token request failed"
    if status in (400, 401, 403):
        # Auth0 answers a wrong password with 403 invalid_grant.
        raise for_operation("request_token", AuthenticationError(message, status_code=status))
    raise for_operation("request_token", error_for_status(status, message))


def connection_error(
    request: httpx.Request, exc: httpx.TransportError, answered: bool
) -> Exception:
    """The typed error for a request that could not be sent or answered, saying what to check."""
    where = f"{request.method} {redact_url(request.url)}"
    request_id = request.headers.get(REQUEST_ID_HEADER)
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(
            f"{where}: {type(exc).__name__} (no answer in time)", request_id=request_id
        )
    if not answered and isinstance(exc, httpx.ConnectError):
        origin = origin_of(request.url)
        if request.url.host in LOCAL_HOSTS:
            return APIConnectionError(
                f"no server at {origin}: is it running? ({LOCAL_HINT}; {where}: ConnectError)",
                request_id=request_id,
            )
        return APIConnectionError(
            f"cannot reach {origin}: check the network connection (and a proxy or firewall);"
            f" {where}: ConnectError ({exc or 'connection failed'})",
            request_id=request_id,
        )
    return APIConnectionError(
        f"{where}: {type(exc).__name__} ({exc or 'connection failed'})", request_id=request_id
    )


def as_jsend_error(response: httpx.Response, request: httpx.Request) -> httpx.Response:
    """An error response whose body lacks the contract's error keys, completed with them.

    The typed layer parses error bodies as the contract's `ErrorResponse` (`status`, `code`,
    `message`) or, at the token endpoint, `TokenError` (`error`); a proxy's HTML page or a bare
    JSON message would make it fail, so missing keys are filled in and other keys kept.
    """
    try:
        body = json.loads(response.content)
    except (ValueError, RecursionError):
        body = None
    if isinstance(body, dict):
        fields = dict(body)
    else:
        text = response.text.strip()[:200] or response.reason_phrase
        fields = {"message": text, "data": body}
    if all(key in fields for key in ("status", "code", "message", "error")):
        return response
    message = str(fields.get("message") or fields.get("error") or response.reason_phrase)
    fields.setdefault("status", "fail" if response.status_code < 500 else "error")
    fields.setdefault("code", response.status_code)
    fields.setdefault("message", message)
    fields.setdefault("error", message)
    headers = httpx.Headers(response.headers)
    for name in ("content-length", "content-encoding", "transfer-encoding", "content-type"):
        headers.pop(name, None)
    return httpx.Response(
        response.status_code,
        headers=headers,
        json=fields,
        request=request,
        extensions=response.extensions,
    )
