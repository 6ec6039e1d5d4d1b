"""`SDK` and `AsyncSDK`: the entry points.

Both hold the same configuration (`_Settings`) and run the same flows from `_operations`; `SDK`
performs their actions with a pooled `httpx.Client`, `AsyncSDK` with an `httpx.AsyncClient`.
"""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import functools
import getpass
import os
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

import httpx
from pasqal_account_client import AuthenticatedClient as AccountClient
from pasqal_core_client import AuthenticatedClient as CoreClient
from pasqal_core_client.models import BatchStatus, JobStatus

from pasqal_sdk import _operations as ops
from pasqal_sdk._auth import (
    ClientCredentialsTokenProvider,
    PasswordTokenProvider,
    StaticTokenProvider,
    TokenProvider,
    _GrantTokenProvider,
)
from pasqal_sdk._config import Config, config_path, load_config
from pasqal_sdk._endpoints import Auth0Conf, Endpoints, TokenProviderConf, served_at
from pasqal_sdk._endpoints import region as find_region
from pasqal_sdk._errors import (
    InvalidConfigurationError,
    ProjectRequiredError,
    error_for_status,
)
from pasqal_sdk._flow import Flow, Sleep, adrive, drive
from pasqal_sdk._multiwait import MultiWait, poll_flow, targets
from pasqal_sdk._operations import (
    BatchFilters,
    Call,
    Download,
    Gather,
    JobFilters,
    PaginationParams,
)
from pasqal_sdk._paging import AsyncPaged, Paged
from pasqal_sdk._raw import record
from pasqal_sdk._resources import (
    AsyncBatch,
    AsyncJob,
    AsyncWorkload,
    Batch,
    BatchCancellation,
    Job,
    JobCancellation,
    Project,
    Workload,
)
from pasqal_sdk._transport import (
    USER_AGENT,
    AsyncPipelineTransport,
    PipelineConfig,
    PipelineTransport,
    RetryPolicy,
)
from pasqal_sdk._validation import JobSpec, SequenceLike
from pasqal_sdk._waiting import PollingPolicy
from pasqal_sdk._wire import reading, unexpected_response
from pasqal_sdk.device import BaseConfig, DeviceType, EmulatorType

if TYPE_CHECKING:
    from pasqal_sdk._raw_views import AsyncRawSDK, RawSDK

__all__ = ["SDK", "AsyncSDK"]

T = TypeVar("T")
MAX_CONCURRENT_DOWNLOADS = 8
PASSWORD_PROMPT = "Please, enter your password:"
SKIP_SSL_VERIFY_ENV = "PASQAL_SKIP_SSL_VERIFY"
JobInput = Sequence[Mapping[str, Any] | JobSpec]


class _Settings:
    """What both SDKs are configured with; resolves regions, credentials and the project.

    Explicit arguments win; what they leave out comes from `load_config(profile)`: the
    environment, then `~/.pasqal/config`.
    """

    def __init__(
        self,
        username: str | None,
        password: str | None,
        project_id: str | None,
        group_id: str | None,
        token_provider: TokenProvider | type[TokenProvider] | None,
        endpoints: Endpoints | None,
        auth0: Auth0Conf | None,
        region: str | None,
        webhook: str | None,
        timeout: float,
        retry: RetryPolicy | None,
        polling: PollingPolicy | None,
        profile: str | None = None,
    ) -> None:
        if project_id and group_id and project_id != group_id:
            raise InvalidConfigurationError("project_id and group_id (its alias) disagree")
        config = load_config(profile)
        # None until `switch_to_project`: listing projects and public specs need none.
        self.project_id: str | None = project_id or group_id or config.project_id or None
        if config.url and not (region or config.region):
            defaults = served_at(config.url)
        else:
            defaults = find_region(region or config.region or "fr")
        self.endpoints = endpoints or Endpoints(
            core=config.core_endpoint or defaults.endpoints.core,
            account=config.account_endpoint or defaults.endpoints.account,
        )
        self.auth0 = auth0 or _configured_auth0(defaults.auth0, config.auth_endpoint)
        self.webhook = webhook
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.polling = polling or PollingPolicy()
        if isinstance(token_provider, type):
            token_provider = token_provider()
        if token_provider is None:
            token_provider = self._configured_provider(username, password, config)
        elif not isinstance(token_provider, TokenProvider):
            raise InvalidConfigurationError(
                "token_provider must be a TokenProvider (class or instance)"
            )
        if isinstance(token_provider, _GrantTokenProvider):
            token_provider._adopt_issuer(self.auth0)
        self.token_provider: TokenProvider | None = token_provider

    def project(self) -> str:
        """The current project, or the typed error saying how to choose one (no request made)."""
        if not self.project_id:
            raise ProjectRequiredError(
                "this needs a project and none is set: call sdk.switch_to_project(project_id)"
                " (sdk.get_all_projects() lists yours), pass project_id=..., or set"
                f" PASQAL_PROJECT_ID (or `project_id=` in {config_path()})"
            )
        return self.project_id

    def tokens(self) -> TokenProvider:
        """The token provider, or the typed error saying how to log in."""
        if self.token_provider is None:
            raise InvalidConfigurationError(
                "no credentials: give username (and password) or a token_provider, set"
                f" PASQAL_USERNAME/PASQAL_PASSWORD, or configure {config_path()}"
            )
        return self.token_provider

    def _configured_provider(
        self, username: str | None, password: str | None, config: Config
    ) -> TokenProvider | None:
        """An explicit username first; then a token, a service account, a username (config).

        None when nothing is configured: the SDK is then anonymous (public device specs).
        """
        if username is None:
            if config.token:
                return StaticTokenProvider(config.token)
            if config.client_id or config.client_secret:
                if not (config.client_id and config.client_secret):
                    raise InvalidConfigurationError(
                        "a service account needs both client_id and client_secret"
                    )
                return ClientCredentialsTokenProvider(
                    config.client_id, config.client_secret, self.auth0
                )
            username = config.username
            if password is None:
                password = config.password
        elif password is None and username == config.username:
            password = config.password
        if not username:
            return None
        if password is None:
            password = getpass.getpass(PASSWORD_PROMPT)
        return PasswordTokenProvider(username, password, self.auth0)

    def pipeline(self) -> PipelineConfig:
        return PipelineConfig(
            token_provider=self.token_provider,
            authorized_prefixes=(self.endpoints.core + "/", self.endpoints.account + "/"),
            safe_post_urls=(self.token_url,),
            policy=self.retry,
        )

    @property
    def token_url(self) -> str:
        """Where the token provider asks for tokens (its own Auth0 configuration wins)."""
        provider = self.token_provider
        auth0 = provider.auth0 if isinstance(provider, _GrantTokenProvider) else self.auth0
        return auth0.token_url

    @property
    def verify(self) -> bool:
        """False when PASQAL_SKIP_SSL_VERIFY is set: certificates are then not checked."""
        return os.environ.get(SKIP_SSL_VERIFY_ENV, "").lower() in ("", "0", "false", "no")

    def client_args(self) -> dict[str, Any]:
        return {"timeout": self.timeout, "headers": {"User-Agent": USER_AGENT}}


def _positive(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise InvalidConfigurationError(
            f"{name} must be a positive number of seconds, got {value!r}"
        )
    return float(value)


def _configured_auth0(default: Auth0Conf, auth_endpoint: str | None) -> Auth0Conf:
    """The region's issuer, moved to `auth_endpoint` (a domain, a URL, or the token URL)."""
    if not auth_endpoint:
        return default
    domain = auth_endpoint.rstrip("/").removesuffix(default.token_path)
    return dataclasses.replace(default, domain=domain)


def _download_json(response: httpx.Response) -> Any:
    """The decoded JSON behind a results link, or the typed error for its answer."""
    status = response.status_code
    try:
        body = response.json()
    except (ValueError, RecursionError) as exc:  # not JSON, not UTF-8, or nested too deeply
        if status >= 400:
            raise error_for_status(status, f"results download failed (HTTP {status})") from None
        raise unexpected_response("results download", status, f"not JSON ({exc})") from None
    if status >= 400:
        message = body.get("message") if isinstance(body, dict) else None
        raise error_for_status(status, str(message or "results download failed"))
    return body


def _create_args(
    device_type: DeviceType | EmulatorType | str | None,
    emulator: EmulatorType | str | None,
    configuration: BaseConfig | Mapping[str, Any] | None,
) -> DeviceType | EmulatorType | str | None:
    """The device type asked for; None sends the batch to the QPU its sequence names."""
    if emulator is not None and device_type is not None and str(emulator) != str(device_type):
        raise InvalidConfigurationError("give emulator or device_type, not both")
    if configuration is not None and emulator is None and device_type is None:
        raise InvalidConfigurationError(
            "a configuration needs an emulator: pass emulator=EmulatorType.EMU_FREE (or another)"
        )
    return emulator or device_type or None


def _pagination(
    pagination: PaginationParams | None, pagination_params: PaginationParams | None
) -> PaginationParams:
    """`pagination`, or the original SDK's name for it."""
    if pagination is not None and pagination_params is not None:
        raise InvalidConfigurationError(
            "give pagination or pagination_params (its alias), not both"
        )
    return pagination or pagination_params or PaginationParams()


TransportT = TypeVar("TransportT")
SDKT = TypeVar("SDKT", bound="_SDKBase[Any]")


class _SDKBase(Generic[TransportT]):
    """What SDK and AsyncSDK share: settings, the generated clients, the project."""

    core_client: CoreClient
    account_client: AccountClient
    _inner: TransportT
    _transport: PipelineTransport | AsyncPipelineTransport

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
        transport: TransportT | None = None,
        profile: str | None = None,
        total_timeout: float | None = None,
        auth_config: TokenProviderConf | None = None,
    ) -> None:
        """Connect to Pasqal Cloud (nothing is sent until the first call).

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
                an `httpx.BaseTransport` for `SDK`, an `httpx.AsyncBaseTransport` for `AsyncSDK`.
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
            total = _positive("total_timeout", total_timeout)
            retry = dataclasses.replace(retry or RetryPolicy(), max_total_s=total)
        self._settings = _Settings(
            username, password, project_id, group_id, token_provider, endpoints, auth0,
            region, webhook, timeout, retry, polling, profile,
        )  # fmt: skip
        self._owns_pool = True
        self._connect(transport)

    def _connect(self, transport: TransportT | None) -> None:
        raise NotImplementedError

    def _attach(self, inner: TransportT, *, tokens: bool) -> None:
        """Send through `inner` (the pooled transport); `tokens`: the token provider too."""
        raise NotImplementedError

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

        Example: `sdk.with_options(timeout=5, max_retries=0).get_batch(batch_id)`
        """
        settings = copy.copy(self._settings)
        policy = settings.retry
        if timeout is not None:
            settings.timeout = _positive("timeout", timeout)
        if total_timeout is not None:
            total = _positive("total_timeout", total_timeout)
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

    def _wire(self, make_http: Callable[..., Any], *, asynchronous: bool, tokens: bool) -> Any:
        """Point the generated clients (and the token provider) at pooled httpx clients."""
        s = self._settings
        self.core_client = CoreClient(base_url=s.endpoints.core, token="")
        self.account_client = AccountClient(base_url=s.endpoints.account, token="")
        for client, url in (
            (self.core_client, s.endpoints.core),
            (self.account_client, s.endpoints.account),
        ):
            setter = client.set_async_httpx_client if asynchronous else client.set_httpx_client
            setter(make_http(base_url=url))
        if tokens and isinstance(s.token_provider, _GrantTokenProvider):
            key = "async_client" if asynchronous else "client"
            s.token_provider._bind(**{key: make_http(base_url=s.token_provider.token_base)})
        return make_http()

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


class SDK(_SDKBase[httpx.BaseTransport]):
    """The Pasqal Cloud client (blocking).

    Example:
        ```python
        sdk = SDK(username="me@example.com", password="...", project_id="...")
        batch = sdk.create_batch(sequence, [{"runs": 20, "variables": {"omega": 1.0}}],
                                 emulator=EmulatorType.EMU_FREE, wait=True)
        for job in batch.ordered_jobs:
            print(job.result)
        ```

    `group_id` is accepted as the original name of `project_id`; without a password the user is
    prompted for it. What the arguments leave out comes from the environment (`PASQAL_*`), then
    from `~/.pasqal/config` (its `[profile]` section when `profile=` is given), so that `SDK()`
    alone works on a configured machine. `sdk.core_client` and `sdk.account_client` are the
    generated clients, authenticated through this SDK's transport, for direct typed calls.
    """

    _transport: PipelineTransport

    def _connect(self, transport: httpx.BaseTransport | None) -> None:
        self._attach(transport or httpx.HTTPTransport(verify=self._settings.verify), tokens=True)

    def _attach(self, inner: httpx.BaseTransport, *, tokens: bool) -> None:
        s = self._settings
        self._inner = inner
        self._transport = PipelineTransport(inner, s.pipeline())
        self._http: httpx.Client = self._wire(
            functools.partial(httpx.Client, transport=self._transport, **s.client_args()),
            asynchronous=False,
            tokens=tokens,
        )

    @property
    def with_raw_response(self) -> RawSDK:
        """This SDK's API methods, each returning a `RawResponse`: the usual result as
        `parsed`, beside the HTTP status, headers, time and request id of its answers.

        Example: `raw = sdk.with_raw_response.get_batch(batch_id); print(raw.request_id)`
        """
        from pasqal_sdk._raw_views import RawSDK

        return RawSDK(self)

    def _perform(self, action: Any) -> Any:
        if isinstance(action, Call):
            client = self.account_client if action.op.service == "account" else self.core_client
            started = time.monotonic()
            with reading(), ops.calling(action.op):
                response = action.op.sync(client=client, **action.kwargs)
            record(ops.operation_name(action.op), response, time.monotonic() - started)
            return ops.unwrap(action.op, response)
        if isinstance(action, Gather):
            if not action.flows:
                return []
            workers = min(MAX_CONCURRENT_DOWNLOADS, len(action.flows))
            with ThreadPoolExecutor(max_workers=workers) as pool:
                return list(pool.map(self._run, action.flows))
        if isinstance(action, Download):
            return _download_json(self._http.get(action.url))
        if isinstance(action, Sleep):
            return time.sleep(action.seconds)
        raise TypeError(f"unknown action {action!r}")

    def _run(self, flow: Flow[T]) -> T:
        return drive(flow, self._perform)

    def close(self) -> None:
        """Close the connection pool (a `with_options` copy leaves it to its original)."""
        if self._owns_pool:
            self._transport.close()

    def __enter__(self) -> SDK:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- batches ---

    def create_batch(
        self,
        serialized_sequence: SequenceLike,
        jobs: JobInput,
        emulator: EmulatorType | str | None = None,
        configuration: BaseConfig | Mapping[str, Any] | None = None,
        wait: bool = False,
        fetch_results: bool = False,
        *,
        device_type: DeviceType | EmulatorType | str | None = None,
        open: bool = False,
        backend_configuration: str | None = None,
        tags: Sequence[str] | None = None,
        timeout: float | None = None,
        progress: bool = False,
    ) -> Batch:
        """Create a batch of jobs on a device (a Pulser Sequence or its serialized form).

        Jobs are checked first (runs, variables). `wait=True` returns once the batch finished,
        with results; `open=True` keeps the batch open for `add_jobs` until `close_batch`.

        Args:
            serialized_sequence: A `pulser.Sequence`, or its serialized abstract representation
                (a JSON string).
            jobs: Dicts with `runs` (shots) and, for a parametrized sequence, `variables`; or
                `JobSpec`s.
            emulator: The emulator to run on (`EmulatorType.EMU_FREE`, ...); None sends the
                batch to the QPU the sequence's device names.
            configuration: The emulator's configuration (`EmuFreeConfig`, `EmuTNConfig`, or a
                dict); it needs `emulator`.
            wait: Return once the batch has finished, with its results (with `open`, once its
                jobs have finished: the batch stays open).
            fetch_results: The original SDK's name of `wait`.
            device_type: Any device type, emulator or QPU (instead of `emulator`).
            open: Keep the batch open for `add_jobs` until it is closed.
            backend_configuration: A serialized Pulser backend configuration, sent as is.
            tags: Labels to find the batch by later (`BatchFilters(tag=...)`).
            timeout: With `wait`, seconds before WaitTimeoutError (None: no limit).
            progress: With `wait`, show the jobs' progress on stderr.

        Returns:
            The new batch (finished, with its results, with `wait`).

        Raises:
            InvalidJobError: A job's runs or variables do not fit the sequence.
            ProjectRequiredError: No project is set.
            WaitTimeoutError: With `wait`, the batch did not finish within `timeout`.
        """
        flow = ops.create_batch_flow(
            self._settings.project(), serialized_sequence, jobs,
            device_type=_create_args(device_type, emulator, configuration),
            configuration=configuration, backend_configuration=backend_configuration,
            open=open, tags=tags, webhook=self._settings.webhook,
        )  # fmt: skip
        batch = Batch(self, self._run(flow))
        if not (wait or fetch_results):
            return batch
        if open:  # as the original SDK: until the jobs given here have finished
            return batch._apply(self._run(batch._jobs_flow(self.polling, timeout, progress)))
        return batch.wait(timeout=timeout, progress=progress)

    def get_batch(self, id: str, fetch_results: bool = True) -> Batch:
        """The batch with all its jobs (one request) and the results of its finished jobs.

        Args:
            id: The batch's id.
            fetch_results: Also download the results of its finished jobs.

        Example: `counts = [job.result for job in sdk.get_batch(batch_id).ordered_jobs]`
        """
        return Batch(self, self._run(ops.get_batch_flow(id, fetch_results=fetch_results)))

    def get_batches(
        self,
        filters: BatchFilters | None = None,
        pagination: PaginationParams | None = None,
        *,
        pagination_params: PaginationParams | None = None,
    ) -> Paged[Batch]:
        """Every batch of the SDK's project matching `filters`, fetched lazily a page at a time.

        Without a project set, or with `project_id` filters, every project's batches you can see.

        Each batch loads its jobs on first access of `jobs`/`ordered_jobs` (one request). The
        listing also has the original SDK's `.results` (the first page), `.total` and `.offset`.

        Example: `for b in sdk.get_batches(BatchFilters(status=["DONE"], tag=["demo"])): ...`

        Args:
            filters: What to list (default: everything in the SDK's project).
            pagination: Where the listing starts, and the page size of each request.
            pagination_params: The original SDK's name of `pagination`.
        """
        page = _pagination(pagination, pagination_params)
        filters = ops.scoped(filters, BatchFilters, self._settings.project_id)
        return Paged(
            lambda offset: self._run(ops.batches_page_flow(filters, offset, page.limit)),
            lambda model: Batch(self, ops.BatchState(model, {})),
            page.offset,
        )

    def add_jobs(self, batch_id: str, jobs: JobInput, wait: bool = False) -> Batch:
        """Add jobs to an open batch.

        Args:
            batch_id: The open batch's id.
            jobs: Dicts with `runs` and `variables`, or `JobSpec`s, as in `create_batch`.
            wait: Return once every job of the batch has finished (the batch may stay open).
        """
        batch = Batch(self, self._run(ops.add_jobs_flow(batch_id, jobs, None)))
        return batch._apply(self._run(batch._jobs_flow(self.polling))) if wait else batch

    def close_batch(self, batch_id: str, wait: bool = False, fetch_results: bool = False) -> Batch:
        """Close an open batch: it accepts no more jobs (`wait` until it finishes).

        Args:
            batch_id: The open batch's id.
            wait: Return once the batch has finished, with its results.
            fetch_results: The original SDK's name of `wait`.
        """
        batch = Batch(self, self._run(ops.close_batch_flow(batch_id)))
        return batch.wait() if wait or fetch_results else batch

    def complete_batch(self, batch_id: str, wait: bool = False) -> Batch:
        """The original SDK's name of `close_batch`.

        Args:
            batch_id: The open batch's id.
            wait: Return once the batch has finished, with its results.
        """
        return self.close_batch(batch_id, wait=wait)

    def get_batch_status(self, id: str) -> BatchStatus:
        """The batch's status alone (one small request).

        Args:
            id: The batch's id.

        Example: `if sdk.get_batch_status(batch_id) == "DONE": ...`
        """
        return self._run(ops.batch_status_flow(id)).status

    def cancel_batch(self, id: str) -> Batch:
        """Cancel a batch.

        Args:
            id: The batch's id.
        """
        return Batch(self, self._run(ops.cancel_batch_flow(id)))

    def cancel_batches(self, batch_ids: Sequence[str]) -> BatchCancellation:
        """Cancel several batches; those that could not be are in `.errors`.

        Args:
            batch_ids: The batches' ids.

        Example: `outcome = sdk.cancel_batches([a.id, b.id]); print(outcome.errors)`
        """
        batches, errors = self._run(ops.cancel_batches_flow(batch_ids))
        return BatchCancellation([Batch(self, ops.BatchState(b, {})) for b in batches], errors)

    def rebatch(self, id: str, filters: JobFilters | None = None) -> Batch:
        """A new batch with copies of the batch's jobs matching `filters`.

        Args:
            id: The batch's id.
            filters: Which of its jobs to copy (default: all of them).

        Example: `sdk.rebatch(batch.id, JobFilters(status=["ERROR"]))` reruns the failed jobs.
        """
        return Batch(self, self._run(ops.rebatch_flow(id, filters)))

    def set_batch_tags(self, batch_id: str, tags: Sequence[str]) -> Batch:
        """Replace the batch's tags.

        Args:
            batch_id: The batch's id.
            tags: Its new tags (replacing the old ones).
        """
        return Batch(self, self._run(ops.set_batch_tags_flow(batch_id, tags)))

    # --- many at once ---

    @overload
    def as_completed(
        self, items: Sequence[Job], *, timeout: float | None = None, progress: bool = False
    ) -> Iterator[Job]: ...
    @overload
    def as_completed(
        self, items: Sequence[Batch | str], *, timeout: float | None = None, progress: bool = False
    ) -> Iterator[Batch]: ...
    def as_completed(
        self, items: Sequence[Any], *, timeout: float | None = None, progress: bool = False
    ) -> Iterator[Any]:
        """Each batch (or job) as it finishes, with its results, in the order they finish.

        All unfinished ones are polled together, one listing request (per 100) a poll, paced
        by the estimated time left; each one's results are fetched once, when it finishes.
        The objects given are updated and yielded; ids give new `Batch` objects.

        Args:
            items: Batches (or batch ids), or jobs.
            timeout: Seconds to wait in all (None: no limit); WaitTimeoutError then, whose
                `pending` maps each unfinished id to its last status. Nothing is changed.
            progress: Show one progress bar (jobs done over all of them) on stderr.

        Example:
            ```python
            for batch in sdk.as_completed([batch1, batch2], timeout=600):
                print(batch.id, batch.status)
            ```
        """
        kind, ids, given = targets(items, Batch, Job)
        wait = MultiWait(kind, ids, timeout=timeout, policy=self.polling, progress=progress)
        return self._completions(wait, given)

    def _completions(self, wait: MultiWait, given: dict[str, Any]) -> Iterator[Any]:
        try:
            while wait.pending:
                for state in self._run(poll_flow(wait)):
                    yield self._settled(state, given)
                if wait.pending:
                    time.sleep(wait.next_sleep())
        finally:
            wait.close()

    def _settled(self, state: ops.BatchState | ops.JobState, given: dict[str, Any]) -> Any:
        if isinstance(state, ops.JobState):
            job = given.get(state.job.id)
            return job._apply(state) if job is not None else Job(self, state.job, state.result)
        batch = given.get(state.batch.id)
        return batch._apply(state) if batch is not None else Batch(self, state)

    @overload
    def wait_all(
        self, items: Sequence[Job], *, timeout: float | None = None, progress: bool = False
    ) -> list[Job]: ...
    @overload
    def wait_all(
        self, items: Sequence[Batch | str], *, timeout: float | None = None, progress: bool = False
    ) -> list[Batch]: ...
    def wait_all(
        self, items: Sequence[Any], *, timeout: float | None = None, progress: bool = False
    ) -> list[Any]:
        """Wait until every batch (or job) has finished; they come back in the order given.

        As `as_completed`, with one listing request per poll for all of them.

        Args:
            items: Batches (or batch ids), or jobs.
            timeout: Seconds to wait in all (None: no limit); WaitTimeoutError then.
            progress: Show one progress bar on stderr.

        Example:
            ```python
            batches = [sdk.create_batch(seq, jobs, emulator="EMU_FREE") for jobs in plans]
            for batch in sdk.wait_all(batches, timeout=600):
                print(batch.id, [job.result for job in batch.ordered_jobs])
            ```
        """
        kind, ids, given = targets(items, Batch, Job)
        wait = MultiWait(kind, ids, timeout=timeout, policy=self.polling, progress=progress)
        done = {item.id: item for item in self._completions(wait, given)}
        return [done[item_id] for item_id in ids]

    # --- jobs ---

    def get_job(self, id: str, wait: bool = False, timeout: float | None = None) -> Job:
        """A job, with its result once DONE.

        Args:
            id: The job's id.
            wait: Return once the job has finished.
            timeout: With `wait`, seconds before WaitTimeoutError (None: no limit).
        """
        state = self._run(ops.get_job_flow(id))
        job = Job(self, state.job, state.result)
        return job.wait(timeout=timeout) if wait else job

    def get_job_status(self, id: str) -> JobStatus:
        """The job's status alone (one small request).

        Args:
            id: The job's id.
        """
        return self._run(ops.job_status_flow(id))

    def get_jobs(
        self,
        filters: JobFilters | None = None,
        pagination: PaginationParams | None = None,
        *,
        pagination_params: PaginationParams | None = None,
        newest_first: bool = False,
    ) -> Paged[Job]:
        """Every job of the SDK's project matching `filters`, fetched lazily a page at a time.

        Without a project set, or with `project_id` filters, every project's jobs you can see.

        A DONE job loads its result on first access of `result` (or `counts`, ...).

        Example: `failed = [j.id for j in sdk.get_jobs(JobFilters(status=["ERROR"]))]`

        Args:
            filters: What to list (default: everything in the SDK's project).
            pagination: Where the listing starts, and the page size of each request.
            pagination_params: The original SDK's name of `pagination`.
            newest_first: List the newest jobs first (default: oldest first, as the service
                does).
        """
        page = _pagination(pagination, pagination_params)
        filters = ops.scoped(filters, JobFilters, self._settings.project_id)
        return Paged(
            lambda offset: self._run(
                ops.jobs_page_flow(filters, offset, page.limit, newest_first=newest_first)
            ),
            lambda model: Job(self, model),
            page.offset,
        )

    def cancel_job(self, id: str) -> Job:
        """Cancel a job.

        Args:
            id: The job's id.
        """
        return Job(self, self._run(ops.cancel_job_flow(id)).job)

    def cancel_jobs(self, batch_id: str, filters: JobFilters | None = None) -> JobCancellation:
        """Cancel the batch's jobs matching `filters`.

        Args:
            batch_id: The batch's id.
            filters: Which of its jobs (default: all of them).
        """
        jobs, errors = self._run(ops.cancel_jobs_flow(batch_id, filters))
        return JobCancellation([Job(self, j) for j in jobs], errors)

    # --- workloads ---

    def create_workload(
        self,
        workload_type: str,
        backend: str,
        config: Mapping[str, Any],
        wait: bool = False,
        timeout: float | None = None,
    ) -> Workload:
        """Create a workload run by `backend`.

        Args:
            workload_type: The kind of workload, as `backend` names it.
            backend: The backend that runs it.
            config: Its configuration (a JSON-compatible dict).
            wait: Return once it has finished, with its result.
            timeout: With `wait`, seconds before WaitTimeoutError (None: no limit).
        """
        flow = ops.create_workload_flow(self._settings.project(), workload_type, backend, config)
        workload = Workload(self, self._run(flow))
        return workload.wait(timeout=timeout) if wait else workload

    def get_workload(self, id: str, wait: bool = False, timeout: float | None = None) -> Workload:
        """A workload, with its result once DONE.

        Args:
            id: The workload's id.
            wait: Return once it has finished.
            timeout: With `wait`, seconds before WaitTimeoutError (None: no limit).
        """
        workload = Workload(self, self._run(ops.get_workload_flow(id)))
        return workload.wait(timeout=timeout) if wait else workload

    def wait_for_workload(self, id: str, timeout: float | None = None) -> Workload:
        """Block until the workload finishes; the finished workload, with its result.

        Args:
            id: The workload's id.
            timeout: Seconds before WaitTimeoutError (None: no limit).
        """
        return self.get_workload(id, wait=True, timeout=timeout)

    def cancel_workload(self, id: str) -> Workload:
        """Cancel a workload.

        Args:
            id: The workload's id.
        """
        return Workload(self, self._run(ops.cancel_workload_flow(id)))

    # --- devices, projects, token ---

    def get_device_specs_dict(self) -> dict[str, str]:
        """Device type to its serialized Pulser device (`pulser.json.abstract_repr`)."""
        return self._run(ops.device_specs_flow())

    def get_public_device_specs(self) -> dict[str, str]:
        """The public devices' specs, by device type (no authentication needed)."""
        return self._run(ops.public_device_specs_flow())

    def get_all_projects(self) -> list[Project]:
        """The projects the user belongs to."""
        return [Project._from_model(p) for p in self._run(ops.projects_flow())]

    def switch_to_project(self, project_id: str) -> str:
        """Create batches and workloads in project `project_id` from now on.

        The id is checked against `get_all_projects()`: ProjectNotFoundError if it isn't yours.

        Args:
            project_id: One of your projects' ids (`get_all_projects()`).
        """
        self._settings.project_id = self._run(ops.check_project_flow(project_id))
        return project_id

    def user_token(self) -> str:
        """The current access token (refreshed when about to expire)."""
        return self._settings.tokens().get_token()


class AsyncSDK(_SDKBase[httpx.AsyncBaseTransport]):
    """The Pasqal Cloud client on asyncio: `SDK`'s methods, awaited.

    Example:
        ```python
        async with AsyncSDK(username="me@example.com", password="...", project_id="...") as sdk:
            batch = await sdk.create_batch(sequence, [{"runs": 20}], wait=True,
                                           emulator=EmulatorType.EMU_FREE)
        ```
    """

    _transport: AsyncPipelineTransport

    def _connect(self, transport: httpx.AsyncBaseTransport | None) -> None:
        inner = transport or httpx.AsyncHTTPTransport(verify=self._settings.verify)
        self._attach(inner, tokens=True)
        self._downloads = asyncio.Semaphore(MAX_CONCURRENT_DOWNLOADS)

    def _attach(self, inner: httpx.AsyncBaseTransport, *, tokens: bool) -> None:
        s = self._settings
        self._inner = inner
        self._transport = AsyncPipelineTransport(inner, s.pipeline())
        self._http: httpx.AsyncClient = self._wire(
            functools.partial(httpx.AsyncClient, transport=self._transport, **s.client_args()),
            asynchronous=True,
            tokens=tokens,
        )

    @property
    def with_raw_response(self) -> AsyncRawSDK:
        """This SDK's API methods, each returning (awaited) a `RawResponse`: the usual result
        as `parsed`, beside the HTTP status, headers, time and request id of its answers.

        Example: `raw = await sdk.with_raw_response.get_batch(batch_id)`
        """
        from pasqal_sdk._raw_views import AsyncRawSDK

        return AsyncRawSDK(self)

    async def _perform(self, action: Any) -> Any:
        if isinstance(action, Call):
            client = self.account_client if action.op.service == "account" else self.core_client
            started = time.monotonic()
            with reading(), ops.calling(action.op):
                response = await action.op.asyncio(client=client, **action.kwargs)
            record(ops.operation_name(action.op), response, time.monotonic() - started)
            return ops.unwrap(action.op, response)
        if isinstance(action, Gather):
            return list(await asyncio.gather(*(self._run(f) for f in action.flows)))
        if isinstance(action, Download):
            async with self._downloads:
                return _download_json(await self._http.get(action.url))
        if isinstance(action, Sleep):
            return await asyncio.sleep(action.seconds)
        raise TypeError(f"unknown action {action!r}")

    async def _run(self, flow: Flow[T]) -> T:
        return await adrive(flow, self._perform)

    async def close(self) -> None:
        """Close the connection pool (a `with_options` copy leaves it to its original)."""
        if self._owns_pool:
            await self._transport.aclose()

    async def __aenter__(self) -> AsyncSDK:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def create_batch(
        self,
        serialized_sequence: SequenceLike,
        jobs: JobInput,
        emulator: EmulatorType | str | None = None,
        configuration: BaseConfig | Mapping[str, Any] | None = None,
        wait: bool = False,
        fetch_results: bool = False,
        *,
        device_type: DeviceType | EmulatorType | str | None = None,
        open: bool = False,
        backend_configuration: str | None = None,
        tags: Sequence[str] | None = None,
        timeout: float | None = None,
        progress: bool = False,
    ) -> AsyncBatch:
        """Create a batch of jobs on a device (as `SDK.create_batch`).

        Args:
            serialized_sequence: A `pulser.Sequence`, or its serialized abstract representation
                (a JSON string).
            jobs: Dicts with `runs` (shots) and, for a parametrized sequence, `variables`; or
                `JobSpec`s.
            emulator: The emulator to run on (`EmulatorType.EMU_FREE`, ...); None sends the
                batch to the QPU the sequence's device names.
            configuration: The emulator's configuration (`EmuFreeConfig`, `EmuTNConfig`, or a
                dict); it needs `emulator`.
            wait: Return once the batch has finished, with its results (with `open`, once its
                jobs have finished: the batch stays open).
            fetch_results: The original SDK's name of `wait`.
            device_type: Any device type, emulator or QPU (instead of `emulator`).
            open: Keep the batch open for `add_jobs` until it is closed.
            backend_configuration: A serialized Pulser backend configuration, sent as is.
            tags: Labels to find the batch by later (`BatchFilters(tag=...)`).
            timeout: With `wait`, seconds before WaitTimeoutError (None: no limit).
            progress: With `wait`, show the jobs' progress on stderr.

        Returns:
            The new batch (finished, with its results, with `wait`).

        Raises:
            InvalidJobError: A job's runs or variables do not fit the sequence.
            ProjectRequiredError: No project is set.
            WaitTimeoutError: With `wait`, the batch did not finish within `timeout`.
        """
        flow = ops.create_batch_flow(
            self._settings.project(), serialized_sequence, jobs,
            device_type=_create_args(device_type, emulator, configuration),
            configuration=configuration, backend_configuration=backend_configuration,
            open=open, tags=tags, webhook=self._settings.webhook,
        )  # fmt: skip
        batch = AsyncBatch(self, await self._run(flow))
        if not (wait or fetch_results):
            return batch
        if open:  # as the original SDK: until the jobs given here have finished
            return batch._apply(await self._run(batch._jobs_flow(self.polling, timeout, progress)))
        return await batch.wait(timeout=timeout, progress=progress)

    async def get_batch(self, id: str, fetch_results: bool = True) -> AsyncBatch:
        """The batch with all its jobs and the results of its finished jobs.

        Args:
            id: The batch's id.
            fetch_results: Also download the results of its finished jobs.
        """
        flow = ops.get_batch_flow(id, fetch_results=fetch_results)
        return AsyncBatch(self, await self._run(flow))

    def get_batches(
        self,
        filters: BatchFilters | None = None,
        pagination: PaginationParams | None = None,
        *,
        pagination_params: PaginationParams | None = None,
    ) -> AsyncPaged[AsyncBatch]:
        """Every batch matching `filters`, for `async for`, a page at a time.

        A listed batch's jobs are loaded by `await batch.fetch_jobs()` (or `refresh()`).

        Args:
            filters: What to list (default: everything in the SDK's project).
            pagination: Where the listing starts, and the page size of each request.
            pagination_params: The original SDK's name of `pagination`.
        """
        page = _pagination(pagination, pagination_params)
        filters = ops.scoped(filters, BatchFilters, self._settings.project_id)
        return AsyncPaged(
            lambda offset: self._run(ops.batches_page_flow(filters, offset, page.limit)),
            lambda model: AsyncBatch(self, ops.BatchState(model, {})),
            page.offset,
        )

    async def add_jobs(self, batch_id: str, jobs: JobInput, wait: bool = False) -> AsyncBatch:
        """Add jobs to an open batch.

        Args:
            batch_id: The open batch's id.
            jobs: Dicts with `runs` and `variables`, or `JobSpec`s, as in `create_batch`.
            wait: Return once every job of the batch has finished (the batch may stay open).
        """
        batch = AsyncBatch(self, await self._run(ops.add_jobs_flow(batch_id, jobs, None)))
        return batch._apply(await self._run(batch._jobs_flow(self.polling))) if wait else batch

    async def close_batch(
        self, batch_id: str, wait: bool = False, fetch_results: bool = False
    ) -> AsyncBatch:
        """Close an open batch.

        Args:
            batch_id: The open batch's id.
            wait: Return once the batch has finished, with its results.
            fetch_results: The original SDK's name of `wait`.
        """
        batch = AsyncBatch(self, await self._run(ops.close_batch_flow(batch_id)))
        return await batch.wait() if wait or fetch_results else batch

    async def complete_batch(self, batch_id: str, wait: bool = False) -> AsyncBatch:
        """The original SDK's name of `close_batch`.

        Args:
            batch_id: The open batch's id.
            wait: Return once the batch has finished, with its results.
        """
        return await self.close_batch(batch_id, wait=wait)

    async def get_batch_status(self, id: str) -> BatchStatus:
        """The batch's status alone (one small request).

        Args:
            id: The batch's id.
        """
        return (await self._run(ops.batch_status_flow(id))).status

    async def cancel_batch(self, id: str) -> AsyncBatch:
        """Cancel a batch.

        Args:
            id: The batch's id.
        """
        return AsyncBatch(self, await self._run(ops.cancel_batch_flow(id)))

    async def cancel_batches(self, batch_ids: Sequence[str]) -> BatchCancellation:
        """Cancel several batches; those that could not be are in `.errors`.

        Args:
            batch_ids: The batches' ids.
        """
        batches, errors = await self._run(ops.cancel_batches_flow(batch_ids))
        return BatchCancellation([AsyncBatch(self, ops.BatchState(b, {})) for b in batches], errors)

    async def rebatch(self, id: str, filters: JobFilters | None = None) -> AsyncBatch:
        """A new batch with copies of the batch's jobs matching `filters`.

        Args:
            id: The batch's id.
            filters: Which of its jobs to copy (default: all of them).
        """
        return AsyncBatch(self, await self._run(ops.rebatch_flow(id, filters)))

    async def set_batch_tags(self, batch_id: str, tags: Sequence[str]) -> AsyncBatch:
        """Replace the batch's tags.

        Args:
            batch_id: The batch's id.
            tags: Its new tags (replacing the old ones).
        """
        return AsyncBatch(self, await self._run(ops.set_batch_tags_flow(batch_id, tags)))

    # --- many at once ---

    @overload
    def as_completed(
        self, items: Sequence[AsyncJob], *, timeout: float | None = None, progress: bool = False
    ) -> AsyncIterator[AsyncJob]: ...
    @overload
    def as_completed(
        self,
        items: Sequence[AsyncBatch | str],
        *,
        timeout: float | None = None,
        progress: bool = False,
    ) -> AsyncIterator[AsyncBatch]: ...
    def as_completed(
        self, items: Sequence[Any], *, timeout: float | None = None, progress: bool = False
    ) -> AsyncIterator[Any]:
        """Each batch (or job) as it finishes, with its results (`async for`).

        As `SDK.as_completed`: one listing request per poll for all of them.

        Args:
            items: Batches (or batch ids), or jobs.
            timeout: Seconds to wait in all (None: no limit); WaitTimeoutError then.
            progress: Show one progress bar on stderr.
        """
        kind, ids, given = targets(items, AsyncBatch, AsyncJob)
        wait = MultiWait(kind, ids, timeout=timeout, policy=self.polling, progress=progress)
        return self._completions(wait, given)

    async def _completions(self, wait: MultiWait, given: dict[str, Any]) -> AsyncIterator[Any]:
        try:
            while wait.pending:
                for state in await self._run(poll_flow(wait)):
                    yield self._settled(state, given)
                if wait.pending:
                    await asyncio.sleep(wait.next_sleep())
        finally:
            wait.close()

    def _settled(self, state: ops.BatchState | ops.JobState, given: dict[str, Any]) -> Any:
        if isinstance(state, ops.JobState):
            job = given.get(state.job.id)
            if job is not None:
                return job._apply(state)
            return AsyncJob(self, state.job, state.result)
        batch = given.get(state.batch.id)
        return batch._apply(state) if batch is not None else AsyncBatch(self, state)

    @overload
    async def wait_all(
        self, items: Sequence[AsyncJob], *, timeout: float | None = None, progress: bool = False
    ) -> list[AsyncJob]: ...
    @overload
    async def wait_all(
        self,
        items: Sequence[AsyncBatch | str],
        *,
        timeout: float | None = None,
        progress: bool = False,
    ) -> list[AsyncBatch]: ...
    async def wait_all(
        self, items: Sequence[Any], *, timeout: float | None = None, progress: bool = False
    ) -> list[Any]:
        """Wait until every batch (or job) has finished; they come back in the order given.

        Args:
            items: Batches (or batch ids), or jobs.
            timeout: Seconds to wait in all (None: no limit); WaitTimeoutError then.
            progress: Show one progress bar on stderr.
        """
        kind, ids, given = targets(items, AsyncBatch, AsyncJob)
        wait = MultiWait(kind, ids, timeout=timeout, policy=self.polling, progress=progress)
        done = {item.id: item async for item in self._completions(wait, given)}
        return [done[item_id] for item_id in ids]

    async def get_job(self, id: str, wait: bool = False, timeout: float | None = None) -> AsyncJob:
        """A job, with its result once DONE.

        Args:
            id: The job's id.
            wait: Return once the job has finished.
            timeout: With `wait`, seconds before WaitTimeoutError (None: no limit).
        """
        state = await self._run(ops.get_job_flow(id))
        job = AsyncJob(self, state.job, state.result)
        return await job.wait(timeout=timeout) if wait else job

    async def get_job_status(self, id: str) -> JobStatus:
        """The job's status alone (one small request).

        Args:
            id: The job's id.
        """
        return await self._run(ops.job_status_flow(id))

    def get_jobs(
        self,
        filters: JobFilters | None = None,
        pagination: PaginationParams | None = None,
        *,
        pagination_params: PaginationParams | None = None,
        newest_first: bool = False,
    ) -> AsyncPaged[AsyncJob]:
        """Every job matching `filters`, for `async for`, a page at a time.

        A listed DONE job's result is loaded by `await job.fetch_result()`.

        Args:
            filters: What to list (default: everything in the SDK's project).
            pagination: Where the listing starts, and the page size of each request.
            pagination_params: The original SDK's name of `pagination`.
            newest_first: List the newest jobs first (default: oldest first, as the service
                does).
        """
        page = _pagination(pagination, pagination_params)
        filters = ops.scoped(filters, JobFilters, self._settings.project_id)
        return AsyncPaged(
            lambda offset: self._run(
                ops.jobs_page_flow(filters, offset, page.limit, newest_first=newest_first)
            ),
            lambda model: AsyncJob(self, model),
            page.offset,
        )

    async def cancel_job(self, id: str) -> AsyncJob:
        """Cancel a job.

        Args:
            id: The job's id.
        """
        return AsyncJob(self, (await self._run(ops.cancel_job_flow(id))).job)

    async def cancel_jobs(
        self, batch_id: str, filters: JobFilters | None = None
    ) -> JobCancellation:
        """Cancel the batch's jobs matching `filters`.

        Args:
            batch_id: The batch's id.
            filters: Which of its jobs (default: all of them).
        """
        jobs, errors = await self._run(ops.cancel_jobs_flow(batch_id, filters))
        return JobCancellation([AsyncJob(self, j) for j in jobs], errors)

    async def create_workload(
        self,
        workload_type: str,
        backend: str,
        config: Mapping[str, Any],
        wait: bool = False,
        timeout: float | None = None,
    ) -> AsyncWorkload:
        """Create a workload run by `backend`.

        Args:
            workload_type: The kind of workload, as `backend` names it.
            backend: The backend that runs it.
            config: Its configuration (a JSON-compatible dict).
            wait: Return once it has finished, with its result.
            timeout: With `wait`, seconds before WaitTimeoutError (None: no limit).
        """
        flow = ops.create_workload_flow(self._settings.project(), workload_type, backend, config)
        workload = AsyncWorkload(self, await self._run(flow))
        return await workload.wait(timeout=timeout) if wait else workload

    async def get_workload(
        self, id: str, wait: bool = False, timeout: float | None = None
    ) -> AsyncWorkload:
        """A workload, with its result once DONE.

        Args:
            id: The workload's id.
            wait: Return once it has finished.
            timeout: With `wait`, seconds before WaitTimeoutError (None: no limit).
        """
        workload = AsyncWorkload(self, await self._run(ops.get_workload_flow(id)))
        return await workload.wait(timeout=timeout) if wait else workload

    async def wait_for_workload(self, id: str, timeout: float | None = None) -> AsyncWorkload:
        """Wait until the workload finishes; the finished workload, with its result.

        Args:
            id: The workload's id.
            timeout: Seconds before WaitTimeoutError (None: no limit).
        """
        return await self.get_workload(id, wait=True, timeout=timeout)

    async def cancel_workload(self, id: str) -> AsyncWorkload:
        """Cancel a workload.

        Args:
            id: The workload's id.
        """
        return AsyncWorkload(self, await self._run(ops.cancel_workload_flow(id)))

    async def get_device_specs_dict(self) -> dict[str, str]:
        """Device type to its serialized Pulser device."""
        return await self._run(ops.device_specs_flow())

    async def get_public_device_specs(self) -> dict[str, str]:
        """The public devices' specs, by device type."""
        return await self._run(ops.public_device_specs_flow())

    async def get_all_projects(self) -> list[Project]:
        """The projects the user belongs to."""
        return [Project._from_model(p) for p in await self._run(ops.projects_flow())]

    async def switch_to_project(self, project_id: str) -> str:
        """Create batches and workloads in project `project_id` from now on (id checked).

        Args:
            project_id: One of your projects' ids (`get_all_projects()`).
        """
        self._settings.project_id = await self._run(ops.check_project_flow(project_id))
        return project_id

    async def user_token(self) -> str:
        """The current access token (refreshed when about to expire)."""
        return await self._settings.tokens().aget_token()
