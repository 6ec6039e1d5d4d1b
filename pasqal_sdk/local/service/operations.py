"""What a handler of the service is given and how it names its operation: a `Call` (the request,
already authenticated and checked against the documents) and an `Operation`, which binds the
handler to the documents' operation of that `operationId` (the HTTP layer makes the route)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from pasqal_sdk.local.service.answers import ApiError
from pasqal_sdk.local.service.cloud import Caller

__all__ = ["Call", "Handler", "Operation"]


@dataclass(frozen=True)
class Call:
    """One request to an operation, already checked: typed path and query values, the body."""

    request: Request
    path: dict[str, Any]
    query: dict[str, Any]
    body: Any
    who: Caller | None

    @property
    def caller(self) -> Caller:
        """Who sent it (the operations with `security` in the documents)."""
        if self.who is None:
            raise RuntimeError("this operation has no security: it has no caller")
        return self.who


# A handler may be a coroutine function or a plain one; either runs in a worker thread.
Handler = Callable[[Call], Awaitable[Response]] | Callable[[Call], Response]


@dataclass(frozen=True)
class Operation:
    """`handler` answers the documents' operation `operation_id`. `body_limit` (bytes) replaces
    the server's for its body; `refuse`, when given, answers the requests it turns down."""

    operation_id: str
    handler: Handler
    body_limit: int | None = None
    refuse: Callable[[ApiError], Response] | None = None
