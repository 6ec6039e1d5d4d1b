"""Whether the `local` extra is installed, checked before anything of the local cloud starts."""

from __future__ import annotations

import importlib.util

from pasqal_sdk.errors import MissingExtraError

__all__ = ["LOCAL_MODULES", "missing_local_modules", "require_local_extra"]

#: What the `local` extra installs, by import name (pyproject.toml's `local` list).
LOCAL_MODULES = ("pulser_simulation", "starlette", "uvicorn", "jwt", "argon2", "jsonschema", "yaml")


def missing_local_modules() -> list[str]:
    """The `local` extra's modules that cannot be imported here."""
    missing = []
    for name in LOCAL_MODULES:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):  # a module set to None in sys.modules
            found = False
        if not found:
            missing.append(name)
    return missing


def require_local_extra(feature: str = "the local cloud") -> None:
    """MissingExtraError, with its `pip install` line, unless the `local` extra is installed."""
    if missing_local_modules():
        raise MissingExtraError(feature, "local")
