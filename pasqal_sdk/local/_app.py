"""The local cloud's ASGI app: the Core API under /core-fast, the Account API under /account,
the token endpoint at /oauth/token, result downloads under /results and GET /health.

Request bodies are parsed and responses built with the generated models of `openapi/`, so the
server and the clients cannot drift."""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from pasqal_account_client.models import JSendStatus as AccountJSendStatus
from pasqal_account_client.models import (
    Person,
    Project,
    ProjectCount,
    ProjectListResponse,
    ProjectStatus,
)
from pasqal_auth_client.models import (
    GrantType,
    TokenError,
    TokenFormRequest,
    TokenRequest,
    TokenResponse,
)
from pasqal_core_client.models import (
    Batch,
    BatchCancellationV1Response,
    BatchConfiguration,
    BatchesCancellation,
    BatchesCancellationErrors,
    BatchesCancellationResponse,
    BatchJobsCountPerStatus,
    BatchListResponse,
    BatchResponse,
    BatchStatus,
    BatchStatusInfo,
    BatchStatusInfoJobsCountPerStatus,
    BatchStatusResponse,
    CancelBatchesRequest,
    CreateBatchRequest,
    CreateJobRequest,
    CreateWorkloadRequest,
    DeviceSpecsResponse,
    DeviceSpecsResponseData,
    DeviceType,
    Job,
    JobCreation,
    JobListResponse,
    JobResponse,
    JobResult,
    JobsCancellation,
    JobsCancellationErrors,
    JobsCancellationResponse,
    JobStatus,
    JobStatusInfo,
    JobStatusResponse,
    JSendStatus,
    Pagination,
    PublicDeviceSpec,
    PublicDeviceSpecsResponse,
    QueuePriority,
    ResultsLink,
    ResultsLinkResponse,
    Variables,
    Workload,
    WorkloadConfig,
    WorkloadResponse,
    WorkloadStatus,
)
from pasqal_core_client.models import Counter as CounterModel
from pasqal_core_client.types import UNSET
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from pasqal_sdk.local import _auth, _emulators, _spec
from pasqal_sdk.local._http import (
    ApiError,
    RateLimiter,
    envelope,
    error_response,
    invalid,
    not_found,
    query_bool,
    query_instant,
    query_int,
    query_list,
    query_page,
    read_body,
)
from pasqal_sdk.local._results import RESULTS_LINK_TTL, ResultFiles
from pasqal_sdk.local._runner import Runner, default_workers
from pasqal_sdk.local._store import (
    BATCH_ORDER,
    JOB_ORDER,
    TERMINAL_BATCH_STATUSES,
    BatchFilters,
    JobFilters,
    NewJob,
    Page,
    Store,
)

log = logging.getLogger("pasqal_sdk.local")

DEFAULT_MAX_BODY = 32 * 1024 * 1024
DEFAULT_MAX_JOBS_PER_BATCH = 10_000
# Requests a second per user: far above what the SDK, the tests and the benchmarks send.
DEFAULT_RATE_LIMIT = 1000.0
DEFAULT_OPEN_BATCH_TIMEOUT = 30 * 60.0

BATCH_STATUSES = frozenset(s.value for s in BatchStatus)
JOB_STATUSES = frozenset(s.value for s in JobStatus)
DEVICE_TYPES = frozenset(d.value for d in DeviceType)
QUEUE_PRIORITY_VALUES = frozenset(q.value for q in QueuePriority)


@dataclass
class ServerConfig:
    data_dir: Path
    workers: int = default_workers()
    open_batch_timeout: float = DEFAULT_OPEN_BATCH_TIMEOUT
    max_body_bytes: int = DEFAULT_MAX_BODY
    token_ttl: int = _auth.ACCESS_TOKEN_TTL
    # Seeds the emulators' sampling (job by job) for reproducible runs; None: random.
    seed: int | None = None
    max_jobs_per_batch: int = DEFAULT_MAX_JOBS_PER_BATCH
    # Requests a second per user (token bucket); 0 turns the limit off.
    rate_limit: float = DEFAULT_RATE_LIMIT


@dataclass
class Caller:
    user_id: str
    email: str
    project_ids: list[str]


def _ok(model: Any) -> JSONResponse:
    return envelope(model.to_dict())


class LocalCloud:
    """The service behind the routes: storage, auth, runner and result files together."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        config.data_dir.mkdir(parents=True, exist_ok=True)
        self.store = Store(config.data_dir / "local-cloud.sqlite3")
        self.signer = _auth.Signer(config.data_dir, config.token_ttl)
        self.limiter = RateLimiter(config.rate_limit)
        self.results = ResultFiles(config.data_dir)
        self.runner = Runner(
            self.store,
            self.results,
            config.workers,
            config.open_batch_timeout,
            self._webhook_payload,
            config.seed,
        )

    # Auth

    def caller(self, request: Request) -> Caller:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, "Send an access token: Authorization: Bearer <token>.")
        try:
            user_id = self.signer.user_of_access_token(token.strip())
        except _auth.InvalidTokenError as error:
            raise ApiError(401, f"The access token is invalid or expired ({error}).") from error
        user = self.store.user_by_id(user_id)
        if user is None:
            raise ApiError(401, "The access token's user no longer exists.")
        self.limiter.take(user_id)
        projects = [p["id"] for p in self.store.projects_of(user_id)]
        return Caller(user_id, str(user["email"]), projects)

    # Models

    def batch_model(self, batch: dict[str, Any], *, full_jobs: bool, job_ids: bool = True) -> Batch:
        jobs = batch["jobs"]
        counts: dict[str, int] = {}
        for job in jobs:
            counts[job["status"]] = counts.get(job["status"], 0) + 1
        per_status = BatchJobsCountPerStatus.from_dict(counts)
        configuration = batch["configuration"]
        return Batch(
            id=batch["id"],
            project_id=batch["project_id"],
            device_type=batch["device_type"],
            status=BatchStatus(batch["status"]),
            created_at=batch["created_at"],
            updated_at=batch["updated_at"],
            user_id=batch["user_id"],
            open_=batch["open"],
            complete=not batch["open"],
            priority=batch["priority"],
            sequence_builder=batch["sequence_builder"],
            webhook=batch["webhook"],
            configuration=(
                None if configuration is None else BatchConfiguration.from_dict(configuration)
            ),
            backend_configuration=batch["backend_configuration"],
            device_status="UP",
            parent_id=batch["parent_id"],
            tags=batch["tags"],
            start_datetime=batch["start_datetime"],
            end_datetime=batch["end_datetime"],
            jobs=[self.job_model(j) for j in jobs] if full_jobs else UNSET,
            job_ids=[j["id"] for j in jobs] if job_ids else UNSET,
            jobs_count=len(jobs),
            jobs_count_per_status=per_status,
        )

    def job_model(
        self, job: dict[str, Any], *, with_results: bool = False, with_sequence: bool = False
    ) -> Job:
        variables = job["variables"]
        model = Job(
            id=job["id"],
            batch_id=job["batch_id"],
            project_id=job["project_id"],
            status=JobStatus(job["status"]),
            runs=job["runs"],
            created_at=job["created_at"],
            updated_at=job["updated_at"],
            user_id=job["user_id"],
            variables=None if variables is None else Variables.from_dict(variables),
            errors=job["errors"],
            parent_id=job["parent_id"],
            start_timestamp=job["start_timestamp"],
            end_timestamp=job["end_timestamp"],
        )
        if with_sequence:
            model.sequence = job["sequence"]
        if with_results:
            document = self.results.read(job["id"]) if job["has_result"] else None
            model.result = None if document is None else CounterModel.from_dict(document["counter"])
            model.full_result = None if document is None else JobResult.from_dict(document)
        return model

    def _webhook_payload(self, batch_id: str) -> dict[str, Any] | None:
        batch = self.store.batch_by_id(batch_id)
        if batch is None:
            return None
        return self.batch_model(batch, full_jobs=True).to_dict()

    # Lookups (other projects' items are not revealed)

    def own_batch(self, caller: Caller, batch_id: str) -> dict[str, Any]:
        batch = self.store.batch(batch_id, caller.project_ids)
        if batch is None:
            raise not_found("Batch", batch_id)
        return batch

    def own_job(self, caller: Caller, job_id: str) -> dict[str, Any]:
        job = self.store.job(job_id, caller.project_ids)
        if job is None:
            raise not_found("Job", job_id)
        return job

    # Job validation

    def parse_jobs(
        self,
        raw_jobs: Any,
        field: str,
        device_type: str,
        sequence_builder: str | None,
        already: int = 0,
    ) -> list[NewJob]:
        most = self.config.max_jobs_per_batch
        if already + len(raw_jobs) > most:
            raise ApiError(
                422,
                f"{field}: a batch holds at most {most} jobs; this would make it"
                f" {already + len(raw_jobs)}: split them over several batches.",
                {"field": field, "max_jobs_per_batch": most},
            )
        jobs = []
        for i, raw in enumerate(raw_jobs):  # their shape was checked against the documents
            where = f"{field}[{i}]."
            job = JobCreation.from_dict(raw)
            sequence = job.sequence if isinstance(job.sequence, str) else None
            variables = job.variables.to_dict() if isinstance(job.variables, Variables) else None
            source = sequence or sequence_builder
            if source is None:
                raise invalid(
                    f"{where}sequence",
                    "is required when the batch has no sequence_builder.",
                )
            try:
                _emulators.check_job(device_type, source, variables, job.runs)
            except _emulators.SequenceError as error:
                raise ApiError(422, f"{where.rstrip('.')}: {error}", {"job": i}) from error
            jobs.append(NewJob(job.runs, variables, sequence))
        return jobs

    @staticmethod
    def check_device(device_type: Any) -> str:
        if not isinstance(device_type, str) or device_type not in DEVICE_TYPES:
            raise invalid("device_type", f"{device_type!r} is not one of {sorted(DEVICE_TYPES)}.")
        spec = _emulators.devices()[device_type]
        if not spec.available:
            raise ApiError(
                422,
                _emulators.EMULATORS_EXTRA_MESSAGE.format(device=device_type),
                {"device_type": device_type, "extra": "emulators"},
            )
        return device_type

    @staticmethod
    def check_configuration(configuration: Any) -> dict[str, Any] | None:
        if configuration is None:
            return None
        conf = dict(configuration)  # its shape was checked against the documents
        return BatchConfiguration.from_dict(conf).to_dict()


def _job_filters(request: Request, *, with_batch: bool) -> JobFilters:
    return JobFilters(
        ids=query_list(request, "id"),
        project_ids=query_list(request, "project_id"),
        user_ids=query_list(request, "user_id"),
        batch_ids=query_list(request, "batch_id") if with_batch else [],
        statuses=query_list(request, "status", JOB_STATUSES),
        min_runs=query_int(request, "min_runs", 0),
        max_runs=query_int(request, "max_runs", 0),
        errors=query_bool(request, "errors"),
        start_date=query_instant(request, "start_date"),
        end_date=query_instant(request, "end_date"),
    )


def build_routes(cloud: LocalCloud) -> tuple[list[BaseRoute], list[BaseRoute]]:
    """The Core and Account routes (relative to their mounts)."""
    limit = cloud.config.max_body_bytes

    def route(
        path: str,
        method: str,
        handler: Callable[[Request], Awaitable[Response]],
        document: str = "core.yaml",
    ) -> Route:
        """A route for the documents' operation at `path` and `method`: its query parameters are
        checked against them before the handler runs, and `body(request)` checks its body."""
        operation = _spec.find(document, path, method)

        async def endpoint(request: Request) -> Response:
            try:
                operation.check_query(request)
                request.state.operation = operation
                return await handler(request)
            except ApiError as error:
                return error_response(error)

        return Route(path, endpoint, methods=[method], name=handler.__name__)

    async def body(request: Request) -> Any:
        """The request's JSON body, checked against its operation's schema in the documents."""
        operation: _spec.Operation = request.state.operation
        return await operation.body(request, limit)

    # Batches

    async def create_batch(request: Request) -> Response:
        caller = cloud.caller(request)
        payload = await body(request)
        device_type = cloud.check_device(payload["device_type"])
        configuration = cloud.check_configuration(payload.get("configuration"))
        request_model = CreateBatchRequest.from_dict(
            {**payload, "jobs": [], "configuration": configuration}
        )
        if request_model.project_id not in caller.project_ids:
            raise ApiError(
                403,
                f"You are not a member of project {request_model.project_id}: use one of"
                " your projects (GET /account/api/v1/projects).",
                {"project_id": request_model.project_id},
            )
        sequence_builder = (
            request_model.sequence_builder
            if isinstance(request_model.sequence_builder, str)
            else None
        )
        if sequence_builder is not None:
            try:
                _emulators.check_sequence(device_type, sequence_builder)
            except _emulators.SequenceError as error:
                raise invalid("sequence_builder", str(error)) from error
        open_ = request_model.open_ if isinstance(request_model.open_, bool) else False
        if "open" not in payload and isinstance(payload.get("complete"), bool):
            open_ = not payload["complete"]
        jobs = cloud.parse_jobs(payload["jobs"], "jobs", device_type, sequence_builder)
        if not jobs and not open_:
            raise invalid("jobs", "a closed batch needs at least one job (or set open: true).")
        webhook = request_model.webhook if isinstance(request_model.webhook, str) else None
        if webhook and not webhook.startswith(("http://", "https://")):
            raise invalid("webhook", f"must be an http(s) URL, not {webhook!r}.")
        backend = request_model.backend_configuration
        batch_id = cloud.store.create_batch(
            project_id=request_model.project_id,
            user_id=caller.user_id,
            device_type=device_type,
            open_=open_,
            sequence_builder=sequence_builder,
            webhook=webhook or None,
            configuration=configuration,
            backend_configuration=backend if isinstance(backend, str) else None,
            tags=request_model.tags if isinstance(request_model.tags, list) else [],
            jobs=jobs,
        )
        cloud.runner.wake()
        return _batch_response(cloud.own_batch(caller, batch_id), full_jobs=True)

    def _batch_response(batch: dict[str, Any], *, full_jobs: bool) -> Response:
        return _ok(
            BatchResponse(
                status=JSendStatus.SUCCESS,
                message="OK.",
                code=200,
                data=cloud.batch_model(batch, full_jobs=full_jobs),
            )
        )

    async def list_batches(request: Request) -> Response:
        caller = cloud.caller(request)
        filters = BatchFilters(
            ids=query_list(request, "id"),
            project_ids=query_list(request, "project_id"),
            user_ids=query_list(request, "user_id"),
            device_types=query_list(request, "device_type", DEVICE_TYPES),
            statuses=query_list(request, "status", BATCH_STATUSES),
            open=query_bool(request, "open"),
            queue_priorities=query_list(request, "queue_priority", QUEUE_PRIORITY_VALUES),
            tags=query_list(request, "tag"),
            start_date=query_instant(request, "start_date"),
            end_date=query_instant(request, "end_date"),
        )
        page = query_page(request, BATCH_ORDER, default_descending=True)
        batches, total = cloud.store.list_batches(filters, page, caller.project_ids)
        return _ok(
            BatchListResponse(
                status=JSendStatus.SUCCESS,
                message="OK.",
                code=200,
                data=[cloud.batch_model(b, full_jobs=False) for b in batches],
                pagination=Pagination(
                    start=page.offset, end=page.offset + len(batches), total=total
                ),
            )
        )

    async def get_batch(request: Request) -> Response:
        caller = cloud.caller(request)
        batch = cloud.own_batch(caller, request.path_params["batch_id"])
        return _batch_response(batch, full_jobs=False)

    async def get_batch_v1(request: Request) -> Response:
        caller = cloud.caller(request)
        batch = cloud.own_batch(caller, request.path_params["batch_id"])
        model = cloud.batch_model(batch, full_jobs=False, job_ids=False)
        model.jobs = [cloud.job_model(j, with_results=True) for j in batch["jobs"]]
        return _ok(BatchResponse(status=JSendStatus.SUCCESS, message="OK.", code=200, data=model))

    async def get_batch_status(request: Request) -> Response:
        caller = cloud.caller(request)
        batch = cloud.own_batch(caller, request.path_params["batch_id"])
        counts: dict[str, int] = {}
        for job in batch["jobs"]:
            counts[job["status"]] = counts.get(job["status"], 0) + 1
        return _ok(
            BatchStatusResponse(
                status=JSendStatus.SUCCESS,
                message="OK.",
                code=200,
                data=BatchStatusInfo(
                    status=BatchStatus(batch["status"]),
                    jobs_count_per_status=BatchStatusInfoJobsCountPerStatus.from_dict(counts),
                ),
            )
        )

    def _cancel_batch(caller: Caller, batch_id: str) -> dict[str, Any]:
        batch = cloud.own_batch(caller, batch_id)
        if batch["status"] in TERMINAL_BATCH_STATUSES:
            raise ApiError(
                409,
                f"Batch {batch_id} is {batch['status']}: only unfinished batches can be cancelled.",
                {"status": batch["status"]},
            )
        cloud.runner.cancel(cloud.store.cancel_batch(batch_id))
        return cloud.own_batch(caller, batch_id)

    async def cancel_batch(request: Request) -> Response:
        caller = cloud.caller(request)
        return _batch_response(
            _cancel_batch(caller, request.path_params["batch_id"]), full_jobs=False
        )

    async def cancel_batch_v1(request: Request) -> Response:
        caller = cloud.caller(request)
        batch = _cancel_batch(caller, request.path_params["batch_id"])
        return _ok(
            BatchCancellationV1Response(
                status=JSendStatus.SUCCESS,
                message="OK.",
                code=200,
                data=cloud.batch_model(batch, full_jobs=True),
            )
        )

    async def cancel_batches(request: Request) -> Response:
        caller = cloud.caller(request)
        request_model = CancelBatchesRequest.from_dict(await body(request))
        cancelled: list[Batch] = []
        errors = BatchesCancellationErrors()
        for batch_id in dict.fromkeys(request_model.batch_ids):
            try:
                cancelled.append(
                    cloud.batch_model(_cancel_batch(caller, batch_id), full_jobs=False)
                )
            except ApiError as error:
                errors[batch_id] = error.message
        return _ok(
            BatchesCancellationResponse(
                status=JSendStatus.SUCCESS,
                message="OK.",
                code=200,
                data=BatchesCancellation(batches=cancelled, errors=errors),
            )
        )

    async def complete_batch(request: Request) -> Response:
        caller = cloud.caller(request)
        batch_id = request.path_params["batch_id"]
        batch = cloud.own_batch(caller, batch_id)
        if not batch["open"]:
            raise ApiError(409, f"Batch {batch_id} is already closed ({batch['status']}).", None)
        cloud.store.set_batch_open(batch_id, False)
        cloud.runner.wake()
        return _batch_response(cloud.own_batch(caller, batch_id), full_jobs=True)

    async def add_jobs(request: Request) -> Response:
        caller = cloud.caller(request)
        batch_id = request.path_params["batch_id"]
        batch = cloud.own_batch(caller, batch_id)
        raw = await body(request)
        if not batch["open"]:
            raise ApiError(
                409,
                f"Batch {batch_id} is closed ({batch['status']}): add jobs to an open batch.",
            )
        jobs = cloud.parse_jobs(
            raw, "body", batch["device_type"], batch["sequence_builder"], len(batch["jobs"])
        )
        cloud.store.add_jobs(batch_id, jobs)
        cloud.runner.wake()
        return _batch_response(cloud.own_batch(caller, batch_id), full_jobs=True)

    def _matching_jobs(request: Request, caller: Caller, batch_id: str) -> list[dict[str, Any]]:
        filters = _job_filters(request, with_batch=False)
        filters.batch_ids = [batch_id]
        jobs: list[dict[str, Any]] = []
        offset = 0
        while True:
            page = Page(offset=offset, limit=500)
            found, total = cloud.store.list_jobs(filters, page, caller.project_ids)
            jobs.extend(found)
            offset += len(found)
            if not found or offset >= total:
                return jobs

    async def cancel_batch_jobs(request: Request) -> Response:
        caller = cloud.caller(request)
        batch_id = request.path_params["batch_id"]
        cloud.own_batch(caller, batch_id)
        cancelled: list[Job] = []
        errors = JobsCancellationErrors()
        for job in _matching_jobs(request, caller, batch_id):
            if cloud.store.cancel_job(job["id"]):
                cloud.runner.cancel([job["id"]])
                cancelled.append(cloud.job_model(cloud.own_job(caller, job["id"])))
            else:
                errors[job["id"]] = f"Job {job['id']} is {job['status']}: it cannot be cancelled."
        return _ok(
            JobsCancellationResponse(
                status=JSendStatus.SUCCESS,
                message="OK.",
                code=200,
                data=JobsCancellation(jobs=cancelled, errors=errors),
            )
        )

    async def rebatch(request: Request) -> Response:
        caller = cloud.caller(request)
        batch_id = request.path_params["batch_id"]
        batch = cloud.own_batch(caller, batch_id)
        matching = _matching_jobs(request, caller, batch_id)
        if not matching:
            raise invalid("filters", f"no job of batch {batch_id} matches them; nothing to rerun.")
        cloud.check_device(batch["device_type"])
        new_id = cloud.store.create_batch(
            project_id=batch["project_id"],
            user_id=caller.user_id,
            device_type=batch["device_type"],
            open_=False,
            sequence_builder=batch["sequence_builder"],
            webhook=batch["webhook"],
            configuration=batch["configuration"],
            backend_configuration=batch["backend_configuration"],
            tags=batch["tags"],
            jobs=[
                NewJob(j["runs"], j["variables"], j["sequence"], parent_id=j["id"])
                for j in matching
            ],
            parent_id=batch_id,
        )
        cloud.runner.wake()
        return _batch_response(cloud.own_batch(caller, new_id), full_jobs=True)

    async def set_batch_tags(request: Request) -> Response:
        caller = cloud.caller(request)
        batch_id = request.path_params["batch_id"]
        cloud.own_batch(caller, batch_id)
        tags = list(await body(request))
        cloud.store.set_tags(batch_id, list(dict.fromkeys(tags)))
        return _batch_response(cloud.own_batch(caller, batch_id), full_jobs=False)

    # Jobs

    def _list_jobs(request: Request, v1: bool) -> Response:
        caller = cloud.caller(request)
        filters = _job_filters(request, with_batch=True)
        page = query_page(request, JOB_ORDER, default_descending=False)
        jobs, total = cloud.store.list_jobs(filters, page, caller.project_ids)
        response = _ok(
            JobListResponse(
                status=JSendStatus.SUCCESS,
                message="OK.",
                code=200,
                data=[cloud.job_model(j, with_results=v1) for j in jobs],
                pagination=Pagination(start=page.offset, end=page.offset + len(jobs), total=total),
            )
        )
        if not v1:
            first = page.offset + 1 if jobs else 0
            response.headers["Content-Range"] = f"{first}-{page.offset + len(jobs)}/{total}"
        return response

    async def list_jobs(request: Request) -> Response:
        return _list_jobs(request, v1=False)

    async def list_jobs_v1(request: Request) -> Response:
        return _list_jobs(request, v1=True)

    async def create_job_v1(request: Request) -> Response:
        caller = cloud.caller(request)
        payload = await body(request)
        request_model = CreateJobRequest.from_dict(
            {k: v for k, v in payload.items() if k in ("batch_id", "runs", "variables")}
        )
        batch = cloud.own_batch(caller, request_model.batch_id)
        raw = {k: v for k, v in payload.items() if k in ("runs", "variables")}
        jobs = cloud.parse_jobs(
            [raw], "body", batch["device_type"], batch["sequence_builder"], len(batch["jobs"])
        )
        if not batch["open"]:
            raise ApiError(409, f"Batch {batch['id']} is closed: add jobs to an open batch.")
        (job_id,) = cloud.store.add_jobs(batch["id"], jobs)
        cloud.runner.wake()
        return _job_response(cloud.own_job(caller, job_id))

    def _job_response(
        job: dict[str, Any], *, with_results: bool = False, with_sequence: bool = False
    ) -> Response:
        return _ok(
            JobResponse(
                status=JSendStatus.SUCCESS,
                message="OK.",
                code=200,
                data=cloud.job_model(job, with_results=with_results, with_sequence=with_sequence),
            )
        )

    async def get_job(request: Request) -> Response:
        caller = cloud.caller(request)
        return _job_response(
            cloud.own_job(caller, request.path_params["job_id"]), with_sequence=True
        )

    async def get_job_v1(request: Request) -> Response:
        caller = cloud.caller(request)
        return _job_response(
            cloud.own_job(caller, request.path_params["job_id"]), with_results=True
        )

    async def get_job_status(request: Request) -> Response:
        caller = cloud.caller(request)
        job = cloud.own_job(caller, request.path_params["job_id"])
        return _ok(
            JobStatusResponse(
                status=JSendStatus.SUCCESS,
                message="OK.",
                code=200,
                data=JobStatusInfo(status=JobStatus(job["status"])),
            )
        )

    async def cancel_job(request: Request) -> Response:
        caller = cloud.caller(request)
        job_id = request.path_params["job_id"]
        job = cloud.own_job(caller, job_id)
        if not cloud.store.cancel_job(job_id):
            raise ApiError(
                409,
                f"Job {job_id} is {job['status']}: only pending or running jobs can be cancelled.",
                {"status": job["status"]},
            )
        cloud.runner.cancel([job_id])
        return _job_response(cloud.own_job(caller, job_id))

    async def get_job_results_link(request: Request) -> Response:
        caller = cloud.caller(request)
        job_id = request.path_params["job_id"]
        job = cloud.own_job(caller, job_id)
        if not job["has_result"]:
            raise ApiError(
                404,
                f"Job {job_id} has no results (it is {job['status']}); results exist once it"
                " is DONE.",
                {"status": job["status"]},
            )
        token = cloud.signer.results_token(job_id, RESULTS_LINK_TTL)
        link = f"{request.url.scheme}://{request.url.netloc}/results/{token}"
        return _ok(
            ResultsLinkResponse(
                status=JSendStatus.SUCCESS,
                message="OK.",
                code=200,
                data=ResultsLink(results_link=link),
            )
        )

    # Workloads

    def _workload_response(workload: dict[str, Any]) -> Response:
        return _ok(
            WorkloadResponse(
                status=JSendStatus.SUCCESS,
                message="OK.",
                code=200,
                data=Workload(
                    id=workload["id"],
                    project_id=workload["project_id"],
                    status=WorkloadStatus(workload["status"]),
                    backend=workload["backend"],
                    workload_type=workload["workload_type"],
                    config=WorkloadConfig.from_dict(workload["config"]),
                    result=None,
                    result_link=None,
                    errors=workload["errors"],
                    created_at=workload["created_at"],
                    updated_at=workload["updated_at"],
                    start_timestamp=workload["start_timestamp"],
                    end_timestamp=workload["end_timestamp"],
                ),
            )
        )

    async def create_workload(request: Request) -> Response:
        caller = cloud.caller(request)
        request_model = CreateWorkloadRequest.from_dict(await body(request))
        if request_model.project_id not in caller.project_ids:
            raise ApiError(
                403,
                f"You are not a member of project {request_model.project_id}.",
                {"project_id": request_model.project_id},
            )
        workload_id = cloud.store.create_workload(
            project_id=request_model.project_id,
            user_id=caller.user_id,
            backend=request_model.backend,
            workload_type=request_model.workload_type,
            config=request_model.config.to_dict(),
            status="ERROR",
            errors=[
                f"The local cloud runs no workload backends: {request_model.backend!r} is not"
                " available here; submit batches instead."
            ],
        )
        workload = cloud.store.workload(workload_id, caller.project_ids)
        assert workload is not None
        return _workload_response(workload)

    def _own_workload(caller: Caller, workload_id: str) -> dict[str, Any]:
        workload = cloud.store.workload(workload_id, caller.project_ids)
        if workload is None:
            raise not_found("Workload", workload_id)
        return workload

    async def get_workload(request: Request) -> Response:
        caller = cloud.caller(request)
        return _workload_response(_own_workload(caller, request.path_params["workload_id"]))

    async def cancel_workload(request: Request) -> Response:
        caller = cloud.caller(request)
        workload_id = request.path_params["workload_id"]
        workload = _own_workload(caller, workload_id)
        if not cloud.store.cancel_workload(workload_id):
            raise ApiError(
                409, f"Workload {workload_id} is {workload['status']}: it cannot be cancelled."
            )
        return _workload_response(_own_workload(caller, workload_id))

    # Devices

    async def get_device_specs(request: Request) -> Response:
        cloud.caller(request)
        return _ok(
            DeviceSpecsResponse(
                status=JSendStatus.SUCCESS,
                message="OK.",
                code=200,
                data=DeviceSpecsResponseData.from_dict(_emulators.device_specs()),
            )
        )

    async def get_public_device_specs(request: Request) -> Response:
        return _ok(
            PublicDeviceSpecsResponse(
                status=JSendStatus.SUCCESS,
                message="OK.",
                code=200,
                data=[
                    PublicDeviceSpec(device_type=name, specs=specs)
                    for name, specs in _emulators.device_specs().items()
                ],
            )
        )

    # Account

    async def list_projects(request: Request) -> Response:
        caller = cloud.caller(request)
        wanted = query_list(request, "project_status")
        allowed = [name for name, spec in _emulators.devices().items() if spec.available]
        projects = [
            Project(
                id=p["id"],
                name=p["name"],
                project_id=p["id"],
                description="A project of the local cloud.",
                company="local",
                project_status=ProjectStatus.ACTIVE,
                project_type="LOCAL",
                package=None,
                queue_priority=p["queue_priority"],
                allowed_device_types=allowed,
                allowed_workload_types=[],
                additional_access_grants=[],
                count=ProjectCount.from_dict(p["counts"]),
                main_admin=Person(id=caller.user_id, email=caller.email),
                email_domain=None,
                last_activity_date=None,
            )
            for p in cloud.store.projects_of(caller.user_id)
        ]
        if wanted:
            projects = [p for p in projects if p.project_status in wanted]
        return _ok(
            ProjectListResponse(
                status=AccountJSendStatus.SUCCESS, message="OK.", code=200, data=projects
            )
        )

    core: list[BaseRoute] = [
        route("/api/v1/batches", "POST", create_batch),
        route("/api/v1/batches", "GET", list_batches),
        route("/api/v1/batches/cancel", "PATCH", cancel_batches),
        route("/api/v1/batches/{batch_id}", "GET", get_batch_v1),
        route("/api/v2/batches/{batch_id}", "GET", get_batch),
        route("/api/v1/batches/{batch_id}/status", "GET", get_batch_status),
        route("/api/v1/batches/{batch_id}/cancel", "PUT", cancel_batch_v1),
        route("/api/v2/batches/{batch_id}/cancel", "PATCH", cancel_batch),
        route("/api/v1/batches/{batch_id}/complete", "PUT", complete_batch),
        route("/api/v2/batches/{batch_id}/complete", "PATCH", complete_batch),
        route("/api/v1/batches/{batch_id}/jobs", "POST", add_jobs),
        route("/api/v2/batches/{batch_id}/jobs", "POST", add_jobs),
        route("/api/v1/batches/{batch_id}/cancel/jobs", "PUT", cancel_batch_jobs),
        route("/api/v2/batches/{batch_id}/cancel/jobs", "PATCH", cancel_batch_jobs),
        route("/api/v1/batches/{batch_id}/rebatch", "POST", rebatch),
        route("/api/v1/batches/{batch_id}/tags", "PATCH", set_batch_tags),
        route("/api/v1/jobs", "GET", list_jobs_v1),
        route("/api/v1/jobs", "POST", create_job_v1),
        route("/api/v2/jobs", "GET", list_jobs),
        route("/api/v1/jobs/{job_id}", "GET", get_job_v1),
        route("/api/v2/jobs/{job_id}", "GET", get_job),
        route("/api/v1/jobs/{job_id}/status", "GET", get_job_status),
        route("/api/v1/jobs/{job_id}/cancel", "PUT", cancel_job),
        route("/api/v2/jobs/{job_id}/cancel", "PATCH", cancel_job),
        route("/api/v1/jobs/{job_id}/results_link", "GET", get_job_results_link),
        route("/api/v1/workloads", "POST", create_workload),
        route("/api/v2/workloads/{workload_id}", "GET", get_workload),
        route("/api/v1/workloads/{workload_id}/cancel", "PUT", cancel_workload),
        route("/api/v1/devices/specs", "GET", get_device_specs),
        route("/api/v1/devices/public-specs", "GET", get_public_device_specs),
    ]
    account: list[BaseRoute] = [
        route("/api/v1/projects", "GET", list_projects, document="account.yaml")
    ]
    return core, account


def _token_error(status: int, error: str, description: str) -> JSONResponse:
    return JSONResponse(
        TokenError(error=error, error_description=description).to_dict(), status_code=status
    )


async def _token(cloud: LocalCloud, request: Request) -> Response:
    """POST /oauth/token: password-realm, password, refresh_token and client_credentials grants
    (form or JSON)."""
    try:
        body = await read_body(request, 64 * 1024)
    except ApiError as error:
        return _token_error(error.status, "invalid_request", error.message)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    fields: Any = {}
    try:
        if content_type == "application/json":
            fields = json.loads(body)
            if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
                return _token_error(
                    422, "invalid_request", "The body must be an object of strings."
                )
            parsed: TokenRequest | TokenFormRequest = TokenRequest.from_dict(fields)
        else:
            fields = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
            parsed = TokenFormRequest.from_dict(fields)
    except KeyError as error:
        return _token_error(422, "invalid_request", f"The field {error} is required.")
    except ValueError as error:
        grant = fields.get("grant_type") if isinstance(fields, dict) else None
        if grant is not None and grant not in {g.value for g in GrantType}:
            return _token_error(
                400,
                "unsupported_grant_type",
                f"grant_type must be one of {sorted(g.value for g in GrantType)}.",
            )
        return _token_error(400, "invalid_request", f"The body cannot be read: {error}")
    if parsed.grant_type not in list(GrantType):  # the generated enums read new values
        return _token_error(
            400,
            "unsupported_grant_type",
            f"grant_type must be one of {sorted(g.value for g in GrantType)}.",
        )
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


async def _download(cloud: LocalCloud, request: Request) -> Response:
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


def create_app(config: ServerConfig) -> Starlette:
    """The ASGI app; its runner starts and stops with the app's lifespan."""
    cloud = LocalCloud(config)
    core, account = build_routes(cloud)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def token(request: Request) -> Response:
        return await _token(cloud, request)

    async def download(request: Request) -> Response:
        return await _download(cloud, request)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        cloud.runner.start()
        try:
            yield
        finally:
            cloud.runner.stop()
            cloud.store.close()

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        where = f"{request.method} {request.url.path}"
        message = {
            404: f"No such route: {where}.",
            405: f"This route does not accept that method: {where}.",
        }.get(status, str(getattr(exc, "detail", "The request failed.")))
        return error_response(ApiError(status, message, {"path": request.url.path}))

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(ApiError(500, f"The local cloud failed: {exc!r}"))

    routes: Sequence[BaseRoute] = [
        Route("/health", health, methods=["GET"]),
        Route("/oauth/token", token, methods=["POST"]),
        Route("/results/{token}", download, methods=["GET"]),
        Mount("/core-fast", routes=core),
        Mount("/account", routes=account),
    ]
    app = Starlette(
        routes=list(routes),
        lifespan=lifespan,
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )
    app.state.cloud = cloud
    return app
