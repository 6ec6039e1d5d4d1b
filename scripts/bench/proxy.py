"""A TCP proxy that adds a network's latency between `make bench`'s clients and the local cloud.

Each direction of each connection is delayed by a one-way latency (plus jitter): a chunk read
is stamped with the time it may leave, and a writer per direction sends it then, so chunks in
flight overlap and connections never wait on each other. A new connection pays one round trip
first, as a TCP handshake would. Requests and bytes are counted at the proxy's sockets, and each
request's time at the server (from its last byte forwarded to its answer's last byte received)
is recorded, so that a client's time can be set beside the server's own.

Example:
    ```python
    with DelayProxy("127.0.0.1", 4207, PROFILES["internet"]) as proxy:
        print(proxy.url)  # point the client here
    ```
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import threading
from dataclasses import dataclass
from types import TracebackType

__all__ = ["PROFILES", "DelayProxy", "Exchange", "Profile", "Traffic"]

_REQUEST_LINE = re.compile(rb"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\S+) HTTP/1\.[01]\r\n")
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Profile:
    """A network: `one_way_s` each way (half the round trip), plus up to `jitter_s` more."""

    name: str
    one_way_s: float
    jitter_s: float = 0.0

    @property
    def rtt_s(self) -> float:
        return 2 * self.one_way_s


PROFILES = {
    "lan": Profile("lan", 0.0),
    "internet": Profile("internet", 0.025, 0.0005),
}


@dataclass
class Traffic:
    """What went through the proxy: connections, requests, bytes up (to the server) and down."""

    connections: int = 0
    requests: int = 0
    bytes_up: int = 0
    bytes_down: int = 0


@dataclass
class Exchange:
    """One request and its answer on one connection, in the proxy's loop time (seconds)."""

    request: str
    forwarded: float | None = None
    answered: float | None = None

    @property
    def server_s(self) -> float | None:
        """Time at the server: from the request's last byte sent to the answer's last received."""
        if self.forwarded is None or self.answered is None:
            return None
        return self.answered - self.forwarded


@dataclass
class _Connection:
    ready: float
    current: Exchange | None = None


class DelayProxy:
    """Listens on a free local port and forwards to `host:port` with `profile`'s latency.

    It runs its own event loop in a daemon thread; `close` (or leaving the `with`) stops it.

    Args:
        host: The server's host.
        port: The server's port.
        profile: The latency to add.
        seed: Seed of the jitter, for reproducible runs.
    """

    def __init__(self, host: str, port: int, profile: Profile, seed: int | None = None) -> None:
        self.target = (host, port)
        self.profile = profile
        self.port = 0
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self._traffic = Traffic()
        self._exchanges: list[Exchange] = []
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None
        self._thread: threading.Thread | None = None
        self._handlers: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> DelayProxy:
        """Starts listening; returns once the port is open."""
        listening = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            try:
                self._server = self._loop.run_until_complete(
                    asyncio.start_server(self._handle, "127.0.0.1", 0)
                )
                self.port = int(self._server.sockets[0].getsockname()[1])
            except BaseException as error:  # handed to the caller of start()
                failure.append(error)
                listening.set()
                return
            listening.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, name="bench-delay-proxy", daemon=True)
        self._thread.start()
        listening.wait()
        if failure:
            raise failure[0]
        return self

    def traffic(self) -> Traffic:
        """A copy of the counters so far."""
        with self._lock:
            return Traffic(**vars(self._traffic))

    def take_exchanges(self) -> list[Exchange]:
        """The exchanges answered since the last call, in the order their requests came."""
        with self._lock:
            done = [e for e in self._exchanges if e.answered is not None]
            self._exchanges = [e for e in self._exchanges if e.answered is None]
        return done

    def close(self) -> None:
        """Stops listening, drops every connection and ends the thread."""
        if self._thread is None:
            return

        async def shut() -> None:
            if self._server is not None:
                self._server.close()
            await asyncio.sleep(0.05)  # connections being accepted get their handler first
            for task in list(self._handlers):
                task.cancel()
            await asyncio.gather(*self._handlers, return_exceptions=True)

        if self._loop.is_running():
            with contextlib.suppress(RuntimeError, TimeoutError):
                asyncio.run_coroutine_threadsafe(shut(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._thread = None
        if not self._loop.is_running():
            self._loop.close()

    def __enter__(self) -> DelayProxy:
        return self if self._thread is not None else self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # ---- the loop's side ----------------------------------------------------------------

    def _delay(self) -> float:
        jitter = self._random.uniform(0, self.profile.jitter_s) if self.profile.jitter_s else 0.0
        return self.profile.one_way_s + jitter

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        upstream: asyncio.StreamWriter | None = None
        try:
            up_reader, upstream = await asyncio.open_connection(*self.target)
            # The client's data may reach the server one round trip after it connected.
            connection = _Connection(ready=self._loop.time() + self.profile.rtt_s)
            with self._lock:
                self._traffic.connections += 1
            await asyncio.gather(
                self._pump(reader, upstream, connection, up=True),
                self._pump(up_reader, writer, connection, up=False),
            )
        except (OSError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass  # a peer went away, or the proxy is closing: the connection ends
        finally:
            for end in (writer, upstream):
                if end is not None:
                    end.close()
            self._handlers.discard(task)

    async def _pump(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        connection: _Connection,
        *,
        up: bool,
    ) -> None:
        """Reads chunks as they come, stamps each with its departure, and a writer sends them."""
        queue: asyncio.Queue[tuple[float, bytes, Exchange | None] | None] = asyncio.Queue()
        sender = asyncio.ensure_future(self._send(queue, writer))
        last = 0.0
        try:
            while chunk := await reader.read(_CHUNK):
                now = self._loop.time()
                exchange = self._observe(chunk, now, connection, up=up)
                start = max(now, connection.ready) if up else now
                last = max(start + self._delay(), last)  # chunks never overtake each other
                queue.put_nowait((last, chunk, exchange))
        finally:
            queue.put_nowait(None)
            await sender

    async def _send(
        self,
        queue: asyncio.Queue[tuple[float, bytes, Exchange | None] | None],
        writer: asyncio.StreamWriter,
    ) -> None:
        try:
            while (item := await queue.get()) is not None:
                due, chunk, exchange = item
                wait = due - self._loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                writer.write(chunk)
                await writer.drain()
                if exchange is not None:
                    exchange.forwarded = self._loop.time()
            if writer.can_write_eof():
                writer.write_eof()
        except OSError:
            # The peer went away: drop what is left, as a broken network would.
            while not queue.empty():
                queue.get_nowait()

    def _observe(
        self, chunk: bytes, now: float, connection: _Connection, *, up: bool
    ) -> Exchange | None:
        """Counts the chunk; on the way up, the exchange it belongs to (a new one per request)."""
        with self._lock:
            if not up:
                self._traffic.bytes_down += len(chunk)
                if connection.current is not None:
                    connection.current.answered = now
                return None
            self._traffic.bytes_up += len(chunk)
            current = connection.current
            if current is None or current.answered is not None:
                line = _REQUEST_LINE.match(chunk[:2048])
                request = f"{line[1].decode()} {line[2].decode()}" if line else "?"
                if line:
                    self._traffic.requests += 1
                current = connection.current = Exchange(request)
                self._exchanges.append(current)
            return current
