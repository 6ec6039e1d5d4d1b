"""Token providers under the original SDK's names (`pasqal_cloud.authentication`).

A `TokenProvider` subclass that defines only `get_token()`, the original pattern, works as is,
with `SDK` and `AsyncSDK` (where it is called in a worker thread):

```python
from pasqal_sdk.authentication import TokenProvider

class MyProvider(TokenProvider):
    def get_token(self) -> str:
        return "..."

sdk = SDK(token_provider=MyProvider(), project_id="...")
```

`ExpiringTokenProvider` (this package's `TokenProvider`) caches what `_query_token()` returns.
`Auth0TokenProvider(username, password, auth0)` is `PasswordTokenProvider`; it asks for its
first token on first use rather than when it is built. A refused or failed token request raises
an error that is also a `TokenProviderError`.
"""

from pasqal_sdk._auth import (
    ClientCredentialsTokenProvider,
    ExpiringTokenProvider,
    PasswordTokenProvider,
    StaticTokenProvider,
    TokenProvider,
)
from pasqal_sdk._errors import TokenProviderError

Auth0TokenProvider = PasswordTokenProvider
"""The original SDK's name of the password-grant provider: `(username, password, auth0)`."""

__all__ = [
    "Auth0TokenProvider",
    "ClientCredentialsTokenProvider",
    "ExpiringTokenProvider",
    "PasswordTokenProvider",
    "StaticTokenProvider",
    "TokenProvider",
    "TokenProviderError",
]
