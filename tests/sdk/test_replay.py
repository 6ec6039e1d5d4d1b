"""Every scenario replayed from cassettes: no server, no network.

`make cassettes` records them against a local cloud (PASQAL_SDK_CASSETTES=record); normal runs
replay (vcrpy record_mode "none": a request that was not recorded fails the test). Credentials
are filtered out when recording: the Authorization header, the token request's body and the
tokens in its answer.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any

import pytest
import vcr

from pasqal_sdk import SDK, AsyncSDK, Auth0Conf, Endpoints, PollingPolicy

from .scenarios import ASYNC_SCENARIOS, SCENARIOS

CASSETTES = Path(__file__).parent / "cassettes"
RECORDING = os.environ.get("PASQAL_SDK_CASSETTES") == "record"
REPLAY_URL = "http://127.0.0.1:4207"
# Written when recording: the recorded project's id, which replayed requests carry.
RECORDING_INFO = CASSETTES / "_recording.json"
SECRET_KEYS = ("access_token", "id_token", "refresh_token", "password")
REDACTED = "REDACTED"


def scrub_request(request: Any) -> Any:
    if request.path.endswith("/oauth/token"):
        request.body = REDACTED.encode()
    return request


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    body = response["body"]["string"]
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return response
    if isinstance(data, dict) and any(key in data for key in SECRET_KEYS):
        for key in SECRET_KEYS:
            if key in data:
                data[key] = REDACTED
        response["body"]["string"] = json.dumps(data).encode()
        response["headers"].pop("content-length", None)
    return response


RECORDER = vcr.VCR(
    cassette_library_dir=str(CASSETTES),
    record_mode="all" if RECORDING else "none",
    match_on=["method", "path", "query"],
    filter_headers=["authorization", "cookie", "set-cookie"],
    before_record_request=scrub_request,
    before_record_response=scrub_response,
    decode_compressed_response=True,
)


@pytest.fixture
def target(request: pytest.FixtureRequest) -> dict[str, Any]:
    """SDK arguments: the local cloud when recording, a placeholder address when replaying."""
    if RECORDING:
        cloud = request.getfixturevalue("cloud")
        url, project = cloud.url, cloud.project_id
        RECORDING_INFO.write_text(json.dumps({"project_id": project}) + "\n")
        username, password = cloud.username, cloud.password
        polling = PollingPolicy(initial_s=0.1, max_s=0.5)
    else:
        url, project = REPLAY_URL, json.loads(RECORDING_INFO.read_text())["project_id"]
        username, password = "replay@example.com", "not-a-secret"
        polling = PollingPolicy(initial_s=0.0, max_s=0.0, jitter=0.0)
    return {
        "username": username,
        "password": password,
        "project_id": project,
        "endpoints": Endpoints(core=f"{url}/core-fast", account=f"{url}/account"),
        "auth0": Auth0Conf(domain=url),
        "polling": polling,
    }


def project_of(target: dict[str, Any]) -> str:
    return str(target["project_id"])


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_replay(name, target):
    with RECORDER.use_cassette(f"{name}.yaml"), SDK(**target) as sdk:
        SCENARIOS[name](sdk, project_of(target))


@pytest.mark.parametrize("name", sorted(ASYNC_SCENARIOS))
def test_replay_async(name, target):
    async def run() -> None:
        async with AsyncSDK(**target) as sdk:
            await ASYNC_SCENARIOS[name](sdk, project_of(target))

    with RECORDER.use_cassette(f"{name}.yaml"):
        asyncio.run(run())


def test_cassettes_hold_no_credentials():
    for cassette in sorted(CASSETTES.glob("*.yaml")):
        text = cassette.read_text()
        assert "Bearer " not in text, cassette.name
        assert "authorization" not in text.lower(), cassette.name
        assert '"access_token": "REDACTED"' in text or "/oauth/token" not in text, cassette.name
