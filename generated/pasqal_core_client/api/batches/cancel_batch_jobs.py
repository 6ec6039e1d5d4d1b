import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.job_status import JobStatus
from ...models.jobs_cancellation_response import JobsCancellationResponse
from ...types import UNSET, Response, Unset

#: The operation's query parameters, as the document declares them: keyword argument to wire name.
QUERY_PARAMETERS: dict[str, str] = {
    "id": "id",
    "status": "status",
    "min_runs": "min_runs",
    "max_runs": "max_runs",
    "errors": "errors",
    "start_date": "start_date",
    "end_date": "end_date",
}


def _get_kwargs(
    batch_id: str,
    *,
    id: list[UUID] | Unset = UNSET,
    status: list[JobStatus] | Unset = UNSET,
    min_runs: int | Unset = UNSET,
    max_runs: int | Unset = UNSET,
    errors: bool | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_id: list[str] | Unset = UNSET
    if not isinstance(id, Unset):
        json_id = []
        for id_item_data in id:
            id_item = str(id_item_data)
            json_id.append(id_item)

    params["id"] = json_id

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)

    params["status"] = json_status

    params["min_runs"] = min_runs

    params["max_runs"] = max_runs

    params["errors"] = errors

    json_start_date: str | Unset = UNSET
    if not isinstance(start_date, Unset):
        json_start_date = start_date.isoformat()
    params["start_date"] = json_start_date

    json_end_date: str | Unset = UNSET
    if not isinstance(end_date, Unset):
        json_end_date = end_date.isoformat()
    params["end_date"] = json_end_date

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v2/batches/{batch_id}/cancel/jobs".format(
            batch_id=quote(str(batch_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | JobsCancellationResponse | None:
    if response.status_code == 200:
        response_200 = JobsCancellationResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | JobsCancellationResponse]:
    try:
        status_code = HTTPStatus(response.status_code)
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        # Not JSON, or JSON of another shape than the document says (tolerant reader: only
        # what cannot be read at all ends here; unknown fields and enum values are kept).
        raise errors.UnreadableResponse(
            "cancel_batch_jobs",
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
    batch_id: str,
    *,
    client: AuthenticatedClient | Client,
    id: list[UUID] | Unset = UNSET,
    status: list[JobStatus] | Unset = UNSET,
    min_runs: int | Unset = UNSET,
    max_runs: int | Unset = UNSET,
    errors: bool | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
) -> Response[ErrorResponse | JobsCancellationResponse]:
    """Cancel jobs of a batch

     Cancels the batch's jobs that match the filters; jobs that cannot be cancelled are reported in
    `data.errors`.

    Args:
        batch_id (str):
        id (list[UUID] | Unset):
        status (list[JobStatus] | Unset):
        min_runs (int | Unset):
        max_runs (int | Unset):
        errors (bool | Unset):
        start_date (datetime.datetime | Unset):
        end_date (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | JobsCancellationResponse]
    """

    kwargs = _get_kwargs(
        batch_id=batch_id,
        id=id,
        status=status,
        min_runs=min_runs,
        max_runs=max_runs,
        errors=errors,
        start_date=start_date,
        end_date=end_date,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    batch_id: str,
    *,
    client: AuthenticatedClient | Client,
    id: list[UUID] | Unset = UNSET,
    status: list[JobStatus] | Unset = UNSET,
    min_runs: int | Unset = UNSET,
    max_runs: int | Unset = UNSET,
    errors: bool | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
) -> ErrorResponse | JobsCancellationResponse | None:
    """Cancel jobs of a batch

     Cancels the batch's jobs that match the filters; jobs that cannot be cancelled are reported in
    `data.errors`.

    Args:
        batch_id (str):
        id (list[UUID] | Unset):
        status (list[JobStatus] | Unset):
        min_runs (int | Unset):
        max_runs (int | Unset):
        errors (bool | Unset):
        start_date (datetime.datetime | Unset):
        end_date (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | JobsCancellationResponse
    """

    return sync_detailed(
        batch_id=batch_id,
        client=client,
        id=id,
        status=status,
        min_runs=min_runs,
        max_runs=max_runs,
        errors=errors,
        start_date=start_date,
        end_date=end_date,
    ).parsed


async def asyncio_detailed(
    batch_id: str,
    *,
    client: AuthenticatedClient | Client,
    id: list[UUID] | Unset = UNSET,
    status: list[JobStatus] | Unset = UNSET,
    min_runs: int | Unset = UNSET,
    max_runs: int | Unset = UNSET,
    errors: bool | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
) -> Response[ErrorResponse | JobsCancellationResponse]:
    """Cancel jobs of a batch

     Cancels the batch's jobs that match the filters; jobs that cannot be cancelled are reported in
    `data.errors`.

    Args:
        batch_id (str):
        id (list[UUID] | Unset):
        status (list[JobStatus] | Unset):
        min_runs (int | Unset):
        max_runs (int | Unset):
        errors (bool | Unset):
        start_date (datetime.datetime | Unset):
        end_date (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | JobsCancellationResponse]
    """

    kwargs = _get_kwargs(
        batch_id=batch_id,
        id=id,
        status=status,
        min_runs=min_runs,
        max_runs=max_runs,
        errors=errors,
        start_date=start_date,
        end_date=end_date,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    batch_id: str,
    *,
    client: AuthenticatedClient | Client,
    id: list[UUID] | Unset = UNSET,
    status: list[JobStatus] | Unset = UNSET,
    min_runs: int | Unset = UNSET,
    max_runs: int | Unset = UNSET,
    errors: bool | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
) -> ErrorResponse | JobsCancellationResponse | None:
    """Cancel jobs of a batch

     Cancels the batch's jobs that match the filters; jobs that cannot be cancelled are reported in
    `data.errors`.

    Args:
        batch_id (str):
        id (list[UUID] | Unset):
        status (list[JobStatus] | Unset):
        min_runs (int | Unset):
        max_runs (int | Unset):
        errors (bool | Unset):
        start_date (datetime.datetime | Unset):
        end_date (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | JobsCancellationResponse
    """

    return (
        await asyncio_detailed(
            batch_id=batch_id,
            client=client,
            id=id,
            status=status,
            min_runs=min_runs,
            max_runs=max_runs,
            errors=errors,
            start_date=start_date,
            end_date=end_date,
        )
    ).parsed
