"""Where the service lives, under the original SDK's module (`pasqal_cloud.endpoints`).

`Endpoints`, `Auth0Conf` and `Region` are this package's (`pasqal_sdk.Endpoints`, ...);
`TokenProviderConf`, `PASQAL_ENDPOINTS`, `AUTH0_CONFIG` and `AUTH_CONFIG` are the original's
ways to name the same places.

Example:
    ```python
    from pasqal_sdk.endpoints import PASQAL_ENDPOINTS

    sdk = SDK(endpoints=PASQAL_ENDPOINTS["preprod"], ...)
    ```
"""

from pasqal_sdk._endpoints import (
    AUTH0_CONFIG,
    AUTH_CONFIG,
    PASQAL_ENDPOINTS,
    PASSWORD_REALM_GRANT,
    REGIONS,
    Auth0Conf,
    Endpoints,
    Region,
    TokenProviderConf,
)

CORE_API_URL = Endpoints.core
"""Pasqal Cloud's Core API."""
ACCOUNT_API_URL = Endpoints.account
"""Pasqal Cloud's Account API."""
AUTH0_DOMAIN = Auth0Conf.domain
"""Pasqal Cloud's token issuer."""
PUBLIC_CLIENT_ID = Auth0Conf.public_client_id
"""The client id of Pasqal Cloud's password login."""
AUDIENCE = Auth0Conf.audience
"""The API Pasqal Cloud's tokens are for."""
REALM = Auth0Conf.realm
"""The users' database of Pasqal Cloud's password login."""
AUTH0_TOKEN_PROVIDER_GRANT_TYPE = PASSWORD_REALM_GRANT
"""The grant of Pasqal Cloud's password login (Auth0's password-realm grant)."""

__all__ = [
    "ACCOUNT_API_URL",
    "AUDIENCE",
    "AUTH0_CONFIG",
    "AUTH0_DOMAIN",
    "AUTH0_TOKEN_PROVIDER_GRANT_TYPE",
    "AUTH_CONFIG",
    "CORE_API_URL",
    "PASQAL_ENDPOINTS",
    "PUBLIC_CLIENT_ID",
    "REALM",
    "REGIONS",
    "Auth0Conf",
    "Endpoints",
    "Region",
    "TokenProviderConf",
]
