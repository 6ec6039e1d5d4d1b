"""Token providers: where the bearer token of every API call comes from.

`TokenProvider` caches what `_query_token()` returns (an Auth0-style dict holding
`access_token` and, ideally, `expires_in`) until a minute before it expires; when `expires_in`
is absent, the JWT's `exp` claim is read without verifying the signature. Subclass it and define
`_query_token()` to bring your own tokens. `PasswordTokenProvider` asks the token endpoint with
the password-realm grant, `ClientCredentialsTokenProvider` with a service account's client id and
secret; `StaticTokenProvider` hands out a token obtained elsewhere (`pasqal-sdk login`, a config
file, `PASQAL_AUTH_TOKEN`).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import dataclasses
import json
import threading
import time
import weakref
from collections.abc import AsyncGenerator, Callable, Generator
from typing import Any

import httpx
from pasqal_auth_client import Client as AuthClient
from pasqal_auth_client.api.auth import request_token
from pasqal_auth_client.models import GrantType, TokenFormRequest

from pasqal_sdk._answers import reading, token_answer
from pasqal_sdk._endpoints import Auth0Conf
from pasqal_sdk._errors import (
    AuthenticationError,
    InvalidConfigurationError,
    PasqalError,
)

__all__ = [
    "ClientCredentialsTokenProvider",
    "ExpiringTokenProvider",
    "PasswordTokenProvider",
    "StaticTokenProvider",
    "TokenProvider",
]

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


_STATE_LOCK = threading.Lock()


def _seconds(value: Any) -> float | None:
    """`expires_in` as seconds: a number, or a string of one (as some token endpoints send)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        return float(value)
    except ValueError:
        return None


class TokenProvider:
    """Gives the access token, cached until a minute before it expires.

    Subclass and define `_query_token()` (cached, refreshed before it expires):

    ```python
    class MyTokens(TokenProvider):
        def _query_token(self) -> dict[str, Any]:
            return {"access_token": "...", "expires_in": 86400}

    sdk = SDK(token_provider=MyTokens, project_id="...")
    ```

    The original SDK's pattern works too: a subclass that defines only `get_token()` (and
    need not call `super().__init__()`) is asked for a token on every request; `AsyncSDK` calls
    it in a worker thread:

    ```python
    class MyProvider(TokenProvider):
        def get_token(self) -> str:
            return "..."
    ```

    Args:
        clock: The time source for expiry (seconds since the epoch; tests pass a fake one).
    """

    def __init__(self, *, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        # One asyncio lock per event loop (a lock is bound to the loop it first waits in).
        self._async_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )
        self._access_token: str | None = None
        self._expires_at: float | None = None

    def __repr__(self) -> str:
        cached = getattr(self, "_access_token", None) is not None
        return f"{type(self).__name__}(cached={cached})"

    def _ensure_state(self) -> None:
        """The cache, for a subclass whose `__init__` did not call this class's (as the original
        SDK's TokenProvider never needed)."""
        if "_lock" not in self.__dict__:
            with _STATE_LOCK:
                if "_lock" not in self.__dict__:
                    TokenProvider.__init__(self)

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
        expires_in = _seconds(answer.get("expires_in"))
        if expires_in is not None:
            self._expires_at = self._clock() + expires_in
        else:
            self._expires_at = jwt_expiry(token)
        self._access_token = token
        return token

    def get_token(self, *, force_refresh: bool = False) -> str:
        """The current access token, asking for a new one when it is about to expire.

        Args:
            force_refresh: Ask for a new token even if the cached one is still valid.
        """
        self._ensure_state()
        with self._lock:
            if force_refresh or self._needs_refresh():
                return self._store(self._query_token())
            assert self._access_token is not None
            return self._access_token

    async def aget_token(self, *, force_refresh: bool = False) -> str:
        """`get_token` for async callers; concurrent callers share one token request.

        A subclass that defines only `get_token()` (the original SDK's pattern) has it called
        in a worker thread.

        Args:
            force_refresh: Ask for a new token even if the cached one is still valid.
        """
        if _defines_get_token(self):
            return await asyncio.to_thread(self.get_token)
        self._ensure_state()
        if force_refresh or self._needs_refresh():
            loop = asyncio.get_running_loop()
            lock = self._async_locks.setdefault(loop, asyncio.Lock())
            stale = self._access_token
            async with lock:
                # Another caller may have renewed the token while this one waited.
                renewed = self._access_token is not None and self._access_token != stale
                if not renewed and (force_refresh or self._needs_refresh()):
                    return self._store(await self._aquery_token())
        assert self._access_token is not None
        return self._access_token


ExpiringTokenProvider = TokenProvider
"""The official client's name for a caching provider; the same class here."""


def _defines_get_token(provider: TokenProvider) -> bool:
    """Whether `provider`'s class defines its own `get_token()` (the original SDK's pattern)."""
    return type(provider).get_token is not TokenProvider.get_token


def current_token(provider: TokenProvider, *, refresh: bool) -> str:
    """The provider's token for a request; a fresh one when `refresh` (after a 401), unless
    the provider is one that defines its own `get_token()`, which takes no argument."""
    if _defines_get_token(provider):
        return provider.get_token()
    return provider.get_token(force_refresh=refresh)


class StaticTokenProvider(TokenProvider):
    """Hands out one token obtained elsewhere; it expires when its JWT `exp` claim says.

    Args:
        token: The access token.
        clock: The time source for expiry (tests pass a fake one).

    Raises:
        InvalidConfigurationError: `token` is empty.

    Example:
        ```python
        SDK(token_provider=StaticTokenProvider(os.environ["MY_TOKEN"]), project_id="...")
        ```
    """

    def __init__(self, token: str, *, clock: Callable[[], float] = time.time) -> None:
        super().__init__(clock=clock)
        if not token:
            raise InvalidConfigurationError("StaticTokenProvider needs a non-empty token")
        self._token = token

    def __repr__(self) -> str:
        return "StaticTokenProvider(token=***)"

    def _query_token(self) -> dict[str, Any]:
        expiry = jwt_expiry(self._token)
        if expiry is not None and expiry <= self._clock():
            raise AuthenticationError(
                "the configured token has expired: log in again", status_code=401
            )
        return {"access_token": self._token}


class _GrantTokenProvider(TokenProvider):
    """Asks an OAuth 2.0 token endpoint for tokens through the generated auth client.

    The SDK binds it to its own pooled HTTP clients; alone it makes its own.
    """

    def __init__(self, auth0: Auth0Conf | None, clock: Callable[[], float]) -> None:
        super().__init__(clock=clock)
        if auth0 is not None:
            self._check_issuer(auth0)
        self._issuer_given = auth0 is not None
        self.auth0 = auth0 or Auth0Conf()
        self._client = AuthClient(base_url=self.token_base)

    def _check_issuer(self, auth0: Auth0Conf) -> None:
        """InvalidConfigurationError when this grant can't be asked of `auth0`."""

    def _adopt_issuer(self, auth0: Auth0Conf) -> None:
        """Take the SDK's issuer (`auth0=`, `PASQAL_AUTH_ENDPOINT`, region) unless one was given
        here: a provider made without `auth0` asks the issuer the SDK is configured with."""
        if self._issuer_given or auth0 == self.auth0:
            return
        self._check_issuer(auth0)
        self.auth0 = auth0
        self._client = AuthClient(base_url=self.token_base)

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
        raise NotImplementedError

    def _query_token(self) -> dict[str, Any]:
        with reading():
            answer = request_token.sync_detailed(client=self._client, body=self._request())
        return token_answer(answer)

    async def _aquery_token(self) -> dict[str, Any]:
        with reading():
            answer = await request_token.asyncio_detailed(client=self._client, body=self._request())
        return token_answer(answer)


class PasswordTokenProvider(_GrantTokenProvider):
    """Asks the token endpoint for a token with the password-realm grant.

    Args:
        username: Your Pasqal Cloud username (an email).
        password: Its password.
        auth0: The token issuer (default: Pasqal Cloud's, `Auth0Conf()`).
        clock: The time source for expiry (tests pass a fake one).

    Raises:
        InvalidConfigurationError: `auth0` is not an Auth0 token endpoint.
    """

    def __init__(
        self,
        username: str,
        password: str,
        auth0: Auth0Conf | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(auth0, clock)
        self.username = username
        self._password = password

    def _check_issuer(self, auth0: Auth0Conf) -> None:
        if auth0.token_path != "/oauth/token":
            raise InvalidConfigurationError(
                f"{auth0.token_url} is not an Auth0 token endpoint; the password grant only"
                " speaks Auth0: pass a token_provider for this region"
            )

    def __repr__(self) -> str:
        return f"PasswordTokenProvider(username={self.username!r}, password=***)"

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


class ClientCredentialsTokenProvider(_GrantTokenProvider):
    """A service account's tokens: its client id and secret, through the client-credentials grant.

    The SDK builds one by itself when the configuration holds `client_id` and `client_secret`.

    Args:
        client_id: The service account's client id.
        client_secret: Its secret.
        auth0: The token issuer (default: Pasqal Cloud's, `Auth0Conf()`).
        clock: The time source for expiry (tests pass a fake one).

    Example:
        ```python
        tokens = ClientCredentialsTokenProvider("ci-bot.1a2b@...", "s3cret")
        sdk = SDK(token_provider=tokens, project_id="...")
        ```
    """

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        auth0: Auth0Conf | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(auth0, clock)
        self.client_id = client_id
        self._client_secret = client_secret

    def __repr__(self) -> str:
        return f"ClientCredentialsTokenProvider(client_id={self.client_id!r}, client_secret=***)"

    def _request(self) -> TokenFormRequest:
        return TokenFormRequest(
            grant_type=GrantType.CLIENT_CREDENTIALS,
            client_id=self.client_id,
            client_secret=self._client_secret,
            audience=self.auth0.audience,
        )


@dataclasses.dataclass(frozen=True)
class _NeedToken:
    """What `BearerAuth._flow` yields for a token (a fresh one when `refresh`)."""

    refresh: bool


class BearerAuth(httpx.Auth):
    """The token on every request to the SDK's APIs, as an httpx auth flow: the bearer is
    added, and on a 401 the token is refreshed once and the request sent once more.

    One flow (`_flow`) serves the blocking and the async clients; only how a token is got
    differs (`get_token` or `aget_token`). Requests to other URLs (the token endpoint, a
    results link elsewhere) go without it.
    """

    def __init__(self, provider: TokenProvider, prefixes: tuple[str, ...]) -> None:
        self.provider = provider
        self.prefixes = prefixes

    def _flow(self, request: httpx.Request) -> Generator[Any, Any, None]:
        if not str(request.url).startswith(self.prefixes):
            yield request
            return
        request.headers["Authorization"] = f"Bearer {(yield _NeedToken(refresh=False))}"
        response: httpx.Response = yield request
        if response.status_code == 401:
            request.headers["Authorization"] = f"Bearer {(yield _NeedToken(refresh=True))}"
            yield request

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        flow = self._flow(request)
        outcome: Any = None
        while True:
            try:
                step = flow.send(outcome)
            except StopIteration:
                return
            if isinstance(step, _NeedToken):
                outcome = current_token(self.provider, refresh=step.refresh)
            else:
                outcome = yield step

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        flow = self._flow(request)
        outcome: Any = None
        while True:
            try:
                step = flow.send(outcome)
            except StopIteration:
                return
            if isinstance(step, _NeedToken):
                outcome = await self.provider.aget_token(force_refresh=step.refresh)
            else:
                outcome = yield step
