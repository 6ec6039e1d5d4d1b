"""The local cloud: Pasqal Cloud's Core, Account and Auth APIs served offline, jobs run on
Pulser's emulators, storage in SQLite. Start it with `pasqal-sdk local serve`; in tests, use
`pasqal_sdk.local.testing.LocalCloud`."""

from pasqal_sdk.local.http.server import (
    DEFAULT_HOST,
    DEFAULT_PASSWORD,
    DEFAULT_PORT,
    DEFAULT_USERNAME,
    default_data_dir,
)

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PASSWORD",
    "DEFAULT_PORT",
    "DEFAULT_USERNAME",
    "default_data_dir",
]
