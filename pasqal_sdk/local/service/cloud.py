"""The local cloud's state and what every operation shares: settings, the caller, the models it
answers with and the rules of jobs that the documents can't state."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pasqal_core_client.models import (
    Batch,
    BatchConfiguration,
    BatchJobsCountPerStatus,
    BatchStatus,
    DeviceType,
    Job,
    JobCreation,
    JobResult,
    JobStatus,
    Variables,
)
from pasqal_core_client.models import Counter as CounterModel
from pasqal_core_client.types import UNSET
from starlette.requests import Request

from pasqal_sdk.device import DEFAULT_RUNS, device_type_of
from pasqal_sdk.errors import InvalidDeviceTypeError
from pasqal_sdk.local.service import auth as _auth
from pasqal_sdk.local.service.answers import ApiError, invalid, not_found
from pasqal_sdk.local.service.limits import Limits
from pasqal_sdk.local.service.throttle import LoginThrottle, RateLimiter
from pasqal_sdk.local.storage.faults import NO_FAULTS, Faults
from pasqal_sdk.local.storage.results import ResultFiles
from pasqal_sdk.local.storage.rows import NewJob
from pasqal_sdk.local.storage.store import Store
from pasqal_sdk.local.worker import emulators as _emulators
from pasqal_sdk.local.worker.checker import Checker, JobToCheck
from pasqal_sdk.local.worker.devices import (
    EMULATORS_EXTRA_MESSAGE,
    all_device_specs,
    device_specs,
    devices,
)
from pasqal_sdk.local.worker.runner import (
    DEFAULT_EXECUTOR,
    DEFAULT_JOB_MEMORY_LIMIT,
    DEFAULT_JOB_TIME_LIMIT,
    Runner,
    default_workers,
)

log = logging.getLogger("pasqal_sdk.local")

DEFAULT_MAX_BODY = 32 * 1024 * 1024
DEFAULT_MAX_JOBS_PER_BATCH = 10_000
# Requests a second per user: far above what the SDK, the tests and the benchmarks send.
DEFAULT_RATE_LIMIT = 1000.0
DEFAULT_OPEN_BATCH_TIMEOUT = 30 * 60.0

DEVICE_TYPES = frozenset(d.value for d in DeviceType)
# Seconds a client over its project's quota is told to wait.
QUOTA_RETRY_AFTER_S = 30


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
    # Seconds a job may run, and bytes of address space its worker may use, before it ends
    # ERROR naming the limit (0: no limit).
    job_time_limit: float = DEFAULT_JOB_TIME_LIMIT
    job_memory_limit: int = DEFAULT_JOB_MEMORY_LIMIT
    # Where jobs run: "local" (a pool of `workers` processes) or "dask://HOST:PORT".
    executor: str = DEFAULT_EXECUTOR
    # What one client may hold or make the server spend (`serve --limit NAME=VALUE`).
    limits: Limits = field(default_factory=Limits)
    # The URL clients reach the server at: results links are built on it, never on the
    # request's Host header (`serve --public-url`; default: the address it listens on).
    public_url: str = "http://127.0.0.1:4207"
    # Faults to simulate (the reliability tests); none by default.
    faults: Faults = NO_FAULTS


@dataclass
class Caller:
    user_id: str
    email: str
    project_ids: list[str]


class CloudService:
    """The service behind the operations: storage, auth, runner and result files together."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        config.data_dir.mkdir(parents=True, exist_ok=True)
        self.store = Store(config.data_dir / "local-cloud.sqlite3", config.faults)
        self.signer = _auth.Signer(config.data_dir, config.token_ttl)
        self.limiter = RateLimiter(config.rate_limit)
        self.throttle = LoginThrottle()
        self.results = ResultFiles(config.data_dir, config.faults)
        self.checker = Checker()
        self.runner = Runner(
            self.store,
            self.results,
            config.workers,
            config.open_batch_timeout,
            self._webhook_payload,
            config.seed,
            job_time_limit=config.job_time_limit,
            job_memory_limit=config.job_memory_limit,
            executor=config.executor,
        )

    # Auth

    def caller(self, request: Request) -> Caller:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, "Send an access token: Authorization: Bearer <token>.")
        try:
            claims = self.signer.access_claims(token.strip())
            user_id = str(claims["sub"])
            user, projects = self.store.user_and_projects(user_id)
            if user is None:
                raise ApiError(401, "The access token's user no longer exists.")
            _auth.check_generation(claims, user)
        except _auth.InvalidTokenError as error:
            raise ApiError(401, f"The access token is invalid or expired ({error}).") from error
        self.limiter.take(user_id)
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
        backend_configuration: str | None = None,
    ) -> list[NewJob]:
        most = self.config.max_jobs_per_batch
        default_runs = _default_runs(backend_configuration)
        if already + len(raw_jobs) > most:
            raise ApiError(
                422,
                f"{field}: a batch holds at most {most} jobs; this would make it"
                f" {already + len(raw_jobs)}: split them over several batches.",
                {"field": field, "max_jobs_per_batch": most},
            )
        limits = self.config.limits
        own = {raw["sequence"] for raw in raw_jobs if isinstance(raw.get("sequence"), str)}
        if limits.max_job_sequences_per_request and len(own) > limits.max_job_sequences_per_request:
            raise ApiError(
                422,
                f"{field}: {len(own)} different job sequences in one request; at most"
                f" {limits.max_job_sequences_per_request} are checked at once (limit"
                " max_job_sequences_per_request): send the rest in further requests (add jobs"
                " to an open batch), or share a sequence_builder with variables.",
                {
                    "field": field,
                    "max_job_sequences_per_request": limits.max_job_sequences_per_request,
                },
            )
        jobs = []
        to_check: dict[str, tuple[int, JobToCheck]] = {}
        for i, raw in enumerate(raw_jobs):  # their shape was checked against the documents
            where = f"{field}[{i}]."
            job = JobCreation.from_dict(raw)
            runs = job.runs if isinstance(job.runs, int) else default_runs
            sequence = job.sequence if isinstance(job.sequence, str) else None
            variables = job.variables.to_dict() if isinstance(job.variables, Variables) else None
            source = sequence or sequence_builder
            if source is None:
                raise invalid(
                    f"{where}sequence",
                    "is required when the batch has no sequence_builder.",
                )
            # Jobs alike are checked once.
            key = f"{id(source)}:{runs}:{json.dumps(variables, sort_keys=True)}"
            to_check.setdefault(key, (i, (source, variables, runs)))
            jobs.append(NewJob(runs, variables, sequence))
        indexes = [i for i, _ in to_check.values()]
        failed = self.checker.check_jobs(
            device_type,
            [job for _, job in to_check.values()],
            limits.max_sequence_operations,
            limits.max_sequence_samples,
            limits.max_checked_operations_per_request,
        )
        if failed is not None:
            i = indexes[failed[0]]
            raise ApiError(422, f"{field}[{i}]: {failed[1]}", {"job": i})
        return jobs

    def check_sequence_builder(self, device_type: str, sequence_builder: str) -> None:
        """A 422 naming `sequence_builder` unless it can run on `device_type`."""
        limits = self.config.limits
        why = self.checker.check_sequence(
            device_type,
            sequence_builder,
            limits.max_sequence_operations,
            limits.max_sequence_samples,
        )
        if why is not None:
            raise invalid("sequence_builder", why)

    def check_quota(self, project_id: str, jobs: int, batches: int) -> None:
        """A 429 (with Retry-After) when `jobs` more queued jobs, or `batches` more unfinished
        batches, would take the project past its quota."""
        limits = self.config.limits
        queued, unfinished = self.store.project_load(project_id)
        for count, more, most, name, what in (
            (queued, jobs, limits.max_queued_jobs_per_project, "max_queued_jobs_per_project",
             "jobs queued or running"),
            (unfinished, batches, limits.max_unfinished_batches_per_project,
             "max_unfinished_batches_per_project", "unfinished batches"),
        ):  # fmt: skip
            if most and more and count + more > most:
                raise ApiError(
                    429,
                    f"Project {project_id} has {count} {what}; {more} more would pass its quota"
                    f" of {most} ({name}): wait for some to finish, or cancel some.",
                    {name: most, "current": count, "retry_after": QUOTA_RETRY_AFTER_S},
                    {"Retry-After": str(QUOTA_RETRY_AFTER_S)},
                )

    def check_tags(self, tags: list[str], field: str) -> None:
        most = self.config.limits.max_tags
        if most and len(set(tags)) > most:
            raise ApiError(
                422,
                f"{field}: {len(set(tags))} tags; a batch holds at most {most} (limit max_tags).",
                {"field": field, "max_tags": most},
            )

    def check_size(self, sequence: str) -> None:
        """SequenceError when the sequence is over the size limits (before Pulser parses it)."""
        limits = self.config.limits
        _emulators.check_size(sequence, limits.max_sequence_operations, limits.max_sequence_samples)

    def batch_device(self, device_type: Any, sequence_builder: Any) -> str:
        """The device type asked for or, when null or absent, the QPU the sequence names."""
        if device_type is not None:
            return self.check_device(device_type)
        if not isinstance(sequence_builder, str):
            raise invalid("device_type", "is required when the batch has no sequence_builder.")
        try:
            return self.check_device(device_type_of(sequence_builder))
        except InvalidDeviceTypeError as error:
            raise invalid("device_type", f"is null, and {error}") from None

    def servable_devices(self) -> dict[str, str]:
        """The device types the executor can run now, with their specs (serialized)."""
        here = self.runner.executor.runs_here  # else the workers' extras decide
        specs = device_specs() if here else all_device_specs()
        return {name: spec for name, spec in specs.items() if self.runner.refusal(name) is None}

    def check_device(self, device_type: Any) -> str:
        if not isinstance(device_type, str) or device_type not in DEVICE_TYPES:
            raise invalid("device_type", f"{device_type!r} is not one of {sorted(DEVICE_TYPES)}.")
        spec = devices()[device_type]
        if self.runner.executor.runs_here and not spec.available:
            raise ApiError(
                422,
                EMULATORS_EXTRA_MESSAGE.format(device=device_type),
                {"device_type": device_type, "extra": "emulators"},
            )
        refusal = self.runner.refusal(device_type)
        if refusal is not None:
            raise ApiError(422, refusal, {"device_type": device_type})
        return device_type

    def check_backend_configuration(self, backend_configuration: Any) -> str | None:
        """The batch's `backend_configuration` when it is a serialized Pulser EmulationConfig
        (or absent), else a 422 naming the field (checked in a checker process)."""
        if not isinstance(backend_configuration, str):
            return None
        why = self.checker.check_backend_configuration(backend_configuration)
        if why is not None:
            raise invalid("backend_configuration", why)
        return backend_configuration

    @staticmethod
    def check_configuration(configuration: Any) -> dict[str, Any] | None:
        if configuration is None:
            return None
        # Its shape was checked against the documents; a null value means the default.
        conf = {key: value for key, value in configuration.items() if value is not None}
        return BatchConfiguration.from_dict(conf).to_dict()


def _default_runs(backend_configuration: str | None) -> int:
    """`default_num_shots` of a serialized Pulser EmulationConfig, else DEFAULT_RUNS."""
    try:
        shots = json.loads(backend_configuration or "{}").get("default_num_shots")
    except (ValueError, AttributeError, RecursionError):
        shots = None
    return (
        shots
        if isinstance(shots, int) and not isinstance(shots, bool) and shots > 0
        else DEFAULT_RUNS
    )
