"""Token providers: where the bearer token of every API call comes from.

`TokenProvider` caches what `_query_token()` returns (an Auth0-style dict holding
`access_token` and, ideally, `expires_in`) until a minute before it expires; when `expires_in`
is absent, the JWT's `exp` claim is read without verifying the signature. Subclass it and define
`_query_token()` to bring your own tokens; `PasswordTokenProvider` asks the token endpoint with
the password-realm grant.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
from pasqal_auth_client import Client as AuthClient
from pasqal_auth_client.api.auth import request_token
from pasqal_auth_client.models import GrantType, TokenError, TokenFormRequest, TokenResponse
from pasqal_auth_client.types import Response

from pasqal_sdk._endpoints import Auth0Conf
from pasqal_sdk._errors import (
    AuthenticationError,
    InvalidConfigurationError,
    PasqalError,
    error_for_status,
)

__all__ = ["ExpiringTokenProvider", "PasswordTokenProvider", "TokenProvider"]

REFRESH_MARGIN_S = 60.0


def jwt_expiry(token: str) -> float | None:
    """The `exp` claim of a JWT (seconds since the epoch), read without verification."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload))
    except (binascii.Error, ValueError):
        return None
    exp = claims.get("exp") if isinstance(claims, dict) else None
    return float(exp) if isinstance(exp, (int, float)) and not isinstance(exp, bool) else None


class TokenProvider:
    """Gives the access token, cached until a minute before it expires.

    Subclass and define `_query_token()`::

        class MyTokens(TokenProvider):
            def _query_token(self) -> dict[str, Any]:
                return {"access_token": "...", "expires_in": 86400}

        sdk = SDK(token_provider=MyTokens, project_id="...")
    """

    def __init__(self, *, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._access_token: str | None = None
        self._expires_at: float | None = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(cached={self._access_token is not None})"

    def _query_token(self) -> dict[str, Any]:
        """A fresh Auth0-style token dict: `access_token`, optionally `expires_in`."""
        raise NotImplementedError(f"{type(self).__name__} must define _query_token()")

    async def _aquery_token(self) -> dict[str, Any]:
        """`_query_token` for async callers; runs it in a thread unless overridden."""
        return await asyncio.to_thread(self._query_token)

    def _needs_refresh(self) -> bool:
        if self._access_token is None:
            return True
        if self._expires_at is None:
            return False
        return self._clock() >= self._expires_at - REFRESH_MARGIN_S

    def _store(self, answer: dict[str, Any]) -> str:
        token = answer.get("access_token") if isinstance(answer, dict) else None
        if not isinstance(token, str) or not token:
            raise PasqalError("the token provider gave no access_token")
        expires_in = answer.get("expires_in")
        if isinstance(expires_in, (int, float)) and not isinstance(expires_in, bool):
            self._expires_at = self._clock() + float(expires_in)
        else:
            self._expires_at = jwt_expiry(token)
        self._access_token = token
        return token

    def get_token(self, *, force_refresh: bool = False) -> str:
        """The current access token, asking for a new one when it is about to expire."""
        with self._lock:
            if force_refresh or self._needs_refresh():
                return self._store(self._query_token())
            assert self._access_token is not None
            return self._access_token

    async def aget_token(self, *, force_refresh: bool = False) -> str:
        """`get_token` for async callers."""
        if force_refresh or self._needs_refresh():
            return self._store(await self._aquery_token())
        assert self._access_token is not None
        return self._access_token


ExpiringTokenProvider = TokenProvider
"""The official client's name for a caching provider; the same class here."""


class PasswordTokenProvider(TokenProvider):
    """Asks the token endpoint for a token with the password-realm grant.

    The SDK binds it to its own pooled HTTP clients; alone it makes its own.
    """

    def __init__(
        self,
        username: str,
        password: str,
        auth0: Auth0Conf | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(clock=clock)
        self.username = username
        self._password = password
        self.auth0 = auth0 or Auth0Conf()
        if self.auth0.token_path != "/oauth/token":
            raise InvalidConfigurationError(
                f"{self.auth0.token_url} is not an Auth0 token endpoint; the password grant only"
                " speaks Auth0: pass a token_provider for this region"
            )
        self._client = AuthClient(base_url=self.token_base)

    def __repr__(self) -> str:
        return f"PasswordTokenProvider(username={self.username!r}, password=***)"

    @property
    def token_base(self) -> str:
        """The base URL of the generated auth client (the token URL less `/oauth/token`)."""
        return self.auth0.token_url.removesuffix("/oauth/token")

    def _bind(
        self, client: httpx.Client | None = None, async_client: httpx.AsyncClient | None = None
    ) -> None:
        """Send token requests through these clients (their base URL is the token domain)."""
        if client is not None:
            self._client.set_httpx_client(client)
        if async_client is not None:
            self._client.set_async_httpx_client(async_client)

    def _request(self) -> TokenFormRequest:
        return TokenFormRequest(
            grant_type=GrantType.PASSWORD_REALM,
            client_id=self.auth0.public_client_id,
            realm=self.auth0.realm,
            username=self.username,
            password=self._password,
            audience=self.auth0.audience,
            scope="openid profile email",
        )

    def _query_token(self) -> dict[str, Any]:
        return _token_dict(request_token.sync_detailed(client=self._client, body=self._request()))

    async def _aquery_token(self) -> dict[str, Any]:
        answer = await request_token.asyncio_detailed(client=self._client, body=self._request())
        return _token_dict(answer)


def _token_dict(answer: Response[TokenError | TokenResponse]) -> dict[str, Any]:
    parsed = answer.parsed
    if isinstance(parsed, TokenResponse):
        return parsed.to_dict()
    status = int(answer.status_code)
    if isinstance(parsed, TokenError):
        message = f"token request refused: {parsed.error}"
        if isinstance(parsed.error_description, str):
            message += f" ({parsed.error_description})"
    else:
        message = "token request failed"
    if status in (400, 403):
        # Auth0 answers a wrong password with 403 invalid_grant.
        raise AuthenticationError(message, status_code=status)
    raise error_for_status(status, message)
