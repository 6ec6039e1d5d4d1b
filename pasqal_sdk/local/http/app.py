"""The local cloud's ASGI app: the Core API under /core-fast, the Account API under /account,
the token endpoint at /oauth/token, result downloads under /results and GET /health.

Each resource's operations live in `service/<resource>.py`, named by operationId; `routing`
makes their routes, checking each request against the OpenAPI documents (`spec`), and they answer
with the generated models, so the server and the clients cannot drift."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from pasqal_sdk.local.http.h11 import HeadLimits
from pasqal_sdk.local.http.routing import Router, disconnected
from pasqal_sdk.local.http.spec import operation
from pasqal_sdk.local.service import batches, cudaq, devices, jobs, projects, tokens, workloads
from pasqal_sdk.local.service.answers import ApiError, error_response, unavailable
from pasqal_sdk.local.service.cloud import (
    DEFAULT_MAX_BODY,
    DEFAULT_MAX_JOBS_PER_BATCH,
    DEFAULT_OPEN_BATCH_TIMEOUT,
    DEFAULT_RATE_LIMIT,
    CloudService,
    ServerConfig,
    log,
)
from pasqal_sdk.local.storage.errors import StoreCorruptError, StoreError

__all__ = [
    "DEFAULT_MAX_BODY",
    "DEFAULT_MAX_JOBS_PER_BATCH",
    "DEFAULT_OPEN_BATCH_TIMEOUT",
    "DEFAULT_RATE_LIMIT",
    "ServerConfig",
    "create_app",
]


# Where each document's operations are served (the token endpoint, auth.yaml, at the root).
MOUNTS = {"auth.yaml": "", "core.yaml": "/core-fast", "account.yaml": "/account"}


def create_app(config: ServerConfig) -> Starlette:
    """The ASGI app; its runner starts and stops with the app's lifespan."""
    cloud = CloudService(config)
    router = Router(cloud)

    async def health(request: Request) -> Response:
        # On the event loop and never touching the database: it answers while anything else
        # is slow or the database is locked; unhealthy once the database was found corrupt.
        if cloud.store.corrupt:
            return error_response(ApiError(503, str(StoreCorruptError(cloud.store.path))))
        return JSONResponse({"status": "ok"})

    async def download(request: Request) -> Response:
        return await tokens.download(cloud, request)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        cloud.runner.start()
        cloud.checker.start()
        try:
            yield
        finally:
            cloud.checker.close()
            cloud.runner.stop()
            cloud.store.close()

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        where = f"{request.method} {request.url.path}"
        message = {
            404: f"No such route: {where}.",
            405: f"This route does not accept that method: {where}.",
        }.get(status, str(getattr(exc, "detail", "The request failed.")))
        return error_response(ApiError(status, message, {"path": request.url.path}))

    async def store_error(request: Request, exc: Exception) -> Response:
        known = unavailable(exc, config.data_dir)
        return error_response(known or ApiError(500, f"The local cloud failed: {exc!r}"))

    async def client_left(request: Request, exc: Exception) -> Response:
        return disconnected(request)

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(ApiError(500, f"The local cloud failed: {exc!r}"))

    by_document: dict[str, list[BaseRoute]] = {name: [] for name in MOUNTS}
    for resource in (tokens, batches, jobs, workloads, devices, cudaq, projects):
        for bound in resource.operations(cloud):
            by_document[operation(bound.operation_id).document].append(router.route(bound))
    routes: Sequence[BaseRoute] = [
        Route("/health", health, methods=["GET"]),
        *by_document.pop("auth.yaml"),
        Route("/results/{token}", download, methods=["GET"]),
        *(Mount(MOUNTS[name], routes=found) for name, found in by_document.items()),
    ]
    app = Starlette(
        routes=list(routes),
        lifespan=lifespan,
        middleware=[Middleware(HeadLimits)],
        exception_handlers={
            HTTPException: http_error,
            StoreError: store_error,
            ClientDisconnect: client_left,
            Exception: server_error,
        },
    )
    app.state.cloud = cloud
    return app
