"""Where the service lives: API base URLs, the token issuer, and the named regions."""

from __future__ import annotations

import dataclasses
import urllib.parse

from pasqal_sdk._errors import InvalidConfigurationError

__all__ = [
    "AUTH0_CONFIG",
    "AUTH_CONFIG",
    "PASQAL_ENDPOINTS",
    "REGIONS",
    "Auth0Conf",
    "Endpoints",
    "Region",
    "TokenProviderConf",
    "region",
    "served_at",
]

#: The grant the original SDK names for Auth0's password-realm login.
PASSWORD_REALM_GRANT = "http://auth0.com/oauth/grant-type/password-realm"


@dataclasses.dataclass(frozen=True)
class Endpoints:
    """Base URLs of the Core API (batches, jobs, workloads, devices) and the Account API.

    Attributes:
        core: The Core API's base URL (http or https; a trailing `/` is dropped).
        account: The Account API's base URL (projects).

    Raises:
        InvalidConfigurationError: A URL is not http(s).

    Example:
        ```python
        Endpoints(core="http://127.0.0.1:4207/core-fast")
        ```
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

    Attributes:
        domain: The issuer's host, or its base URL.
        public_client_id: The client id of the password grant.
        audience: The API the tokens are for.
        realm: The users' database of the password-realm grant.
        token_path: The token endpoint's path on `domain`.

    Example:
        `Auth0Conf(domain="http://127.0.0.1:4207")` targets a local cloud.
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
class TokenProviderConf:
    """The original SDK's description of a token endpoint (`auth_config=`); `Auth0Conf` is
    this package's, and `as_auth0()` turns one into the other.

    Attributes:
        token_endpoint: The token endpoint's URL.
        public_client_id: The client id of the password grant.
        audience: The API the tokens are for.
        realm: The users' database of the password-realm grant.
        grant_type: The grant asked for (the password-realm grant by default).

    Example:
        ```python
        SDK(auth_config=TokenProviderConf(token_endpoint="http://127.0.0.1:4207/oauth/token"))
        ```
    """

    token_endpoint: str
    public_client_id: str = Auth0Conf.public_client_id
    audience: str = Auth0Conf.audience
    realm: str = Auth0Conf.realm
    grant_type: str = PASSWORD_REALM_GRANT

    @classmethod
    def from_auth0_config(cls, auth0: Auth0Conf) -> TokenProviderConf:
        """The same issuer as `auth0`."""
        if not isinstance(auth0, Auth0Conf):
            raise InvalidConfigurationError(f"auth0 must be an Auth0Conf, got {auth0!r}")
        grant = PASSWORD_REALM_GRANT if auth0.token_path == "/oauth/token" else "password"
        return cls(auth0.token_url, auth0.public_client_id, auth0.audience, auth0.realm, grant)

    @classmethod
    def from_region(cls, region: str | None) -> TokenProviderConf:
        """The token endpoint of a region (`fr` when None)."""
        return cls.from_auth0_config(find_region(region or "fr").auth0)

    def as_auth0(self) -> Auth0Conf:
        """This endpoint as an `Auth0Conf` (its domain and token path split apart)."""
        url = self.token_endpoint.strip().rstrip("/")
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InvalidConfigurationError(
                f"TokenProviderConf.token_endpoint must be an http(s) URL, got {url!r}"
            )
        if url.endswith("/oauth/token"):
            domain, path = url.removesuffix("/oauth/token"), "/oauth/token"
        else:
            domain, path = f"{parts.scheme}://{parts.netloc}", parts.path
        return Auth0Conf(domain, self.public_client_id, self.audience, self.realm, path)


@dataclasses.dataclass(frozen=True)
class Region:
    """A deployment of the service: its API endpoints and its token issuer (see `REGIONS`).

    Attributes:
        endpoints: Its API base URLs.
        auth0: Its token issuer.
    """

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
        Auth0Conf(
            domain="authenticate.preprod.pasqal.cloud",
            public_client_id="2l6A2ldvwJE5sdkghu40BTYLm7sSUAv9",
            audience="https://apis.preprod.pasqal.cloud/account/api/v1",
        ),
    ),
    "dev": Region(
        Endpoints(
            core="https://apis.dev.pasqal.cloud/core-fast",
            account="https://apis.dev.pasqal.cloud/account",
        ),
        Auth0Conf(
            domain="authenticate.dev.pasqal.cloud",
            public_client_id="5QtfSu1UV118Iz6By6IJRSNoDrLbAiOv",
            audience="https://apis.dev.pasqal.cloud/account/api/v1",
        ),
    ),
}


#: The original SDK's endpoints by environment (`prod`, `preprod`, `dev`, `sa-prod`).
PASQAL_ENDPOINTS: dict[str, Endpoints] = {
    "prod": REGIONS["fr"].endpoints,
    "preprod": REGIONS["preprod"].endpoints,
    "dev": REGIONS["dev"].endpoints,
    "sa-prod": REGIONS["sa"].endpoints,
    "sa-preprod": Endpoints(
        core="https://apis.preprod.sa.pasqal.cloud/core-fast",
        account="https://apis.preprod.sa.pasqal.cloud/account",
    ),
}

#: The original SDK's Auth0 issuers by environment (`prod`, `preprod`, `dev`).
AUTH0_CONFIG: dict[str, Auth0Conf] = {
    "prod": REGIONS["fr"].auth0,
    "preprod": REGIONS["preprod"].auth0,
    "dev": REGIONS["dev"].auth0,
}

#: The original SDK's token endpoints by region and environment (`fr-prod`, ..., `sa-prod`).
AUTH_CONFIG: dict[str, TokenProviderConf] = {
    f"{place}-{env}": TokenProviderConf.from_auth0_config(REGIONS[name].auth0)
    for place, env, name in (
        ("fr", "prod", "fr"),
        ("fr", "preprod", "preprod"),
        ("fr", "dev", "dev"),
        ("sa", "prod", "sa"),
    )
}


def region(name: str) -> Region:
    """The named region (`fr`, the default, `sa`, `preprod`, `dev`)."""
    try:
        return REGIONS[name.lower()]
    except KeyError:
        raise InvalidConfigurationError(
            f"unknown region {name!r}; known regions: {', '.join(sorted(REGIONS))}"
        ) from None


find_region = region


def served_at(url: str) -> Region:
    """A deployment serving the three APIs under one base URL, as the local cloud does.

    `PASQAL_URL=http://127.0.0.1:4207` (or `url=` in the config file) gives core
    `URL/core-fast`, account `URL/account` and tokens at `URL/oauth/token`.
    """
    base = url.strip().rstrip("/")
    parts = urllib.parse.urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidConfigurationError(
            f"url {url!r} must be an http:// or https:// base URL, such as http://127.0.0.1:4207"
        )
    return Region(
        Endpoints(core=f"{base}/core-fast", account=f"{base}/account"), Auth0Conf(domain=base)
    )
