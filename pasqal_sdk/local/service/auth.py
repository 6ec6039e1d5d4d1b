"""Authentication of the local cloud: argon2 password hashes (checked off the event loop, with
the same work for unknown users), and JWTs (access, refresh and results-link tokens) signed with
a secret kept in the data dir and carrying their user's token generation, so that changing a
password revokes every token issued before."""

from __future__ import annotations

import asyncio
import functools
import os
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# The production Auth0 values the official client sends by default, accepted as they are.
PUBLIC_CLIENT_IDS = frozenset({"PeZvo7Atx7IVv3iel59asJSb4Ig7vuSB", "cloud-sdk"})
AUDIENCE = "https://apis.pasqal.cloud/account/api/v1"
REALMS = frozenset({"pcs-users", "pasqal-cloud"})
ISSUER = "pasqal-sdk-local"
ALGORITHM = "HS256"

ACCESS_TOKEN_TTL = 24 * 3600
REFRESH_TOKEN_TTL = 30 * 24 * 3600

SERVICE_ACCOUNT_SUFFIX = "@service-accounts.local"
# The shortest signing key accepted (HS256 wants at least its 32-byte output).
MIN_SECRET_BYTES = 32

_hasher = PasswordHasher()
# argon2 is CPU-bound and parallel already (4 lanes): a small pool of its own keeps it off the
# event loop without starving the threads other work (the database) runs on.
_hashing = ThreadPoolExecutor(
    max_workers=max(1, (os.cpu_count() or 1) // 4), thread_name_prefix="argon2"
)


def service_account_id(name: str) -> str:
    """A new client id for the service account `name` (stored as its user's e-mail)."""
    return f"{name}.{secrets.token_hex(4)}{SERVICE_ACCOUNT_SUFFIX}"


def is_service_account(client_id: str) -> bool:
    return client_id.endswith(SERVICE_ACCOUNT_SUFFIX)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def _dummy_hash() -> str:
    """A hash no password matches, to check unknown users against: the same work as a wrong
    password, so the time of an answer does not tell which e-mails exist."""
    return hash_password(secrets.token_hex(16))


async def check_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches `password_hash` (None: an unknown user, always False after
    the same work), computed in the hashing pool rather than on the event loop."""

    def verify() -> bool:
        matched = verify_password(password_hash or _dummy_hash(), password)
        return matched and password_hash is not None

    return await asyncio.get_running_loop().run_in_executor(_hashing, verify)


class InvalidTokenError(Exception):
    """The token is missing, forged, expired or of the wrong kind."""


# Checked access tokens remembered at most (all forgotten at once past it).
_CHECKED_ACCESS_TOKENS = 4096


class Signer:
    """Issues and checks the local cloud's tokens with the data dir's secret."""

    def __init__(self, data_dir: Path, access_ttl: int = ACCESS_TOKEN_TTL) -> None:
        self.access_ttl = access_ttl
        key_file = data_dir / "jwt-secret"
        if not key_file.exists():
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_hex(32))
        self._key = key_file.read_text().strip()
        # Access tokens whose signature and claims were checked, to their claims: a token is
        # checked again on every request (each status poll), its expiry only is checked then.
        self._checked_access: dict[str, dict[str, Any]] = {}
        if len(self._key.encode()) < MIN_SECRET_BYTES:
            from pasqal_sdk.local.storage.datadir import DataDirError

            raise DataDirError(
                f"The signing key {key_file} is {len(self._key.encode())} bytes; at least"
                f" {MIN_SECRET_BYTES} are needed: delete it (a new one is made at start, and"
                " every token issued before is revoked) or write a longer random one."
            )

    def _sign(self, claims: dict[str, Any], ttl: int) -> str:
        issued = int(time.time())
        return jwt.encode(
            {**claims, "iss": ISSUER, "iat": issued, "exp": issued + ttl},
            self._key,
            algorithm=ALGORITHM,
        )

    def _check(self, token: str, kind: str, audience: str | None = None) -> dict[str, Any]:
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                self._key,
                algorithms=[ALGORITHM],
                audience=audience,
                issuer=ISSUER,
                options={"require": ["exp", "iat", "sub"], "verify_aud": audience is not None},
            )
        except jwt.PyJWTError as error:
            raise InvalidTokenError(str(error)) from error
        if claims.get("typ") != kind:
            raise InvalidTokenError(f"not a {kind} token")
        return claims

    def access_token(self, user_id: str, email: str, scope: str, generation: int = 0) -> str:
        return self._sign(
            {
                "sub": user_id,
                "aud": AUDIENCE,
                "scope": scope,
                "typ": "access",
                "email": email,
                "gen": generation,
            },
            self.access_ttl,
        )

    def id_token(self, user_id: str, email: str) -> str:
        return self._sign(
            {"sub": user_id, "aud": "local", "email": email, "typ": "id"}, self.access_ttl
        )

    def refresh_token(
        self, user_id: str, scope: str, generation: int = 0, family: str | None = None
    ) -> str:
        """A refresh token, usable once (`jti`); `family` is the login it descends from (a new
        one when None), all of whose tokens a reuse revokes."""
        jti = secrets.token_hex(16)
        return self._sign(
            {
                "sub": user_id,
                "scope": scope,
                "typ": "refresh",
                "jti": jti,
                "fam": family or jti,
                "gen": generation,
            },
            REFRESH_TOKEN_TTL,
        )

    def access_claims(self, token: str) -> dict[str, Any]:
        claims = self._checked_access.get(token)
        if claims is None:
            claims = self._check(token, "access", AUDIENCE)
            if len(self._checked_access) >= _CHECKED_ACCESS_TOKENS:
                self._checked_access.clear()
            self._checked_access[token] = claims
        # As PyJWT checks it (no leeway): expired at `exp` itself.
        if claims["exp"] <= time.time():
            self._checked_access.pop(token, None)
            raise InvalidTokenError("Signature has expired")
        return dict(claims)

    def refresh_claims(self, token: str) -> dict[str, Any]:
        return self._check(token, "refresh")

    def results_token(
        self, job_id: str, ttl: int, user_id: str | None = None, generation: int = 0
    ) -> str:
        """A results link's token for `job_id`, revoked by a password change of `user_id`."""
        claims: dict[str, Any] = {"sub": job_id, "typ": "results"}
        if user_id is not None:
            claims |= {"uid": user_id, "gen": generation}
        return self._sign(claims, ttl)

    def results_claims(self, token: str) -> dict[str, Any]:
        return self._check(token, "results")

    def job_of_results_token(self, token: str) -> str:
        return str(self.results_claims(token)["sub"])


def check_generation(claims: dict[str, Any], user: dict[str, Any]) -> None:
    """Raises InvalidTokenError when the token was issued before its user's last password
    change (tokens issued before generations existed carry none: generation 0)."""
    issued = claims.get("gen", 0)
    if not isinstance(issued, int) or issued != int(user.get("token_generation") or 0):
        raise InvalidTokenError("revoked by a password change: log in again")
