"""The token endpoint (Auth0's /oauth/token, OAuth errors) and result downloads."""

from __future__ import annotations

from typing import Any

from pasqal_auth_client.models import GrantType, TokenError, TokenRequest, TokenResponse
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from pasqal_sdk.local.service import auth as _auth
from pasqal_sdk.local.service.answers import ApiError, error_response
from pasqal_sdk.local.service.cloud import CloudService
from pasqal_sdk.local.service.operations import Call, Operation

__all__ = ["download", "operations"]


def _token_error(
    status: int, error: str, description: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        TokenError(error=error, error_description=description).to_dict(),
        status_code=status,
        headers=headers,
    )


_GRANT_TYPES = sorted(g.value for g in GrantType)


def _refused(error: ApiError) -> Response:
    """A token request the document (or the size limit) turns down, as an OAuth error."""
    data = error.data if isinstance(error.data, dict) else {}
    if data.get("field") == "grant_type" and data.get("rule") == "enum":
        return _token_error(
            400, "unsupported_grant_type", f"grant_type must be one of {_GRANT_TYPES}."
        )
    # OAuth (RFC 6749 §5.2) answers a request it can't read with 400, whatever the cause.
    status = 400 if error.status == 415 else error.status
    return _token_error(status, "invalid_request", error.message)


def operations(cloud: CloudService) -> list[Operation]:
    """POST /oauth/token, checked against auth.yaml; its refusals are OAuth errors."""

    async def request_token(call: Call) -> Response:
        client = call.request.client
        return await _grant(cloud, TokenRequest.from_dict(call.body), client and client.host)

    return [
        Operation(
            "request_token",
            request_token,
            body_limit=64 * 1024,
            refuse=_refused,
        )
    ]


def _throttled(retry_after: int) -> Response:
    return _token_error(
        429,
        "too_many_attempts",
        f"Too many failed logins: wait {retry_after} s before trying again.",
        {"Retry-After": str(retry_after)},
    )


async def _login(
    cloud: CloudService, account: str, secret: str, address: str | None
) -> tuple[dict[str, Any] | None, Response | None]:
    """The user whose e-mail (or service-account client id) is `account` when `secret` is its
    password; else (None, the 429 answer) when throttled, or (None, None) when refused.
    Unknown users cost the same hashing as wrong passwords."""
    keys = cloud.throttle.keys(account, address)
    wait = cloud.throttle.retry_after(keys)
    if wait is not None:
        return None, _throttled(wait)
    user = cloud.store.user_by_email(account)
    matched = await _auth.check_password(None if user is None else user["password_hash"], secret)
    if not matched:
        cloud.throttle.failed(keys)
        return None, None
    cloud.throttle.succeeded(account, address)
    return user, None


async def _grant(cloud: CloudService, parsed: TokenRequest, address: str | None) -> Response:
    """Password-realm, password, refresh_token and client_credentials grants (the form and JSON
    schemas have the same fields: one model reads both)."""
    scope = parsed.scope if isinstance(parsed.scope, str) else "openid profile email"
    family: str | None = None
    if parsed.grant_type is GrantType.CLIENT_CREDENTIALS:
        # A service account is a user whose e-mail is its client id and password its secret.
        secret = parsed.client_secret
        if not isinstance(secret, str) or not _auth.is_service_account(parsed.client_id):
            return _token_error(401, "invalid_client", "Wrong client id or client secret.")
        user, throttled = await _login(cloud, parsed.client_id, secret, address)
        if throttled is not None:
            return throttled
        if user is None:
            return _token_error(401, "invalid_client", "Wrong client id or client secret.")
        if isinstance(parsed.audience, str) and parsed.audience != _auth.AUDIENCE:
            return _token_error(403, "access_denied", f"Service not found: {parsed.audience}.")
    elif parsed.client_id not in _auth.PUBLIC_CLIENT_IDS:
        return _token_error(401, "invalid_client", f"Unknown client id {parsed.client_id!r}.")
    elif parsed.grant_type is GrantType.REFRESH_TOKEN:
        if not isinstance(parsed.refresh_token, str):
            return _token_error(422, "invalid_request", "refresh_token is required.")
        try:
            claims = cloud.signer.refresh_claims(parsed.refresh_token)
            user = cloud.store.user_by_id(str(claims["sub"]))
            if user is None:
                return _token_error(400, "invalid_grant", "The refresh token's user is unknown.")
            _auth.check_generation(claims, user)
            family = str(claims.get("fam") or claims.get("jti") or "")
            jti = str(claims.get("jti") or "")
            if not cloud.store.use_refresh_token(jti, family, _auth.REFRESH_TOKEN_TTL):
                raise _auth.InvalidTokenError(
                    "already used: every refresh token of its login is now revoked, log in again"
                )
        except _auth.InvalidTokenError as error:
            return _token_error(400, "invalid_grant", f"The refresh token is invalid ({error}).")
        scope = str(claims.get("scope", scope))
    else:
        if parsed.grant_type is GrantType.PASSWORD_REALM and parsed.realm not in _auth.REALMS:
            return _token_error(
                400, "invalid_request", f"realm must be one of {sorted(_auth.REALMS)}."
            )
        audience = parsed.audience if isinstance(parsed.audience, str) else _auth.AUDIENCE
        if audience != _auth.AUDIENCE:
            return _token_error(
                403,
                "access_denied",
                f"Service not found: {audience}. The audience is {_auth.AUDIENCE}.",
            )
        if not isinstance(parsed.username, str) or not isinstance(parsed.password, str):
            return _token_error(422, "invalid_request", "username and password are required.")
        user, throttled = None, None
        if not _auth.is_service_account(parsed.username):
            user, throttled = await _login(cloud, parsed.username, parsed.password, address)
        else:  # the same work and the same answer as a wrong password
            await _auth.check_password(None, parsed.password)
        if throttled is not None:
            return throttled
        if user is None:
            return _token_error(403, "invalid_grant", "Wrong email or password.")
    generation = int(user.get("token_generation") or 0)
    response = TokenResponse(
        access_token=cloud.signer.access_token(user["id"], user["email"], scope, generation),
        token_type="Bearer",
        id_token=cloud.signer.id_token(user["id"], user["email"]),
        scope=scope,
        expires_in=cloud.signer.access_ttl,
    )
    if "offline_access" in scope.split():
        # Rotated: a refreshed login keeps its family, so that a reused token revokes it all.
        family = family if parsed.grant_type is GrantType.REFRESH_TOKEN else None
        response.refresh_token = cloud.signer.refresh_token(
            user["id"], scope, generation, family=family
        )
    return JSONResponse(response.to_dict())


async def download(cloud: CloudService, request: Request) -> Response:
    """GET /results/{token}: the presigned download of a job's result document."""
    try:
        claims = cloud.signer.results_claims(request.path_params["token"])
        job_id = str(claims["sub"])
        if "uid" in claims:  # revoked by a password change of the user it was issued to
            user = cloud.store.user_by_id(str(claims["uid"]))
            if user is None:
                raise _auth.InvalidTokenError("its user no longer exists")
            _auth.check_generation(claims, user)
    except _auth.InvalidTokenError as error:
        return error_response(
            ApiError(403, f"The results link is invalid or expired ({error}): ask for a new one.")
        )
    document = cloud.results.read(job_id)
    if document is None:
        return error_response(ApiError(404, f"Job {job_id} has no results."))
    return JSONResponse(document)
