"""Project-less use, as the official client allows: anonymous public specs, listing projects and
switching to one (checked), and a clear typed error, before any request, where a project is due."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
import pytest

from pasqal_sdk import (
    SDK,
    AsyncSDK,
    InvalidConfigurationError,
    PasqalError,
    ProjectNotFoundError,
    ProjectRequiredError,
)

from .conftest import ACCOUNT, Recorder, envelope

MINE = "00000000-0000-0000-0000-00000000000a"
OTHER = "00000000-0000-0000-0000-00000000000b"


def projects_service() -> Recorder:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/projects"):
            return envelope([{"id": MINE, "name": "mine"}])
        if request.url.path.endswith("/public-specs"):
            return envelope([{"device_type": "FRESNEL", "specs": "{}"}])
        return envelope({})

    return Recorder(handle)


def test_switch_to_project_checks_the_id_against_your_projects(
    make_sdk: Callable[..., SDK],
) -> None:
    service = projects_service()
    sdk = make_sdk(service, project_id=None)
    assert sdk.project_id is None
    sdk.switch_to_project(MINE)
    assert sdk.project_id == MINE
    with pytest.raises(ProjectNotFoundError, match=OTHER) as caught:
        sdk.switch_to_project(OTHER)
    assert isinstance(caught.value, PasqalError)
    assert caught.value.project_id == OTHER
    assert MINE in str(caught.value)  # says which projects are yours
    assert sdk.project_id == MINE  # a refusal changes nothing
    assert [r.url.path for r in service.requests] == ["/account/api/v1/projects"] * 2
    assert str(service.requests[0].url).startswith(ACCOUNT)


def test_switch_to_project_async(make_async_sdk: Callable[..., AsyncSDK]) -> None:
    async def scenario() -> None:
        sdk = make_async_sdk(projects_service(), project_id=None)
        try:
            await sdk.switch_to_project(MINE)
            assert sdk.project_id == MINE
            with pytest.raises(ProjectNotFoundError):
                await sdk.switch_to_project(OTHER)
        finally:
            await sdk.close()

    asyncio.run(scenario())


def test_what_needs_a_project_says_how_to_choose_one_before_any_request(
    make_sdk: Callable[..., SDK],
) -> None:
    service = projects_service()
    sdk = make_sdk(service, project_id=None)
    for call in (
        lambda: sdk.create_batch("{}", [{"runs": 1}], emulator="EMU_FREE"),
        lambda: sdk.create_workload("type", "backend", {}),
    ):
        with pytest.raises(ProjectRequiredError) as caught:
            call()
        assert "switch_to_project" in str(caught.value)
        assert "PASQAL_PROJECT_ID" in str(caught.value)
    assert service.requests == []


def test_project_id_is_a_settable_property(make_sdk: Callable[..., SDK]) -> None:
    service = Recorder(lambda request: envelope({}))
    sdk = make_sdk(service, project_id=None)
    sdk.project_id = MINE
    assert sdk.project_id == MINE
    with pytest.raises(InvalidConfigurationError):
        sdk.project_id = ""  # type: ignore[assignment]
    sdk.project_id = None
    assert sdk.project_id is None


def test_arguments_after_username_and_password_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        SDK("me@example.com", "secret", "a-project")  # type: ignore[misc]


def test_an_anonymous_sdk_reads_public_device_specs(make_sdk: Callable[..., SDK]) -> None:
    service = projects_service()
    sdk = make_sdk(service, token_provider=None, project_id=None)
    assert sdk.get_public_device_specs() == {"FRESNEL": "{}"}
    assert "authorization" not in {key.lower() for key in service.requests[-1].headers}
    with pytest.raises(InvalidConfigurationError, match="no credentials"):
        sdk.user_token()
