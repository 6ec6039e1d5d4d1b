"""Many at once: `as_completed` and `wait_all` of `AsyncSDK`.

Source of its sync twin (scripts/unasync.py): edit here, then `make generate`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any, overload

from pasqal_sdk import _operations as ops
from pasqal_sdk._async.base import _AsyncClientBase
from pasqal_sdk._async.batches import AsyncBatch
from pasqal_sdk._async.jobs import AsyncJob
from pasqal_sdk._io import asleep
from pasqal_sdk._multiwait import MultiWait, poll_flow, targets

__all__: list[str] = []


class _AsyncWaitAll(_AsyncClientBase):
    """The SDK's methods that wait for several batches (or jobs) together."""

    @overload
    def as_completed(
        self, items: Sequence[AsyncJob], *, timeout: float | None = None, progress: bool = False
    ) -> AsyncIterator[AsyncJob]: ...
    @overload
    def as_completed(
        self,
        items: Sequence[AsyncBatch | str],
        *,
        timeout: float | None = None,
        progress: bool = False,
    ) -> AsyncIterator[AsyncBatch]: ...
    def as_completed(
        self, items: Sequence[Any], *, timeout: float | None = None, progress: bool = False
    ) -> AsyncIterator[Any]:
        """Each batch (or job) as it finishes, with its results, in the order they finish.

        All unfinished ones are polled together, one listing request (per 100) a poll, paced
        by the estimated time left; each one's results are fetched once, when it finishes.
        The objects given are updated and yielded; ids give new batch objects.

        Args:
            items: Batches (or batch ids), or jobs.
            timeout: Seconds to wait in all (None: no limit); WaitTimeoutError then, whose
                `pending` maps each unfinished id to its last status. Nothing is changed.
            progress: Show one progress bar (jobs done over all of them) on stderr.

        Example:
            ```python
            async for batch in sdk.as_completed([batch1, batch2], timeout=600):
                print(batch.id, batch.status)
            ```
        """
        kind, ids, given = targets(items, AsyncBatch, AsyncJob)
        wait = MultiWait(kind, ids, timeout=timeout, policy=self.polling, progress=progress)
        return self._completions(wait, given)

    async def _completions(self, wait: MultiWait, given: dict[str, Any]) -> AsyncIterator[Any]:
        try:
            while wait.pending:
                for state in await self._run(poll_flow(wait)):
                    yield self._settled(state, given)
                if wait.pending:
                    await asleep(wait.next_sleep())
        finally:
            wait.close()

    def _settled(self, state: ops.BatchState | ops.JobState, given: dict[str, Any]) -> Any:
        if isinstance(state, ops.JobState):
            job = given.get(state.job.id)
            if job is not None:
                return job._apply(state)
            return AsyncJob(self, state.job, state.result)
        batch = given.get(state.batch.id)
        return batch._apply(state) if batch is not None else AsyncBatch(self, state)

    @overload
    async def wait_all(
        self, items: Sequence[AsyncJob], *, timeout: float | None = None, progress: bool = False
    ) -> list[AsyncJob]: ...
    @overload
    async def wait_all(
        self,
        items: Sequence[AsyncBatch | str],
        *,
        timeout: float | None = None,
        progress: bool = False,
    ) -> list[AsyncBatch]: ...
    async def wait_all(
        self, items: Sequence[Any], *, timeout: float | None = None, progress: bool = False
    ) -> list[Any]:
        """Wait until every batch (or job) has finished; they come back in the order given.

        As `as_completed`, with one listing request per poll for all of them.

        Args:
            items: Batches (or batch ids), or jobs.
            timeout: Seconds to wait in all (None: no limit); WaitTimeoutError then.
            progress: Show one progress bar on stderr.

        Example:
            ```python
            batches = [await sdk.create_batch(seq, jobs, emulator="EMU_FREE") for jobs in plans]
            for batch in await sdk.wait_all(batches, timeout=600):
                print(batch.id, [job.result for job in batch.ordered_jobs])
            ```
        """
        kind, ids, given = targets(items, AsyncBatch, AsyncJob)
        wait = MultiWait(kind, ids, timeout=timeout, policy=self.polling, progress=progress)
        done = {item.id: item async for item in self._completions(wait, given)}
        return [done[item_id] for item_id in ids]
