"""Per-call options (`with_options`), raw answers (`with_raw_response`) and request ids."""

from __future__ import annotations

import asyncio
import datetime

import httpx
import pytest

from pasqal_sdk import APIConnectionError, InvalidConfigurationError, NotFoundError, PasqalError

from .conftest import Recorder, StaticTokens, batch_dict, envelope, error


def test_every_request_carries_one_request_id_kept_across_its_retries(make_sdk):
    answers = iter([error(503), envelope(batch_dict("b1", jobs=[]))])
    recorder = Recorder(lambda request: next(answers))
    make_sdk(recorder).get_batch("b1", fetch_results=False)
    ids = [r.headers["x-request-id"] for r in recorder.requests]
    assert len(ids) == 2
    assert ids[0] == ids[1]
    assert len(ids[0]) >= 16


def test_an_error_names_the_request_id_the_sdk_sent_unless_the_server_gave_its_own(make_sdk):
    recorder = Recorder(lambda request: error(404))
    with pytest.raises(NotFoundError) as caught:
        make_sdk(recorder).get_batch("nope")
    assert caught.value.request_id == recorder.requests[0].headers["x-request-id"]
    assert caught.value.request_id in str(caught.value)

    recorder = Recorder(lambda request: error(404, **{"X-Request-ID": "server-42"}))
    with pytest.raises(NotFoundError) as caught:
        make_sdk(recorder).get_batch("nope")
    assert caught.value.request_id == "server-42"


def test_a_connection_error_names_its_request_id(make_sdk):
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    recorder = Recorder(refuse)
    with pytest.raises(APIConnectionError) as caught:
        make_sdk(recorder).get_batch("b1")
    assert caught.value.request_id == recorder.requests[0].headers["x-request-id"]


def test_with_options_changes_the_retries_of_the_copy_only(make_sdk):
    recorder = Recorder(lambda request: error(503))
    sdk = make_sdk(recorder)
    with pytest.raises(PasqalError):
        sdk.with_options(max_retries=0).get_batch("b1")
    assert len(recorder.requests) == 1
    with pytest.raises(PasqalError):
        sdk.with_options(max_retries=2).get_batch("b1")
    assert len(recorder.requests) == 1 + 3
    with pytest.raises(PasqalError):
        sdk.get_batch("b1")  # the original keeps its policy (8 tries)
    assert len(recorder.requests) == 1 + 3 + 8


def test_with_options_shares_the_pool_and_the_token_and_closing_it_keeps_the_pool(make_sdk):
    tokens = StaticTokens()
    recorder = Recorder(lambda request: envelope(batch_dict("b1", jobs=[])))
    sdk = make_sdk(recorder, token_provider=tokens)
    quick = sdk.with_options(timeout=5, total_timeout=10)
    assert quick._inner is sdk._inner
    quick.get_batch("b1", fetch_results=False)
    sdk.get_batch("b1", fetch_results=False)
    assert tokens.queries == 1
    quick.close()
    sdk.get_batch("b1", fetch_results=False)  # the shared pool still works
    assert quick.project_id == sdk.project_id


@pytest.mark.parametrize(
    "options",
    [{"timeout": 0}, {"timeout": "5"}, {"max_retries": -1}, {"max_retries": 1.5},
     {"total_timeout": -3}, {"max_retries": True}],
)  # fmt: skip
def test_with_options_refuses_bad_limits_saying_which(make_sdk, options):
    sdk = make_sdk(Recorder(lambda request: error(500)))
    with pytest.raises(InvalidConfigurationError, match=next(iter(options))):
        sdk.with_options(**options)


def test_with_raw_response_gives_the_answer_beside_the_parsed_result(make_sdk):
    def answer(request: httpx.Request) -> httpx.Response:
        response = envelope(batch_dict("b1", jobs=[]))
        response.headers["X-Extra"] = "yes"
        return response

    recorder = Recorder(answer)
    raw = make_sdk(recorder).with_raw_response.get_batch("b1", fetch_results=False)
    assert raw.parsed.id == "b1"
    assert raw.status_code == 200
    assert raw.headers["x-extra"] == "yes"
    assert raw.request_id == recorder.requests[0].headers["x-request-id"]
    assert raw.operation == "get_batch_v1"
    assert isinstance(raw.elapsed, datetime.timedelta)
    assert len(raw.answers) == 1


def test_with_raw_response_of_a_listing_holds_its_first_page(make_sdk):
    recorder = Recorder(
        lambda request: envelope([batch_dict("b1")], pagination={"start": 0, "end": 1, "total": 1})
    )
    raw = make_sdk(recorder).with_raw_response.get_batches()
    assert raw.operation == "list_batches"
    assert [b.id for b in raw.parsed.results] == ["b1"]


def test_with_raw_response_on_asyncio(make_async_sdk):
    recorder = Recorder(lambda request: envelope(batch_dict("b1", jobs=[])))

    async def main() -> None:
        async with make_async_sdk(recorder) as sdk:
            raw = await sdk.with_raw_response.get_batch("b1", fetch_results=False)
            assert raw.parsed.id == "b1"
            assert raw.status_code == 200
            quick = sdk.with_options(max_retries=0)
            assert (await quick.get_batch("b1", fetch_results=False)).id == "b1"
            await quick.close()
            assert (await sdk.get_batch("b1", fetch_results=False)).id == "b1"

    asyncio.run(main())


def test_an_error_in_a_raw_call_is_raised_as_usual(make_sdk):
    with pytest.raises(NotFoundError):
        make_sdk(Recorder(lambda request: error(404))).with_raw_response.get_batch("b1")
