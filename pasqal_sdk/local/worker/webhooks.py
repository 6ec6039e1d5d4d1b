"""Webhooks of finished batches: their targets checked at submission (no loopback, private or
link-local address unless the server allows them), their deliveries queued (a bounded queue,
two delivery threads, bounded retries) rather than a thread each."""

from __future__ import annotations

import ipaddress
import logging
import queue
import socket
import threading
import time
from typing import Any
from urllib.parse import urlsplit

import httpx

__all__ = ["deliver", "target_refusal"]

log = logging.getLogger("pasqal_sdk.local")

WEBHOOK_TRIES = 3
WEBHOOK_TIMEOUT = 10.0
# Deliveries waiting at most (past them, the newest are dropped with a warning), and threads.
MAX_PENDING = 1_000
DELIVERY_THREADS = 2


def _is_private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


def target_refusal(url: str, allow_private: bool) -> str | None:
    """Why `url` can't be a webhook, None when it is http(s) and (unless `allow_private`) its
    host resolves to public addresses only: the server must not be made to post inside its own
    network (metadata services, local admin ports)."""
    if not url.startswith(("http://", "https://")):
        return f"must be an http(s) URL, not {url!r}."
    if allow_private:
        return None
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = {info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)}
    except (OSError, ValueError, UnicodeError) as error:
        return f"its host {host!r} can't be resolved ({error})."
    private = sorted(a for a in found if _is_private(str(a)))
    if private:
        return (
            f"its host {host!r} is a loopback, private or link-local address ({private[0]}):"
            " the local cloud posts only to public addresses, unless started with"
            " `serve --limit allow_private_webhooks=1`."
        )
    return None


_pending: queue.Queue[tuple[str, dict[str, Any]]] = queue.Queue(MAX_PENDING)
_started = threading.Lock()
_threads: list[threading.Thread] = []


def deliver(url: str, payload: dict[str, Any]) -> None:
    """Queues the POST of `payload` to `url` (dropped, with a warning, when the queue is full)."""
    with _started:
        if not _threads:
            for n in range(DELIVERY_THREADS):
                thread = threading.Thread(target=_deliveries, name=f"webhook-{n}", daemon=True)
                thread.start()
                _threads.append(thread)
    try:
        _pending.put_nowait((url, payload))
    except queue.Full:
        log.warning("webhook %s dropped: %d deliveries already wait", url, MAX_PENDING)


def _deliveries() -> None:
    while True:
        url, payload = _pending.get()
        try:
            post(url, payload)
        except Exception:  # a delivery must never end its thread
            log.exception("webhook %s failed", url)


def post(url: str, payload: dict[str, Any]) -> None:
    """POSTs `payload`, retrying a failure or a 5xx a few times."""
    for attempt in range(WEBHOOK_TRIES):
        try:
            response = httpx.post(url, json=payload, timeout=WEBHOOK_TIMEOUT)
            if response.status_code < 500:
                return
        except httpx.HTTPError as error:
            log.info("webhook %s failed (%s)", url, error)
        time.sleep(2**attempt)
    log.warning("webhook %s gave up after %d tries", url, WEBHOOK_TRIES)
