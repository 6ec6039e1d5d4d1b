"""Where `pasqal-sdk login` keeps the access token: the OS keyring when the `keyring` package is
installed and has a working backend, else a file readable only by its owner under the config
root (`~/.pasqal/tokens/<profile>`)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from typing import Any

from pasqal_sdk._config import config_path

__all__ = ["TokenStore"]

KEYRING_SERVICE = "pasqal-sdk"
NO_KEYRING_ENV = "PASQAL_NO_KEYRING"


class TokenStore:
    """Saves, loads and forgets the token of one profile.

    Example: `TokenStore("default").save(token)`; `TokenStore("default").load()`.
    """

    def __init__(self, profile: str | None, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        self.profile = profile or env.get("PASQAL_PROFILE") or "default"
        self._file = config_path(env).parent / "tokens" / self.profile
        self._use_keyring = not env.get(NO_KEYRING_ENV)

    def _keyring(self) -> Any:
        """The keyring module when it is installed and its backend can store secrets."""
        if not self._use_keyring:
            return None
        try:
            import keyring
            from keyring.backends import fail
        except ImportError:
            return None
        try:
            backend = keyring.get_keyring()
        except Exception:  # a broken keyring configuration: fall back to the file
            return None
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
            return None
        return keyring

    @property
    def location(self) -> str:
        """Where `save` puts the token, in words."""
        return "the OS keyring" if self._keyring() is not None else str(self._file)

    def save(self, token: str) -> str:
        """Keep `token`; returns where it went."""
        keyring = self._keyring()
        if keyring is not None:
            # A locked or failing keyring: the file serves instead.
            with contextlib.suppress(Exception):
                keyring.set_password(KEYRING_SERVICE, self.profile, token)
                return "the OS keyring"
        self._file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self._file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(token)
        os.chmod(self._file, 0o600)
        return str(self._file)

    def load(self) -> str | None:
        """The saved token, or None."""
        keyring = self._keyring()
        if keyring is not None:
            try:
                token = keyring.get_password(KEYRING_SERVICE, self.profile)
            except Exception:
                token = None
            if token:
                return str(token)
        if self._file.is_file():
            return self._file.read_text().strip() or None
        return None

    def forget(self) -> None:
        """Remove the saved token from both places."""
        keyring = self._keyring()
        if keyring is not None:
            with contextlib.suppress(Exception):  # nothing saved there
                keyring.delete_password(KEYRING_SERVICE, self.profile)
        self._file.unlink(missing_ok=True)
