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
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from pasqal_sdk.local import _emulators
from pasqal_sdk.local._cloud import LocalCloud, Router, ok_response
from pasqal_sdk.local._http import (
    query_list,
)

__all__ = ["routes"]


def routes(cloud: LocalCloud, router: Router) -> list[BaseRoute]:
    """The routes of this resource, checked against the documents by `router`."""
    route = router.route

    async def list_projects(request: Request) -> Response:
        caller = cloud.caller(request)
        wanted = query_list(request, "project_status")
        allowed = [name for name, spec in _emulators.devices().items() if spec.available]
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
        if wanted:
            projects = [p for p in projects if p.project_status in wanted]
        return ok_response(
            ProjectListResponse(
                status=AccountJSendStatus.SUCCESS, message="OK.", code=200, data=projects
            )
        )

    return [
        route("/api/v1/projects", "GET", list_projects, document="account.yaml"),
    ]
