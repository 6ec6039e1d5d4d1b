"""`AsyncSDK`: several batches in flight at once, awaited together (settings as `configured.py`)."""

from __future__ import annotations

import asyncio

from _sequence import two_atoms

from pasqal_sdk import AsyncSDK
from pasqal_sdk.device import EmulatorType


async def main() -> None:
    async with AsyncSDK() as sdk:
        sequence = two_atoms()
        batches = await asyncio.gather(
            *(
                sdk.create_batch(sequence, [{"runs": 50, "variables": {"area": area}}],
                                 emulator=EmulatorType.EMU_FREE)
                for area in (1.0, 2.0, 3.0)
            )
        )  # fmt: skip
        done = await asyncio.gather(*(batch.wait(timeout=300) for batch in batches))
        for batch in done:
            print(batch.id, batch.status, dict(batch.ordered_jobs[0].counts))


if __name__ == "__main__":
    asyncio.run(main())
