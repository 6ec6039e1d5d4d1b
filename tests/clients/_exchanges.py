"""Recorded HTTP exchanges of other clients, and their replay against a fresh local cloud.

`Recorder` is a reverse proxy (a thread) in front of a local cloud: a client pointed at it runs
as usual, and every request and answer is kept. `replay` sends the recorded requests again to
another local cloud, with its own token and project, and the ids its answers give in place of
the recorded ones; each answer must have the recorded status code and at least the recorded
fields. A GET whose recorded answer was further along (a finished status, a result where the
new one has none yet) is repeated until the new answer catches up.
"""

from __future__ import annotations

import gzip
import http.server
import json
import re
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

__all__ = ["Recorder", "load", "replay"]

FINAL = {"DONE", "ERROR", "CANCELED", "TIMED_OUT"}
# Keys of per-status counts, which change as the work goes on.
STATUSES = {"PENDING", "RUNNING", "CANCELING", "PAUSED", *FINAL}
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HOP = {"connection", "keep-alive", "transfer-encoding", "host", "content-length"}


def _decoded(raw: bytes, encoding: str | None) -> Any:
    if encoding == "gzip":
        raw = gzip.decompress(raw)
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return {"_text": raw.decode("utf-8", "replace")}


class Recorder:
    """A recording reverse proxy to `target` (a local cloud's URL), on a free local port."""

    def __init__(self, target: str) -> None:
        self.exchanges: list[dict[str, Any]] = []
        recorder = self
        upstream = httpx.Client(base_url=target, timeout=120)

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _forward(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length) if length else b""
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
                headers["host"] = self.headers.get("host", "")
                answer = upstream.request(self.command, self.path, content=raw, headers=headers)
                content_type = answer.headers.get("content-type", "")
                if "/oauth/token" not in self.path:
                    recorder.exchanges.append(
                        {
                            "method": self.command,
                            "path": self.path,
                            "authorized": "authorization" in {k.lower() for k in self.headers},
                            "request": _decoded(raw, self.headers.get("content-encoding")),
                            "status": answer.status_code,
                            "response": _decoded(answer.content, None),
                        }
                    )
                self.send_response(answer.status_code)
                self.send_header("content-type", content_type or "application/json")
                self.send_header("content-length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _forward  # noqa: N815

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> Recorder:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def save(self, path: Path, project_id: str) -> None:
        """Write the exchanges (the recording cloud's project id kept, to be replaced)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        document = {"project_id": project_id, "exchanges": self.exchanges}
        path.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")


def load(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text())
    return loaded


def _mapped(value: Any, ids: dict[str, str]) -> Any:
    """`value` with every recorded id (and results-link path) replaced by the new one."""
    if isinstance(value, str):
        for old, new in ids.items():
            value = value.replace(old, new)
        return value
    if isinstance(value, list):
        return [_mapped(v, ids) for v in value]
    if isinstance(value, dict):
        return {_mapped(k, ids): _mapped(v, ids) for k, v in value.items()}
    return value


def _learn(recorded: Any, new: Any, ids: dict[str, str]) -> None:
    """Pair the ids (and link paths) of a recorded answer with those of the new one."""
    if isinstance(recorded, str) and isinstance(new, str) and recorded != new:
        if _UUID.fullmatch(recorded) and _UUID.fullmatch(new):
            ids.setdefault(recorded, new)
        elif recorded.startswith("http") and new.startswith("http"):
            ids.setdefault(urlsplit(recorded).path, urlsplit(new).path)
    elif isinstance(recorded, list) and isinstance(new, list):
        for old_item, new_item in zip(recorded, new, strict=False):
            _learn(old_item, new_item, ids)
    elif isinstance(recorded, dict) and isinstance(new, dict):
        if recorded and all(_UUID.fullmatch(k) for k in recorded):
            pairs = [(k, ids.get(k)) for k in recorded]
            for old_key, new_key in pairs:
                if new_key in new:
                    _learn(recorded[old_key], new[new_key], ids)
            return
        for key, value in recorded.items():
            if key in new:
                _learn(value, new[key], ids)


def _missing(recorded: Any, new: Any, ids: dict[str, str], where: str = "") -> str | None:
    """Where the new answer lacks what the recorded one had (None when it covers it)."""
    if recorded is None:
        return None
    if new is None:
        return f"{where or 'body'} is null (recorded {json.dumps(recorded)[:80]})"
    if isinstance(recorded, dict):
        if not isinstance(new, dict):
            return f"{where or 'body'} is not an object"
        if recorded and set(recorded) <= STATUSES:
            return None
        id_keyed = bool(recorded) and all(_UUID.fullmatch(k) for k in recorded)
        if id_keyed:
            if len(new) < len(recorded):
                return f"{where} has {len(new)} entries, recorded {len(recorded)}"
            for key, value in recorded.items():
                if ids.get(key) in new:
                    found = _missing(value, new[ids[key]], ids, f"{where}.{key}")
                    if found:
                        return found
            return None
        for key, value in recorded.items():
            if (
                key == "status"
                and isinstance(value, str)
                and value in FINAL
                and new.get(key) != value
            ):
                return f"{where}.status is {new.get(key)!r}, recorded {value!r}"
            if key not in new:
                return f"{where}.{key} is missing"
            found = _missing(value, new[key], ids, f"{where}.{key}")
            if found:
                return found
        return None
    if isinstance(recorded, list):
        if not isinstance(new, list):
            return f"{where or 'body'} is not a list"
        if len(new) < len(recorded):
            return f"{where} has {len(new)} items, recorded {len(recorded)}"
        for i, (old_item, new_item) in enumerate(zip(recorded, new, strict=False)):
            found = _missing(old_item, new_item, ids, f"{where}[{i}]")
            if found:
                return found
    return None


def replay(cassette: dict[str, Any], base_url: str, token: str, project_id: str) -> int:
    """Send the recorded requests to the local cloud at `base_url`; the number replayed.

    Raises AssertionError naming the first exchange whose answer differs."""
    ids: dict[str, str] = {cassette["project_id"]: project_id}
    with httpx.Client(base_url=base_url, timeout=60) as client:
        for number, exchange in enumerate(cassette["exchanges"]):
            path = _mapped(exchange["path"], ids)
            headers = {"authorization": f"Bearer {token}"} if exchange["authorized"] else {}
            body = _mapped(exchange["request"], ids)
            deadline = time.monotonic() + 90
            while True:
                if body is not None:
                    headers["content-type"] = "application/json"
                answer = client.request(
                    exchange["method"],
                    path,
                    headers=headers,
                    content=None if body is None else json.dumps(body),
                )
                new = _decoded(answer.content, None)
                where = f"exchange {number}: {exchange['method']} {exchange['path']}"
                problem = (
                    f"status {answer.status_code}, recorded {exchange['status']}"
                    if answer.status_code != exchange["status"]
                    else _missing(exchange["response"], new, ids)
                )
                if problem is None:
                    break
                if exchange["method"] != "GET" or time.monotonic() > deadline:
                    raise AssertionError(f"{where}: {problem}; answer {answer.text[:300]}")
                time.sleep(0.2)
            _learn(exchange["response"], new, ids)
    return len(cassette["exchanges"])
