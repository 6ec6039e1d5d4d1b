"""Projects (the Account API): the caller's projects."""

from __future__ import annotations

from pasqal_account_client.models import JSendStatus as AccountJSendStatus
from pasqal_account_client.models import (
    Person,
    Project,
    ProjectCount,
    ProjectListResponse,
    ProjectStatus,
)
from starlette.responses import Response

from pasqal_sdk.local.service.answers import ok
from pasqal_sdk.local.service.cloud import CloudService
from pasqal_sdk.local.service.operations import Call, Operation
from pasqal_sdk.local.worker.devices import devices

__all__ = ["operations"]


def operations(cloud: CloudService) -> list[Operation]:
    """The operations of this resource, by their operationId in the documents."""

    async def list_projects(call: Call) -> Response:
        caller = call.caller
        allowed = [name for name, spec in devices().items() if spec.available]
        projects = [
            Project(
                id=p["id"],
                name=p["name"],
                project_id=p["id"],
                description="A project of the local cloud.",
                company="local",
                project_status=ProjectStatus.ACTIVE,
                project_type="LOCAL",
                package=None,
                queue_priority=p["queue_priority"],
                allowed_device_types=allowed,
                allowed_workload_types=[],
                additional_access_grants=[],
                count=ProjectCount.from_dict(p["counts"]),
                main_admin=Person(id=caller.user_id, email=caller.email),
                email_domain=None,
                last_activity_date=None,
            )
            for p in cloud.store.projects_of(caller.user_id)
        ]
        return ok(ProjectListResponse, projects, status=AccountJSendStatus.SUCCESS)

    return [
        Operation("list_projects", list_projects),
    ]
