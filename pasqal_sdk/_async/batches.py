"""Batches: `AsyncBatch` and the batch methods of `AsyncSDK`.

Source of its sync twin (scripts/unasync.py): edit here, then `make generate`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pasqal_core_client.models import BatchStatus, JobResult
from pasqal_core_client.models import Job as JobModel

from pasqal_sdk import _operations as ops
from pasqal_sdk._async.base import _AsyncClientBase
from pasqal_sdk._async.jobs import AsyncJob
from pasqal_sdk._io import alazy
from pasqal_sdk._operations import BatchFilters, JobFilters, PaginationParams
from pasqal_sdk._paging import AsyncPaged
from pasqal_sdk._resources import BatchCancellation, _BatchData, _JobData, _retried
from pasqal_sdk._settings import JobInput, device_type_asked, pagination_of
from pasqal_sdk._validation import JobSpec, SequenceLike
from pasqal_sdk.device import BaseConfig, DeviceType, EmulatorType

__all__ = ["AsyncBatch"]


class AsyncBatch(_BatchData[AsyncJob]):
    """A batch, as the SDK's methods return it (not built by hand).

    Besides the members below, it has every field of the service's batch document.

    Attributes:
        id: The batch's id.
        status: Its `BatchStatus` (`PENDING`, `RUNNING`, `DONE`, `ERROR`, `CANCELED`, ...).
        device_type: The device it runs on.
        project_id: The project it belongs to.
        tags: Its tags.
        created_at: When it was created (ISO 8601).

    Example:
        ```python
        batch = await sdk.create_batch(seq, [{"runs": 20}], emulator=EmulatorType.EMU_FREE)
        await batch.wait(timeout=60, progress=True)
        for job in batch.ordered_jobs:
            print(job.result)
        ```
    """

    def __init__(self, sdk: _AsyncClientBase, state: ops.BatchState) -> None:
        self._sdk = sdk
        self._ordered = []
        self._load(state)

    def _ensure_jobs(self) -> None:
        if not self._jobs_loaded:
            self._apply(
                alazy(
                    self._sdk._run,
                    ops.get_batch_flow(self.id, fetch_results=False),
                    f"the jobs of batch {self.id} are not loaded (it came from a listing):"
                    " `await batch.fetch_jobs()` loads them",
                )
            )

    async def fetch_jobs(self) -> AsyncBatch:
        """Load the jobs of a batch that came without them (from `get_batches`)."""
        if not self._jobs_loaded:
            self._apply(await self._sdk._run(ops.get_batch_flow(self.id, fetch_results=False)))
        return self

    def _new_job(self, model: JobModel, result: JobResult | None) -> AsyncJob:
        return AsyncJob(self._sdk, model, result)

    def _apply(self, state: ops.BatchState) -> AsyncBatch:
        self._load(state)
        return self

    async def refresh(self) -> AsyncBatch:
        """Fetch the batch and its jobs again (one request, plus new results)."""
        return self._apply(await self._sdk._run(ops.get_batch_flow(self.id)))

    async def wait(self, timeout: float | None = None, progress: bool = False) -> AsyncBatch:
        """Wait until the batch finishes, then fetch its results concurrently.

        Args:
            timeout: Seconds before WaitTimeoutError (None: no limit); the batch is left as it is.
            progress: Show the jobs' progress on stderr while waiting.

        An open batch finishes only once it is closed: waiting for one warns (OpenBatchWarning)
        and, given no `timeout`, gives up after `PollingPolicy.open_batch_timeout_s`.

        Raises:
            WaitTimeoutError: The batch did not finish within `timeout`.
        """
        flow = self._finish_flow(timeout, progress, self._sdk.polling)
        return self._apply(await self._sdk._run(flow))

    async def cancel(self) -> AsyncBatch:
        """Cancel the batch and its unfinished jobs."""
        return self._apply(await self._sdk._run(ops.cancel_batch_flow(self.id)))

    async def close(
        self, wait: bool = False, timeout: float | None = None, fetch_results: bool = False
    ) -> AsyncBatch:
        """Declare the open batch complete: it accepts no more jobs.

        Args:
            wait: Return once the batch has finished, with its results.
            timeout: With `wait`, seconds before WaitTimeoutError (None: no limit).
            fetch_results: The original SDK's name of `wait`.
        """
        self._apply(await self._sdk._run(ops.close_batch_flow(self.id)))
        return await self.wait(timeout=timeout) if wait or fetch_results else self

    async def declare_complete(self, wait: bool = False, fetch_results: bool = False) -> AsyncBatch:
        """The original SDK's name of `close`.

        Args:
            wait: Return once the batch has finished, with its results.
            fetch_results: The original SDK's name of `wait`.
        """
        return await self.close(wait=wait, fetch_results=fetch_results)

    async def add_jobs(
        self, jobs: Sequence[Mapping[str, Any] | JobSpec], wait: bool = False
    ) -> AsyncBatch:
        """Add jobs to the open batch (checked against its sequence first).

        Args:
            jobs: Dicts with `runs` and `variables`, or `JobSpec`s, as in `create_batch`.
            wait: Return once every job of the batch has finished (the batch may stay open),
                with their results.

        Example:
            ```python
            batch = await sdk.create_batch(seq, [{"runs": 20}], emulator="EMU_FREE", open=True)
            await batch.add_jobs([{"runs": 50}], wait=True)  # both jobs finished
            await batch.close()
            ```
        """
        self._apply(await self._sdk._run(ops.add_jobs_flow(self.id, jobs, self._declared())))
        if not wait:
            return self
        return self._apply(await self._sdk._run(self._jobs_flow(self._sdk.polling)))

    async def retry(self, job: _JobData, wait: bool = False) -> AsyncBatch:
        """Run `job` again in this open batch: a new job with its runs and variables.

        Args:
            job: A job of any batch, whose runs, variables (and own sequence) are copied.
            wait: Return once every job of the batch has finished (the batch may stay open).
        """
        return await self.add_jobs([_retried(job)], wait=wait)

    async def set_tags(self, tags: Sequence[str]) -> AsyncBatch:
        """Replace the batch's tags.

        Args:
            tags: Its new tags (replacing the old ones).
        """
        return self._apply(await self._sdk._run(ops.set_batch_tags_flow(self.id, tags)))


class _AsyncBatches(_AsyncClientBase):
    """The SDK's batch methods."""

    async def create_batch(
        self,
        serialized_sequence: SequenceLike,
        jobs: JobInput,
        emulator: EmulatorType | str | None = None,
        configuration: BaseConfig | Mapping[str, Any] | None = None,
        wait: bool = False,
        fetch_results: bool = False,
        *,
        device_type: DeviceType | EmulatorType | str | None = None,
        open: bool = False,
        backend_configuration: str | None = None,
        tags: Sequence[str] | None = None,
        timeout: float | None = None,
        progress: bool = False,
    ) -> AsyncBatch:
        """Create a batch of jobs on a device (a Pulser Sequence or its serialized form).

        Jobs are checked first (runs, variables). `wait=True` returns once the batch finished,
        with results; `open=True` keeps the batch open for `add_jobs` until `close_batch`.

        Args:
            serialized_sequence: A `pulser.Sequence`, or its serialized abstract representation
                (a JSON string).
            jobs: Dicts with `runs` (shots) and, for a parametrized sequence, `variables`; or
                `JobSpec`s.
            emulator: The emulator to run on (`EmulatorType.EMU_FREE`, ...); None sends the
                batch to the QPU the sequence's device names.
            configuration: The emulator's configuration (`EmuFreeConfig`, `EmuTNConfig`, or a
                dict); it needs `emulator`.
            wait: Return once the batch has finished, with its results (with `open`, once its
                jobs have finished: the batch stays open).
            fetch_results: The original SDK's name of `wait`.
            device_type: Any device type, emulator or QPU (instead of `emulator`).
            open: Keep the batch open for `add_jobs` until it is closed.
            backend_configuration: A serialized Pulser backend configuration, sent as is.
            tags: Labels to find the batch by later (`BatchFilters(tag=...)`).
            timeout: With `wait`, seconds before WaitTimeoutError (None: no limit).
            progress: With `wait`, show the jobs' progress on stderr.

        Returns:
            The new batch (finished, with its results, with `wait`).

        Raises:
            InvalidJobError: A job's runs or variables do not fit the sequence.
            ProjectRequiredError: No project is set.
            WaitTimeoutError: With `wait`, the batch did not finish within `timeout`.
        """
        flow = ops.create_batch_flow(
            self._settings.project(), serialized_sequence, jobs,
            device_type=device_type_asked(device_type, emulator, configuration),
            configuration=configuration, backend_configuration=backend_configuration,
            open=open, tags=tags, webhook=self._settings.webhook,
        )  # fmt: skip
        batch = AsyncBatch(self, await self._run(flow))
        if not (wait or fetch_results):
            return batch
        if open:  # as the original SDK: until the jobs given here have finished
            return batch._apply(await self._run(batch._jobs_flow(self.polling, timeout, progress)))
        return await batch.wait(timeout=timeout, progress=progress)

    async def get_batch(self, id: str, fetch_results: bool = True) -> AsyncBatch:
        """The batch with all its jobs (one request) and the results of its finished jobs.

        Args:
            id: The batch's id.
            fetch_results: Also download the results of its finished jobs.

        Example: `counts = [job.result for job in (await sdk.get_batch(batch_id)).ordered_jobs]`
        """
        flow = ops.get_batch_flow(id, fetch_results=fetch_results)
        return AsyncBatch(self, await self._run(flow))

    def get_batches(
        self,
        filters: BatchFilters | None = None,
        pagination: PaginationParams | None = None,
        *,
        pagination_params: PaginationParams | None = None,
    ) -> AsyncPaged[AsyncBatch]:
        """Every batch of the SDK's project matching `filters`, fetched lazily a page at a time
        (`async for batch in sdk.get_batches(...)`).

        Without a project set, or with `project_id` filters, every project's batches you can see.

        A listed batch loads its jobs with `await batch.fetch_jobs()` (a blocking batch also on
        first access of `jobs`/`ordered_jobs`). The listing also has the original SDK's
        `.results` (the first page), `.total` and `.offset`.

        Example: `async for b in sdk.get_batches(BatchFilters(status=["DONE"])): ...`

        Args:
            filters: What to list (default: everything in the SDK's project).
            pagination: Where the listing starts, and the page size of each request.
            pagination_params: The original SDK's name of `pagination`.
        """
        page = pagination_of(pagination, pagination_params)
        filters = ops.scoped(filters, BatchFilters, self._settings.project_id)
        return AsyncPaged(
            lambda offset: self._run(ops.batches_page_flow(filters, offset, page.limit)),
            lambda model: AsyncBatch(self, ops.BatchState(model, {})),
            page.offset,
        )

    async def add_jobs(self, batch_id: str, jobs: JobInput, wait: bool = False) -> AsyncBatch:
        """Add jobs to an open batch.

        Args:
            batch_id: The open batch's id.
            jobs: Dicts with `runs` and `variables`, or `JobSpec`s, as in `create_batch`.
            wait: Return once every job of the batch has finished (the batch may stay open).
        """
        batch = AsyncBatch(self, await self._run(ops.add_jobs_flow(batch_id, jobs, None)))
        return batch._apply(await self._run(batch._jobs_flow(self.polling))) if wait else batch

    async def close_batch(
        self, batch_id: str, wait: bool = False, fetch_results: bool = False
    ) -> AsyncBatch:
        """Close an open batch: it accepts no more jobs (`wait` until it finishes).

        Args:
            batch_id: The open batch's id.
            wait: Return once the batch has finished, with its results.
            fetch_results: The original SDK's name of `wait`.
        """
        batch = AsyncBatch(self, await self._run(ops.close_batch_flow(batch_id)))
        return await batch.wait() if wait or fetch_results else batch

    async def complete_batch(self, batch_id: str, wait: bool = False) -> AsyncBatch:
        """The original SDK's name of `close_batch`.

        Args:
            batch_id: The open batch's id.
            wait: Return once the batch has finished, with its results.
        """
        return await self.close_batch(batch_id, wait=wait)

    async def get_batch_status(self, id: str) -> BatchStatus:
        """The batch's status alone (one small request).

        Args:
            id: The batch's id.

        Example: `if await sdk.get_batch_status(batch_id) == "DONE": ...`
        """
        return (await self._run(ops.batch_status_flow(id))).status

    async def cancel_batch(self, id: str) -> AsyncBatch:
        """Cancel a batch.

        Args:
            id: The batch's id.
        """
        return AsyncBatch(self, await self._run(ops.cancel_batch_flow(id)))

    async def cancel_batches(self, batch_ids: Sequence[str]) -> BatchCancellation:
        """Cancel several batches; those that could not be are in `.errors`.

        Args:
            batch_ids: The batches' ids.

        Example: `outcome = await sdk.cancel_batches([a.id, b.id]); print(outcome.errors)`
        """
        batches, errors = await self._run(ops.cancel_batches_flow(batch_ids))
        return BatchCancellation([AsyncBatch(self, ops.BatchState(b, {})) for b in batches], errors)

    async def rebatch(self, id: str, filters: JobFilters | None = None) -> AsyncBatch:
        """A new batch with copies of the batch's jobs matching `filters`.

        Args:
            id: The batch's id.
            filters: Which of its jobs to copy (default: all of them).

        Example: `await sdk.rebatch(batch.id, JobFilters(status=["ERROR"]))` reruns the failed
        jobs.
        """
        return AsyncBatch(self, await self._run(ops.rebatch_flow(id, filters)))

    async def set_batch_tags(self, batch_id: str, tags: Sequence[str]) -> AsyncBatch:
        """Replace the batch's tags.

        Args:
            batch_id: The batch's id.
            tags: Its new tags (replacing the old ones).
        """
        return AsyncBatch(self, await self._run(ops.set_batch_tags_flow(batch_id, tags)))
