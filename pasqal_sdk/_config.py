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

__all__ = ["CONFIG_KEYS", "Config", "config_path", "load_config", "save_settings"]

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


def save_settings(
    profile: str | None, values: Mapping[str, str], *, environ: Mapping[str, str] | None = None
) -> Path:
    """Set `values` (config keys) in `profile`'s section of the config file (the lines before
    any `[name]` for the default profile), creating the file (mode 0600) or the section; other
    lines are kept as they are. Returns the file's path."""
    unknown = sorted(set(values) - set(CONFIG_KEYS))
    if unknown:
        raise InvalidConfigurationError(f"unknown config keys: {', '.join(unknown)}")
    path = config_path(environ)
    lines = path.read_text().splitlines() if path.is_file() else []
    wanted = None if profile in (None, "default") else profile
    start, end = 0, len(lines)  # the section's lines: [start, end)
    headers = [i for i, line in enumerate(lines) if line.strip().startswith("[")]
    if wanted is None:
        end = headers[0] if headers else len(lines)
    else:
        found = [i for i in headers if lines[i].strip()[1:-1].strip() == wanted]
        if found:
            start = found[0] + 1
            end = next((i for i in headers if i > found[0]), len(lines))
        else:
            lines += ["", f"[{wanted}]"]
            start = end = len(lines)
    left = dict(values)
    for i in range(start, end):
        key = lines[i].partition("=")[0].strip()
        if key in left and "=" in lines[i] and not lines[i].lstrip().startswith("#"):
            lines[i] = f"{key}={left.pop(key)}"
    insert_at = end
    while insert_at > start and not lines[insert_at - 1].strip():
        insert_at -= 1  # after the section's last setting, before its trailing blank lines
    lines[insert_at:insert_at] = [f"{key}={value}" for key, value in left.items()]
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write("\n".join(lines).lstrip("\n") + "\n")
    return path
