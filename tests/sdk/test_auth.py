"""Token providers and the ways an SDK is given credentials."""

from __future__ import annotations

import asyncio
import base64
import json
from urllib.parse import parse_qs

import httpx
import pytest

from pasqal_sdk import (
    SDK,
    AuthenticationError,
    Endpoints,
    InvalidConfigurationError,
    PasswordTokenProvider,
    TokenProvider,
)
from pasqal_sdk._auth import jwt_expiry

from .conftest import PROJECT, Recorder, StaticTokens, batch_dict, envelope


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def fake_jwt(claims: dict) -> str:
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    return f"{part({'alg': 'none'})}.{part(claims)}.signature"


class CountingProvider(TokenProvider):
    def __init__(self, answer: dict, clock: Clock) -> None:
        super().__init__(clock=clock)
        self.answer = answer
        self.queries = 0

    def _query_token(self) -> dict:
        self.queries += 1
        return self.answer


def test_token_is_cached_until_a_minute_before_expiry():
    clock = Clock()
    provider = CountingProvider({"access_token": "t", "expires_in": 3600}, clock)
    provider.get_token()
    clock.now += 3600 - 61
    provider.get_token()
    assert provider.queries == 1
    clock.now += 2
    provider.get_token()
    assert provider.queries == 2


def test_jwt_exp_claim_is_used_when_expires_in_is_absent():
    clock = Clock()
    token = fake_jwt({"exp": clock.now + 120})
    provider = CountingProvider({"access_token": token}, clock)
    assert provider.get_token() == token
    clock.now += 30
    provider.get_token()
    assert provider.queries == 1
    clock.now += 31
    provider.get_token()
    assert provider.queries == 2


def test_jwt_expiry_of_a_non_jwt_is_unknown():
    assert jwt_expiry("opaque-token") is None
    assert jwt_expiry("a.!!!.c") is None


def test_a_provider_without_access_token_is_an_error():
    from pasqal_sdk import PasqalError

    with pytest.raises(PasqalError):
        CountingProvider({"expires_in": 10}, Clock()).get_token()


def test_async_token_uses_the_same_cache():
    clock = Clock()
    provider = CountingProvider({"access_token": "t", "expires_in": 3600}, clock)

    async def twice() -> list[str]:
        return [await provider.aget_token(), await provider.aget_token()]

    assert asyncio.run(twice()) == ["t", "t"]
    assert provider.queries == 1


def test_sdk_accepts_a_token_provider_class_or_instance():
    class NewTokenProvider(TokenProvider):
        def _query_token(self) -> dict:
            return {"access_token": "your-new-token", "expires_in": 86400}

    by_class = SDK(token_provider=NewTokenProvider, group_id=PROJECT)
    by_instance = SDK(token_provider=NewTokenProvider(), group_id=PROJECT)
    assert by_class.user_token() == by_instance.user_token() == "your-new-token"
    assert by_class.project_id == PROJECT


def test_group_id_is_an_alias_of_project_id():
    assert SDK(token_provider=StaticTokens(), group_id="g").project_id == "g"
    with pytest.raises(InvalidConfigurationError):
        SDK(token_provider=StaticTokens(), group_id="g", project_id="p")


def test_password_is_prompted_for_when_omitted(monkeypatch):
    prompts = []

    def fake_getpass(prompt: str) -> str:
        prompts.append(prompt)
        return "typed-secret"

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    sdk = SDK(username="me@example.com", group_id=PROJECT)
    assert prompts == ["Please, enter your password:"]
    provider = sdk._settings.token_provider
    assert isinstance(provider, PasswordTokenProvider)
    assert "typed-secret" not in repr(provider)
    assert "typed-secret" not in repr(sdk)


def token_service(status: int = 200):
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            if status != 200:
                return httpx.Response(status, json={"error": "invalid_grant"})
            return httpx.Response(
                200,
                json={"access_token": "fresh", "token_type": "Bearer", "expires_in": 86400},
            )
        return envelope(batch_dict("b1", jobs=[]))

    return Recorder(handle)


def test_password_grant_sends_the_auth0_form_and_uses_the_token(make_sdk):
    recorder = token_service()
    sdk = make_sdk(recorder, token_provider=None, username="me@example.com", password="pw")
    sdk.get_batch("b1")
    token_request, api_request = recorder.requests
    assert str(token_request.url) == "https://auth.test/oauth/token"
    form = {k: v[0] for k, v in parse_qs(token_request.content.decode()).items()}
    assert form == {
        "grant_type": "http://auth0.com/oauth/grant-type/password-realm",
        "client_id": "PeZvo7Atx7IVv3iel59asJSb4Ig7vuSB",
        "realm": "pcs-users",
        "username": "me@example.com",
        "password": "pw",
        "audience": "https://apis.pasqal.cloud/account/api/v1",
        "scope": "openid profile email",
    }
    assert "authorization" not in token_request.headers
    assert api_request.headers["authorization"] == "Bearer fresh"


@pytest.mark.parametrize("own_issuer", [False, True])
def test_a_provider_made_without_an_issuer_asks_the_sdks_one(make_sdk, own_issuer):
    from pasqal_sdk import Auth0Conf, ClientCredentialsTokenProvider

    recorder = token_service()
    mine = Auth0Conf(domain="https://mine.test") if own_issuer else None
    provider = ClientCredentialsTokenProvider("id", "secret", mine)
    make_sdk(recorder, token_provider=provider).get_batch("b1")
    expected = "https://mine.test" if own_issuer else "https://auth.test"
    assert str(recorder.requests[0].url) == expected + "/oauth/token"


def test_refused_credentials_raise_authentication_error_without_the_password(make_sdk):
    sdk = make_sdk(token_service(403), token_provider=None, username="me", password="s3cret")
    with pytest.raises(AuthenticationError) as caught:
        sdk.get_batch("b1")
    assert "s3cret" not in str(caught.value) + repr(caught.value)


def test_async_password_grant(make_async_sdk):
    recorder = token_service()

    async def scenario() -> str:
        async with make_async_sdk(
            recorder, token_provider=None, username="me", password="pw"
        ) as sdk:
            await sdk.get_batch("b1")
            return await sdk.user_token()

    assert asyncio.run(scenario()) == "fresh"
    assert recorder.paths()[0] == "POST /oauth/token"


def test_endpoints_reject_urls_without_scheme():
    with pytest.raises(InvalidConfigurationError):
        Endpoints(core="apis.pasqal.cloud/core-fast")
