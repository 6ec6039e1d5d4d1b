"""`AsyncSDK`: the entry point, composed of one part per resource.

Source of its sync twin (scripts/unasync.py): edit here, then `make generate`.
"""

from __future__ import annotations

from pasqal_sdk._async.batches import _AsyncBatches
from pasqal_sdk._async.jobs import _AsyncJobs
from pasqal_sdk._async.projects import _AsyncProjects
from pasqal_sdk._async.wait_all import _AsyncWaitAll
from pasqal_sdk._async.workloads import _AsyncWorkloads

__all__ = ["AsyncSDK"]


class AsyncSDK(_AsyncBatches, _AsyncJobs, _AsyncWorkloads, _AsyncWaitAll, _AsyncProjects):
    """The Pasqal Cloud client.

    Example:
        ```python
        async with AsyncSDK(username="me@example.com", password="...", project_id="...") as sdk:
            batch = await sdk.create_batch(sequence, [{"runs": 20, "variables": {"omega": 1.0}}],
                                           emulator=EmulatorType.EMU_FREE, wait=True)
            for job in batch.ordered_jobs:
                print(job.result)
        ```

    `group_id` is accepted as the original name of `project_id`; without a password the user is
    prompted for it. What the arguments leave out comes from the environment (`PASQAL_*`), then
    from `~/.pasqal/config` (its `[profile]` section when `profile=` is given), so that `SDK()`
    alone works on a configured machine. `sdk.core_client` and `sdk.account_client` are the
    generated clients, authenticated through this SDK's transport, for direct typed calls.
    """

    async def __aenter__(self) -> AsyncSDK:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
