"""How an operation of the documents becomes a route: the request is authenticated (when the
operation has `security`) and checked against the document before its handler gets it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pasqal_sdk.local import _spec
from pasqal_sdk.local._cloud import Caller, LocalCloud
from pasqal_sdk.local._http import ApiError, error_response

__all__ = ["Call", "Router"]


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


Handler = Callable[[Call], Awaitable[Response]]


class Router:
    """Makes the routes of the documents' operations for one cloud."""

    def __init__(self, cloud: LocalCloud) -> None:
        self.cloud = cloud

    def route(
        self,
        path: str,
        method: str,
        handler: Handler,
        document: str = "core.yaml",
        *,
        body_limit: int | None = None,
        refuse: Callable[[ApiError], Response] = error_response,
    ) -> Route:
        """A route for the documents' operation at `path` and `method` (a LookupError if none);
        `refuse` answers the requests it turns down."""
        operation = _spec.find(document, path, method)
        cloud = self.cloud
        limit = body_limit or cloud.config.max_body_bytes

        async def endpoint(request: Request) -> Response:
            try:
                who = cloud.caller(request) if operation.secured else None
                checked = await operation.check(request, limit)
                return await handler(Call(request, checked.path, checked.query, checked.body, who))
            except ApiError as error:
                return refuse(error)

        return Route(path, endpoint, methods=[method], name=handler.__name__)
