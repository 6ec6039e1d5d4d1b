"""The token endpoint (Auth0's /oauth/token, OAuth errors) and result downloads."""

from __future__ import annotations

from pasqal_auth_client.models import GrantType, TokenError, TokenRequest, TokenResponse
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute

from pasqal_sdk.local import _auth
from pasqal_sdk.local._cloud import LocalCloud
from pasqal_sdk.local._http import ApiError, error_response
from pasqal_sdk.local._routing import Call, Router

__all__ = ["download", "routes"]


def _token_error(status: int, error: str, description: str) -> JSONResponse:
    return JSONResponse(
        TokenError(error=error, error_description=description).to_dict(), status_code=status
    )


_GRANT_TYPES = sorted(g.value for g in GrantType)


def _refused(error: ApiError) -> Response:
    """A token request the document (or the size limit) turns down, as an OAuth error."""
    data = error.data if isinstance(error.data, dict) else {}
    if data.get("field") == "grant_type" and data.get("rule") == "enum":
        return _token_error(
            400, "unsupported_grant_type", f"grant_type must be one of {_GRANT_TYPES}."
        )
    return _token_error(error.status, "invalid_request", error.message)


def routes(cloud: LocalCloud, router: Router) -> list[BaseRoute]:
    """POST /oauth/token, checked against auth.yaml; its refusals are OAuth errors."""

    async def request_token(call: Call) -> Response:
        return _grant(cloud, TokenRequest.from_dict(call.body))

    return [
        router.route(
            "/oauth/token",
            "POST",
            request_token,
            document="auth.yaml",
            body_limit=64 * 1024,
            refuse=_refused,
        )
    ]


def _grant(cloud: LocalCloud, parsed: TokenRequest) -> Response:
    """Password-realm, password, refresh_token and client_credentials grants (the form and JSON
    schemas have the same fields: one model reads both)."""
    scope = parsed.scope if isinstance(parsed.scope, str) else "openid profile email"
    if parsed.grant_type is GrantType.CLIENT_CREDENTIALS:
        # A service account is a user whose e-mail is its client id and password its secret.
        secret = parsed.client_secret
        user = cloud.store.user_by_email(parsed.client_id)
        if (
            not isinstance(secret, str)
            or user is None
            or not _auth.is_service_account(parsed.client_id)
            or not _auth.verify_password(user["password_hash"], secret)
        ):
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
        except _auth.InvalidTokenError as error:
            return _token_error(400, "invalid_grant", f"The refresh token is invalid ({error}).")
        user = cloud.store.user_by_id(str(claims["sub"]))
        if user is None:
            return _token_error(400, "invalid_grant", "The refresh token's user is unknown.")
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
        user = cloud.store.user_by_email(parsed.username)
        if (
            user is None
            or _auth.is_service_account(parsed.username)
            or not _auth.verify_password(user["password_hash"], parsed.password)
        ):
            return _token_error(403, "invalid_grant", "Wrong email or password.")
    response = TokenResponse(
        access_token=cloud.signer.access_token(user["id"], user["email"], scope),
        token_type="Bearer",
        id_token=cloud.signer.id_token(user["id"], user["email"]),
        scope=scope,
        expires_in=cloud.signer.access_ttl,
    )
    if "offline_access" in scope.split():
        response.refresh_token = cloud.signer.refresh_token(user["id"], scope)
    return JSONResponse(response.to_dict())


async def download(cloud: LocalCloud, request: Request) -> Response:
    """GET /results/{token}: the presigned download of a job's result document."""
    try:
        job_id = cloud.signer.job_of_results_token(request.path_params["token"])
    except _auth.InvalidTokenError as error:
        return error_response(
            ApiError(403, f"The results link is invalid or expired ({error}): ask for a new one.")
        )
    document = cloud.results.read(job_id)
    if document is None:
        return error_response(ApiError(404, f"Job {job_id} has no results."))
    return JSONResponse(document)
