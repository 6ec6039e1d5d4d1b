"""What the SDK's device and project methods do, written once as flows; `_async/projects.py`
and its sync twin run them."""

from __future__ import annotations

from pasqal_account_client.models import Project

from pasqal_sdk._calls import DEVICE_SPECS, LIST_PROJECTS, PUBLIC_DEVICE_SPECS, call
from pasqal_sdk._errors import InvalidConfigurationError, ProjectNotFoundError
from pasqal_sdk._flow import Flow

__all__ = [
    "check_project_flow",
    "device_specs_flow",
    "projects_flow",
    "public_device_specs_flow",
]


def device_specs_flow() -> Flow[dict[str, str]]:
    answer = yield from call(DEVICE_SPECS)
    return {k: str(v) for k, v in answer.data.additional_properties.items()}


def public_device_specs_flow() -> Flow[dict[str, str]]:
    answer = yield from call(PUBLIC_DEVICE_SPECS)
    return {spec.device_type: spec.specs for spec in answer.data}


def projects_flow() -> Flow[list[Project]]:
    answer = yield from call(LIST_PROJECTS)
    return list(answer.data)


def check_project_flow(project_id: str) -> Flow[str]:
    """`project_id` if it is one of the user's projects, else ProjectNotFoundError."""
    if not isinstance(project_id, str) or not project_id:
        raise InvalidConfigurationError("project_id must be a non-empty string")
    projects = yield from projects_flow()
    ids = [project.id for project in projects]
    if project_id not in ids:
        yours = ", ".join(f"{p.id} ({p.name})" for p in projects) or "none"
        raise ProjectNotFoundError(
            f"project {project_id!r} is not one of yours (yours: {yours});"
            " `pasqal-sdk projects` or sdk.get_all_projects() lists them",
            project_id=project_id,
        )
    return project_id
