from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batches_cancellation_response import BatchesCancellationResponse
from ...models.cancel_batches_request import CancelBatchesRequest
from ...models.error_response import ErrorResponse
from ...types import Response

#: The operation's query parameters, as the document declares them: keyword argument to wire name.
QUERY_PARAMETERS: dict[str, str] = {}


def _get_kwargs(
    *,
    body: CancelBatchesRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/batches/cancel",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BatchesCancellationResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = BatchesCancellationResponse.from_dict(response.json())

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

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

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
) -> Response[BatchesCancellationResponse | ErrorResponse]:
    try:
        status_code = HTTPStatus(response.status_code)
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        # Not JSON, or JSON of another shape than the document says (tolerant reader: only
        # what cannot be read at all ends here; unknown fields and enum values are kept).
        raise errors.UnreadableResponse(
            "cancel_batches",
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
    body: CancelBatchesRequest,
) -> Response[BatchesCancellationResponse | ErrorResponse]:
    """Cancel several batches

     Cancels every listed batch that can still be cancelled. Batches that cannot be (unknown,
    already finished) are reported in `data.errors`, keyed by id; the others come back in
    `data.batches`.

    Args:
        body (CancelBatchesRequest): The batches to cancel.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchesCancellationResponse | ErrorResponse]
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
    body: CancelBatchesRequest,
) -> BatchesCancellationResponse | ErrorResponse | None:
    """Cancel several batches

     Cancels every listed batch that can still be cancelled. Batches that cannot be (unknown,
    already finished) are reported in `data.errors`, keyed by id; the others come back in
    `data.batches`.

    Args:
        body (CancelBatchesRequest): The batches to cancel.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchesCancellationResponse | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CancelBatchesRequest,
) -> Response[BatchesCancellationResponse | ErrorResponse]:
    """Cancel several batches

     Cancels every listed batch that can still be cancelled. Batches that cannot be (unknown,
    already finished) are reported in `data.errors`, keyed by id; the others come back in
    `data.batches`.

    Args:
        body (CancelBatchesRequest): The batches to cancel.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchesCancellationResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CancelBatchesRequest,
) -> BatchesCancellationResponse | ErrorResponse | None:
    """Cancel several batches

     Cancels every listed batch that can still be cancelled. Batches that cannot be (unknown,
    already finished) are reported in `data.errors`, keyed by id; the others come back in
    `data.batches`.

    Args:
        body (CancelBatchesRequest): The batches to cancel.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchesCancellationResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
