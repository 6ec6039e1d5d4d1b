"""How an operation of the documents becomes a route: the request is authenticated (when the
operation has `security`) and checked against the document before its handler gets it.

Handlers and the authentication do blocking work (SQLite, password hashing, big answers): they
run in a worker thread, so the event loop only moves bytes and `/health` answers at once. A
failure the client can wait out (busy database, full disk) is a 503 or 507, a client gone mid-body
one INFO line, and any other failure a 500 that keeps the connection open."""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Awaitable
from typing import Any, TypeVar
from urllib.parse import parse_qsl, unquote_to_bytes

from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from pasqal_sdk.local.http import spec
from pasqal_sdk.local.http.bodies import check_text, parse_json, read_body
from pasqal_sdk.local.http.idempotency import SUPPORT_HEADER, IdempotencyKeys, fingerprint
from pasqal_sdk.local.service.answers import ApiError, error_response, invalid, unavailable
from pasqal_sdk.local.service.cloud import Caller, CloudService
from pasqal_sdk.local.service.operations import Call, Operation

__all__ = ["Router", "disconnected"]

log = logging.getLogger("pasqal_sdk.local")
T = TypeVar("T")


class Router:
    """Makes the routes of the documents' operations, bound by operationId, for one cloud."""

    def __init__(self, cloud: CloudService) -> None:
        self.cloud = cloud
        self.idempotency = IdempotencyKeys(cloud.store)

    def route(self, bound: Operation) -> Route:
        """The route of the documents' operation `bound.operation_id` (a KeyError if none),
        answered by `bound.handler`; `bound.refuse` answers the requests it turns down."""
        operation = spec.operation(bound.operation_id)
        handler = bound.handler
        refuse = bound.refuse or error_response
        cloud = self.cloud
        idempotency = self.idempotency
        limit = bound.body_limit or cloud.config.max_body_bytes
        items = cloud.config.limits.max_list_items
        takes_body = bool(operation.spec.get("requestBody"))

        def caller(request: Request) -> Caller | None:
            return cloud.caller(request) if operation.secured else None

        def run(request: Request, who: Caller | None, checked: spec.Checked) -> Response:
            result = handler(Call(request, checked.path, checked.query, checked.body, who))
            return result if isinstance(result, Response) else _complete(result)

        def answer(request: Request, who: Caller | None, checked: spec.Checked) -> Response:
            key = checked.headers.get("Idempotency-Key")
            if key is None or who is None or not operation.honours_idempotency_key:
                return run(request, who, checked)
            sent = fingerprint(request.method, request.url.path, checked.query, checked.body)
            return idempotency.once(who.user_id, key, sent, lambda: run(request, who, checked))

        def answer_received(
            request: Request, who: Caller | None, received: spec.Received
        ) -> Response:
            # The body is parsed and checked here, in the worker thread: a list of 1,000 jobs
            # takes 20 ms, which the event loop's other requests would wait for.
            return answer(request, who, operation.checked(received, items))

        def answer_bodiless(request: Request) -> Response:
            who = caller(request)
            return answer(request, who, operation.check_bodiless(request))

        async def endpoint(request: Request) -> Response:
            response = await respond(request)
            response.headers.setdefault(*SUPPORT_HEADER)
            response.headers.setdefault("X-Request-ID", request_id(request))
            return response

        async def respond(request: Request) -> Response:
            try:
                _check_unicode(request)
                if not takes_body:
                    await _refuse_body(request, limit)
                    return await run_in_threadpool(answer_bodiless, request)
                who = await run_in_threadpool(caller, request)
                received = await operation.receive(request, limit)
                return await run_in_threadpool(answer_received, request, who, received)
            except ApiError as error:
                return _with_headers(refuse(error), error)
            except ClientDisconnect:
                return disconnected(request)
            except Exception as error:
                known = unavailable(error, cloud.config.data_dir)
                if known is not None:
                    return error_response(known)
                log.exception("unexpected error on %s %s", request.method, request.url.path)
                return error_response(ApiError(500, f"The local cloud failed: {error!r}"))

        method = operation.method.upper()
        return Route(operation.path, endpoint, methods=[method], name=bound.operation_id)


def request_id(request: Request) -> str:
    """The id of a request: the client's `X-Request-ID` when it is a short printable token,
    else a new one."""
    sent = request.headers.get("x-request-id", "")
    if 0 < len(sent) <= 200 and sent.isascii() and sent.isprintable() and " " not in sent:
        return sent
    return os.urandom(16).hex()


def disconnected(request: Request) -> Response:
    """A client that left before sending its whole request: one INFO line, nothing to answer."""
    log.info("client left before sending all of %s %s", request.method, request.url.path)
    return Response(status_code=400)


_threads = threading.local()


def _complete(awaitable: Awaitable[T]) -> T:
    """What `awaitable` gives, in this worker thread: it runs on the thread's own event loop."""
    loop = getattr(_threads, "loop", None)
    if loop is None:
        loop = _threads.loop = asyncio.new_event_loop()
    return loop.run_until_complete(awaitable)


def _with_headers(response: Response, error: ApiError) -> Response:
    """`refuse`'s answer, with the headers the error asks for (Retry-After)."""
    for name, value in error.headers.items():
        response.headers.setdefault(name, value)
    return response


_EMPTY_BODIES: tuple[Any, ...] = (None, {}, [])


async def _refuse_body(request: Request, limit: int) -> None:
    """A 422 for a body sent to an operation that takes none (so that it can't be read as
    something it isn't, e.g. job ids for a cancellation of every job); an empty one is fine."""
    declared = request.headers.get("content-length", "0").strip()
    if declared in ("", "0") and "transfer-encoding" not in request.headers:
        return
    raw = (await read_body(request, limit)).strip()
    if not raw:
        return
    try:
        empty = parse_json(raw) in _EMPTY_BODIES
    except ApiError:
        empty = False
    if not empty:
        where = f"{request.method} {request.url.path}"
        raise ApiError(
            422,
            f"body: {where} takes no request body (got {len(raw)} bytes): send its filters as"
            " query parameters, or no body.",
            {"field": "body", "rule": "no_body"},
        )


def _check_unicode(request: Request) -> None:
    """A 422 naming the query parameter (or the path) that isn't UTF-8 or holds a lone
    surrogate: decoding would otherwise replace it silently, or fail later."""
    query = request.scope.get("query_string", b"")
    if query:
        pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True, errors="surrogateescape")
        for name, value in pairs:
            check_text(name, "query")
            check_text(value, name)
    raw_path = request.scope.get("raw_path")
    if raw_path:
        try:
            unquote_to_bytes(raw_path).decode("utf-8")
        except UnicodeDecodeError:
            raise invalid("path", "is not valid UTF-8 once percent-decoded: send UTF-8.") from None
