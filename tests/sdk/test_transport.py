"""Retries, gzip, tokens and headers: the pipeline every request goes through."""

from __future__ import annotations

import asyncio
import gzip
import json
import logging

import httpx
import pytest

from pasqal_sdk import (
    APIConnectionError,
    APITimeoutError,
    RateLimitError,
    RetryPolicy,
    ServerError,
    __version__,
)
from pasqal_sdk import errors as pasqal_errors
from pasqal_sdk._transport import parse_retry_after

from .conftest import StaticTokens, batch_dict, envelope, error


def test_creating_post_that_times_out_after_being_sent_is_not_repeated(make_sdk):
    def handle(request):
        raise httpx.ReadTimeout("no answer", request=request)

    recorder = make_recorder(handle)
    sdk = make_sdk(recorder)
    with pytest.raises(APITimeoutError):
        sdk.create_batch("{}", [{"runs": 1}], emulator="EMU_FREE")
    assert recorder.paths() == ["POST /core-fast/api/v1/batches"]


CREATING_CALLS = {
    "create_batch": lambda sdk: sdk.create_batch("{}", [{"runs": 1}], emulator="EMU_FREE"),
    "add_jobs": lambda sdk: sdk.add_jobs("b1", [{"runs": 1}]),
    "rebatch": lambda sdk: sdk.rebatch("b1"),
    "create_workload": lambda sdk: sdk.create_workload("type", "backend", {}),
}


@pytest.mark.parametrize("name", sorted(CREATING_CALLS))
@pytest.mark.parametrize(
    "failure", [httpx.ReadTimeout, httpx.RemoteProtocolError, httpx.WriteError]
)
def test_no_creating_post_is_repeated_once_it_may_have_arrived(make_sdk, name, failure):
    def handle(request):
        raise failure("lost", request=request)

    recorder = make_recorder(handle)
    with pytest.raises(APIConnectionError):
        CREATING_CALLS[name](make_sdk(recorder))
    assert [r.method for r in recorder.requests] == ["POST"]


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_creating_post_answered_with_a_server_error_is_not_repeated(make_sdk, status):
    recorder = make_recorder(lambda request: error(status))
    sdk = make_sdk(recorder)
    with pytest.raises(ServerError) as caught:
        sdk.create_batch("{}", [{"runs": 1}], emulator="EMU_FREE")
    assert caught.value.status_code == status
    assert len(recorder.requests) == 1


def test_creating_post_is_retried_when_the_connection_never_opened(make_sdk):
    answers = iter([None, envelope(batch_dict("b1"))])

    def handle(request):
        answer = next(answers)
        if answer is None:
            raise httpx.ConnectError("refused", request=request)
        return answer

    recorder = make_recorder(handle)
    batch = make_sdk(recorder).create_batch("{}", [{"runs": 1}], emulator="EMU_FREE")
    assert batch.id == "b1"
    assert len(recorder.requests) == 2


def test_429_with_retry_after_is_honoured_even_for_a_creating_post(make_sdk, sleeps):
    answers = iter([error(429, "slow down", **{"Retry-After": "3"}), envelope(batch_dict("b1"))])
    recorder = make_recorder(lambda request: next(answers))
    batch = make_sdk(recorder).create_batch("{}", [{"runs": 1}], emulator="EMU_FREE")
    assert batch.id == "b1"
    assert len(recorder.requests) == 2
    assert sleeps
    assert sleeps[0] >= 3


def test_retry_after_as_an_http_date_is_understood():
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert parse_retry_after("2.5") == 2.5
    assert parse_retry_after("soon") is None


@pytest.mark.parametrize("status", [408, 425, 429, 500, 502, 503, 504])
def test_get_is_retried_on_transient_statuses(make_sdk, status):
    answers = iter([error(status), envelope(batch_dict("b1", jobs=[]))])
    recorder = make_recorder(lambda request: next(answers))
    assert make_sdk(recorder).get_batch("b1").id == "b1"
    assert len(recorder.requests) == 2


def test_get_is_retried_after_a_read_timeout(make_sdk):
    calls = []

    def handle(request):
        calls.append(request)
        if len(calls) == 1:
            raise httpx.ReadTimeout("slow", request=request)
        return envelope(batch_dict("b1", jobs=[]))

    assert make_sdk(make_recorder(handle)).get_batch("b1").id == "b1"
    assert len(calls) == 2


def test_retries_are_bounded_in_tries(make_sdk, sleeps):
    recorder = make_recorder(lambda request: error(503))
    sdk = make_sdk(recorder, retry=RetryPolicy(max_tries=3, base_delay_s=0.01))
    with pytest.raises(ServerError):
        sdk.get_batch("b1")
    assert len(recorder.requests) == 3
    assert len(sleeps) == 2


def test_retries_are_bounded_in_time(make_sdk, sleeps):
    recorder = make_recorder(lambda request: error(429, **{"Retry-After": "30"}))
    sdk = make_sdk(recorder, retry=RetryPolicy(max_tries=10, max_total_s=5))
    with pytest.raises(RateLimitError):
        sdk.get_batch("b1")
    assert len(recorder.requests) == 1
    assert sleeps == []


def test_connection_failures_become_a_typed_error_after_the_retries(make_sdk):
    def handle(request):
        raise httpx.ConnectError("refused", request=request)

    recorder = make_recorder(handle)
    sdk = make_sdk(recorder, retry=RetryPolicy(max_tries=2, base_delay_s=0.01))
    with pytest.raises(APIConnectionError):
        sdk.get_batch("b1")
    assert len(recorder.requests) == 2


def test_backoff_grows_exponentially_with_jitter_up_to_a_cap():
    policy = RetryPolicy(base_delay_s=1.0, max_delay_s=4.0)
    for attempt, ceiling in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 4.0)]:
        delays = {policy.backoff(attempt) for _ in range(20)}
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(delays) > 1


BIG_SEQUENCE = json.dumps({"padding": "x" * 5000})


def test_large_bodies_are_gzipped(make_sdk, monkeypatch):
    monkeypatch.delenv("PASQAL_SKIP_GZIP_REQUEST_BODY", raising=False)
    recorder = make_recorder(lambda request: envelope(batch_dict("b1")))
    make_sdk(recorder).create_batch(BIG_SEQUENCE, [{"runs": 1}], emulator="EMU_FREE")
    request = recorder.requests[0]
    assert request.headers["content-encoding"] == "gzip"
    body = json.loads(gzip.decompress(request.content))
    assert body["sequence_builder"] == BIG_SEQUENCE


def test_small_bodies_are_sent_plain(make_sdk):
    recorder = make_recorder(lambda request: envelope(batch_dict("b1")))
    make_sdk(recorder).create_batch("{}", [{"runs": 1}], emulator="EMU_FREE")
    assert "content-encoding" not in recorder.requests[0].headers
    assert recorder.body(0)["jobs"] == [{"runs": 1}]


def test_gzip_can_be_turned_off_by_environment(make_sdk, monkeypatch):
    monkeypatch.setenv("PASQAL_SKIP_GZIP_REQUEST_BODY", "1")
    recorder = make_recorder(lambda request: envelope(batch_dict("b1")))
    make_sdk(recorder).create_batch(BIG_SEQUENCE, [{"runs": 1}], emulator="EMU_FREE")
    assert "content-encoding" not in recorder.requests[0].headers
    assert recorder.body(0)["sequence_builder"] == BIG_SEQUENCE


def test_every_request_carries_user_agent_and_bearer_token(make_sdk):
    recorder = make_recorder(lambda request: envelope(batch_dict("b1", jobs=[])))
    make_sdk(recorder).get_batch("b1")
    headers = recorder.requests[0].headers
    assert headers["user-agent"] == f"pasqal-sdk/{__version__}"
    assert headers["authorization"] == "Bearer token-1"


def test_token_is_cached_between_requests(make_sdk):
    tokens = StaticTokens()
    recorder = make_recorder(lambda request: envelope(batch_dict("b1", jobs=[])))
    sdk = make_sdk(recorder, token_provider=tokens)
    sdk.get_batch("b1")
    sdk.get_batch("b1")
    assert tokens.queries == 1


def _expired_first_token(request):
    if request.headers["authorization"] == "Bearer token-1":
        return error(401, "expired")
    return envelope(batch_dict("b1", jobs=[]))


def test_a_401_refreshes_the_token_once_and_repeats_the_request(make_sdk):
    tokens = StaticTokens()
    recorder = make_recorder(_expired_first_token)
    assert make_sdk(recorder, token_provider=tokens).get_batch("b1").id == "b1"
    assert tokens.queries == 2
    assert [r.headers["authorization"] for r in recorder.requests] == [
        "Bearer token-1",
        "Bearer token-2",
    ]


def test_the_async_sdk_refreshes_once_on_a_401_too(make_async_sdk):
    """The same auth flow (`BearerAuth`) serves both clients."""
    tokens = StaticTokens()
    recorder = make_recorder(_expired_first_token)

    async def scenario() -> str:
        async with make_async_sdk(recorder, token_provider=tokens) as sdk:
            return (await sdk.get_batch("b1")).id

    assert asyncio.run(scenario()) == "b1"
    assert tokens.queries == 2
    assert [r.headers["authorization"] for r in recorder.requests] == [
        "Bearer token-1",
        "Bearer token-2",
    ]


def test_a_second_401_is_raised_not_looped(make_sdk):
    from pasqal_sdk import AuthenticationError

    recorder = make_recorder(lambda request: error(401, "bad token"))
    with pytest.raises(AuthenticationError):
        make_sdk(recorder).get_batch("b1")
    assert len(recorder.requests) == 2


def test_result_downloads_carry_no_credentials(make_sdk):
    def handle(request):
        if request.url.host == "bucket.test":
            return httpx.Response(200, json={"counter": {"01": 3}})
        if request.url.path.endswith("/results_link"):
            return envelope({"results_link": "https://bucket.test/r/j1?sig=abc"})
        return envelope({**_job("j1", "b1"), "status": "DONE"})

    recorder = make_recorder(handle)
    job = make_sdk(recorder).get_job("j1")
    assert job.result == {"01": 3}
    download = next(r for r in recorder.requests if r.url.host == "bucket.test")
    assert "authorization" not in download.headers


def test_a_non_json_error_page_still_becomes_a_typed_error(make_sdk):
    recorder = make_recorder(lambda request: httpx.Response(502, text="<html>Bad gateway</html>"))
    sdk = make_sdk(recorder, retry=RetryPolicy(max_tries=1))
    with pytest.raises(ServerError) as caught:
        sdk.get_batch("b1")
    assert caught.value.status_code == 502
    assert "Bad gateway" in caught.value.message


def test_logs_never_show_the_token(make_sdk, caplog):
    recorder = make_recorder(lambda request: error(503))
    sdk = make_sdk(recorder, retry=RetryPolicy(max_tries=2, base_delay_s=0.01))
    with caplog.at_level(logging.DEBUG, logger="pasqal_sdk"), pytest.raises(ServerError):
        sdk.get_batch("b1")
    assert caplog.records
    assert "token-1" not in caplog.text


def test_async_creating_post_that_times_out_is_not_repeated(make_async_sdk):
    def handle(request):
        raise httpx.ReadTimeout("no answer", request=request)

    recorder = make_recorder(handle)

    async def scenario():
        async with make_async_sdk(recorder) as sdk:
            await sdk.create_batch("{}", [{"runs": 1}], emulator="EMU_FREE")

    with pytest.raises(APITimeoutError):
        asyncio.run(scenario())
    assert len(recorder.requests) == 1


def test_async_429_with_retry_after_is_honoured(make_async_sdk, sleeps):
    answers = iter([error(429, **{"Retry-After": "2"}), envelope(batch_dict("b1", jobs=[]))])
    recorder = make_recorder(lambda request: next(answers))

    async def scenario():
        async with make_async_sdk(recorder) as sdk:
            return await sdk.get_batch("b1")

    assert asyncio.run(scenario()).id == "b1"
    assert sleeps
    assert sleeps[0] >= 2


def make_recorder(handle):
    from .conftest import Recorder

    return Recorder(handle)


def _job(job_id, batch_id):
    from .conftest import job_dict

    return job_dict(job_id, batch_id)


def test_debug_logs_show_headers_with_secrets_redacted(make_sdk, caplog):
    recorder = make_recorder(lambda request: envelope(batch_dict("b1", jobs=[])))
    with caplog.at_level(logging.DEBUG, logger="pasqal_sdk"):
        make_sdk(recorder).get_batch("b1")
    assert "'authorization': '***'" in caplog.text
    assert "Bearer" not in caplog.text


def test_the_library_is_silent_by_default(make_sdk, capsys):
    recorder = make_recorder(lambda request: error(503))
    with pytest.raises(ServerError):
        make_sdk(recorder, retry=RetryPolicy(max_tries=2, base_delay_s=0.01)).get_batch("b1")
    assert capsys.readouterr() == ("", "")
    assert logging.getLogger("pasqal_sdk").handlers  # a NullHandler, nothing else


def test_generated_clients_are_exposed_authenticated_on_the_sdk_transport(make_sdk):
    from pasqal_core_client.api.batches import get_batch
    from pasqal_core_client.models import BatchResponse

    recorder = make_recorder(lambda request: envelope(batch_dict("b1", jobs=[])))
    answer = get_batch.sync(client=make_sdk(recorder).core_client, batch_id="b1")
    assert isinstance(answer, BatchResponse)
    assert answer.data.id == "b1"
    request = recorder.requests[0]
    assert str(request.url) == "https://core.test/core-fast/api/v2/batches/b1"
    assert request.headers["authorization"] == "Bearer token-1"
    assert request.headers["user-agent"].startswith("pasqal-sdk/")


def test_refused_connections_where_nothing_ever_answered_are_retried_briefly():
    policy = RetryPolicy()
    refused = httpx.ConnectError("refused")
    for answered, least in ((False, 0.0), (True, 10.0)):
        waited, attempt = 0.0, 1
        while (delay := policy.next_delay(
            attempt=attempt, elapsed=waited, repeatable=True, error=refused, answered=answered
        )) is not None:  # fmt: skip
            waited += delay
            attempt += 1
        assert least <= waited <= (policy.first_contact_s if not answered else policy.max_total_s)


def test_no_server_at_the_url_is_a_quick_typed_error_that_says_how_to_start_one():
    import socket
    import time

    from pasqal_sdk import SDK, Endpoints

    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    sdk = SDK(endpoints=Endpoints(core=url + "/core-fast", account=url + "/account"))
    started = time.monotonic()
    with pytest.raises(APIConnectionError, match=rf"no server at {url}: is it running\?") as caught:
        sdk.get_public_device_specs()
    assert time.monotonic() - started < 20  # about 3 s; generous for a loaded machine
    assert "pasqal-sdk local serve" in str(caught.value)


class _CutShort(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that stops mid-way, as when the server's connection drops."""

    def __iter__(self):
        yield b'{"status": "success", "da'
        raise httpx.RemoteProtocolError("peer closed connection without sending the body")

    async def __aiter__(self):
        yield b'{"status": "success", "da'
        raise httpx.RemoteProtocolError("peer closed connection without sending the body")


def cut_short(request):
    return httpx.Response(200, stream=_CutShort(), headers={"content-type": "application/json"})


def test_an_answer_cut_short_is_retried_for_a_get_then_typed(make_sdk):
    recorder = make_recorder(cut_short)
    sdk = make_sdk(recorder, retry=RetryPolicy(max_tries=3, base_delay_s=0.01))
    with pytest.raises(APIConnectionError, match="RemoteProtocolError") as caught:
        sdk.get_batch("b1")
    assert len(recorder.requests) == 3
    assert isinstance(caught.value, pasqal_errors.BatchFetchingError)


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_a_creating_post_whose_answer_is_lost_says_it_may_exist_and_how_to_look(
    make_sdk, make_async_sdk, asynchronous
):
    from pasqal_sdk import AnswerLostError

    recorder = make_recorder(cut_short)

    async def create_async():
        async with make_async_sdk(recorder) as sdk:
            await sdk.create_batch("{}", [{"runs": 1}], emulator="EMU_FREE")

    def create():
        if asynchronous:
            return asyncio.run(create_async())
        return make_sdk(recorder).create_batch("{}", [{"runs": 1}], emulator="EMU_FREE")

    with pytest.raises(AnswerLostError, match=r"may have acted.*get_batches") as caught:
        create()
    assert [r.method for r in recorder.requests] == ["POST"]
    assert isinstance(caught.value, pasqal_errors.BatchCreationError)


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_total_timeout_bounds_a_call_against_a_server_that_never_answers(asynchronous):
    import socket
    import time

    from pasqal_sdk import SDK, APITimeoutError, AsyncSDK, Endpoints

    with socket.socket() as silent:  # accepts connections (the backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        kwargs = {
            "endpoints": Endpoints(core=url + "/core-fast", account=url + "/account"),
            "timeout": 1.0,
            "total_timeout": 3.0,
        }

        async def call_async():
            async with AsyncSDK(**kwargs) as sdk:
                await sdk.get_public_device_specs()

        def call():
            if asynchronous:
                return asyncio.run(call_async())
            with SDK(**kwargs) as sdk:
                return sdk.get_public_device_specs()

        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            call()
        # The default budget (8 tries of 1 s plus backoff) would take over 20 s.
        assert time.monotonic() - started < 12


def test_total_timeout_must_be_positive():
    from pasqal_sdk import SDK, InvalidConfigurationError

    with pytest.raises(InvalidConfigurationError, match="total_timeout"):
        SDK(total_timeout=0)


def test_unreachable_pasqal_cloud_says_to_check_the_network_not_to_start_a_local_cloud(
    make_sdk,
):
    def offline(request):
        raise httpx.ConnectError("[Errno -3] Temporary failure in name resolution")

    from pasqal_sdk import Endpoints

    sdk = make_sdk(offline, endpoints=Endpoints())
    with pytest.raises(APIConnectionError) as caught:
        sdk.get_public_device_specs()
    message = str(caught.value)
    assert "cannot reach https://apis.pasqal.cloud: check the network connection" in message
    assert "local serve" not in message
