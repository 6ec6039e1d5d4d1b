"""Connections one client can hold: a request head has a deadline, idle connections are closed,
and connections are capped (per address and in all, below the file-descriptor limit), so that
idle or trickling sockets never lock others out of the local cloud."""

from __future__ import annotations

import contextlib
import resource
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pasqal_sdk.local.testing import LocalCloud

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc and prlimit")


@pytest.fixture(scope="module")
def edge() -> Iterator[LocalCloud]:
    with LocalCloud(workers=1, limits={"head_timeout_s": 3, "keep_alive_s": 2}) as running:
        yield running


def _closed_after(connection: socket.socket, within: float) -> tuple[float, bytes]:
    """Seconds until the server closed `connection` (reading what it sent), failing past
    `within`."""
    started = time.monotonic()
    connection.settimeout(within)
    answer = b""
    try:
        while chunk := connection.recv(65536):
            answer += chunk
    except TimeoutError:
        pytest.fail(f"the server kept the connection open past {within} s")
    except ConnectionResetError:
        pass
    return time.monotonic() - started, answer


def test_a_request_head_trickled_slowly_is_answered_408_and_closed(edge: LocalCloud) -> None:
    with socket.create_connection(("127.0.0.1", edge.port), timeout=30) as connection:
        connection.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        started = time.monotonic()
        answer = b""
        connection.settimeout(1.0)
        while time.monotonic() - started < 60:
            try:
                connection.sendall(b"X-Slow: 1\r\n")
                chunk = connection.recv(65536)
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                break
            if not chunk:
                break
            answer += chunk
        elapsed = time.monotonic() - started
    assert elapsed < 30, "the head was kept for as long as it trickled"
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]


def test_a_connection_that_sends_nothing_is_closed(edge: LocalCloud) -> None:
    with socket.create_connection(("127.0.0.1", edge.port), timeout=30) as connection:
        elapsed, answer = _closed_after(connection, within=30)
    assert answer == b""
    assert elapsed < 30


def test_an_idle_keep_alive_connection_is_closed(edge: LocalCloud) -> None:
    with socket.create_connection(("127.0.0.1", edge.port), timeout=30) as connection:
        connection.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        _, answer = _closed_after(connection, within=30)
    assert answer.startswith(b"HTTP/1.1 200")


def _limits_of(pid: int) -> tuple[int, int]:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max open files"):
            soft, hard = line.split()[3:5]
            return int(soft), int(hard)
    raise AssertionError("no open-files line")


@contextlib.contextmanager
def _soft_fd_limit(soft: int) -> Iterator[None]:
    """This process's soft limit lowered (what its children inherit), then restored."""
    before = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, before[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, before)


def test_the_soft_file_descriptor_limit_is_raised_to_the_hard_one_at_start() -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard < 1024:
        pytest.skip("the hard limit is already low")
    with _soft_fd_limit(512):
        cloud = LocalCloud(workers=1, start=False)
        cloud.start()
    with cloud:
        assert cloud._process is not None
        assert _limits_of(cloud._process.pid) == (hard, hard)


def test_idle_sockets_past_the_fd_limit_do_not_lock_out_health() -> None:
    """Under a 256-descriptor limit (soft and hard), 400 idle sockets: the oldest idle ones
    are closed to make room, and /health still answers at once."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard < 1024:
        pytest.skip("this process cannot hold 400 sockets")
    with LocalCloud(workers=1, limits={"head_timeout_s": 60, "keep_alive_s": 60}) as cloud:
        assert cloud._process is not None
        resource.prlimit(cloud._process.pid, resource.RLIMIT_NOFILE, (256, 256))
        sockets = []
        try:
            for _ in range(400):
                sockets.append(socket.create_connection(("127.0.0.1", cloud.port), timeout=10))
            for _ in range(3):
                answer = httpx.get(f"{cloud.url}/health", timeout=5)
                assert answer.status_code == 200
        finally:
            for one in sockets:
                one.close()


def test_connections_per_address_are_capped_by_closing_the_longest_idle() -> None:
    with LocalCloud(
        workers=1,
        limits={"max_connections_per_address": 20, "head_timeout_s": 60, "keep_alive_s": 60},
    ) as cloud:
        sockets = [
            socket.create_connection(("127.0.0.1", cloud.port), timeout=10) for _ in range(20)
        ]
        try:
            assert httpx.get(f"{cloud.url}/health", timeout=5).status_code == 200
            # The first (longest idle) was closed to make room.
            _, answer = _closed_after(sockets[0], within=10)
            assert answer == b""
        finally:
            for one in sockets:
                one.close()
