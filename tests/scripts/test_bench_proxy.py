"""`make bench`'s delay proxy: bytes pass unchanged, each direction is delayed, chunks in flight
overlap, connections never wait on each other, and traffic is counted at its sockets."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from scripts.bench.proxy import PROFILES, DelayProxy, Profile

Handler = Callable[[socket.socket], None]


@pytest.fixture
def server() -> Iterator[Callable[[Handler], int]]:
    """Starts a TCP server on a free port that runs `handler` per connection; its port."""
    listeners: list[socket.socket] = []

    def start(handler: Handler) -> int:
        listener = socket.create_server(("127.0.0.1", 0))
        listeners.append(listener)

        def accept() -> None:
            while True:
                try:
                    conn, _ = listener.accept()
                except OSError:
                    return
                threading.Thread(target=_serve, args=(handler, conn), daemon=True).start()

        threading.Thread(target=accept, daemon=True).start()
        return int(listener.getsockname()[1])

    yield start
    for listener in listeners:
        listener.close()


def _serve(handler: Handler, conn: socket.socket) -> None:
    with conn:
        handler(conn)


def echo(conn: socket.socket) -> None:
    while data := conn.recv(65536):
        conn.sendall(data)


def _recv_exactly(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        assert chunk, "connection closed early"
        data += chunk
    return data


def test_bytes_pass_unchanged_and_are_counted(server: Callable[[Handler], int]) -> None:
    port = server(echo)
    payload = bytes(range(256)) * 2000
    with DelayProxy("127.0.0.1", port, PROFILES["lan"]) as proxy:
        with socket.create_connection(("127.0.0.1", proxy.port)) as client:
            request = b"POST /core-fast/api/v1/batches HTTP/1.1\r\nHost: x\r\n\r\n"
            client.sendall(request)
            assert _recv_exactly(client, len(request)) == request
            client.sendall(payload)
            assert _recv_exactly(client, len(payload)) == payload
        traffic = proxy.traffic()
    assert traffic.connections == 1
    assert traffic.requests == 1  # the payload starts no request line
    assert traffic.bytes_up == traffic.bytes_down == len(request) + len(payload)


def test_each_direction_is_delayed_and_a_new_connection_pays_a_round_trip(
    server: Callable[[Handler], int],
) -> None:
    port = server(echo)
    profile = Profile("slow", one_way_s=0.1, jitter_s=0.01)
    with (
        DelayProxy("127.0.0.1", port, profile, seed=1) as proxy,
        socket.create_connection(("127.0.0.1", proxy.port)) as client,
    ):
        start = time.monotonic()
        client.sendall(b"ping")
        assert _recv_exactly(client, 4) == b"ping"
        first = time.monotonic() - start
        start = time.monotonic()
        client.sendall(b"pong")
        assert _recv_exactly(client, 4) == b"pong"
        second = time.monotonic() - start
    assert first >= 2 * profile.rtt_s  # the handshake's round trip, then the echo's
    assert second >= profile.rtt_s


def test_chunks_in_flight_overlap(server: Callable[[Handler], int]) -> None:
    """A chunk sent while another is in flight is not delayed behind it (no sleeping pipe)."""
    arrivals: list[float] = []

    def record(conn: socket.socket) -> None:
        while data := conn.recv(65536):
            arrivals.extend(time.monotonic() for _ in data)
            if len(arrivals) >= 2:
                conn.sendall(b"ok")

    port = server(record)
    profile = Profile("slow", one_way_s=0.5)
    with (
        DelayProxy("127.0.0.1", port, profile) as proxy,
        socket.create_connection(("127.0.0.1", proxy.port)) as client,
    ):
        client.sendall(b"a")
        time.sleep(0.05)
        client.sendall(b"b")
        assert _recv_exactly(client, 2) == b"ok"
    # Delayed one after the other, the second would come a whole one-way delay after the first.
    assert arrivals[1] - arrivals[0] < profile.one_way_s * 0.6


def test_a_stalled_connection_does_not_hold_up_another(server: Callable[[Handler], int]) -> None:
    release = threading.Event()

    def stall_or_echo(conn: socket.socket) -> None:
        data = conn.recv(65536)
        if data == b"stall":
            release.wait(30)
        conn.sendall(data)

    port = server(stall_or_echo)
    with (
        DelayProxy("127.0.0.1", port, Profile("slow", one_way_s=0.02)) as proxy,
        socket.create_connection(("127.0.0.1", proxy.port)) as stalled,
        socket.create_connection(("127.0.0.1", proxy.port)) as other,
    ):
        stalled.sendall(b"stall")
        other.settimeout(20)
        other.sendall(b"hello")
        assert _recv_exactly(other, 5) == b"hello"
        assert not release.is_set()
        release.set()
        assert _recv_exactly(stalled, 5) == b"stall"


def test_the_server_time_of_each_request_is_recorded(server: Callable[[Handler], int]) -> None:
    think = 0.2

    def slow_http(conn: socket.socket) -> None:
        while conn.recv(65536):
            time.sleep(think)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")

    port = server(slow_http)
    with DelayProxy("127.0.0.1", port, Profile("slow", one_way_s=0.05)) as proxy:
        with socket.create_connection(("127.0.0.1", proxy.port)) as client:
            for path in ("/a", "/b"):
                client.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                assert _recv_exactly(client, 40).endswith(b"ok")
        exchanges = proxy.take_exchanges()
        assert proxy.take_exchanges() == []
    assert [e.request for e in exchanges] == ["GET /a", "GET /b"]
    for exchange in exchanges:
        assert exchange.server_s is not None
        # The server's own time, measured beside it: at least its think time.
        assert exchange.server_s >= think


def test_close_drops_open_connections_and_ends_the_thread(
    server: Callable[[Handler], int],
) -> None:
    port = server(echo)
    proxy = DelayProxy("127.0.0.1", port, PROFILES["internet"]).start()
    client = socket.create_connection(("127.0.0.1", proxy.port))
    client.settimeout(20)
    client.sendall(b"hi")
    assert _recv_exactly(client, 2) == b"hi"  # the connection is open through the proxy
    proxy.close()
    with client, contextlib.suppress(ConnectionResetError):
        assert client.recv(1) == b""  # closed by the proxy
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", proxy.port), timeout=5).close()
    assert not any(t.name == "bench-delay-proxy" and t.is_alive() for t in threading.enumerate())
