"""Fixtures for the reliability tests: a local cloud, SDKs on it, a fault-injecting proxy in
front of it, and the server's own count of batches and jobs."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from pasqal_sdk import SDK, Auth0Conf, Endpoints
from pasqal_sdk.local.testing import LocalCloud
from tests.local.conftest import sequence_json
from tests.sdk.conftest import LIVE_POLLING

# Hop-by-hop headers and those httpx sets itself: not forwarded either way.
UNFORWARDED = frozenset(
    {"host", "connection", "keep-alive", "content-length", "transfer-encoding", "accept-encoding"}
)
ANSWER_UNFORWARDED = UNFORWARDED | {"content-encoding", "date", "server"}


@dataclasses.dataclass
class Fault:
    """Answer the next `count` requests matching `method` and `path` with `status` (the proxy
    does not forward them, so the server never sees them)."""

    status: int
    count: int
    method: str | None = None
    path: str | None = None
    headers: dict[str, str] = dataclasses.field(default_factory=dict)

    def matches(self, method: str, path: str) -> bool:
        return (
            self.count > 0
            and (self.method is None or self.method == method)
            and (self.path is None or self.path in path)
        )


class FaultProxy:
    """An HTTP reverse proxy on a real TCP port in front of `upstream`: it forwards requests,
    or answers them with an injected fault, delays them, or stops listening altogether.

    `arrived` lists (method, path) of every request as it arrives; `seen` lists (time, method,
    path, status) of those it answered.
    """

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.faults: list[Fault] = []
        self.delay_s = 0.0
        # Headers of the server's answers that the proxy keeps from the client (lower case).
        self.hidden_headers: set[str] = set()
        self.arrived: list[tuple[str, str]] = []
        self.seen: list[tuple[float, str, str, int]] = []
        self._lock = threading.Lock()
        self._released = threading.Event()
        self._client = httpx.Client(base_url=upstream, timeout=60)
        self._server: ThreadingHTTPServer | None = None
        self._connections: set[socket.socket] = set()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])
        self.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def inject(self, fault: Fault) -> None:
        with self._lock:
            self.faults.append(fault)

    def requests(self, method: str | None = None, path: str | None = None) -> list[float]:
        """When the matching requests arrived."""
        return [
            at
            for at, m, p, _ in self.seen
            if (method is None or m == method) and (path is None or path in p)
        ]

    def start(self) -> None:
        """Listen (again) on the same port."""
        self._released.clear()
        server = ThreadingHTTPServer(("127.0.0.1", self.port), _handler(self))
        server.daemon_threads = True
        self._server = server
        threading.Thread(target=server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        """Stop listening and drop the open connections: clients now get connection refused."""
        if self._server is None:
            return
        self._released.set()
        self._server.shutdown()
        self._server.server_close()
        self._server = None
        with self._lock:
            for connection in self._connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
            self._connections.clear()

    def close(self) -> None:
        self.stop()
        self._client.close()

    # Called by the handler

    def _fault_for(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.matches(method, path):
                    fault.count -= 1
                    return fault
        return None

    def _answer(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        fault = self._fault_for(method, path)
        if fault is not None:
            content = json.dumps(
                {"status": "error", "code": fault.status, "message": "injected by the proxy"}
            ).encode()
            return fault.status, {"Content-Type": "application/json", **fault.headers}, content
        if self.delay_s and self._released.wait(self.delay_s):
            raise ConnectionAbortedError("the proxy stopped")
        answer = self._client.request(method, path, headers=headers, content=body)
        hidden = ANSWER_UNFORWARDED | self.hidden_headers
        kept = {k: v for k, v in answer.headers.items() if k.lower() not in hidden}
        return answer.status_code, kept, answer.content


def _handler(proxy: FaultProxy) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            with proxy._lock:
                proxy._connections.add(self.connection)

        def finish(self) -> None:
            with proxy._lock:
                proxy._connections.discard(self.connection)
            with contextlib.suppress(OSError):
                super().finish()

        def _relay(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {k: v for k, v in self.headers.items() if k.lower() not in UNFORWARDED}
            with proxy._lock:
                proxy.arrived.append((self.command, self.path))
            try:
                status, answer_headers, content = proxy._answer(
                    self.command, self.path, headers, body
                )
            except (ConnectionAbortedError, httpx.HTTPError):
                self.close_connection = True
                return
            with proxy._lock:
                proxy.seen.append((time.monotonic(), self.command, self.path, status))
            try:
                self.send_response(status)
                for key, value in answer_headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)
            except OSError:
                self.close_connection = True

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _relay  # noqa: N815

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


def server_counts(cloud: LocalCloud) -> tuple[int, int]:
    """(batches, jobs) as the server stores them, every project and user together."""
    with sqlite3.connect(cloud.data_dir / "local-cloud.sqlite3", timeout=10) as db:
        batches = db.execute("SELECT COUNT(*) FROM batches").fetchone()[0]
        jobs = db.execute("SELECT COUNT(*) FROM jobs").fetchone()[0]
    return int(batches), int(jobs)


def sdk_kwargs(cloud: LocalCloud, url: str | None = None, **extra: Any) -> dict[str, Any]:
    """How an SDK reaches `cloud`, or `cloud` through a proxy at `url`."""
    base = url or cloud.url
    return {
        "username": cloud.username,
        "password": cloud.password,
        "project_id": cloud.project_id,
        "endpoints": Endpoints(core=f"{base}/core-fast", account=f"{base}/account"),
        "auth0": Auth0Conf(domain=base),
        "polling": LIVE_POLLING,
        **extra,
    }


@pytest.fixture(scope="package")
def cloud() -> Iterator[LocalCloud]:
    with LocalCloud(workers=2, seed=11) as running:
        yield running


@pytest.fixture
def proxy(cloud: LocalCloud) -> Iterator[FaultProxy]:
    running = FaultProxy(cloud.url)
    yield running
    running.close()


@pytest.fixture
def make_sdk() -> Iterator[Callable[..., SDK]]:
    """make_sdk(cloud, url=None, **kwargs): an SDK on the cloud (or the proxy at `url`)."""
    made: list[SDK] = []

    def make(cloud: LocalCloud, url: str | None = None, **kwargs: Any) -> SDK:
        sdk = SDK(**sdk_kwargs(cloud, url, **kwargs))
        made.append(sdk)
        return sdk

    yield make
    for sdk in made:
        sdk.close()


@pytest.fixture(scope="package")
def sequence() -> str:
    """A two-atom sequence with one declared variable, `amp`."""
    return sequence_json()


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


# Raw HTTP on the local cloud (its server-side robustness, tests/reliability/test_local_server_*)


def api_client(cloud: LocalCloud) -> httpx.Client:
    """An httpx client on `cloud`'s root URL with the first user's access token."""
    from tests.local.conftest import password_token

    token = password_token(cloud)
    return httpx.Client(
        base_url=cloud.url, headers={"Authorization": f"Bearer {token}"}, timeout=60
    )


@pytest.fixture
def api(cloud: LocalCloud) -> Iterator[httpx.Client]:
    """An authenticated httpx client on the package's local cloud."""
    with api_client(cloud) as client:
        yield client


def new_batch(client: httpx.Client, cloud: LocalCloud, sequence: str, jobs: int = 1) -> str:
    """Creates an EMU_FREE batch of `jobs` small jobs through the API; its id."""
    answer = client.post(
        "/core-fast/api/v1/batches",
        json={
            "project_id": cloud.project_id,
            "device_type": "EMU_FREE",
            "sequence_builder": sequence,
            "jobs": [{"runs": 5, "variables": {"amp": 1.0}} for _ in range(jobs)],
        },
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["data"]["id"])
