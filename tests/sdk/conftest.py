"""Fixtures: a fake service on httpx.MockTransport (unit tests), a local cloud (live tests)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from pasqal_sdk import SDK, AsyncSDK, Auth0Conf, Endpoints, RetryPolicy, TokenProvider
from pasqal_sdk._waiting import PollingPolicy

CORE = "https://core.test/core-fast"
ACCOUNT = "https://account.test/account"
PROJECT = "00000000-0000-0000-0000-0000000000aa"
FAST_POLLING = PollingPolicy(initial_s=0.0, max_s=0.0, jitter=0.0)


class StaticTokens(TokenProvider):
    """Hands out numbered tokens: token-1, token-2, ... (one per query)."""

    def __init__(self) -> None:
        super().__init__()
        self.queries = 0

    def _query_token(self) -> dict[str, Any]:
        self.queries += 1
        return {"access_token": f"token-{self.queries}", "expires_in": 3600}


def envelope(data: Any, status: int = 200, **extra: Any) -> httpx.Response:
    body = {"status": "success", "message": "OK.", "code": status, "data": data, **extra}
    return httpx.Response(status, json=body)


def error(status: int, message: str = "nope", **headers: str) -> httpx.Response:
    body = {"status": "fail" if status < 500 else "error", "message": message, "code": status}
    return httpx.Response(status, json=body, headers=headers)


def job_dict(job_id: str, batch_id: str, status: str = "PENDING", **extra: Any) -> dict[str, Any]:
    return {
        "id": job_id,
        "batch_id": batch_id,
        "project_id": PROJECT,
        "status": status,
        "runs": 10,
        "created_at": "2024-01-01T00:00:00",
        "updated_at": "2024-01-01T00:00:00",
        **extra,
    }


def batch_dict(batch_id: str, status: str = "PENDING", jobs: Any = None, **extra: Any) -> dict:
    data = {
        "id": batch_id,
        "project_id": PROJECT,
        "device_type": "EMU_FREE",
        "status": status,
        "open": False,
        "created_at": "2024-01-01T00:00:00",
        "updated_at": "2024-01-01T00:00:00",
        "sequence_builder": "{}",
        **extra,
    }
    if jobs is not None:
        data["jobs"] = jobs
    return data


class Recorder:
    """A MockTransport handler that answers from `handle` and keeps every request."""

    def __init__(self, handle: Callable[[httpx.Request], httpx.Response]) -> None:
        self.handle = handle
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        # A snapshot: the pipeline reuses the request object when it tries again.
        snapshot = httpx.Request(
            request.method, request.url, headers=request.headers.copy(), content=request.read()
        )
        self.requests.append(snapshot)
        return self.handle(request)

    def paths(self) -> list[str]:
        return [f"{r.method} {r.url.path}" for r in self.requests]

    def body(self, index: int) -> Any:
        request = self.requests[index]
        content = request.content
        if request.headers.get("content-encoding") == "gzip":
            content = gzip.decompress(content)
        return json.loads(content)


@pytest.fixture
def sleeps() -> list[float]:
    return []


def fake_service_kwargs(
    handle: Callable[[httpx.Request], httpx.Response], kwargs: dict[str, Any]
) -> dict[str, Any]:
    """SDK arguments for a fake service: fast retries and polling, static tokens by default."""
    kwargs.setdefault("token_provider", StaticTokens())
    kwargs.setdefault("project_id", PROJECT)
    kwargs.setdefault("retry", RetryPolicy(base_delay_s=0.01, max_delay_s=0.02))
    kwargs.setdefault("polling", FAST_POLLING)
    kwargs.setdefault("endpoints", Endpoints(core=CORE, account=ACCOUNT))
    kwargs.setdefault("auth0", Auth0Conf(domain="https://auth.test"))
    return {**kwargs, "transport": httpx.MockTransport(handle)}


@pytest.fixture
def make_sdk(sleeps: list[float]) -> Iterator[Callable[..., SDK]]:
    """SDK on a fake service: make_sdk(handler, **kwargs); retry sleeps go to `sleeps`."""
    made: list[SDK] = []

    def make(handle: Callable[[httpx.Request], httpx.Response], **kwargs: Any) -> SDK:
        sdk = SDK(**fake_service_kwargs(handle, kwargs))
        sdk._transport.config.sleep = sleeps.append
        made.append(sdk)
        return sdk

    yield make
    for sdk in made:
        sdk.close()


@pytest.fixture
def make_async_sdk(sleeps: list[float]) -> Callable[..., AsyncSDK]:
    """AsyncSDK on a fake service, like `make_sdk`."""

    async def record(seconds: float) -> None:
        sleeps.append(seconds)

    def make(handle: Callable[[httpx.Request], httpx.Response], **kwargs: Any) -> AsyncSDK:
        sdk = AsyncSDK(**fake_service_kwargs(handle, kwargs))
        sdk._transport.config.sleep = record
        return sdk

    return make


# --- live: a local cloud for the session -----------------------------------------------------

LIVE_POLLING = PollingPolicy(initial_s=0.1, factor=1.5, max_s=0.5)


@pytest.fixture(scope="session")
def cloud() -> Iterator[Any]:
    try:
        from pasqal_sdk.local.testing import LocalCloud
    except ImportError:  # pragma: no cover - the local cloud ships with this repository
        pytest.skip("pasqal_sdk.local.testing is not available")
    with LocalCloud() as running:
        yield running


def cloud_kwargs(cloud: Any) -> dict[str, Any]:
    """How the original usage reaches a local cloud."""
    return {
        "username": cloud.username,
        "password": cloud.password,
        "project_id": cloud.project_id,
        "endpoints": Endpoints(core=cloud.core_url, account=cloud.account_url),
        "auth0": Auth0Conf(domain=cloud.url),
        "polling": LIVE_POLLING,
    }


@pytest.fixture
def live_sdk(cloud: Any) -> Iterator[SDK]:
    with SDK(**cloud_kwargs(cloud)) as sdk:
        yield sdk


@pytest.fixture
def make_live_async_sdk(cloud: Any) -> Callable[[], AsyncSDK]:
    return lambda: AsyncSDK(**cloud_kwargs(cloud))
