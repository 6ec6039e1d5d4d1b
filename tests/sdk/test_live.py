"""Every scenario against a real local cloud (jobs run on Pulser's emulator)."""

from __future__ import annotations

import asyncio

import pytest

from .scenarios import ASYNC_SCENARIOS, SCENARIOS


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_live(name, live_sdk, cloud):
    SCENARIOS[name](live_sdk, cloud.project_id)


@pytest.mark.parametrize("name", sorted(ASYNC_SCENARIOS))
def test_live_async(name, make_live_async_sdk, cloud):
    async def run() -> None:
        async with make_live_async_sdk() as sdk:
            await ASYNC_SCENARIOS[name](sdk, cloud.project_id)

    asyncio.run(run())
