"""What `SDK` and `AsyncSDK` are configured with, and the checks of their arguments.

No I/O: `_Settings` resolves regions, credentials and the project from the arguments, the
environment and `~/.pasqal/config`; the helpers below check what the SDK methods are given.
"""

from __future__ import annotations

import dataclasses
import getpass
import os
from collections.abc import Mapping, Sequence
from typing import Any

from pasqal_sdk._auth import (
    BearerAuth,
    ClientCredentialsTokenProvider,
    PasswordTokenProvider,
    StaticTokenProvider,
    TokenProvider,
    _GrantTokenProvider,
)
from pasqal_sdk._config import Config, config_path, load_config
from pasqal_sdk._endpoints import Auth0Conf, Endpoints, served_at
from pasqal_sdk._endpoints import region as find_region
from pasqal_sdk._errors import (
    InvalidConfigurationError,
    ProjectRequiredError,
)
from pasqal_sdk._operations import PaginationParams
from pasqal_sdk._transport import USER_AGENT, Origins, PipelineConfig, RetryPolicy
from pasqal_sdk._validation import JobSpec
from pasqal_sdk._waiting import PollingPolicy
from pasqal_sdk.device import BaseConfig, DeviceType, EmulatorType

MAX_CONCURRENT_DOWNLOADS = 8
PASSWORD_PROMPT = "Please, enter your password:"
SKIP_SSL_VERIFY_ENV = "PASQAL_SKIP_SSL_VERIFY"
JobInput = Sequence[Mapping[str, Any] | JobSpec]


class Settings:
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
        self.auth0 = auth0 or configured_auth0(defaults.auth0, config.auth_endpoint)
        self.webhook = webhook
        # What the servers' answers said (shared by `with_options` copies, which copy this).
        self.origins = Origins()
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

    def auth(self) -> BearerAuth | None:
        """The bearer on requests to the Core and Account APIs (None when anonymous)."""
        if self.token_provider is None:
            return None
        prefixes = (self.endpoints.core + "/", self.endpoints.account + "/")
        return BearerAuth(self.token_provider, prefixes)

    def pipeline(self) -> PipelineConfig:
        return PipelineConfig(
            safe_post_urls=(self.token_url,),
            policy=self.retry,
            origins=self.origins,
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


def positive(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise InvalidConfigurationError(
            f"{name} must be a positive number of seconds, got {value!r}"
        )
    return float(value)


def configured_auth0(default: Auth0Conf, auth_endpoint: str | None) -> Auth0Conf:
    """The region's issuer, moved to `auth_endpoint` (a domain, a URL, or the token URL)."""
    if not auth_endpoint:
        return default
    domain = auth_endpoint.rstrip("/").removesuffix(default.token_path)
    return dataclasses.replace(default, domain=domain)


def device_type_asked(
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


def pagination_of(
    pagination: PaginationParams | None, pagination_params: PaginationParams | None
) -> PaginationParams:
    """`pagination`, or the original SDK's name for it."""
    if pagination is not None and pagination_params is not None:
        raise InvalidConfigurationError(
            "give pagination or pagination_params (its alias), not both"
        )
    return pagination or pagination_params or PaginationParams()
