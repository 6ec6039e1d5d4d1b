"""Workloads: `AsyncWorkload` and the workload methods of `AsyncSDK`.

Source of its sync twin (scripts/unasync.py): edit here, then `make generate`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pasqal_sdk import _operations as ops
from pasqal_sdk import _workload_flows as flows
from pasqal_sdk._async.base import _AsyncClientBase
from pasqal_sdk._resources import _WorkloadData

__all__ = ["AsyncWorkload"]


class AsyncWorkload(_WorkloadData):
    """A workload, as the SDK's methods return it (not built by hand).

    Attributes:
        id: The workload's id.
        status: Its status (`PENDING`, `RUNNING`, `DONE`, `ERROR`, `CANCELED`, ...).
        backend: The backend that runs it.
        workload_type: The kind of workload.
    """

    def __init__(self, sdk: _AsyncClientBase, state: ops.WorkloadState) -> None:
        self._sdk = sdk
        self._load(state)

    def _apply(self, state: ops.WorkloadState) -> AsyncWorkload:
        self._load(state)
        return self

    async def refresh(self) -> AsyncWorkload:
        """Fetch the workload again (and its result once DONE)."""
        return self._apply(await self._sdk._run(flows.get_workload_flow(self.id)))

    async def cancel(self) -> AsyncWorkload:
        """Cancel the workload."""
        return self._apply(await self._sdk._run(flows.cancel_workload_flow(self.id)))

    async def wait(self, timeout: float | None = None, progress: bool = False) -> AsyncWorkload:
        """Wait until the workload finishes; WaitTimeoutError after `timeout` seconds.

        Args:
            timeout: Seconds before WaitTimeoutError (None: no limit).
            progress: Show progress on stderr while waiting.
        """
        flow = flows.wait_workload_flow(
            self.id, timeout=timeout, progress=progress, policy=self._sdk.polling
        )
        return self._apply(await self._sdk._run(flow))


class _AsyncWorkloads(_AsyncClientBase):
    """The SDK's workload methods."""

    async def create_workload(
        self,
        workload_type: str,
        backend: str,
        config: Mapping[str, Any],
        wait: bool = False,
        timeout: float | None = None,
    ) -> AsyncWorkload:
        """Create a workload run by `backend`.

        Args:
            workload_type: The kind of workload, as `backend` names it.
            backend: The backend that runs it.
            config: Its configuration (a JSON-compatible dict).
            wait: Return once it has finished, with its result.
            timeout: With `wait`, seconds before WaitTimeoutError (None: no limit).
        """
        flow = flows.create_workload_flow(self._settings.project(), workload_type, backend, config)
        workload = AsyncWorkload(self, await self._run(flow))
        return await workload.wait(timeout=timeout) if wait else workload

    async def get_workload(
        self, id: str, wait: bool = False, timeout: float | None = None
    ) -> AsyncWorkload:
        """A workload, with its result once DONE.

        Args:
            id: The workload's id.
            wait: Return once it has finished.
            timeout: With `wait`, seconds before WaitTimeoutError (None: no limit).
        """
        workload = AsyncWorkload(self, await self._run(flows.get_workload_flow(id)))
        return await workload.wait(timeout=timeout) if wait else workload

    async def wait_for_workload(self, id: str, timeout: float | None = None) -> AsyncWorkload:
        """Wait until the workload finishes; the finished workload, with its result.

        Args:
            id: The workload's id.
            timeout: Seconds before WaitTimeoutError (None: no limit).
        """
        return await self.get_workload(id, wait=True, timeout=timeout)

    async def cancel_workload(self, id: str) -> AsyncWorkload:
        """Cancel a workload.

        Args:
            id: The workload's id.
        """
        return AsyncWorkload(self, await self._run(flows.cancel_workload_flow(id)))
