"""What the SDK's workload methods do, written once as flows (as `_operations` for batches and
jobs); `_async/workloads.py` and its sync twin run them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pasqal_core_client.models import CreateWorkloadRequest, CreateWorkloadRequestConfig
from pasqal_core_client.types import Unset

from pasqal_sdk._calls import CANCEL_WORKLOAD, CREATE_WORKLOAD, GET_WORKLOAD, Download, call
from pasqal_sdk._flow import Flow
from pasqal_sdk._operations import JOB_FINAL, WorkloadState, finished, item_progress
from pasqal_sdk._waiting import PollingPolicy, wait_flow

__all__ = [
    "cancel_workload_flow",
    "create_workload_flow",
    "get_workload_flow",
    "wait_workload_flow",
]


def create_workload_flow(
    project_id: str, workload_type: str, backend: str, config: Mapping[str, Any]
) -> Flow[WorkloadState]:
    body = CreateWorkloadRequest(
        workload_type=workload_type,
        backend=backend,
        config=CreateWorkloadRequestConfig.from_dict(dict(config)),
        project_id=project_id,
    )
    answer = yield from call(CREATE_WORKLOAD, body=body)
    return WorkloadState(answer.data, None)


def get_workload_flow(workload_id: str, *, fetch_result: bool = True) -> Flow[WorkloadState]:
    answer = yield from call(GET_WORKLOAD, workload_id=workload_id)
    workload = answer.data
    result: dict[str, Any] | None = None
    if workload.result is not None and not isinstance(workload.result, Unset):
        result = workload.result.to_dict()
    elif fetch_result and isinstance(workload.result_link, str) and str(workload.status) == "DONE":
        document = yield Download(workload.result_link)
        result = document if isinstance(document, dict) else {"result": document}
    return WorkloadState(workload, result)


def wait_workload_flow(
    workload_id: str, *, timeout: float | None, progress: bool, policy: PollingPolicy
) -> Flow[WorkloadState]:
    yield from wait_flow(
        lambda: get_workload_flow(workload_id, fetch_result=False),
        is_done=lambda s: finished("workload", s.workload.id, s.workload.status, JOB_FINAL),
        describe=lambda s: ("workload", s.workload.id, str(s.workload.status)),
        timeout=timeout,
        policy=policy,
        progress=lambda s: item_progress(s.workload.status),
        show_progress=progress,
    )
    return (yield from get_workload_flow(workload_id))


def cancel_workload_flow(workload_id: str) -> Flow[WorkloadState]:
    answer = yield from call(CANCEL_WORKLOAD, workload_id=workload_id)
    return WorkloadState(answer.data, None)
