"""Errors are raised at the API boundary: a short traceback from the method the user called,
with what lies behind it kept on the error; `check()` fails at start-up."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import traceback
from typing import Any

import httpx
import pytest

from pasqal_sdk import AuthenticationError, ProjectNotFoundError

from .conftest import PROJECT, envelope

# The test's frame, the SDK method, and the boundary that raises: a handful, never dozens.
MAX_FRAMES = 6


def token_refused(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/oauth/token":
        return httpx.Response(403, json={"error": "invalid_grant", "error_description": "Wrong"})
    raise AssertionError(f"no API request without a token: {request.url}")


def logged_in(projects: list[str]) -> Any:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            return httpx.Response(200, json={"access_token": "t", "expires_in": 3600})
        assert request.headers["authorization"].startswith("Bearer ")
        return envelope([{"id": p, "name": f"project {p}"} for p in projects])

    return handle


def password_sdk_kwargs() -> dict[str, Any]:
    return {"token_provider": None, "username": "me@example.com", "password": "wrong"}


def test_a_wrong_password_raises_from_the_call_with_a_short_traceback(make_sdk: Any) -> None:
    sdk = make_sdk(token_refused, **password_sdk_kwargs())
    with pytest.raises(AuthenticationError) as caught:
        sdk.create_batch("{}", [{"runs": 1}], emulator="EMU_FREE")
    frames = traceback.extract_tb(caught.value.__traceback__)
    assert len(frames) <= MAX_FRAMES, traceback.format_list(frames)
    assert frames[1].name == "create_batch"
    assert not any("httpx" in f.filename or "_flow.py" in f.filename for f in frames)
    # the chain is not printed, and what lay behind it is kept
    assert caught.value.__suppress_context__
    assert caught.value.__cause__ is None
    inner = traceback.extract_tb(caught.value.sdk_traceback)
    assert any(f.filename.endswith("_auth.py") for f in inner)


def test_the_printed_traceback_of_a_wrong_password_is_a_few_lines() -> None:
    """What a user sees in a terminal: the clear line after a few frames (was ~73 lines)."""
    code = (
        "import httpx\n"
        "from pasqal_sdk import SDK, Endpoints\n"
        "def handle(request):\n"
        "    return httpx.Response(403, json={'error': 'invalid_grant'})\n"
        "sdk = SDK(username='me@example.com', password='wrong', project_id='p',\n"
        "          endpoints=Endpoints(core='https://core.test', account='https://acc.test'),\n"
        "          transport=httpx.MockTransport(handle))\n"
        "sdk.get_batch('b1')\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert lines[-1].startswith("pasqal_sdk")
    assert "AuthenticationError" in lines[-1]
    assert "invalid_grant" in lines[-1]
    assert len([line for line in lines if line.startswith("  File ")]) <= MAX_FRAMES, run.stderr
    assert "During handling" not in run.stderr
    assert "direct cause" not in run.stderr


def test_check_raises_the_auth_error_at_start_up(make_sdk: Any) -> None:
    sdk = make_sdk(token_refused, **password_sdk_kwargs())
    with pytest.raises(AuthenticationError):
        sdk.check()


def test_check_logs_in_and_checks_the_project(make_sdk: Any) -> None:
    sdk = make_sdk(logged_in([PROJECT]))
    assert sdk.check() is sdk
    elsewhere = make_sdk(logged_in(["someone-else"]))
    with pytest.raises(ProjectNotFoundError):
        elsewhere.check()


def test_async_check_raises_the_auth_error(make_async_sdk: Any) -> None:
    async def scenario() -> None:
        async with make_async_sdk(token_refused, **password_sdk_kwargs()) as sdk:
            await sdk.check()

    with pytest.raises(AuthenticationError) as caught:
        asyncio.run(scenario())
    assert caught.value.__cause__ is None


def test_async_check_returns_the_sdk(make_async_sdk: Any) -> None:
    async def scenario() -> bool:
        async with make_async_sdk(logged_in([PROJECT])) as sdk:
            return await sdk.check() is sdk

    assert asyncio.run(scenario())


def test_what_answers_teach_is_kept_per_sdk_and_shared_by_its_copies(make_sdk: Any) -> None:
    """Which servers answered, and which honour `Idempotency-Key`: per SDK, not per process."""
    honouring = {"Idempotency-Key-Support": "honoured"}

    def handle(request: httpx.Request) -> httpx.Response:
        answer = envelope([])
        answer.headers.update(honouring)
        return answer

    first, second = make_sdk(handle), make_sdk(handle)
    first.get_all_projects()
    learnt = first._settings.origins
    assert learnt.answered
    assert learnt.honour_keys == learnt.answered
    assert not second._settings.origins.answered
    assert first.with_options(timeout=5)._settings.origins is learnt
