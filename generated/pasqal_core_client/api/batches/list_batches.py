import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_list_response import BatchListResponse
from ...models.batch_status import BatchStatus
from ...models.device_type import DeviceType
from ...models.error_response import ErrorResponse
from ...models.order_by_direction import OrderByDirection
from ...models.queue_priority import QueuePriority
from ...types import UNSET, Response, Unset

#: The operation's query parameters, as the document declares them: keyword argument to wire name.
QUERY_PARAMETERS: dict[str, str] = {
    "id": "id",
    "project_id": "project_id",
    "user_id": "user_id",
    "device_type": "device_type",
    "status": "status",
    "open_": "open",
    "queue_priority": "queue_priority",
    "tag": "tag",
    "start_date": "start_date",
    "end_date": "end_date",
    "offset": "offset",
    "limit": "limit",
    "order_by": "order_by",
    "order_by_direction": "order_by_direction",
}


def _get_kwargs(
    *,
    id: list[UUID] | Unset = UNSET,
    project_id: list[UUID] | Unset = UNSET,
    user_id: list[str] | Unset = UNSET,
    device_type: list[DeviceType] | Unset = UNSET,
    status: list[BatchStatus] | Unset = UNSET,
    open_: bool | Unset = UNSET,
    queue_priority: list[QueuePriority] | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
    order_by: str | Unset = UNSET,
    order_by_direction: OrderByDirection | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_id: list[str] | Unset = UNSET
    if not isinstance(id, Unset):
        json_id = []
        for id_item_data in id:
            id_item = str(id_item_data)
            json_id.append(id_item)

    params["id"] = json_id

    json_project_id: list[str] | Unset = UNSET
    if not isinstance(project_id, Unset):
        json_project_id = []
        for project_id_item_data in project_id:
            project_id_item = str(project_id_item_data)
            json_project_id.append(project_id_item)

    params["project_id"] = json_project_id

    json_user_id: list[str] | Unset = UNSET
    if not isinstance(user_id, Unset):
        json_user_id = user_id

    params["user_id"] = json_user_id

    json_device_type: list[str] | Unset = UNSET
    if not isinstance(device_type, Unset):
        json_device_type = []
        for device_type_item_data in device_type:
            device_type_item = device_type_item_data.value
            json_device_type.append(device_type_item)

    params["device_type"] = json_device_type

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)

    params["status"] = json_status

    params["open"] = open_

    json_queue_priority: list[str] | Unset = UNSET
    if not isinstance(queue_priority, Unset):
        json_queue_priority = []
        for queue_priority_item_data in queue_priority:
            queue_priority_item = queue_priority_item_data.value
            json_queue_priority.append(queue_priority_item)

    params["queue_priority"] = json_queue_priority

    json_tag: list[str] | Unset = UNSET
    if not isinstance(tag, Unset):
        json_tag = tag

    params["tag"] = json_tag

    json_start_date: str | Unset = UNSET
    if not isinstance(start_date, Unset):
        json_start_date = start_date.isoformat()
    params["start_date"] = json_start_date

    json_end_date: str | Unset = UNSET
    if not isinstance(end_date, Unset):
        json_end_date = end_date.isoformat()
    params["end_date"] = json_end_date

    params["offset"] = offset

    params["limit"] = limit

    params["order_by"] = order_by

    json_order_by_direction: str | Unset = UNSET
    if not isinstance(order_by_direction, Unset):
        json_order_by_direction = order_by_direction.value

    params["order_by_direction"] = json_order_by_direction

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/batches",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BatchListResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = BatchListResponse.from_dict(response.json())

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
) -> Response[BatchListResponse | ErrorResponse]:
    try:
        status_code = HTTPStatus(response.status_code)
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        # Not JSON, or JSON of another shape than the document says (tolerant reader: only
        # what cannot be read at all ends here; unknown fields and enum values are kept).
        raise errors.UnreadableResponse(
            "list_batches",
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
    id: list[UUID] | Unset = UNSET,
    project_id: list[UUID] | Unset = UNSET,
    user_id: list[str] | Unset = UNSET,
    device_type: list[DeviceType] | Unset = UNSET,
    status: list[BatchStatus] | Unset = UNSET,
    open_: bool | Unset = UNSET,
    queue_priority: list[QueuePriority] | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
    order_by: str | Unset = UNSET,
    order_by_direction: OrderByDirection | Unset = UNSET,
) -> Response[BatchListResponse | ErrorResponse]:
    """List batches

     Lists the batches the caller may see, newest first unless `order_by` says otherwise.
    List-valued filters repeat their query key (`status=DONE&status=ERROR`). Pages with
    `offset` and `limit`; `pagination.end < pagination.total` means more pages follow.

    Args:
        id (list[UUID] | Unset):
        project_id (list[UUID] | Unset):
        user_id (list[str] | Unset):
        device_type (list[DeviceType] | Unset):
        status (list[BatchStatus] | Unset):
        open_ (bool | Unset):
        queue_priority (list[QueuePriority] | Unset):
        tag (list[str] | Unset):
        start_date (datetime.datetime | Unset):
        end_date (datetime.datetime | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.
        order_by (str | Unset):
        order_by_direction (OrderByDirection | Unset): Ascending or descending order.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchListResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        project_id=project_id,
        user_id=user_id,
        device_type=device_type,
        status=status,
        open_=open_,
        queue_priority=queue_priority,
        tag=tag,
        start_date=start_date,
        end_date=end_date,
        offset=offset,
        limit=limit,
        order_by=order_by,
        order_by_direction=order_by_direction,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    id: list[UUID] | Unset = UNSET,
    project_id: list[UUID] | Unset = UNSET,
    user_id: list[str] | Unset = UNSET,
    device_type: list[DeviceType] | Unset = UNSET,
    status: list[BatchStatus] | Unset = UNSET,
    open_: bool | Unset = UNSET,
    queue_priority: list[QueuePriority] | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
    order_by: str | Unset = UNSET,
    order_by_direction: OrderByDirection | Unset = UNSET,
) -> BatchListResponse | ErrorResponse | None:
    """List batches

     Lists the batches the caller may see, newest first unless `order_by` says otherwise.
    List-valued filters repeat their query key (`status=DONE&status=ERROR`). Pages with
    `offset` and `limit`; `pagination.end < pagination.total` means more pages follow.

    Args:
        id (list[UUID] | Unset):
        project_id (list[UUID] | Unset):
        user_id (list[str] | Unset):
        device_type (list[DeviceType] | Unset):
        status (list[BatchStatus] | Unset):
        open_ (bool | Unset):
        queue_priority (list[QueuePriority] | Unset):
        tag (list[str] | Unset):
        start_date (datetime.datetime | Unset):
        end_date (datetime.datetime | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.
        order_by (str | Unset):
        order_by_direction (OrderByDirection | Unset): Ascending or descending order.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchListResponse | ErrorResponse
    """

    return sync_detailed(
        client=client,
        id=id,
        project_id=project_id,
        user_id=user_id,
        device_type=device_type,
        status=status,
        open_=open_,
        queue_priority=queue_priority,
        tag=tag,
        start_date=start_date,
        end_date=end_date,
        offset=offset,
        limit=limit,
        order_by=order_by,
        order_by_direction=order_by_direction,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    id: list[UUID] | Unset = UNSET,
    project_id: list[UUID] | Unset = UNSET,
    user_id: list[str] | Unset = UNSET,
    device_type: list[DeviceType] | Unset = UNSET,
    status: list[BatchStatus] | Unset = UNSET,
    open_: bool | Unset = UNSET,
    queue_priority: list[QueuePriority] | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
    order_by: str | Unset = UNSET,
    order_by_direction: OrderByDirection | Unset = UNSET,
) -> Response[BatchListResponse | ErrorResponse]:
    """List batches

     Lists the batches the caller may see, newest first unless `order_by` says otherwise.
    List-valued filters repeat their query key (`status=DONE&status=ERROR`). Pages with
    `offset` and `limit`; `pagination.end < pagination.total` means more pages follow.

    Args:
        id (list[UUID] | Unset):
        project_id (list[UUID] | Unset):
        user_id (list[str] | Unset):
        device_type (list[DeviceType] | Unset):
        status (list[BatchStatus] | Unset):
        open_ (bool | Unset):
        queue_priority (list[QueuePriority] | Unset):
        tag (list[str] | Unset):
        start_date (datetime.datetime | Unset):
        end_date (datetime.datetime | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.
        order_by (str | Unset):
        order_by_direction (OrderByDirection | Unset): Ascending or descending order.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchListResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        project_id=project_id,
        user_id=user_id,
        device_type=device_type,
        status=status,
        open_=open_,
        queue_priority=queue_priority,
        tag=tag,
        start_date=start_date,
        end_date=end_date,
        offset=offset,
        limit=limit,
        order_by=order_by,
        order_by_direction=order_by_direction,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    id: list[UUID] | Unset = UNSET,
    project_id: list[UUID] | Unset = UNSET,
    user_id: list[str] | Unset = UNSET,
    device_type: list[DeviceType] | Unset = UNSET,
    status: list[BatchStatus] | Unset = UNSET,
    open_: bool | Unset = UNSET,
    queue_priority: list[QueuePriority] | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
    order_by: str | Unset = UNSET,
    order_by_direction: OrderByDirection | Unset = UNSET,
) -> BatchListResponse | ErrorResponse | None:
    """List batches

     Lists the batches the caller may see, newest first unless `order_by` says otherwise.
    List-valued filters repeat their query key (`status=DONE&status=ERROR`). Pages with
    `offset` and `limit`; `pagination.end < pagination.total` means more pages follow.

    Args:
        id (list[UUID] | Unset):
        project_id (list[UUID] | Unset):
        user_id (list[str] | Unset):
        device_type (list[DeviceType] | Unset):
        status (list[BatchStatus] | Unset):
        open_ (bool | Unset):
        queue_priority (list[QueuePriority] | Unset):
        tag (list[str] | Unset):
        start_date (datetime.datetime | Unset):
        end_date (datetime.datetime | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.
        order_by (str | Unset):
        order_by_direction (OrderByDirection | Unset): Ascending or descending order.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchListResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            id=id,
            project_id=project_id,
            user_id=user_id,
            device_type=device_type,
            status=status,
            open_=open_,
            queue_priority=queue_priority,
            tag=tag,
            start_date=start_date,
            end_date=end_date,
            offset=offset,
            limit=limit,
            order_by=order_by,
            order_by_direction=order_by_direction,
        )
    ).parsed
