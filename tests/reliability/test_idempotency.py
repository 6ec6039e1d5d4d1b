"""Idempotent creates: the SDK sends an `Idempotency-Key` on every create, the local cloud acts
on each key once, and a create whose answer was lost is retried without making a twin."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import httpx
import pytest

from pasqal_sdk import SDK, AnswerLostError, AsyncSDK, BatchFilters, RetryPolicy
from pasqal_sdk.local.testing import LocalCloud
from tests.reliability.conftest import sdk_kwargs, server_counts

CREATE = "/core-fast/api/v1/batches"


def batch_body(cloud: LocalCloud, sequence: str, runs: int = 10) -> dict[str, Any]:
    return {
        "sequence_builder": sequence,
        "jobs": [{"runs": runs, "variables": {"amp": 1.0}}],
        "device_type": "EMU_FREE",
        "project_id": cloud.project_id,
    }


def test_a_repeated_key_with_the_same_body_answers_the_first_result_and_creates_nothing(
    cloud: LocalCloud, api: httpx.Client, sequence: str
) -> None:
    key = {"Idempotency-Key": uuid.uuid4().hex}
    body = batch_body(cloud, sequence)
    first = api.post(CREATE, json=body, headers=key)
    assert first.status_code == 200, first.text
    assert first.headers["Idempotency-Key-Support"] == "honoured"
    before = server_counts(cloud)
    again = api.post(CREATE, json=body, headers=key)
    assert again.status_code == 200
    assert again.json()["data"]["id"] == first.json()["data"]["id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert server_counts(cloud) == before


def test_a_repeated_key_with_another_body_is_a_422_that_says_so(
    cloud: LocalCloud, api: httpx.Client, sequence: str
) -> None:
    key = {"Idempotency-Key": uuid.uuid4().hex}
    assert api.post(CREATE, json=batch_body(cloud, sequence), headers=key).status_code == 200
    before = server_counts(cloud)
    other = api.post(CREATE, json=batch_body(cloud, sequence, runs=11), headers=key)
    assert other.status_code == 422
    assert "Idempotency-Key" in other.json()["message"]
    assert "another request" in other.json()["message"]
    assert server_counts(cloud) == before


def test_a_refused_create_frees_its_key_for_the_corrected_retry(
    cloud: LocalCloud, api: httpx.Client, sequence: str
) -> None:
    key = {"Idempotency-Key": uuid.uuid4().hex}
    bad = {**batch_body(cloud, sequence), "jobs": [{"runs": 0}]}
    assert api.post(CREATE, json=bad, headers=key).status_code == 422
    good = api.post(CREATE, json=batch_body(cloud, sequence), headers=key)
    assert good.status_code == 200, good.text


@pytest.mark.parametrize("key", ["", "a b", "é", "x" * 256])
def test_a_malformed_key_is_a_422_naming_the_header(
    cloud: LocalCloud, api: httpx.Client, sequence: str, key: str
) -> None:
    before = server_counts(cloud)
    answer = api.post(
        CREATE,
        content=json.dumps(batch_body(cloud, sequence)).encode(),
        headers={  # bytes: sent as they are, UTF-8 included
            "Idempotency-Key": key.encode(),
            "Content-Type": "application/json",
        },
    )
    assert answer.status_code == 422, answer.text
    assert "Idempotency-Key" in answer.json()["message"]
    assert server_counts(cloud) == before


class _CutFirstCreate(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Forwards every request; the first create's answer reaches the client cut mid-body, after
    the server acted on it (as when a connection drops on the way back)."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.async_inner = httpx.AsyncHTTPTransport()
        self.creates: list[str] = []

    def _cut(self, request: httpx.Request, answer: httpx.Response) -> httpx.Response:
        self.creates.append(request.headers.get("Idempotency-Key", ""))
        if len(self.creates) > 1:
            return answer
        return httpx.Response(answer.status_code, headers=answer.headers, stream=_CutShort())

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        answer = self.inner.handle_request(request)
        if request.method == "POST" and request.url.path == CREATE:
            answer.read()
            return self._cut(request, answer)
        return answer

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        answer = await self.async_inner.handle_async_request(request)
        if request.method == "POST" and request.url.path == CREATE:
            await answer.aread()
            return self._cut(request, answer)
        return answer


class _CutShort(httpx.SyncByteStream, httpx.AsyncByteStream):
    def __iter__(self) -> Any:
        yield b'{"status": "success", "da'
        raise httpx.RemoteProtocolError("peer closed connection without sending the body")

    async def __aiter__(self) -> Any:
        yield b'{"status": "success", "da'
        raise httpx.RemoteProtocolError("peer closed connection without sending the body")


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_a_create_whose_answer_was_cut_is_retried_and_leaves_exactly_one_batch(
    cloud: LocalCloud, sequence: str, asynchronous: bool
) -> None:
    transport = _CutFirstCreate()
    tag = f"cut-{uuid.uuid4().hex[:8]}"
    jobs = [{"runs": 5, "variables": {"amp": 1.0}}]
    kwargs = sdk_kwargs(cloud, transport=transport, retry=RetryPolicy(base_delay_s=0.01))

    async def create_async() -> str:
        async with AsyncSDK(**kwargs) as sdk:
            return (await sdk.create_batch(sequence, jobs, emulator="EMU_FREE", tags=[tag])).id

    def create() -> str:
        if asynchronous:
            return asyncio.run(create_async())
        with SDK(**kwargs) as sdk:
            return sdk.create_batch(sequence, jobs, emulator="EMU_FREE", tags=[tag]).id

    batch_id = create()
    assert len(transport.creates) == 2
    assert transport.creates[0]
    assert transport.creates[0] == transport.creates[1]
    with SDK(**sdk_kwargs(cloud)) as sdk:
        found = [b.id for b in sdk.get_batches(BatchFilters(tag=[tag]))]
    assert found == [batch_id]


def test_without_the_servers_word_a_lost_create_answer_is_still_reported_not_retried(
    cloud: LocalCloud, sequence: str
) -> None:
    """A server that does not say it honours keys (Pasqal Cloud) may make a twin: no retry."""

    class Unannounced(_CutFirstCreate):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            answer = super().handle_request(request)
            headers = {k: v for k, v in answer.headers.items() if k != "idempotency-key-support"}
            if isinstance(answer.stream, _CutShort):
                return httpx.Response(answer.status_code, headers=headers, stream=_CutShort())
            answer.read()
            return httpx.Response(answer.status_code, headers=headers, content=answer.content)

    transport = Unannounced()
    with SDK(**sdk_kwargs(cloud, transport=transport)) as sdk, pytest.raises(AnswerLostError):
        sdk.create_batch(sequence, [{"runs": 5, "variables": {"amp": 1.0}}], emulator="EMU_FREE")
    assert len(transport.creates) == 1


def test_kept_answers_replay_whole_and_expired_keys_give_way(tmp_path: Any) -> None:
    """The store keeps each answer compressed and gives it back byte for byte; a key older than
    the TTL is a new request; a table from before compression replays its bodies as stored."""
    import sqlite3

    from starlette.responses import Response

    from pasqal_sdk.local.http.idempotency import IdempotencyKeys
    from pasqal_sdk.local.storage.store import Store

    path = tmp_path / "db.sqlite3"
    old = sqlite3.connect(path)  # the table as an earlier version made it, with one answer
    old.execute(
        "CREATE TABLE idempotency_keys (scope TEXT NOT NULL, key TEXT NOT NULL, fingerprint"
        " TEXT NOT NULL, created REAL NOT NULL, status INTEGER, body BLOB, media_type TEXT,"
        " PRIMARY KEY (scope, key))"
    )
    old.execute(
        "INSERT INTO idempotency_keys VALUES ('u', 'old', 'f', strftime('%s', 'now'), 200,"
        " CAST('{\"old\": true}' AS BLOB), 'application/json')"
    )
    old.commit()
    old.close()
    keys = IdempotencyKeys(Store(path))
    ran: list[int] = []

    def run(body: bytes) -> Any:
        return lambda: ran.append(1) or Response(body, 200, media_type="application/json")

    assert keys.once("u", "old", "f", run(b"{}")).body == b'{"old": true}'
    body = json.dumps({"data": [{"id": str(i), "status": "PENDING"} for i in range(500)]}).encode()
    first = keys.once("u", "k", "f", run(body))
    again = keys.once("u", "k", "f", run(b"{}"))
    assert (first.body, again.body, again.headers["Idempotent-Replayed"], ran) == (
        body,
        body,
        "true",
        [1],
    )
    expired = IdempotencyKeys(keys.store, ttl_s=0.0)
    assert expired.once("u", "k", "f", run(b"{}")).body == b"{}"
    assert ran == [1, 1]
