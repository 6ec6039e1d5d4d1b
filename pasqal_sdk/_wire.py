"""How the facade reads the generated layer: tolerant of what is new, typed about what is broken.

The generated enums are open: a value the documents don't list yet (a new status, device type or
queue priority) is kept, and reported here once, on the `pasqal_sdk` logger. An answer that can't
be read at all (not JSON, `"data": null` where an object is due) is raised by the generated layer
as its `UnreadableResponse`, which `reading()` turns into `UnexpectedResponseError`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from enum import Enum

from pasqal_account_client import errors as account_errors
from pasqal_account_client import types as account_types
from pasqal_auth_client import errors as auth_errors
from pasqal_auth_client import types as auth_types
from pasqal_core_client import errors as core_errors
from pasqal_core_client import types as core_types

from pasqal_sdk._errors import UnexpectedResponseError, for_operation

logger = logging.getLogger("pasqal_sdk")

UNREADABLE = (
    core_errors.UnreadableResponse,
    account_errors.UnreadableResponse,
    auth_errors.UnreadableResponse,
)


def _report_unknown_enum_value(enum: type[Enum], value: object) -> None:
    logger.warning(
        "the service sent %s %r, which the API documents of this SDK version don't list;"
        " it is kept as is (upgrade pasqal-sdk to have it named)",
        enum.__name__,
        value,
    )


core_types.on_unknown_enum_value = _report_unknown_enum_value
account_types.on_unknown_enum_value = _report_unknown_enum_value
auth_types.on_unknown_enum_value = _report_unknown_enum_value


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
