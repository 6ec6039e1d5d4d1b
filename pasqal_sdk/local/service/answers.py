"""What the service answers: the JSend envelope of a success, and ApiError, a refusal that says
what to fix (the HTTP layer renders both). A failure of the storage the client can wait out is
an answer too (`unavailable`)."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.responses import JSONResponse

from pasqal_sdk.local.storage.errors import StoreBusyError, StoreCorruptError, StoreFullError

__all__ = ["ApiError", "envelope", "error_response", "invalid", "not_found", "ok", "unavailable"]


class ApiError(Exception):
    """An answer other than success: `message` says what to fix, `data` gives details."""

    def __init__(
        self, status: int, message: str, data: Any = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.data = data
        self.headers = headers or {}


def not_found(kind: str, item_id: str) -> ApiError:
    return ApiError(404, f"{kind} {item_id} was not found.", {"id": item_id})


def invalid(field: str, what: str) -> ApiError:
    return ApiError(422, f"{field}: {what}", {"field": field})


def unavailable(error: BaseException, data_dir: Path) -> ApiError | None:
    """The answer to a failure the client can wait out, None for others: a busy database
    (503 with Retry-After), a corrupt one (503) or a full data dir (507)."""
    if isinstance(error, StoreCorruptError):
        return ApiError(503, str(error), {"data_dir": str(data_dir)})
    if isinstance(error, StoreBusyError):
        seconds = str(error.retry_after)
        return ApiError(
            503, str(error), {"retry_after": error.retry_after}, {"Retry-After": seconds}
        )
    if isinstance(error, StoreFullError) or (
        isinstance(error, OSError) and error.errno == errno.ENOSPC
    ):
        folder = error.folder if isinstance(error, StoreFullError) else data_dir
        return ApiError(507, f"data dir full: free space in {folder}", {"data_dir": str(folder)})
    return None


def envelope(payload: dict[str, Any]) -> JSONResponse:
    """A success answer from a generated `*Response` model's `to_dict()`."""
    return JSONResponse(payload, status_code=int(payload.get("code", 200)))


def error_response(error: ApiError) -> JSONResponse:
    from pasqal_core_client.models import ErrorResponse, JSendStatus

    body = ErrorResponse(
        status=JSendStatus.ERROR if error.status >= 500 else JSendStatus.FAIL,
        message=error.message,
        code=error.status,
        data=error.data,
    ).to_dict()
    return JSONResponse(body, status_code=error.status, headers=error.headers)


def ok(response: Callable[..., Any], data: Any, **fields: Any) -> JSONResponse:
    """The success answer: the generated `*Response` model `response` holding `data` (and
    `fields`, e.g. the pagination or the Account API's own `status`)."""
    from pasqal_core_client.models import JSendStatus

    fields.setdefault("status", JSendStatus.SUCCESS)
    return envelope(response(message="OK.", code=200, data=data, **fields).to_dict())
