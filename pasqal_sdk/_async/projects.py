"""Projects, devices and the token: those methods of `AsyncSDK`.

Source of its sync twin (scripts/unasync.py): edit here, then `make generate`.
"""

from __future__ import annotations

from typing import TypeVar

from pasqal_sdk import _project_flows as flows
from pasqal_sdk._async.base import _AsyncClientBase
from pasqal_sdk._resources import Project

__all__: list[str] = []

SDKT = TypeVar("SDKT", bound="_AsyncProjects")


class _AsyncProjects(_AsyncClientBase):
    """The SDK's project, device and token methods."""

    async def check(self: SDKT) -> SDKT:
        """Log in and make one cheap authenticated request (the list of your projects), so
        that wrong credentials, a project that isn't yours or an unreachable service fail now,
        at start-up, with their typed error, rather than at the first batch. Returns the SDK.

        Raises:
            AuthenticationError: The credentials were refused.
            ProjectNotFoundError: The SDK's project is not one of yours.
            APIConnectionError: The service could not be reached.
            InvalidConfigurationError: No credentials are configured.

        Example: `sdk = await AsyncSDK(username="me@example.com", password="...").check()`
        """
        self._settings.tokens()  # no credentials at all: say how to give them
        if self._settings.project_id:
            await self._run(flows.check_project_flow(self._settings.project_id))
        else:
            await self._run(flows.projects_flow())
        return self

    async def get_device_specs_dict(self) -> dict[str, str]:
        """Device type to its serialized Pulser device (`pulser.json.abstract_repr`)."""
        return await self._run(flows.device_specs_flow())

    async def get_public_device_specs(self) -> dict[str, str]:
        """The public devices' specs, by device type (no authentication needed)."""
        return await self._run(flows.public_device_specs_flow())

    async def get_all_projects(self) -> list[Project]:
        """The projects the user belongs to."""
        return [Project._from_model(p) for p in await self._run(flows.projects_flow())]

    async def switch_to_project(self, project_id: str) -> str:
        """Create batches and workloads in project `project_id` from now on.

        The id is checked against `get_all_projects()`: ProjectNotFoundError if it isn't yours.

        Args:
            project_id: One of your projects' ids (`get_all_projects()`).
        """
        self._settings.project_id = await self._run(flows.check_project_flow(project_id))
        return project_id

    async def user_token(self) -> str:
        """The current access token (refreshed when about to expire)."""
        return await self._settings.tokens().aget_token()
