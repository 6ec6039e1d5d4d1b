"""Concurrent async callers share one token request (no stampede on the token endpoint)."""

from __future__ import annotations

import asyncio
from typing import Any

from pasqal_sdk import TokenProvider


class CountingProvider(TokenProvider):
    def __init__(self) -> None:
        super().__init__()
        self.queries = 0

    def _query_token(self) -> dict[str, Any]:
        raise AssertionError("the async path must be used")

    async def _aquery_token(self) -> dict[str, Any]:
        self.queries += 1
        await asyncio.sleep(0.05)  # the request is in flight while the others ask
        return {"access_token": f"token-{self.queries}", "expires_in": 3600}


def test_concurrent_callers_share_one_token_request() -> None:
    provider = CountingProvider()

    async def scenario() -> list[str]:
        return list(await asyncio.gather(*(provider.aget_token() for _ in range(20))))

    tokens = asyncio.run(scenario())
    assert provider.queries == 1
    assert set(tokens) == {"token-1"}


def test_forced_refreshes_at_once_renew_the_token_once() -> None:
    provider = CountingProvider()

    async def scenario() -> list[str]:
        await provider.aget_token()
        return list(
            await asyncio.gather(*(provider.aget_token(force_refresh=True) for _ in range(5)))
        )

    tokens = asyncio.run(scenario())
    assert provider.queries == 2
    assert set(tokens) == {"token-2"}


def test_the_provider_works_across_event_loops() -> None:
    provider = CountingProvider()
    assert asyncio.run(provider.aget_token()) == "token-1"
    assert asyncio.run(provider.aget_token(force_refresh=True)) == "token-2"
