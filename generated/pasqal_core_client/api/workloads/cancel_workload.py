from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.workload_response import WorkloadResponse
from ...types import Response

#: The operation's query parameters, as the document declares them: keyword argument to wire name.
QUERY_PARAMETERS: dict[str, str] = {}


def _get_kwargs(
    workload_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/workloads/{workload_id}/cancel".format(
            workload_id=quote(str(workload_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | WorkloadResponse | None:
    if response.status_code == 200:
        response_200 = WorkloadResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

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
) -> Response[ErrorResponse | WorkloadResponse]:
    try:
        status_code = HTTPStatus(response.status_code)
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        # Not JSON, or JSON of another shape than the document says (tolerant reader: only
        # what cannot be read at all ends here; unknown fields and enum values are kept).
        raise errors.UnreadableResponse(
            "cancel_workload",
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
    workload_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | WorkloadResponse]:
    """Cancel a workload

     Cancels a pending or running workload.

    Args:
        workload_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | WorkloadResponse]
    """

    kwargs = _get_kwargs(
        workload_id=workload_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    workload_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | WorkloadResponse | None:
    """Cancel a workload

     Cancels a pending or running workload.

    Args:
        workload_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | WorkloadResponse
    """

    return sync_detailed(
        workload_id=workload_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    workload_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | WorkloadResponse]:
    """Cancel a workload

     Cancels a pending or running workload.

    Args:
        workload_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | WorkloadResponse]
    """

    kwargs = _get_kwargs(
        workload_id=workload_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workload_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | WorkloadResponse | None:
    """Cancel a workload

     Cancels a pending or running workload.

    Args:
        workload_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | WorkloadResponse
    """

    return (
        await asyncio_detailed(
            workload_id=workload_id,
            client=client,
        )
    ).parsed
