"""Idempotent creates: a request to an operation whose documents declare `Idempotency-Key` as
honoured by the local cloud (`x-honoured-by: [local-cloud]`) is acted on once per caller and key.

The first request with a key reserves it, runs, and leaves its answer; a repeat with the same
body within `TTL_S` gets that answer back and creates nothing, a repeat with another body is a
422, and a repeat while the first still runs is a 409. A first request that fails (any answer
but 2xx) frees its key, so the client's retry is a new try."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.responses import Response

from pasqal_sdk.local.service.answers import ApiError
from pasqal_sdk.local.storage.store import Store

__all__ = ["SUPPORT_HEADER", "TTL_S", "IdempotencyKeys", "fingerprint"]

# How long a key's answer is kept, and the header that tells clients the key is honoured.
TTL_S = 24 * 3600.0
SUPPORT_HEADER = ("Idempotency-Key-Support", "honoured")
# Expired keys are dropped at most this often (not at every create).
_PRUNE_EVERY_S = 60.0
# How a kept answer's body is stored: compressed, fewer pages to write at each create.
_DEFLATE = "deflate"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS idempotency_keys (
  scope TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, created REAL NOT NULL,
  status INTEGER, body BLOB, media_type TEXT, encoding TEXT, PRIMARY KEY (scope, key));
CREATE INDEX IF NOT EXISTS idempotency_keys_by_age ON idempotency_keys (created);
"""


def fingerprint(method: str, path: str, query: dict[str, Any], body: Any) -> str:
    """What makes two requests the same request: method, path, checked query and body."""
    canonical = json.dumps(
        [method.upper(), path, query, body], sort_keys=True, separators=(",", ":"), default=str
    )
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class _Stored:
    fingerprint: str
    status: int | None
    body: bytes | None
    media_type: str | None


class IdempotencyKeys:
    """The keys seen in the last `TTL_S` seconds and the answers they got, in the store's
    database (so that they survive a restart)."""

    def __init__(self, store: Store, ttl_s: float = TTL_S) -> None:
        self.store = store
        self.ttl_s = ttl_s
        self._pruned_at = -_PRUNE_EVERY_S
        with store.transaction() as db:
            _create(db)

    def once(
        self, scope: str, key: str, request_fingerprint: str, run: Callable[[], Response]
    ) -> Response:
        """The answer `run()` gives the first time `key` is used by `scope` for this request;
        the same answer, without running, on a repeat."""
        stored = self._reserve(scope, key, request_fingerprint)
        if stored is not None:
            return self._replay(key, request_fingerprint, stored)
        try:
            response = run()
        except BaseException:
            self._forget(scope, key)
            raise
        if 200 <= response.status_code < 300:
            self._keep(scope, key, response)
        else:
            self._forget(scope, key)
        return response

    def _reserve(self, scope: str, key: str, request_fingerprint: str) -> _Stored | None:
        """The key's record, or None after reserving it for this request."""
        stamp = time.time()
        with self.store.transaction() as db:
            if time.monotonic() - self._pruned_at >= _PRUNE_EVERY_S:
                db.execute("DELETE FROM idempotency_keys WHERE created < ?", (stamp - self.ttl_s,))
                self._pruned_at = time.monotonic()
            row = db.execute(
                "SELECT fingerprint, status, body, media_type, encoding FROM idempotency_keys"
                " WHERE scope = ? AND key = ? AND created >= ?",
                (scope, key, stamp - self.ttl_s),
            ).fetchone()
            if row is not None:
                body = zlib.decompress(row[2]) if row[4] == _DEFLATE and row[2] else row[2]
                return _Stored(row[0], row[1], body, row[3])
            # REPLACE: an expired record not yet pruned gives way to the new request.
            db.execute(
                "INSERT OR REPLACE INTO idempotency_keys (scope, key, fingerprint, created)"
                " VALUES (?, ?, ?, ?)",
                (scope, key, request_fingerprint, stamp),
            )
        return None

    @staticmethod
    def _replay(key: str, request_fingerprint: str, stored: _Stored) -> Response:
        if stored.fingerprint != request_fingerprint:
            raise ApiError(
                422,
                f"Idempotency-Key: {key!r} was used for another request (another body, path or"
                " query) in the last 24 hours: make a new key for each new request, and send"
                " the same key only when retrying the same request.",
                {"field": "Idempotency-Key", "rule": "reused_key"},
            )
        if stored.status is None:
            raise ApiError(
                409,
                f"Idempotency-Key: a request with key {key!r} is still being processed (or the"
                " server stopped while it was): retry later, or look for what it created.",
                {"field": "Idempotency-Key", "rule": "in_progress"},
                headers={"Retry-After": "1"},
            )
        response = Response(stored.body or b"", stored.status, media_type=stored.media_type)
        response.headers["Idempotent-Replayed"] = "true"
        return response

    def _keep(self, scope: str, key: str, response: Response) -> None:
        with self.store.transaction() as db:
            db.execute(
                "UPDATE idempotency_keys SET status = ?, body = ?, media_type = ?, encoding = ?"
                " WHERE scope = ? AND key = ?",
                (
                    response.status_code,
                    zlib.compress(bytes(response.body), 1),
                    response.media_type,
                    _DEFLATE,
                    scope,
                    key,
                ),
            )

    def _forget(self, scope: str, key: str) -> None:
        with self.store.transaction() as db:
            db.execute("DELETE FROM idempotency_keys WHERE scope = ? AND key = ?", (scope, key))


def _create(db: sqlite3.Connection) -> None:
    for statement in filter(None, (part.strip() for part in _SCHEMA.split(";"))):
        db.execute(statement)
    # A table made before bodies were compressed: its bodies are stored as they are (NULL).
    columns = {row[1] for row in db.execute("PRAGMA table_info(idempotency_keys)")}
    if "encoding" not in columns:
        db.execute("ALTER TABLE idempotency_keys ADD COLUMN encoding TEXT")
