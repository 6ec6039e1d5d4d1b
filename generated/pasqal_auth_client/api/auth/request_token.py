from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.token_error import TokenError
from ...models.token_form_request import TokenFormRequest
from ...models.token_request import TokenRequest
from ...models.token_response import TokenResponse
from ...types import UNSET, Response, Unset

#: The operation's query parameters, as the document declares them: keyword argument to wire name.
QUERY_PARAMETERS: dict[str, str] = {}


def _get_kwargs(
    *,
    body: TokenFormRequest | TokenRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/oauth/token",
    }

    if isinstance(body, TokenFormRequest):
        _kwargs["data"] = body.to_dict()

        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if isinstance(body, TokenRequest):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> TokenError | TokenResponse | None:
    if response.status_code == 200:
        response_200 = TokenResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = TokenError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = TokenError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = TokenError.from_dict(response.json())

        return response_403

    if response.status_code == 413:
        response_413 = TokenError.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = TokenError.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = TokenError.from_dict(response.json())

        return response_429

    if 500 <= response.status_code <= 599:
        response_5xx = TokenError.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[TokenError | TokenResponse]:
    try:
        status_code = HTTPStatus(response.status_code)
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        # Not JSON, or JSON of another shape than the document says (tolerant reader: only
        # what cannot be read at all ends here; unknown fields and enum values are kept).
        raise errors.UnreadableResponse(
            "request_token",
            response.status_code,
            errors.describe(exc),
            response.headers.get("x-request-id"),
        ) from None
    return Response(
        status_code=status_code,
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenFormRequest | TokenRequest | Unset = UNSET,
) -> Response[TokenError | TokenResponse]:
    """Obtain an access token

     Grants, by `grant_type`:
    - `http://auth0.com/oauth/grant-type/password-realm`: `client_id`, `realm`, `username`,
      `password`, `audience`, `scope` (`openid profile email`, add `offline_access` for a
      refresh token);
    - `password`: as above without `realm`;
    - `refresh_token`: `client_id`, `refresh_token`;
    - `client_credentials` (service accounts): `client_id`, `client_secret`, `audience`.

    Args:
        body (TokenFormRequest): The token request, form-encoded (the official client's way): the
            fields of `TokenRequest`, which a contract test keeps identical.
        body (TokenRequest): A token request; which fields are needed depends on `grant_type`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[TokenError | TokenResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: TokenFormRequest | TokenRequest | Unset = UNSET,
) -> TokenError | TokenResponse | None:
    """Obtain an access token

     Grants, by `grant_type`:
    - `http://auth0.com/oauth/grant-type/password-realm`: `client_id`, `realm`, `username`,
      `password`, `audience`, `scope` (`openid profile email`, add `offline_access` for a
      refresh token);
    - `password`: as above without `realm`;
    - `refresh_token`: `client_id`, `refresh_token`;
    - `client_credentials` (service accounts): `client_id`, `client_secret`, `audience`.

    Args:
        body (TokenFormRequest): The token request, form-encoded (the official client's way): the
            fields of `TokenRequest`, which a contract test keeps identical.
        body (TokenRequest): A token request; which fields are needed depends on `grant_type`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TokenError | TokenResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenFormRequest | TokenRequest | Unset = UNSET,
) -> Response[TokenError | TokenResponse]:
    """Obtain an access token

     Grants, by `grant_type`:
    - `http://auth0.com/oauth/grant-type/password-realm`: `client_id`, `realm`, `username`,
      `password`, `audience`, `scope` (`openid profile email`, add `offline_access` for a
      refresh token);
    - `password`: as above without `realm`;
    - `refresh_token`: `client_id`, `refresh_token`;
    - `client_credentials` (service accounts): `client_id`, `client_secret`, `audience`.

    Args:
        body (TokenFormRequest): The token request, form-encoded (the official client's way): the
            fields of `TokenRequest`, which a contract test keeps identical.
        body (TokenRequest): A token request; which fields are needed depends on `grant_type`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[TokenError | TokenResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: TokenFormRequest | TokenRequest | Unset = UNSET,
) -> TokenError | TokenResponse | None:
    """Obtain an access token

     Grants, by `grant_type`:
    - `http://auth0.com/oauth/grant-type/password-realm`: `client_id`, `realm`, `username`,
      `password`, `audience`, `scope` (`openid profile email`, add `offline_access` for a
      refresh token);
    - `password`: as above without `realm`;
    - `refresh_token`: `client_id`, `refresh_token`;
    - `client_credentials` (service accounts): `client_id`, `client_secret`, `audience`.

    Args:
        body (TokenFormRequest): The token request, form-encoded (the official client's way): the
            fields of `TokenRequest`, which a contract test keeps identical.
        body (TokenRequest): A token request; which fields are needed depends on `grant_type`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TokenError | TokenResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
