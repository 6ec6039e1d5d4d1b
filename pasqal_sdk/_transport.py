"""The HTTP pipeline every request goes through, below the token (`_auth.BearerAuth`, an httpx
auth flow on the SDK's clients): encoding (gzip), retries, logging and reading the answer.

One flow (`send_flow`) composes the policies, each in a module of its own: `_retry`
(`RetryPolicy`: when, and after how long), `_encoding` (gzip, and answers read within a size
cap), `_redact` (what may be logged) and `_answers` (what an answer, or its absence, means as
an error); what the answers taught of their servers (`Origins`) is here, one per SDK.
`PipelineTransport` and `AsyncPipelineTransport` run it around a pooled httpx transport, so the
generated clients get it without knowing.

Retries: connection failures before the request left, and answers 408/425/429/500/502/503/504,
with exponential backoff and jitter, honouring `Retry-After`, bounded in tries and total time.
A request that is not safe to repeat (a creating POST: create batch, add jobs, create workload,
rebatch) is retried only when the server certainly did not act on it: the connection never
opened, or it answered 408, 425 or 429.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx

from pasqal_sdk._answers import as_jsend_error, connection_error
from pasqal_sdk._encoding import (
    MAX_ANSWER_BYTES,
    Read,
    aread_answer,
    max_answer_bytes,
    maybe_gzip,
    read_answer,
)
from pasqal_sdk._errors import AnswerLostError
from pasqal_sdk._flow import Flow, Sleep, adrive, drive
from pasqal_sdk._redact import REQUEST_ID_HEADER, origin_of, redact_headers, redact_url
from pasqal_sdk._retry import RetryPolicy, parse_retry_after
from pasqal_sdk._version import __version__

__all__ = [
    "USER_AGENT",
    "AsyncPipelineTransport",
    "PipelineConfig",
    "PipelineTransport",
    "RetryPolicy",
    "maybe_gzip",
    "parse_retry_after",
    "redact_headers",
    "send_flow",
]

logger = logging.getLogger("pasqal_sdk")

USER_AGENT = f"pasqal-sdk/{__version__}"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"})

IDEMPOTENCY_HEADER = "Idempotency-Key"
SUPPORT_HEADER = "Idempotency-Key-Support"


@dataclasses.dataclass
class Origins:
    """What one SDK's answers said of their servers (scheme://host:port), kept per SDK (its
    `with_options` copies share it), not per process: two SDKs never see each other's.

    Attributes:
        answered: Origins that have answered: only there are refused connections ridden out
            for long, as a restart.
        honour_keys: Origins whose answers said they honour `Idempotency-Key`
            (`Idempotency-Key-Support: honoured`, as the documents declare for the local
            cloud): there a create that carries a key may be sent again when its answer is lost.
    """

    answered: set[str] = dataclasses.field(default_factory=set)
    honour_keys: set[str] = dataclasses.field(default_factory=set)

    def learn(self, origin: str, response: httpx.Response) -> None:
        """Note what an answer says of its server (that it answers, that it honours keys)."""
        self.answered.add(origin)
        if response.headers.get(SUPPORT_HEADER, "").lower() == "honoured":
            self.honour_keys.add(origin)


@dataclasses.dataclass
class Send:
    """Action: send the request through the inner transport."""

    request: httpx.Request


@dataclasses.dataclass
class Close:
    """Action: discard the response (before trying again)."""

    response: httpx.Response


def send_flow(
    request: httpx.Request,
    *,
    policy: RetryPolicy,
    repeatable: Callable[[httpx.Request], bool],
    clock: Callable[[], float] = time.monotonic,
    max_bytes: int = MAX_ANSWER_BYTES,
    origins: Origins | None = None,
) -> Flow[httpx.Response]:
    """Send one request: gzip, retries, the body read within limits, error bodies as JSend.

    Every try carries the same `X-Request-ID` (a new one unless the caller set it), which every
    error names unless the server assigned its own. `origins`: what earlier answers taught (a
    fresh `Origins()` by default)."""
    known = origins if origins is not None else Origins()
    request = maybe_gzip(request)
    request.headers.setdefault("User-Agent", USER_AGENT)
    request.headers.setdefault(REQUEST_ID_HEADER, uuid.uuid4().hex)
    origin = origin_of(request.url)
    keyed = IDEMPOTENCY_HEADER in request.headers
    safe = repeatable(request)

    def can_repeat() -> bool:
        return safe or (keyed and origin in known.honour_keys)

    started = clock()
    attempt = 0
    while True:
        attempt += 1
        _cap_timeouts(request, policy.max_total_s - (clock() - started))
        if logger.isEnabledFor(logging.DEBUG):  # redacting costs more than the rest of a send
            logger.debug(
                "%s %s (try %d) headers=%s",
                request.method, redact_url(request.url), attempt,
                redact_headers(request.headers.items()),
            )  # fmt: skip
        try:
            response: httpx.Response = yield Send(request)
        except httpx.TransportError as exc:
            answered = origin in known.answered
            delay = policy.next_delay(
                attempt=attempt,
                elapsed=clock() - started,
                repeatable=can_repeat(),
                error=exc,
                answered=answered,
            )
            if delay is None:
                logger.debug("%s %s failed: %r", request.method, redact_url(request.url), exc)
                raise connection_error(request, exc, answered) from exc
            logger.info(
                "retrying %s %s in %.2fs after %s",
                request.method,
                redact_url(request.url),
                delay,
                type(exc).__name__,
            )
            yield Sleep(delay)
            continue
        known.learn(origin, response)
        response.headers.setdefault(REQUEST_ID_HEADER, request.headers[REQUEST_ID_HEADER])
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s -> %d (request id %s)",
                request.method, redact_url(request.url), response.status_code,
                response.headers[REQUEST_ID_HEADER],
            )  # fmt: skip
        try:  # the body too, so that an answer cut short is retried (or reported) here
            left = policy.max_total_s - (clock() - started)
            yield Read(response, max_bytes, time.monotonic() + left, request)
        except httpx.TransportError as exc:
            yield Close(response)
            delay = policy.next_delay(
                attempt=attempt, elapsed=clock() - started, repeatable=can_repeat(), error=exc
            )
            if delay is None:
                logger.debug("%s %s: answer lost: %r", request.method, redact_url(request.url), exc)
                if not can_repeat():
                    raise AnswerLostError(
                        f"{request.method} {redact_url(request.url)}: the answer was cut short"
                        f" ({type(exc).__name__}) after the server got the request, so it may"
                        " have acted on it; check before sending it again",
                        request_id=request.headers[REQUEST_ID_HEADER],
                    ) from exc
                raise connection_error(request, exc, answered=True) from exc
            logger.info(
                "retrying %s %s in %.2fs after %s in the answer",
                request.method, redact_url(request.url), delay, type(exc).__name__,
            )  # fmt: skip
            yield Sleep(delay)
            continue
        delay = policy.next_delay(
            attempt=attempt,
            elapsed=clock() - started,
            repeatable=can_repeat(),
            status=response.status_code,
            retry_after=response.headers.get("retry-after"),
        )
        if delay is None:
            if response.status_code >= 400:
                return as_jsend_error(response, request)
            return response
        logger.info(
            "retrying %s %s in %.2fs after %d",
            request.method,
            redact_url(request.url),
            delay,
            response.status_code,
        )
        yield Close(response)
        yield Sleep(delay)


def _cap_timeouts(request: httpx.Request, left: float) -> None:
    """Cut the request's httpx timeouts to `left` seconds, so that retries stay within the
    policy's total; at least a short attempt is always made."""
    left = max(left, 0.05)
    timeouts = request.extensions.get("timeout")
    if isinstance(timeouts, dict):
        request.extensions["timeout"] = {
            key: left if value is None else min(value, left) for key, value in timeouts.items()
        }


@dataclasses.dataclass
class PipelineConfig:
    """What the pipeline needs: whose token, for which URLs, which POSTs are safe, the retries."""

    safe_post_urls: tuple[str, ...] = ()
    policy: RetryPolicy = dataclasses.field(default_factory=RetryPolicy)
    max_answer_bytes: int = dataclasses.field(default_factory=max_answer_bytes)
    origins: Origins = dataclasses.field(default_factory=Origins)
    sleep: Callable[[float], Any] | None = None  # replaces time.sleep / asyncio.sleep (tests)

    def repeatable(self, request: httpx.Request) -> bool:
        url = str(request.url).split("?")[0]
        return request.method in SAFE_METHODS or url in self.safe_post_urls

    def flow(self, request: httpx.Request) -> Flow[httpx.Response]:
        return send_flow(
            request,
            policy=self.policy,
            repeatable=self.repeatable,
            max_bytes=self.max_answer_bytes,
            origins=self.origins,
        )


class PipelineTransport(httpx.BaseTransport):
    """Runs `send_flow` around a pooled httpx transport (blocking)."""

    def __init__(self, inner: httpx.BaseTransport, config: PipelineConfig) -> None:
        self.inner = inner
        self.config = config

    def _perform(self, action: Any) -> Any:
        if isinstance(action, Send):
            return self.inner.handle_request(action.request)
        if isinstance(action, Sleep):
            return (self.config.sleep or time.sleep)(action.seconds)
        if isinstance(action, Read):
            return read_answer(action)
        if isinstance(action, Close):
            return action.response.close()
        raise TypeError(f"unknown action {action!r}")

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return drive(self.config.flow(request), self._perform)

    def close(self) -> None:
        self.inner.close()


class AsyncPipelineTransport(httpx.AsyncBaseTransport):
    """Runs `send_flow` around a pooled httpx transport (asyncio)."""

    def __init__(self, inner: httpx.AsyncBaseTransport, config: PipelineConfig) -> None:
        self.inner = inner
        self.config = config

    async def _perform(self, action: Any) -> Any:
        if isinstance(action, Send):
            return await self.inner.handle_async_request(action.request)
        if isinstance(action, Sleep):
            return await (self.config.sleep or asyncio.sleep)(action.seconds)
        if isinstance(action, Read):
            return await aread_answer(action)
        if isinstance(action, Close):
            return await action.response.aclose()
        raise TypeError(f"unknown action {action!r}")

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await adrive(self.config.flow(request), self._perform)

    async def aclose(self) -> None:
        await self.inner.aclose()
