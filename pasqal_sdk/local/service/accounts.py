"""Managing the local cloud's users from the command line (no server needed): the errors of
`local user ...`, and changing a password, which revokes every token the user holds."""

from __future__ import annotations

from pathlib import Path

from pasqal_sdk.errors import PasqalError

__all__ = ["AccountError", "UnknownUserError", "UserExistsError", "change_password"]


class AccountError(PasqalError):
    """A `local user` command cannot be done; the message says why and what to do."""


class UserExistsError(AccountError, ValueError):
    """`local user add` for an e-mail that already has a user."""

    def __init__(self, email: str, data_dir: Path) -> None:
        super().__init__(
            f"User {email} already exists in {data_dir}: change its password with"
            f" `pasqal-sdk local user passwd {email} --password NEW`."
        )
        self.email = email


class UnknownUserError(AccountError, LookupError):
    """No user has this e-mail in the data dir."""

    def __init__(self, email: str, data_dir: Path) -> None:
        super().__init__(
            f"No user {email} in {data_dir}: add one with"
            f" `pasqal-sdk local user add {email} --password PW`."
        )
        self.email = email


def check_password_given(password: str) -> None:
    """Raises AccountError for an empty password."""
    if not password:
        raise AccountError("The password is empty: give one with --password.")


def change_password(data_dir: Path, email: str, password: str) -> None:
    """Sets the password of the user `email` and revokes the access and refresh tokens issued
    to them before (a running server refuses them from its next request on).

    Raises:
        UnknownUserError: no user has this e-mail.
        AccountError: the password is empty.

    Example:
        ```python
        change_password(Path("~/.local/share/pasqal-sdk/local").expanduser(), "a@b.c", "new")
        ```
    """
    from pasqal_sdk.local.service.auth import hash_password
    from pasqal_sdk.local.storage.store import Store

    check_password_given(password)
    if not (data_dir / "local-cloud.sqlite3").exists():
        raise UnknownUserError(email, data_dir)
    store = Store(data_dir / "local-cloud.sqlite3")
    try:
        user = store.user_by_email(email)
        if user is None:
            raise UnknownUserError(email, data_dir)
        store.set_password(user["id"], hash_password(password))
    finally:
        store.close()
