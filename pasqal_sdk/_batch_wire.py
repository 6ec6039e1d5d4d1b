"""The jobs of a batch on the wire, for creates: sent as checked dicts, read back lazily.

`create_batch` and `add_jobs` send every job and answer the whole batch, every job included: on a
LAN, building and parsing 1,000 generated job models costs more than the request itself, and most
callers read none of them. `JobBody` sends a job's checked dict as it is; `lazy_jobs(module)` is a
generated operation whose answer's `jobs` are parsed on first read of `Batch.jobs`
(`LazyJobsBatch`); the rest of the answer, and every error answer, is parsed by the generated
code as usual.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from types import ModuleType
from typing import Any

import httpx
from pasqal_core_client import errors
from pasqal_core_client.client import AuthenticatedClient, Client
from pasqal_core_client.models import (
    Batch,
    BatchResponse,
    ErrorResponse,
    Job,
    JobCreation,
    Variables,
)
from pasqal_core_client.types import UNSET, Response, Unset

__all__ = ["JobBody", "LazyJobsBatch", "lazy_jobs", "unparsed_job_ids"]

_JOBS_SLOT: Any = Batch.__dict__["jobs"]  # the attrs slot that `LazyJobsBatch.jobs` fills

BatchAnswer = Response[BatchResponse | ErrorResponse]


class JobBody(JobCreation):
    """A generated `JobCreation` that sends the checked dict it was made from as it is."""

    __slots__ = ("_body",)

    def __init__(self, body: dict[str, Any]) -> None:
        variables = body.get("variables")
        super().__init__(
            runs=body["runs"],
            variables=UNSET if variables is None else Variables.from_dict(variables),
            sequence=body.get("sequence", UNSET),
        )
        self._body = body

    def to_dict(self) -> dict[str, Any]:
        return self._body


class LazyJobsBatch(Batch):
    """A generated `Batch` whose `jobs` are parsed from their JSON on first read."""

    __slots__ = ("_raw_jobs",)
    _raw_jobs: list[dict[str, Any]] | None

    @property
    def jobs(self) -> list[Job] | Unset:
        raw = self._raw_jobs
        if raw is not None:
            self.jobs = [Job.from_dict(job) for job in raw]
        value: list[Job] | Unset = _JOBS_SLOT.__get__(self, Batch)
        return value

    @jobs.setter
    def jobs(self, value: list[Job] | Unset) -> None:
        _JOBS_SLOT.__set__(self, value)
        self._raw_jobs = None


def unparsed_job_ids(batch: Batch) -> list[str] | None:
    """The ids of `batch`'s jobs while they are still unparsed (None once parsed, or eager)."""
    raw = batch._raw_jobs if isinstance(batch, LazyJobsBatch) else None
    return None if raw is None else [job["id"] for job in raw]


def _answer(
    module: ModuleType, client: AuthenticatedClient | Client, response: httpx.Response
) -> BatchAnswer:
    if response.status_code != HTTPStatus.OK:
        built: BatchAnswer = module._build_response(client=client, response=response)
        return built
    try:
        document = json.loads(response.content)
        data = dict(document["data"])
        raw = data.pop("jobs", None)
        answer = BatchResponse.from_dict({**document, "data": data})
        batch = LazyJobsBatch.from_dict(data)
        if raw is not None:
            if not isinstance(raw, list) or not all(
                isinstance(job, dict) and isinstance(job["id"], str) for job in raw
            ):
                raise TypeError("jobs: a list of job objects with ids is expected")
            batch._raw_jobs = raw
        answer.data = batch
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise errors.UnreadableResponse(
            module.__name__.rpartition(".")[2],
            response.status_code,
            errors.describe(exc),
            response.headers.get("x-request-id"),
        ) from None
    return Response(
        status_code=HTTPStatus.OK, content=response.content, headers=response.headers, parsed=answer
    )


def lazy_jobs(
    module: ModuleType,
) -> tuple[Callable[..., BatchAnswer], Callable[..., Awaitable[BatchAnswer]]]:
    """`module`'s `sync_detailed` and `asyncio_detailed` (same signature and name, so that the
    documents' parameters, such as `Idempotency-Key`, are seen), with lazily parsed jobs."""

    @functools.wraps(module.sync_detailed)
    def sync_detailed(*, client: AuthenticatedClient | Client, **kwargs: Any) -> BatchAnswer:
        response = client.get_httpx_client().request(**module._get_kwargs(**kwargs))
        return _answer(module, client, response)

    @functools.wraps(module.asyncio_detailed)
    async def asyncio_detailed(
        *, client: AuthenticatedClient | Client, **kwargs: Any
    ) -> BatchAnswer:
        response = await client.get_async_httpx_client().request(**module._get_kwargs(**kwargs))
        return _answer(module, client, response)

    return sync_detailed, asyncio_detailed
