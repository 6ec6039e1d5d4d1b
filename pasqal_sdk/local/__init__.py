"""The local cloud: Pasqal Cloud's Core, Account and Auth APIs served offline, jobs run on
Pulser's emulators, storage in SQLite. Start it with `pasqal-sdk local serve`; in tests, use
`pasqal_sdk.local.testing.LocalCloud`.

Inside, four layers, each importing only itself and those below it: `http` (the app, routes
bound by operationId, request checks) → `service` (the operations of each resource, the rules
and answers) → `worker` (the runner, executors, emulators) → `storage` (SQLite, result files).
None imports a private module of the facade (`pasqal_sdk._*`) but `__main__`, the CLI's door."""

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
