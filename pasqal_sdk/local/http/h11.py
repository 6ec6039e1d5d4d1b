"""The HTTP/1.1 edge: request heads past MAX_HEAD_BYTES answered 414 (the request line) or 431
(the headers); heads that take too long 408; idle connections closed; connections capped per
client address and in all, below the file-descriptor limit.

h11 refuses a head that grows past the limit before it is complete (uvicorn then says 400 and
resets the connection): `Protocol` answers that one and closes gently, so the client reads the
answer rather than a TCP reset while it is still sending. A head that arrives whole in one read
gets past h11: `HeadLimits`, in front of the app, answers it."""

from __future__ import annotations

import asyncio
import resource
import time
from http import HTTPStatus
from typing import Any, ClassVar

import h11
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from pasqal_sdk.local.service.answers import ApiError, error_response
from pasqal_sdk.local.service.limits import Limits

__all__ = ["MAX_HEAD_BYTES", "HeadLimits", "Protocol"]

# Request line and headers together; h11 refuses a head past this size.
MAX_HEAD_BYTES = 64 * 1024
# How long a refused connection is read (and what it sends thrown away) before it is closed.
_DRAIN_S = 5.0
# File descriptors kept for what isn't a connection (database, workers' pipes, result files).
_RESERVED_FDS = 128


def connection_cap(limits: Limits) -> int:
    """Connections the server keeps open at most: `max_connections`, below the soft
    file-descriptor limit less what the rest of the server needs."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    cap = limits.max_connections or soft
    if soft != resource.RLIM_INFINITY:
        cap = min(cap, soft - min(_RESERVED_FDS, soft // 2))
    return max(cap, 1)


def raise_fd_limit() -> int:
    """The soft file-descriptor limit raised to the hard one (each connection holds one); the
    soft limit now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        except (ValueError, OSError):
            return soft
        return target
    return soft


def head_refusal(head: bytes) -> ApiError | None:
    """The answer to a request head (its bytes so far) past the limit: 414 when the request
    line alone is, else 431; None within it."""
    if len(head) > MAX_HEAD_BYTES:
        line_end = head.find(b"\n")
        if line_end < 0 or line_end > MAX_HEAD_BYTES:
            return _too_long_line()
        return _too_many_headers()
    return None


def _too_long_line() -> ApiError:
    return ApiError(
        414,
        f"The request line is over {MAX_HEAD_BYTES} bytes: pass fewer query"
        " parameters (split the request in several).",
        {"limit": MAX_HEAD_BYTES},
    )


def _too_many_headers() -> ApiError:
    return ApiError(
        431,
        f"The request headers are over {MAX_HEAD_BYTES} bytes together: send fewer or"
        " shorter headers.",
        {"limit": MAX_HEAD_BYTES},
    )


def _ambiguous_or_unsupported(scope: Scope) -> ApiError | None:
    """The 505 for a request line of an HTTP version other than 1.0 and 1.1 (h11 parses any),
    the 400 for a request framed two ways (Content-Length and Transfer-Encoding: RFC 9112
    §6.1, the shape of request smuggling); None for others."""
    if scope.get("http_version") not in ("1.0", "1.1"):
        return ApiError(
            505,
            f"HTTP/{scope.get('http_version')} is not supported: send HTTP/1.1.",
            {"http_version": scope.get("http_version")},
            {"Connection": "close"},
        )
    names = {name.lower() for name, _ in scope["headers"]}
    if b"content-length" in names and b"transfer-encoding" in names:
        return ApiError(
            400,
            "The request has both Content-Length and Transfer-Encoding: send one of them.",
            None,
            {"Connection": "close"},
        )
    return None


class HeadLimits:
    """ASGI middleware: the 414 or 431 for a whole request head past MAX_HEAD_BYTES, and the
    refusals of `_ambiguous_or_unsupported` (their connection closed after the answer)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            line = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
            error = _ambiguous_or_unsupported(scope)
            if error is None and line > MAX_HEAD_BYTES:
                error = _too_long_line()
            elif (
                error is None
                and line + sum(len(k) + len(v) + 4 for k, v in scope["headers"]) > MAX_HEAD_BYTES
            ):
                error = _too_many_headers()
            if error is not None:
                await error_response(error)(scope, receive, send)
                return
        await self.app(scope, receive, send)


class _CoalescingTransport:
    """The connection's transport, its writes of one turn of the event loop sent together: an
    answer's head and body (two writes in uvicorn) leave in one system call and one TCP segment,
    rather than two of each (the costliest part of a small answer, for the client too)."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []
        self._eof = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not data or self._eof or self._transport.is_closing():
            # As the transport itself answers: nothing, a warning, or (after write_eof) an error.
            self._transport.write(data)
            return
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(bytes(data))

    def flush(self) -> None:
        if self._pending:
            data = b"".join(self._pending)
            self._pending.clear()
            if not self._transport.is_closing():
                self._transport.write(data)

    def write_eof(self) -> None:
        self.flush()
        self._transport.write_eof()
        self._eof = True

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def get_write_buffer_size(self) -> int:
        return self._transport.get_write_buffer_size() + sum(map(len, self._pending))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class Protocol(H11Protocol):
    """uvicorn's h11 protocol with the refusals above, the head and idle timeouts and the
    connection caps of `limits` (`configured` makes a class for other limits)."""

    limits: ClassVar[Limits] = Limits()

    @classmethod
    def configured(cls, limits: Limits) -> type[Protocol]:
        return type("Protocol", (cls,), {"limits": limits})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._draining = False
        self._head_timer: asyncio.TimerHandle | None = None
        self._idle_since = time.monotonic()
        self.timeout_keep_alive = self.limits.keep_alive_s  # type: ignore[assignment]

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.transport = _CoalescingTransport(transport, self.loop)  # type: ignore[assignment]
        if not self._make_room():
            self._refuse(
                ApiError(
                    503,
                    "Too many open connections to the local cloud: retry in a few seconds, or"
                    " close idle ones (reuse one connection per client).",
                    {"max_connections": connection_cap(self.limits)},
                    {"Retry-After": "5"},
                )
            )
            return
        self._await_head()

    def _idle(self) -> bool:
        """Between requests (no request in progress, none being answered), or refused."""
        return self._draining or (
            self.conn.their_state is h11.IDLE
            and (self.cycle is None or self.cycle.response_complete)
        )

    def _make_room(self) -> bool:
        """Whether this new connection fits under the caps, closing the longest-idle other
        connections (of its address, or any) to make room."""
        address = self.client[0] if self.client else None
        others = [c for c in self.connections if c is not self and isinstance(c, Protocol)]
        mine = [c for c in others if c.client and c.client[0] == address]
        for group, cap in (
            (mine, self.limits.max_connections_per_address),
            (others, connection_cap(self.limits)),
        ):
            if not cap or len(group) < cap:
                continue
            idle = sorted((c for c in group if c._idle()), key=lambda c: c._idle_since)
            excess = len(group) - cap + 1
            if len(idle) < excess:
                return False
            for connection in idle[:excess]:
                connection._close_idle()
                group.remove(connection)
        return True

    def _close_idle(self) -> None:
        self.connections.discard(self)
        if not self.transport.is_closing():
            self.transport.close()

    def _await_head(self) -> None:
        """A new request must come within keep_alive_s (uvicorn's keep-alive timer) and its
        whole head within head_timeout_s."""
        self._idle_since = time.monotonic()
        self._unset_keepalive_if_required()
        self.timeout_keep_alive_task = self.loop.call_later(
            self.timeout_keep_alive, self.timeout_keep_alive_handler
        )
        if self._head_timer is not None:
            self._head_timer.cancel()
        if self.limits.head_timeout_s:
            self._head_timer = self.loop.call_later(self.limits.head_timeout_s, self._head_late)

    def _head_late(self) -> None:
        if self._draining or self.transport.is_closing() or not self._idle():
            return
        head, _ = self.conn.trailing_data
        if not head:
            self._close_idle()
            return
        self._refuse(
            ApiError(
                408,
                f"The request head took over {self.limits.head_timeout_s:g} s to arrive: send"
                " it whole.",
                {"head_timeout_s": self.limits.head_timeout_s},
            )
        )

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # Not while a pipelined request the answer let through is in progress.
        if not self.transport.is_closing() and self._idle():
            self._await_head()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        head, _ = self.conn.trailing_data
        self._refuse(head_refusal(head) or ApiError(400, "The request is not valid HTTP/1.1."))

    def _refuse(self, refusal: ApiError) -> None:
        """Answers `refusal` (Connection: close), then reads and drops what comes for a while
        before closing, so that the client reads the answer rather than a reset."""
        response = error_response(refusal)
        body = bytes(response.body)
        status = response.status_code
        headers = {
            "content-type": "application/json",
            "connection": "close",
            "content-length": str(len(body)),
            **refusal.headers,
        }
        head = f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n" + "".join(
            f"{name}: {value}\r\n" for name, value in headers.items()
        )
        self.transport.write(head.encode("latin-1") + b"\r\n" + body)
        self._draining = True
        self._unset_keepalive_if_required()
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(_DRAIN_S, self.transport.close)

    def data_received(self, data: bytes) -> None:
        if not self._draining:
            super().data_received(data)

    def shutdown(self) -> None:
        if self._draining:
            self.transport.close()
        else:
            super().shutdown()
