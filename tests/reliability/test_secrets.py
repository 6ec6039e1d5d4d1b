"""No credential is ever written down: a whole flow at DEBUG level, with errors, leaves the
password and the tokens out of every log line (the SDK's, httpx's and the server's), exception
text, traceback and repr; the recorded cassettes hold none either."""

from __future__ import annotations

import logging
import re
import secrets
import traceback
import uuid
from pathlib import Path

import jwt
import pytest

from pasqal_sdk import SDK, PasqalError
from pasqal_sdk.device import EmuFreeConfig
from pasqal_sdk.local.http.server import DEFAULT_PASSWORD
from pasqal_sdk.local.testing import LocalCloud

from .conftest import sdk_kwargs

CASSETTES = Path(__file__).resolve().parents[1] / "sdk" / "cassettes"
JWT = re.compile(r"eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+")
JOB = {"runs": 5, "variables": {"amp": 1.0}}


def _failure_text(error: BaseException) -> list[str]:
    return [str(error), repr(error), "".join(traceback.format_exception(error))]


def test_a_full_flow_at_debug_level_leaks_no_password_or_token(
    cloud: LocalCloud, sequence: str, caplog: pytest.LogCaptureFixture
) -> None:
    email, password = "keeper@example.com", f"pw-{secrets.token_hex(12)}"
    wrong = f"{password}-wrong"
    project = cloud.add_user(email, password, project="secrets")
    texts: list[str] = []
    with caplog.at_level(logging.DEBUG):  # the root logger: the SDK's, httpx's, httpcore's
        kwargs = {**sdk_kwargs(cloud), "username": email, "project_id": project}
        with SDK(**{**kwargs, "password": password}) as sdk:
            batch = sdk.create_batch(
                sequence, [JOB], emulator="EMU_FREE", configuration=EmuFreeConfig(), wait=True
            )
            job = batch.ordered_jobs[0]
            assert job.result
            texts += [repr(sdk), str(sdk), repr(batch), repr(job), str(job.result)]
            texts += [repr(sdk._settings.token_provider), repr(sdk._settings)]
            with pytest.raises(PasqalError) as missing:
                sdk.get_batch(str(uuid.uuid4()))
            texts += _failure_text(missing.value)
            with pytest.raises(PasqalError) as bad_job:
                sdk.create_batch(sequence, [{"runs": -1}], emulator="EMU_FREE")
            texts += _failure_text(bad_job.value)
            token = sdk.user_token()
        with SDK(**{**kwargs, "password": wrong}) as refused, pytest.raises(PasqalError) as login:
            refused.get_batch(batch.id)
        texts += _failure_text(login.value)
    assert "'authorization': '***'" in caplog.text  # the DEBUG lines with headers were there
    texts += [caplog.text, cloud.log_file.read_text()]
    signature = token.rsplit(".", 1)[1]
    for text in texts:
        for secret in (password, wrong, token, signature):
            assert secret not in text
        assert "Bearer ey" not in text


def test_no_cassette_holds_a_credential() -> None:
    cassettes = sorted(CASSETTES.glob("*.yaml"))
    assert cassettes
    for path in cassettes:
        text = path.read_text()
        assert DEFAULT_PASSWORD not in text, path  # what they were recorded with
        assert not re.search(r"^\s*authorization:", text, re.MULTILINE | re.IGNORECASE), path
        assert not re.search(r"Bearer [\w-]", text), path
        for value in re.findall(r'"(?:access|id|refresh)_token"\s*:\s*"([^"]*)"', text):
            assert value == "REDACTED", path
        for found in JWT.findall(text):  # only results links' signed tokens, never a credential
            claims = jwt.decode(found, options={"verify_signature": False})
            assert claims["typ"] == "results", (path, claims)
