"""The original SDK's connection for OVH's quantum notebooks (`pasqal_cloud.ovh`).

OVH serves Pasqal's devices through its own third-party endpoints, which are not part of the
Pasqal Cloud API this package is generated from. The names import, so that code naming them
loads; building an `OVHConnection` checks for OVH's token as the original does, then raises
`InvalidConfigurationError` saying to use `PasqalCloudConnection` with a Pasqal Cloud account.
"""

from __future__ import annotations

import os
from typing import Any

from pasqal_sdk._errors import InvalidConfigurationError
from pasqal_sdk.http_client import HTTPClient

__all__ = ["MissingEnvironmentVariableError", "OVHConnection", "OvhClient"]

#: Where OVH's notebooks put the access token.
OVH_TOKEN_ENV = "PASQAL_PULSER_ACCESS_TOKEN"


class MissingEnvironmentVariableError(InvalidConfigurationError, RuntimeError):
    """`PASQAL_PULSER_ACCESS_TOKEN` is not set (a RuntimeError, as the original's)."""


class OvhClient(HTTPClient):
    """Not provided (see the module): building one says what to use."""


class OVHConnection:
    """Not provided (see the module): `PasqalCloudConnection` reaches Pasqal Cloud itself.

    Raises:
        MissingEnvironmentVariableError: `PASQAL_PULSER_ACCESS_TOKEN` is not set.
        InvalidConfigurationError: otherwise, naming the replacement.
    """

    def __init__(self, **kwargs: Any) -> None:
        if OVH_TOKEN_ENV not in os.environ:
            raise MissingEnvironmentVariableError(f"Missing {OVH_TOKEN_ENV} environment variable")
        raise InvalidConfigurationError(
            "pasqal_sdk does not reach OVH's third-party endpoints: use pasqal-cloud's"
            " OVHConnection there, or pasqal_sdk.PasqalCloudConnection with a Pasqal Cloud"
            " account; see docs/migrating.md"
        )

    def supports_open_batch(self) -> bool:
        """False, as the original's: OVH's endpoints have no open batches."""
        return False
