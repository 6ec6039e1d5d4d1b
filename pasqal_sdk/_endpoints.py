"""Where the service lives: API base URLs, the token issuer, and the named regions."""

from __future__ import annotations

import dataclasses

from pasqal_sdk._errors import InvalidConfigurationError

__all__ = ["REGIONS", "Auth0Conf", "Endpoints", "Region", "region"]


@dataclasses.dataclass(frozen=True)
class Endpoints:
    """Base URLs of the Core API (batches, jobs, workloads, devices) and the Account API.

    Example: `Endpoints(core="http://127.0.0.1:4207/core-fast")`.
    """

    core: str = "https://apis.pasqal.cloud/core-fast"
    account: str = "https://apis.pasqal.cloud/account"

    def __post_init__(self) -> None:
        for name in ("core", "account"):
            value = getattr(self, name)
            if not value.startswith(("http://", "https://")):
                raise InvalidConfigurationError(
                    f"Endpoints.{name} must be an http(s) URL, got {value!r}"
                )
            object.__setattr__(self, name, value.rstrip("/"))


@dataclasses.dataclass(frozen=True)
class Auth0Conf:
    """The token issuer. `domain` is a bare host (https is implied) or a URL used as given.

    Example: `Auth0Conf(domain="http://127.0.0.1:4207")` targets a local cloud.
    """

    domain: str = "authenticate.pasqal.cloud"
    public_client_id: str = "PeZvo7Atx7IVv3iel59asJSb4Ig7vuSB"
    audience: str = "https://apis.pasqal.cloud/account/api/v1"
    realm: str = "pcs-users"
    token_path: str = "/oauth/token"

    @property
    def token_url(self) -> str:
        """The token endpoint: domain (https when no scheme is given) + token path."""
        base = self.domain.rstrip("/")
        if "://" not in base:
            base = "https://" + base
        return base + self.token_path


@dataclasses.dataclass(frozen=True)
class Region:
    """A deployment of the service: its API endpoints and its token issuer."""

    endpoints: Endpoints
    auth0: Auth0Conf


REGIONS: dict[str, Region] = {
    "fr": Region(Endpoints(), Auth0Conf()),
    # Region `sa` authenticates through Keycloak (realm `pasqal-cloud`, client `cloud-sdk`).
    "sa": Region(
        Endpoints(
            core="https://apis.sa.pasqal.cloud/core-fast",
            account="https://apis.sa.pasqal.cloud/account",
        ),
        Auth0Conf(
            domain="auth.sa.pasqal.cloud",
            public_client_id="cloud-sdk",
            audience="https://apis.sa.pasqal.cloud/account/api/v1",
            realm="pasqal-cloud",
            token_path="/realms/pasqal-cloud/protocol/openid-connect/token",
        ),
    ),
    "preprod": Region(
        Endpoints(
            core="https://apis.preprod.pasqal.cloud/core-fast",
            account="https://apis.preprod.pasqal.cloud/account",
        ),
        Auth0Conf(domain="authenticate.preprod.pasqal.cloud"),
    ),
    "dev": Region(
        Endpoints(
            core="https://apis.dev.pasqal.cloud/core-fast",
            account="https://apis.dev.pasqal.cloud/account",
        ),
        Auth0Conf(domain="authenticate.dev.pasqal.cloud"),
    ),
}


def region(name: str) -> Region:
    """The named region (`fr`, the default, `sa`, `preprod`, `dev`)."""
    try:
        return REGIONS[name.lower()]
    except KeyError:
        raise InvalidConfigurationError(
            f"unknown region {name!r}; known regions: {', '.join(sorted(REGIONS))}"
        ) from None
