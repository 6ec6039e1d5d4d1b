"""`sdk.with_raw_response`: each API method of the SDKs, returning a `RawResponse` of its usual
result, as openai-python's `with_raw_response`. The views are typed: mypy sees
`RawResponse[Batch]` for `sdk.with_raw_response.get_batch(...)`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from pasqal_sdk._async.client import AsyncSDK
from pasqal_sdk._paging import Paged
from pasqal_sdk._raw import RawResponse, capture, raw_response
from pasqal_sdk._sync.client import SDK

__all__ = ["AsyncRawSDK", "RawSDK"]

P = ParamSpec("P")
R = TypeVar("R")


class _Raw(Generic[P, R]):
    """A blocking method of `SDK`, seen through `RawSDK`: its result in a RawResponse."""

    def __init__(self, method: Callable[Concatenate[SDK, P], R]) -> None:
        self._method = method

    @overload
    def __get__(self, view: None, owner: type[Any]) -> _Raw[P, R]: ...
    @overload
    def __get__(self, view: RawSDK, owner: type[Any]) -> Callable[P, RawResponse[R]]: ...
    def __get__(self, view: RawSDK | None, owner: type[Any]) -> Any:
        if view is None:
            return self
        method, sdk = self._method, view._sdk

        def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[R]:
            with capture() as answers:
                parsed = method(sdk, *args, **kwargs)
                if isinstance(parsed, Paged):
                    parsed.results  # noqa: B018 - the first page's request is the answer
            return raw_response(parsed, answers, method.__name__)

        return call


class _AsyncRaw(Generic[P, R]):
    """A coroutine method of `AsyncSDK`, seen through `AsyncRawSDK`."""

    def __init__(self, method: Callable[Concatenate[AsyncSDK, P], Awaitable[R]]) -> None:
        self._method = method

    @overload
    def __get__(self, view: None, owner: type[Any]) -> _AsyncRaw[P, R]: ...
    @overload
    def __get__(
        self, view: AsyncRawSDK, owner: type[Any]
    ) -> Callable[P, Awaitable[RawResponse[R]]]: ...
    def __get__(self, view: AsyncRawSDK | None, owner: type[Any]) -> Any:
        if view is None:
            return self
        method, sdk = self._method, view._sdk

        async def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[R]:
            with capture() as answers:
                parsed = await method(sdk, *args, **kwargs)
            return raw_response(parsed, answers, method.__name__)

        return call


class RawSDK:
    """`SDK.with_raw_response`: each API method of `SDK`, returning a `RawResponse` of its result.

    Listings (`get_batches`, `get_jobs`) fetch their first page within the call; waits over many
    items (`wait_all`, `as_completed`) have no raw form.
    """

    def __init__(self, sdk: SDK) -> None:
        self._sdk = sdk

    create_batch = _Raw(SDK.create_batch)
    get_batch = _Raw(SDK.get_batch)
    get_batches = _Raw(SDK.get_batches)
    add_jobs = _Raw(SDK.add_jobs)
    close_batch = _Raw(SDK.close_batch)
    complete_batch = _Raw(SDK.complete_batch)
    get_batch_status = _Raw(SDK.get_batch_status)
    cancel_batch = _Raw(SDK.cancel_batch)
    cancel_batches = _Raw(SDK.cancel_batches)
    rebatch = _Raw(SDK.rebatch)
    set_batch_tags = _Raw(SDK.set_batch_tags)
    get_job = _Raw(SDK.get_job)
    get_job_status = _Raw(SDK.get_job_status)
    get_jobs = _Raw(SDK.get_jobs)
    cancel_job = _Raw(SDK.cancel_job)
    cancel_jobs = _Raw(SDK.cancel_jobs)
    create_workload = _Raw(SDK.create_workload)
    get_workload = _Raw(SDK.get_workload)
    cancel_workload = _Raw(SDK.cancel_workload)
    get_device_specs_dict = _Raw(SDK.get_device_specs_dict)
    get_public_device_specs = _Raw(SDK.get_public_device_specs)
    get_all_projects = _Raw(SDK.get_all_projects)


class AsyncRawSDK:
    """`AsyncSDK.with_raw_response`: each coroutine method of `AsyncSDK`, returning a
    `RawResponse` of its result."""

    def __init__(self, sdk: AsyncSDK) -> None:
        self._sdk = sdk

    create_batch = _AsyncRaw(AsyncSDK.create_batch)
    get_batch = _AsyncRaw(AsyncSDK.get_batch)
    add_jobs = _AsyncRaw(AsyncSDK.add_jobs)
    close_batch = _AsyncRaw(AsyncSDK.close_batch)
    complete_batch = _AsyncRaw(AsyncSDK.complete_batch)
    get_batch_status = _AsyncRaw(AsyncSDK.get_batch_status)
    cancel_batch = _AsyncRaw(AsyncSDK.cancel_batch)
    cancel_batches = _AsyncRaw(AsyncSDK.cancel_batches)
    rebatch = _AsyncRaw(AsyncSDK.rebatch)
    set_batch_tags = _AsyncRaw(AsyncSDK.set_batch_tags)
    get_job = _AsyncRaw(AsyncSDK.get_job)
    get_job_status = _AsyncRaw(AsyncSDK.get_job_status)
    cancel_job = _AsyncRaw(AsyncSDK.cancel_job)
    cancel_jobs = _AsyncRaw(AsyncSDK.cancel_jobs)
    create_workload = _AsyncRaw(AsyncSDK.create_workload)
    get_workload = _AsyncRaw(AsyncSDK.get_workload)
    cancel_workload = _AsyncRaw(AsyncSDK.cancel_workload)
    get_device_specs_dict = _AsyncRaw(AsyncSDK.get_device_specs_dict)
    get_public_device_specs = _AsyncRaw(AsyncSDK.get_public_device_specs)
    get_all_projects = _AsyncRaw(AsyncSDK.get_all_projects)
