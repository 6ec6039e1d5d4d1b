"""Jobs: `AsyncJob` and the job methods of `AsyncSDK`.

Source of its sync twin (scripts/unasync.py): edit here, then `make generate`.
"""

from __future__ import annotations

from pasqal_core_client.models import Job as JobModel
from pasqal_core_client.models import JobResult, JobStatus

from pasqal_sdk import _operations as ops
from pasqal_sdk._async.base import _AsyncClientBase
from pasqal_sdk._io import alazy
from pasqal_sdk._operations import JobFilters, PaginationParams
from pasqal_sdk._paging import AsyncPaged
from pasqal_sdk._resources import JobCancellation, _JobData
from pasqal_sdk._settings import pagination_of

__all__ = ["AsyncJob"]


class AsyncJob(_JobData):
    """A job, as the SDK and its batches give it (not built by hand).

    Besides the members below, it has every field of the service's job document.

    Attributes:
        id: The job's id.
        status: Its `JobStatus` (`PENDING`, `RUNNING`, `DONE`, `ERROR`, `CANCELED`, ...).
        runs: How many shots it asked for.
        batch_id: The batch it belongs to.
    """

    def __init__(
        self, sdk: _AsyncClientBase, model: JobModel, result: JobResult | None = None
    ) -> None:
        self._sdk = sdk
        super().__init__(model, result)

    def _apply(self, state: ops.JobState) -> AsyncJob:
        self._load(state.job, state.result)
        return self

    def _ensure_result(self) -> None:
        if self._missing_result():
            self._result = alazy(
                self._sdk._run,
                ops.job_result_flow(self.id),
                f"job {self.id} is DONE but its result is not loaded (it came from a listing):"
                " `await job.fetch_result()` loads it",
            )

    async def fetch_result(self) -> AsyncJob:
        """Load the result of a DONE job that came without it (from `get_jobs`)."""
        if self._missing_result():
            self._result = await self._sdk._run(ops.job_result_flow(self.id))
        return self

    async def refresh(self) -> AsyncJob:
        """Fetch the job again (and its result once DONE)."""
        return self._apply(await self._sdk._run(ops.get_job_flow(self.id)))

    async def cancel(self) -> AsyncJob:
        """Cancel the job."""
        return self._apply(await self._sdk._run(ops.cancel_job_flow(self.id)))

    async def wait(self, timeout: float | None = None, progress: bool = False) -> AsyncJob:
        """Wait until the job finishes; WaitTimeoutError after `timeout` seconds.

        Args:
            timeout: Seconds before WaitTimeoutError (None: no limit).
            progress: Show progress on stderr while waiting.
        """
        flow = ops.wait_job_flow(
            self.id, timeout=timeout, progress=progress, policy=self._sdk.polling
        )
        return self._apply(await self._sdk._run(flow))


class _AsyncJobs(_AsyncClientBase):
    """The SDK's job methods."""

    async def get_job(self, id: str, wait: bool = False, timeout: float | None = None) -> AsyncJob:
        """A job, with its result once DONE.

        Args:
            id: The job's id.
            wait: Return once the job has finished.
            timeout: With `wait`, seconds before WaitTimeoutError (None: no limit).
        """
        state = await self._run(ops.get_job_flow(id))
        job = AsyncJob(self, state.job, state.result)
        return await job.wait(timeout=timeout) if wait else job

    async def get_job_status(self, id: str) -> JobStatus:
        """The job's status alone (one small request).

        Args:
            id: The job's id.
        """
        return await self._run(ops.job_status_flow(id))

    def get_jobs(
        self,
        filters: JobFilters | None = None,
        pagination: PaginationParams | None = None,
        *,
        pagination_params: PaginationParams | None = None,
        newest_first: bool = False,
    ) -> AsyncPaged[AsyncJob]:
        """Every job of the SDK's project matching `filters`, fetched lazily a page at a time
        (`async for job in sdk.get_jobs(...)`).

        Without a project set, or with `project_id` filters, every project's jobs you can see.

        A listed DONE job's result is loaded by `await job.fetch_result()` (a blocking job also
        loads it on first access of `result`, `counts`, ...).

        Example: `failed = [j.id async for j in sdk.get_jobs(JobFilters(status=["ERROR"]))]`

        Args:
            filters: What to list (default: everything in the SDK's project).
            pagination: Where the listing starts, and the page size of each request.
            pagination_params: The original SDK's name of `pagination`.
            newest_first: List the newest jobs first (default: oldest first, as the service
                does).
        """
        page = pagination_of(pagination, pagination_params)
        filters = ops.scoped(filters, JobFilters, self._settings.project_id)
        return AsyncPaged(
            lambda offset: self._run(
                ops.jobs_page_flow(filters, offset, page.limit, newest_first=newest_first)
            ),
            lambda model: AsyncJob(self, model),
            page.offset,
        )

    async def cancel_job(self, id: str) -> AsyncJob:
        """Cancel a job.

        Args:
            id: The job's id.
        """
        return AsyncJob(self, (await self._run(ops.cancel_job_flow(id))).job)

    async def cancel_jobs(
        self, batch_id: str, filters: JobFilters | None = None
    ) -> JobCancellation:
        """Cancel the batch's jobs matching `filters`.

        Args:
            batch_id: The batch's id.
            filters: Which of its jobs (default: all of them).
        """
        jobs, errors = await self._run(ops.cancel_jobs_flow(batch_id, filters))
        return JobCancellation([AsyncJob(self, j) for j in jobs], errors)
