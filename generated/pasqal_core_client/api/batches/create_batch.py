from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_response import BatchResponse
from ...models.create_batch_content_encoding import CreateBatchContentEncoding
from ...models.create_batch_request import CreateBatchRequest
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset

#: The operation's query parameters, as the document declares them: keyword argument to wire name.
QUERY_PARAMETERS: dict[str, str] = {}


def _get_kwargs(
    *,
    body: CreateBatchRequest,
    content_encoding: CreateBatchContentEncoding | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(content_encoding, Unset):
        headers["Content-Encoding"] = str(content_encoding)

    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/batches",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BatchResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = BatchResponse.from_dict(response.json())

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
) -> Response[BatchResponse | ErrorResponse]:
    try:
        status_code = HTTPStatus(response.status_code)
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        # Not JSON, or JSON of another shape than the document says (tolerant reader: only
        # what cannot be read at all ends here; unknown fields and enum values are kept).
        raise errors.UnreadableResponse(
            "create_batch",
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
    body: CreateBatchRequest,
    content_encoding: CreateBatchContentEncoding | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[BatchResponse | ErrorResponse]:
    """Create a batch of jobs

     Creates a batch on `device_type` with its first jobs. An open batch (`open: true`) accepts
    more jobs later (add jobs) until it is closed (complete); a closed batch starts running
    as soon as it is created. The body may be gzip-compressed (`Content-Encoding: gzip`).

    Args:
        content_encoding (CreateBatchContentEncoding | Unset):
        idempotency_key (str | Unset):
        body (CreateBatchRequest): A new batch.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        content_encoding=content_encoding,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreateBatchRequest,
    content_encoding: CreateBatchContentEncoding | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> BatchResponse | ErrorResponse | None:
    """Create a batch of jobs

     Creates a batch on `device_type` with its first jobs. An open batch (`open: true`) accepts
    more jobs later (add jobs) until it is closed (complete); a closed batch starts running
    as soon as it is created. The body may be gzip-compressed (`Content-Encoding: gzip`).

    Args:
        content_encoding (CreateBatchContentEncoding | Unset):
        idempotency_key (str | Unset):
        body (CreateBatchRequest): A new batch.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponse | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        content_encoding=content_encoding,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateBatchRequest,
    content_encoding: CreateBatchContentEncoding | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[BatchResponse | ErrorResponse]:
    """Create a batch of jobs

     Creates a batch on `device_type` with its first jobs. An open batch (`open: true`) accepts
    more jobs later (add jobs) until it is closed (complete); a closed batch starts running
    as soon as it is created. The body may be gzip-compressed (`Content-Encoding: gzip`).

    Args:
        content_encoding (CreateBatchContentEncoding | Unset):
        idempotency_key (str | Unset):
        body (CreateBatchRequest): A new batch.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        content_encoding=content_encoding,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateBatchRequest,
    content_encoding: CreateBatchContentEncoding | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> BatchResponse | ErrorResponse | None:
    """Create a batch of jobs

     Creates a batch on `device_type` with its first jobs. An open batch (`open: true`) accepts
    more jobs later (add jobs) until it is closed (complete); a closed batch starts running
    as soon as it is created. The body may be gzip-compressed (`Content-Encoding: gzip`).

    Args:
        content_encoding (CreateBatchContentEncoding | Unset):
        idempotency_key (str | Unset):
        body (CreateBatchRequest): A new batch.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            content_encoding=content_encoding,
            idempotency_key=idempotency_key,
        )
    ).parsed
