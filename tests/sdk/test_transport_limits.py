"""What an answer may make the SDK spend: a JSON answer nested too deeply is a typed error, an
answer past the size cap is refused as it streams in, `total_timeout` bounds a body that
drips in, and results-link tokens never reach the logs."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from pasqal_sdk import (
    SDK,
    AnswerTooLargeError,
    APITimeoutError,
    AsyncSDK,
    Endpoints,
    PasqalError,
    UnexpectedResponseError,
)
from pasqal_sdk._transport import PipelineConfig, PipelineTransport


def test_a_json_answer_nested_too_deeply_is_a_typed_error(make_sdk) -> None:
    deep = b"[" * 200_000 + b"]" * 200_000
    sdk = make_sdk(lambda request: httpx.Response(200, content=deep))
    with pytest.raises(UnexpectedResponseError, match="nested too deeply"):
        sdk.get_batch("b1")


def test_an_answer_past_the_size_cap_is_refused_while_it_streams(
    make_sdk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PASQAL_MAX_ANSWER_BYTES", "100000")
    sent = []

    def endless() -> Iterator[bytes]:
        while True:
            sent.append(1)
            yield b" " * 10_000

    sdk = make_sdk(lambda request: httpx.Response(200, content=endless()))
    with pytest.raises(AnswerTooLargeError, match="100000 bytes") as caught:
        sdk.get_batch("b1")
    assert isinstance(caught.value, PasqalError)
    assert "PASQAL_MAX_ANSWER_BYTES" in str(caught.value)
    assert len(sent) <= 12  # stopped at the cap, never read whole


def test_an_answer_declaring_a_length_past_the_cap_is_refused_before_reading(
    make_sdk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PASQAL_MAX_ANSWER_BYTES", "1000")
    sdk = make_sdk(lambda request: httpx.Response(200, content=b" " * 5000))
    with pytest.raises(AnswerTooLargeError):
        sdk.get_batch("b1")


@pytest.fixture
def dripping_server() -> Iterator[str]:
    """A server that answers 200 with a huge Content-Length, then one byte every 0.5 s."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=drip, args=(connection,), daemon=True).start()

    def drip(connection: socket.socket) -> None:
        with connection:
            connection.recv(65536)
            connection.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                b"Content-Length: 1000000\r\n\r\n"
            )
            while not stop.is_set():
                try:
                    connection.sendall(b" ")
                except OSError:
                    return
                stop.wait(0.5)

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    listener.close()


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_total_timeout_bounds_a_body_that_drips_in(
    dripping_server: str, asynchronous: bool
) -> None:
    kwargs = {
        "endpoints": Endpoints(core=dripping_server + "/core-fast", account=dripping_server),
        "timeout": 2.0,
        "total_timeout": 3.0,
    }

    async def call_async() -> None:
        async with AsyncSDK(**kwargs) as sdk:
            await sdk.get_public_device_specs()

    def call() -> None:
        if asynchronous:
            asyncio.run(call_async())
            return
        with SDK(**kwargs) as sdk:
            sdk.get_public_device_specs()

    started = time.monotonic()
    with pytest.raises(APITimeoutError, match="no answer in time"):
        call()
    assert time.monotonic() - started < 8


def test_results_link_tokens_are_redacted_from_debug_logs(caplog: pytest.LogCaptureFixture) -> None:
    token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqb2IifQ.c2lnbmF0dXJl"
    transport = PipelineTransport(
        httpx.MockTransport(lambda request: httpx.Response(200, json={})), PipelineConfig()
    )
    with (
        caplog.at_level(logging.DEBUG, logger="pasqal_sdk"),
        httpx.Client(transport=transport) as client,
    ):
        client.get(f"https://results.test/results/{token}?x=1")
    assert "/results/" in caplog.text
    assert token not in caplog.text
