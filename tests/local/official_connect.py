"""What the official-client scripts share: the local cloud's URLs and the official token
configuration for it, from the arguments `url user password project`."""

from __future__ import annotations

import sys

from pasqal_cloud.endpoints import (
    AUDIENCE,
    AUTH0_TOKEN_PROVIDER_GRANT_TYPE,
    PUBLIC_CLIENT_ID,
    REALM,
    Endpoints,
    TokenProviderConf,
)

url, username, password, project_id = sys.argv[1:5]
endpoints = Endpoints(core=f"{url}/core-fast", account=f"{url}/account")
conf = TokenProviderConf(
    token_endpoint=f"{url}/oauth/token",
    public_client_id=PUBLIC_CLIENT_ID,
    audience=AUDIENCE,
    realm=REALM,
    grant_type=AUTH0_TOKEN_PROVIDER_GRANT_TYPE,
)
