"""Request heads past MAX_HEAD_BYTES: answered 414 (the request line) or 431 (the headers).

h11 refuses a head that grows past the limit before it is complete (uvicorn then says 400 and
resets the connection): `Protocol` answers that one and closes gently, so the client reads the
answer rather than a TCP reset while it is still sending. A head that arrives whole in one read
gets past h11: `HeadLimits`, in front of the app, answers it."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

import h11
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from pasqal_sdk.local._http import ApiError, error_response

__all__ = ["MAX_HEAD_BYTES", "HeadLimits", "Protocol"]

# Request line and headers together; h11 refuses a head past this size.
MAX_HEAD_BYTES = 64 * 1024
# How long a refused connection is read (and what it sends thrown away) before it is closed.
_DRAIN_S = 5.0


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


class HeadLimits:
    """ASGI middleware: the 414 or 431 for a whole request head past MAX_HEAD_BYTES."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            line = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
            error = None
            if line > MAX_HEAD_BYTES:
                error = _too_long_line()
            elif line + sum(len(k) + len(v) + 4 for k, v in scope["headers"]) > MAX_HEAD_BYTES:
                error = _too_many_headers()
            if error is not None:
                await error_response(error)(scope, receive, send)
                return
        await self.app(scope, receive, send)


class Protocol(H11Protocol):
    """uvicorn's h11 protocol with the refusals above."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._draining = False

    def send_400_response(self, msg: str) -> None:
        head, _ = self.conn.trailing_data
        refusal = head_refusal(head) or ApiError(400, "The request is not valid HTTP/1.1.")
        response = error_response(refusal)
        headers = [
            (b"content-type", b"application/json"),
            (b"connection", b"close"),
            (b"content-length", str(len(response.body)).encode()),
        ]
        status = response.status_code
        for event in (
            h11.Response(status_code=status, headers=headers, reason=HTTPStatus(status).phrase),
            h11.Data(data=bytes(response.body)),
            h11.EndOfMessage(),
        ):
            self.transport.write(self.conn.send(event) or b"")
        self._draining = True
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(_DRAIN_S, self.transport.close)

    def data_received(self, data: bytes) -> None:
        if not self._draining:
            super().data_received(data)
