"""The generated clients import cleanly and speak the documented wire format."""

from __future__ import annotations

import importlib
import json
import pkgutil
from urllib.parse import parse_qs

import httpx
import pytest
from pasqal_auth_client import Client
from pasqal_auth_client.api.auth import request_token
from pasqal_auth_client.models import GrantType, TokenFormRequest, TokenRequest, TokenResponse
from pasqal_core_client import AuthenticatedClient
from pasqal_core_client.api.batches import list_batches
from pasqal_core_client.models import BatchListResponse, BatchStatus, ErrorResponse

PACKAGES = ["pasqal_core_client", "pasqal_account_client", "pasqal_auth_client"]


@pytest.mark.parametrize("package", PACKAGES)
def test_every_generated_module_imports(package: str) -> None:
    root = importlib.import_module(package)
    names = [m.name for m in pkgutil.walk_packages(root.__path__, f"{package}.")]
    assert len(names) > 5
    for name in names:
        importlib.import_module(name)


TOKEN = {"access_token": "a.b.c", "expires_in": 86400, "token_type": "Bearer"}


def _token_server(seen: list[httpx.Request]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=TOKEN)

    return httpx.MockTransport(handler)


FIELDS = {
    "grant_type": GrantType.PASSWORD_REALM,
    "client_id": "client",
    "realm": "pcs-users",
    "username": "me@example.com",
    "password": "pw",
}


def test_token_request_form_body_is_url_encoded() -> None:
    seen: list[httpx.Request] = []
    client = Client(base_url="http://auth.test").set_httpx_client(
        httpx.Client(base_url="http://auth.test", transport=_token_server(seen))
    )
    answer = request_token.sync(client=client, body=TokenFormRequest(**FIELDS))
    assert isinstance(answer, TokenResponse)
    assert answer.access_token == TOKEN["access_token"]
    (request,) = seen
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    form = parse_qs(request.content.decode())
    assert form["grant_type"] == [GrantType.PASSWORD_REALM.value]
    assert form["username"] == ["me@example.com"]


def test_token_request_json_body_is_json() -> None:
    seen: list[httpx.Request] = []
    client = Client(base_url="http://auth.test").set_httpx_client(
        httpx.Client(base_url="http://auth.test", transport=_token_server(seen))
    )
    request_token.sync(client=client, body=TokenRequest(**FIELDS))
    (request,) = seen
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.content)["realm"] == "pcs-users"


def test_authenticated_list_sends_bearer_repeated_filters_and_parses_errors() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.params.get("offset") == "100":
            body = {"status": "fail", "message": "offset is past the end", "code": 400}
            return httpx.Response(400, json=body)
        body = {"status": "success", "message": "OK.", "code": 200, "data": []}
        return httpx.Response(200, json={**body, "pagination": {"end": 0, "total": 0}})

    client = AuthenticatedClient(
        base_url="http://core.test",
        token="tok",
        httpx_args={"transport": httpx.MockTransport(handler)},
    )
    page = list_batches.sync(client=client, status=[BatchStatus.DONE, BatchStatus.ERROR])
    assert isinstance(page, BatchListResponse)
    assert page.data == []
    request = seen[0]
    assert request.url.params.get_list("status") == ["DONE", "ERROR"]
    assert request.headers["authorization"] == "Bearer tok"
    error = list_batches.sync(client=client, offset=100)
    assert isinstance(error, ErrorResponse)
    assert error.message == "offset is past the end"
