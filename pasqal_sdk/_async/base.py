"""What every method of `AsyncSDK` stands on: its settings, its connection and the loop that
runs the flows of `_operations`.

Source of its sync twin (scripts/unasync.py): edit here, then `make generate`.
"""

from __future__ import annotations

import copy
import dataclasses
import time
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from pasqal_account_client import AuthenticatedClient as AccountClient
from pasqal_core_client import AuthenticatedClient as CoreClient

from pasqal_sdk._answers import calling, download_json, operation_name, reading, unwrap
from pasqal_sdk._auth import TokenProvider, _GrantTokenProvider
from pasqal_sdk._calls import Call, Download, Gather
from pasqal_sdk._endpoints import Auth0Conf, Endpoints, TokenProviderConf
from pasqal_sdk._errors import InvalidConfigurationError, PasqalError, surfaced
from pasqal_sdk._flow import Flow, Sleep, adrive
from pasqal_sdk._io import MAX_CONCURRENT, AsyncSemaphore, agather, asleep, aunlink_stream
from pasqal_sdk._raw import record
from pasqal_sdk._settings import Settings, positive
from pasqal_sdk._transport import AsyncPipelineTransport, RetryPolicy
from pasqal_sdk._waiting import PollingPolicy

if TYPE_CHECKING:
    from pasqal_sdk._raw_views import AsyncRawSDK

__all__ = ["_AsyncClientBase"]

T = TypeVar("T")
SDKT = TypeVar("SDKT", bound="_AsyncClientBase")


class _AsyncClientBase:
    """Settings, the generated clients, the project, and `_run` (a flow, performed)."""

    core_client: CoreClient
    account_client: AccountClient
    _inner: httpx.AsyncBaseTransport
    _transport: AsyncPipelineTransport
    _http: httpx.AsyncClient

    def __init__(
        self,
        username: str | None = None,
        password: str | None = None,
        *,
        project_id: str | None = None,
        group_id: str | None = None,
        token_provider: TokenProvider | type[TokenProvider] | None = None,
        endpoints: Endpoints | None = None,
        auth0: Auth0Conf | None = None,
        region: str | None = None,
        webhook: str | None = None,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        polling: PollingPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        profile: str | None = None,
        total_timeout: float | None = None,
        auth_config: TokenProviderConf | None = None,
    ) -> None:
        """Connect to Pasqal Cloud (nothing is sent until the first call; `check()` logs in).

        What the arguments leave out comes from the environment (`PASQAL_*`), then from
        `~/.pasqal/config`, so that `SDK()` alone works on a configured machine.

        Args:
            username: Your Pasqal Cloud username (an email), for the password grant.
            password: Its password; prompted for when a username comes without one.
            project_id: The project batches and workloads go to (None: the configured one;
                with none, set one later with `switch_to_project`).
            group_id: The original SDK's name of `project_id`.
            token_provider: A `TokenProvider` (an instance or a class) used instead of a
                username and password.
            endpoints: The Core and Account API URLs (default: the region's).
            auth0: The token issuer (default: the region's).
            auth_config: The original SDK's way to give the token issuer (instead of `auth0`).
            region: A name in `REGIONS` (default: the configured one, else `fr`).
            webhook: A URL the service calls when a batch this SDK creates finishes.
            timeout: Seconds to wait for each HTTP attempt (connect, send, read).
            total_timeout: Seconds a whole call may take, retries and backoff included
                (default: the retry policy's `max_total_s`, 60 s); each attempt's timeout is
                cut to the time left.
            retry: When to retry a failed request, and for how long (default `RetryPolicy()`).
            polling: How often `wait` polls (default `PollingPolicy()`).
            transport: An httpx transport to send requests through (a test double, a proxy):
                here an `httpx.AsyncBaseTransport`.
            profile: The `[profile]` section of `~/.pasqal/config` to read.

        Raises:
            InvalidConfigurationError: `project_id` and `group_id` disagree, `auth0` and
                `auth_config` are both given, a service account lacks its secret, or
                `token_provider` is not a `TokenProvider`.
        """
        if auth_config is not None:
            if auth0 is not None:
                raise InvalidConfigurationError("give auth0 or auth_config, not both")
            auth0 = auth_config.as_auth0()
        if total_timeout is not None:
            total = positive("total_timeout", total_timeout)
            retry = dataclasses.replace(retry or RetryPolicy(), max_total_s=total)
        self._settings = Settings(
            username, password, project_id, group_id, token_provider, endpoints, auth0,
            region, webhook, timeout, retry, polling, profile,
        )  # fmt: skip
        self._owns_pool = True
        self._downloads = AsyncSemaphore(MAX_CONCURRENT)
        inner = transport or httpx.AsyncHTTPTransport(verify=self._settings.verify)
        self._attach(inner, tokens=True)

    def _attach(self, inner: httpx.AsyncBaseTransport, *, tokens: bool) -> None:
        """Send through `inner` (the pooled transport); `tokens`: the token provider too."""
        s = self._settings
        self._inner = inner
        self._transport = AsyncPipelineTransport(inner, s.pipeline())

        auth = s.auth()

        def http(**kwargs: Any) -> httpx.AsyncClient:
            return httpx.AsyncClient(
                transport=self._transport,
                event_hooks={"response": [aunlink_stream]},
                **s.client_args(),
                **kwargs,
            )

        self.core_client = CoreClient(base_url=s.endpoints.core, token="")
        self.account_client = AccountClient(base_url=s.endpoints.account, token="")
        self.core_client.set_async_httpx_client(http(base_url=s.endpoints.core, auth=auth))
        self.account_client.set_async_httpx_client(http(base_url=s.endpoints.account, auth=auth))
        if tokens and isinstance(s.token_provider, _GrantTokenProvider):
            s.token_provider._bind(async_client=http(base_url=s.token_provider.token_base))
        self._http = http(auth=auth)

    def with_options(
        self: SDKT,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        total_timeout: float | None = None,
    ) -> SDKT:
        """A copy of this SDK with other limits for its calls, sharing this one's connection
        pool, token and settings (cheap: make one per call if need be), as openai-python's.

        Args:
            timeout: Seconds to wait for each HTTP attempt (connect, send, read).
            max_retries: Retries after the first try (0: none).
            total_timeout: Seconds a whole call may take, retries and backoff included.

        Raises:
            InvalidConfigurationError: A limit is not a positive number (`max_retries`: not a
                whole number from 0).

        Example: `await sdk.with_options(timeout=5, max_retries=0).get_batch(batch_id)`
        """
        settings = copy.copy(self._settings)
        policy = settings.retry
        if timeout is not None:
            settings.timeout = positive("timeout", timeout)
        if total_timeout is not None:
            total = positive("total_timeout", total_timeout)
            policy = dataclasses.replace(policy, max_total_s=total)
        if max_retries is not None:
            if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
                raise InvalidConfigurationError(
                    f"max_retries must be a whole number from 0, got {max_retries!r}"
                )
            policy = dataclasses.replace(policy, max_tries=max_retries + 1)
        settings.retry = policy
        clone = copy.copy(self)
        clone._settings = settings
        clone._owns_pool = False
        clone._attach(self._inner, tokens=False)
        clone._transport.config.sleep = self._transport.config.sleep
        return clone

    @property
    def with_raw_response(self) -> AsyncRawSDK:
        """This SDK's API methods, each returning a `RawResponse`: the usual result as
        `parsed`, beside the HTTP status, headers, time and request id of its answers.

        Example: `raw = await sdk.with_raw_response.get_batch(batch_id); print(raw.request_id)`
        """
        from pasqal_sdk._raw_views import AsyncRawSDK

        return AsyncRawSDK(self)  # type: ignore[arg-type]

    @property
    def project_id(self) -> str | None:
        """The project batches and workloads are created in (None until one is chosen).

        Setting it is not checked; `switch_to_project` checks the id against your projects.
        """
        return self._settings.project_id

    @project_id.setter
    def project_id(self, project_id: str | None) -> None:
        if project_id is not None and (not isinstance(project_id, str) or not project_id):
            raise InvalidConfigurationError("project_id must be a non-empty string or None")
        self._settings.project_id = project_id

    @property
    def polling(self) -> PollingPolicy:
        return self._settings.polling

    def __repr__(self) -> str:
        core = self._settings.endpoints.core
        return f"{type(self).__name__}(project_id={self.project_id!r}, core={core!r})"

    async def _perform(self, action: Any) -> Any:
        if isinstance(action, Call):
            client = self.account_client if action.op.service == "account" else self.core_client
            started = time.monotonic()
            with reading(), calling(action.op):
                response = await action.op.asyncio(client=client, **action.kwargs)
            record(operation_name(action.op), response, time.monotonic() - started)
            return unwrap(action.op, response)
        if isinstance(action, Gather):
            return await agather(self._run, action.flows)
        if isinstance(action, Download):
            async with self._downloads:
                return download_json(await self._http.get(action.url))
        if isinstance(action, Sleep):
            return await asleep(action.seconds)
        raise TypeError(f"unknown action {action!r}")

    async def _run(self, flow: Flow[T]) -> T:
        try:
            return await adrive(flow, self._perform)
        except PasqalError as error:  # the boundary: a traceback of the user's call, not ours
            raise surfaced(error) from None

    async def close(self) -> None:
        """Close the connection pool (a `with_options` copy leaves it to its original)."""
        if self._owns_pool:
            await self._transport.aclose()
