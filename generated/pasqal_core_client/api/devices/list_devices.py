from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.device_list_response import DeviceListResponse
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset

#: The operation's query parameters, as the document declares them: keyword argument to wire name.
QUERY_PARAMETERS: dict[str, str] = {
    "device_type": "device_type",
}


def _get_kwargs(
    *,
    device_type: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["device_type"] = device_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/devices",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeviceListResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = DeviceListResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 422:
        response_422 = ErrorResponse.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if 500 <= response.status_code <= 599:
        response_5xx = ErrorResponse.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DeviceListResponse | ErrorResponse]:
    try:
        status_code = HTTPStatus(response.status_code)
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        # Not JSON, or JSON of another shape than the document says (tolerant reader: only
        # what cannot be read at all ends here; unknown fields and enum values are kept).
        raise errors.UnreadableResponse(
            "list_devices",
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
    device_type: str | Unset = UNSET,
) -> Response[DeviceListResponse | ErrorResponse]:
    """Devices and their availability

     One entry per device type, with its `status` and `availability` (`ACTIVE` when it
    accepts batches now); `device_type` narrows the list to that type (an unknown type gives
    an empty list). Needs no token: QRMI asks it before it has one.

    Args:
        device_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeviceListResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        device_type=device_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    device_type: str | Unset = UNSET,
) -> DeviceListResponse | ErrorResponse | None:
    """Devices and their availability

     One entry per device type, with its `status` and `availability` (`ACTIVE` when it
    accepts batches now); `device_type` narrows the list to that type (an unknown type gives
    an empty list). Needs no token: QRMI asks it before it has one.

    Args:
        device_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeviceListResponse | ErrorResponse
    """

    return sync_detailed(
        client=client,
        device_type=device_type,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    device_type: str | Unset = UNSET,
) -> Response[DeviceListResponse | ErrorResponse]:
    """Devices and their availability

     One entry per device type, with its `status` and `availability` (`ACTIVE` when it
    accepts batches now); `device_type` narrows the list to that type (an unknown type gives
    an empty list). Needs no token: QRMI asks it before it has one.

    Args:
        device_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeviceListResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        device_type=device_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    device_type: str | Unset = UNSET,
) -> DeviceListResponse | ErrorResponse | None:
    """Devices and their availability

     One entry per device type, with its `status` and `availability` (`ACTIVE` when it
    accepts batches now); `device_type` narrows the list to that type (an unknown type gives
    an empty list). Needs no token: QRMI asks it before it has one.

    Args:
        device_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeviceListResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            device_type=device_type,
        )
    ).parsed
