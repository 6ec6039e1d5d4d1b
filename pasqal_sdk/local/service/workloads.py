"""Workloads: create, read and cancel them."""

from __future__ import annotations

from typing import Any

from pasqal_core_client.models import (
    CreateWorkloadRequest,
    Workload,
    WorkloadConfig,
    WorkloadResponse,
    WorkloadStatus,
)
from starlette.responses import Response

from pasqal_sdk.local.service.answers import ApiError, not_found, ok
from pasqal_sdk.local.service.cloud import Caller, CloudService
from pasqal_sdk.local.service.operations import Call, Operation

__all__ = ["operations"]


def operations(cloud: CloudService) -> list[Operation]:
    """The operations of this resource, by their operationId in the documents."""

    def _workload_response(workload: dict[str, Any]) -> Response:
        return ok(
            WorkloadResponse,
            Workload(
                id=workload["id"],
                project_id=workload["project_id"],
                status=WorkloadStatus(workload["status"]),
                backend=workload["backend"],
                workload_type=workload["workload_type"],
                config=WorkloadConfig.from_dict(workload["config"]),
                result=None,
                result_link=None,
                errors=workload["errors"],
                created_at=workload["created_at"],
                updated_at=workload["updated_at"],
                start_timestamp=workload["start_timestamp"],
                end_timestamp=workload["end_timestamp"],
            ),
        )

    async def create_workload(call: Call) -> Response:
        caller = call.caller
        request_model = CreateWorkloadRequest.from_dict(call.body)
        if request_model.project_id not in caller.project_ids:
            raise ApiError(
                403,
                f"You are not a member of project {request_model.project_id}.",
                {"project_id": request_model.project_id},
            )
        workload_id = cloud.store.create_workload(
            project_id=request_model.project_id,
            user_id=caller.user_id,
            backend=request_model.backend,
            workload_type=request_model.workload_type,
            config=request_model.config.to_dict(),
            status="ERROR",
            errors=[
                f"The local cloud runs no workload backends: {request_model.backend!r} is not"
                " available here; submit batches instead."
            ],
        )
        workload = cloud.store.workload(workload_id, caller.project_ids)
        assert workload is not None
        return _workload_response(workload)

    def _own_workload(caller: Caller, workload_id: str) -> dict[str, Any]:
        workload = cloud.store.workload(workload_id, caller.project_ids)
        if workload is None:
            raise not_found("Workload", workload_id)
        return workload

    async def get_workload(call: Call) -> Response:
        caller = call.caller
        return _workload_response(_own_workload(caller, call.path["workload_id"]))

    async def cancel_workload(call: Call) -> Response:
        caller = call.caller
        workload_id = call.path["workload_id"]
        workload = _own_workload(caller, workload_id)
        if not cloud.store.cancel_workload(workload_id):
            raise ApiError(
                409, f"Workload {workload_id} is {workload['status']}: it cannot be cancelled."
            )
        return _workload_response(_own_workload(caller, workload_id))

    return [
        Operation("create_workload", create_workload),
        Operation("get_workload", get_workload),
        Operation("cancel_workload", cancel_workload),
    ]
