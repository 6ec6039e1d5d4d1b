"""Settings from the environment and `~/.pasqal/config`, the way Pasqal's other tools read them.

The file holds `key=value` lines (`#` starts a comment). Lines before any `[name]` header form
the default profile; `[name]` starts a named profile, which inherits the default's keys (a
`[default]` section adds to the default profile). `PASQAL_CONFIG_ROOT` replaces the home folder
(`$PASQAL_CONFIG_ROOT/.pasqal/config`), as QRMI and CUDA-Q read it. Environment variables win
over the file; the SDK's explicit arguments win over both.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from pasqal_sdk._errors import InvalidConfigurationError

__all__ = ["CONFIG_KEYS", "Config", "config_path", "load_config"]

#: Keys the file may hold, and the environment variable that overrides each.
CONFIG_KEYS: dict[str, str] = {
    "username": "PASQAL_USERNAME",
    "password": "PASQAL_PASSWORD",
    "token": "PASQAL_AUTH_TOKEN",
    "client_id": "PASQAL_CLIENT_ID",
    "client_secret": "PASQAL_CLIENT_SECRET",
    "project_id": "PASQAL_PROJECT_ID",
    "region": "PASQAL_REGION",
    "url": "PASQAL_URL",
    "auth_endpoint": "PASQAL_AUTH_ENDPOINT",
    "core_endpoint": "PASQAL_CORE_ENDPOINT",
    "account_endpoint": "PASQAL_ACCOUNT_ENDPOINT",
}
_SECRETS = frozenset({"password", "token", "client_secret"})


@dataclass(frozen=True)
class Config:
    """Resolved settings; None where neither the environment nor the file gives a value."""

    username: str | None = None
    password: str | None = None
    token: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    project_id: str | None = None
    region: str | None = None
    url: str | None = None
    auth_endpoint: str | None = None
    core_endpoint: str | None = None
    account_endpoint: str | None = None
    source: str | None = None

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{f.name}={'***' if f.name in _SECRETS else repr(getattr(self, f.name))}"
            for f in fields(self)
            if getattr(self, f.name) is not None
        )
        return f"Config({shown})"


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where the config file lives: `$PASQAL_CONFIG_ROOT/.pasqal/config`, else
    `~/.pasqal/config` (where QRMI and CUDA-Q look too)."""
    env = os.environ if environ is None else environ
    root = env.get("PASQAL_CONFIG_ROOT")
    return (Path(root) if root else Path.home()) / ".pasqal" / "config"


def _parse(path: Path) -> dict[str, dict[str, str]]:
    profiles: dict[str, dict[str, str]] = {"default": {}}
    current = profiles["default"]
    for number, raw in enumerate(path.read_text().splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1].strip()
            if not name:
                raise InvalidConfigurationError(f"{path}:{number}: empty profile name")
            current = profiles.setdefault(name, {})
            continue
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InvalidConfigurationError(
                f"{path}:{number}: expected `key=value` or `[profile]`, got {raw.strip()[:40]!r}"
            )
        if key not in CONFIG_KEYS:
            raise InvalidConfigurationError(
                f"{path}:{number}: unknown key {key!r}; known keys: {', '.join(CONFIG_KEYS)}"
            )
        current[key] = value.strip().strip('"').strip("'")
    return profiles


def _check_private(path: Path, values: Mapping[str, str]) -> None:
    held = sorted(_SECRETS & values.keys())
    if not held or os.name != "posix":
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise InvalidConfigurationError(
            f"{path} holds a secret ({', '.join(held)}) but is readable by others "
            f"(mode {mode:o}); run `chmod 600 {path}`"
        )


def load_config(profile: str | None = None, *, environ: Mapping[str, str] | None = None) -> Config:
    """Settings for `profile` (or `$PASQAL_PROFILE`, else the default one): environment over file.

    Raises InvalidConfigurationError for a malformed file, an unknown profile, or a file that
    holds a secret and is readable by others.
    """
    env = os.environ if environ is None else environ
    path = config_path(env)
    wanted = profile or env.get("PASQAL_PROFILE")
    values: dict[str, str] = {}
    source = None
    if path.is_file():
        profiles = _parse(path)
        for held in profiles.values():
            _check_private(path, held)
        if wanted and wanted not in profiles:
            known = ", ".join(sorted(profiles))
            raise InvalidConfigurationError(f"no profile {wanted!r} in {path}; it has: {known}")
        values = {**profiles["default"], **(profiles[wanted] if wanted else {})}
        source = str(path)
    elif wanted:
        raise InvalidConfigurationError(f"profile {wanted!r} asked for, but {path} does not exist")
    for key, variable in CONFIG_KEYS.items():
        if env.get(variable):
            values[key] = env[variable]
    return Config(**values, source=source)
