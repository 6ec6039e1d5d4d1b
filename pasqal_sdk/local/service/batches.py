"""Batches: create, list, read, cancel, close, add jobs, rebatch and tag them, and all their
results at once."""

from __future__ import annotations

from typing import Any

from pasqal_core_client.models import (
    Batch,
    BatchCancellationV1Response,
    BatchesCancellation,
    BatchesCancellationErrors,
    BatchesCancellationResponse,
    BatchFullResults,
    BatchFullResultsResponse,
    BatchListResponse,
    BatchResponse,
    BatchStatus,
    BatchStatusInfo,
    BatchStatusInfoJobsCountPerStatus,
    BatchStatusResponse,
    CancelBatchesRequest,
    CreateBatchRequest,
    Job,
    JobsCancellation,
    JobsCancellationErrors,
    JobsCancellationResponse,
    Pagination,
)
from starlette.responses import Response

from pasqal_sdk.local.service.answers import ApiError, invalid, not_found, ok
from pasqal_sdk.local.service.cloud import Caller, CloudService
from pasqal_sdk.local.service.operations import Call, Operation
from pasqal_sdk.local.service.queries import job_filters, query_page, stored_instant
from pasqal_sdk.local.storage.results import batch_results
from pasqal_sdk.local.storage.store import (
    BATCH_ORDER,
    TERMINAL_BATCH_STATUSES,
    BatchFilters,
    NewJob,
    Page,
)
from pasqal_sdk.local.worker import webhooks

__all__ = ["operations"]


def operations(cloud: CloudService) -> list[Operation]:
    """The operations of this resource, by their operationId in the documents."""

    async def create_batch(call: Call) -> Response:
        caller = call.caller
        payload = call.body
        device_type = cloud.batch_device(
            payload.get("device_type"), payload.get("sequence_builder")
        )
        configuration = cloud.check_configuration(payload.get("configuration"))
        request_model = CreateBatchRequest.from_dict(
            {**payload, "jobs": [], "configuration": configuration, "device_type": device_type}
        )
        if request_model.project_id not in caller.project_ids:
            raise ApiError(
                403,
                f"You are not a member of project {request_model.project_id}: use one of"
                " your projects (GET /account/api/v1/projects).",
                {"project_id": request_model.project_id},
            )
        cloud.check_quota(request_model.project_id, len(payload["jobs"]), 1)
        sequence_builder = (
            request_model.sequence_builder
            if isinstance(request_model.sequence_builder, str)
            else None
        )
        if sequence_builder is not None:
            cloud.check_sequence_builder(device_type, sequence_builder)
        open_ = request_model.open_ if isinstance(request_model.open_, bool) else False
        if "open" not in payload and isinstance(payload.get("complete"), bool):
            open_ = not payload["complete"]
        backend = cloud.check_backend_configuration(request_model.backend_configuration)
        jobs = cloud.parse_jobs(
            payload["jobs"], "jobs", device_type, sequence_builder, backend_configuration=backend
        )
        if not jobs and not open_:
            raise invalid("jobs", "a closed batch needs at least one job (or set open: true).")
        if isinstance(request_model.tags, list):
            cloud.check_tags(request_model.tags, "tags")
        webhook = request_model.webhook if isinstance(request_model.webhook, str) else None
        if webhook:
            refused = webhooks.target_refusal(
                webhook, bool(cloud.config.limits.allow_private_webhooks)
            )
            if refused is not None:
                raise invalid("webhook", refused)
        batch_id = cloud.store.create_batch(
            project_id=request_model.project_id,
            user_id=caller.user_id,
            device_type=device_type,
            open_=open_,
            sequence_builder=sequence_builder,
            webhook=webhook or None,
            configuration=configuration,
            backend_configuration=backend,
            tags=request_model.tags if isinstance(request_model.tags, list) else [],
            jobs=jobs,
        )
        cloud.runner.wake()
        return _batch_response(cloud.own_batch(caller, batch_id), full_jobs=True)

    def _batch_response(batch: dict[str, Any], *, full_jobs: bool) -> Response:
        return ok(BatchResponse, cloud.batch_model(batch, full_jobs=full_jobs))

    async def list_batches(call: Call) -> Response:
        caller, query = call.caller, call.query
        filters = BatchFilters(
            ids=query.get("id", []),
            project_ids=query.get("project_id", []),
            user_ids=query.get("user_id", []),
            device_types=query.get("device_type", []),
            statuses=query.get("status", []),
            open=query.get("open"),
            queue_priorities=query.get("queue_priority", []),
            tags=query.get("tag", []),
            start_date=stored_instant(query.get("start_date")),
            end_date=stored_instant(query.get("end_date")),
        )
        page = query_page(query, BATCH_ORDER, default_descending=True)
        batches, total = cloud.store.list_batches(filters, page, caller.project_ids)
        return ok(
            BatchListResponse,
            [cloud.batch_model(b, full_jobs=False) for b in batches],
            pagination=Pagination(start=page.offset, end=page.offset + len(batches), total=total),
        )

    async def get_batch(call: Call) -> Response:
        caller = call.caller
        batch = cloud.own_batch(caller, call.path["batch_id"])
        return _batch_response(batch, full_jobs=False)

    async def get_batch_v1(call: Call) -> Response:
        caller = call.caller
        batch = cloud.own_batch(caller, call.path["batch_id"])
        model = cloud.batch_model(batch, full_jobs=False, job_ids=False)
        model.jobs = [cloud.job_model(j, with_results=True) for j in batch["jobs"]]
        return ok(BatchResponse, model)

    def get_batch_status(call: Call) -> Response:
        batch_id = call.path["batch_id"]
        found = cloud.store.batch_status(batch_id, call.caller.project_ids)
        if found is None:
            raise not_found("Batch", batch_id)
        status, counts = found
        return ok(
            BatchStatusResponse,
            BatchStatusInfo(
                status=BatchStatus(status),
                jobs_count_per_status=BatchStatusInfoJobsCountPerStatus.from_dict(counts),
            ),
        )

    async def get_batch_full_results(call: Call) -> Response:
        batch = cloud.own_batch(call.caller, call.path["batch_id"])
        results = batch_results(cloud.results, batch["jobs"])
        return ok(BatchFullResultsResponse, BatchFullResults.from_dict(results))

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

    async def cancel_batch(call: Call) -> Response:
        caller = call.caller
        return _batch_response(_cancel_batch(caller, call.path["batch_id"]), full_jobs=False)

    async def cancel_batch_v1(call: Call) -> Response:
        caller = call.caller
        batch = _cancel_batch(caller, call.path["batch_id"])
        return ok(BatchCancellationV1Response, cloud.batch_model(batch, full_jobs=True))

    async def cancel_batches(call: Call) -> Response:
        caller = call.caller
        request_model = CancelBatchesRequest.from_dict(call.body)
        cancelled: list[Batch] = []
        errors = BatchesCancellationErrors()
        for batch_id in dict.fromkeys(request_model.batch_ids):
            try:
                cancelled.append(
                    cloud.batch_model(_cancel_batch(caller, batch_id), full_jobs=False)
                )
            except ApiError as error:
                errors[batch_id] = error.message
        return ok(
            BatchesCancellationResponse, BatchesCancellation(batches=cancelled, errors=errors)
        )

    async def complete_batch(call: Call) -> Response:
        caller = call.caller
        batch_id = call.path["batch_id"]
        batch = cloud.own_batch(caller, batch_id)
        if not batch["open"]:
            raise ApiError(409, f"Batch {batch_id} is already closed ({batch['status']}).", None)
        cloud.store.set_batch_open(batch_id, False)
        cloud.runner.wake()
        return _batch_response(cloud.own_batch(caller, batch_id), full_jobs=True)

    async def add_jobs(call: Call) -> Response:
        caller = call.caller
        batch_id = call.path["batch_id"]
        batch = cloud.own_batch(caller, batch_id)
        raw = call.body
        if not batch["open"]:
            raise ApiError(
                409,
                f"Batch {batch_id} is closed ({batch['status']}): add jobs to an open batch.",
            )
        cloud.check_quota(batch["project_id"], len(raw), 0)
        jobs = cloud.parse_jobs(
            raw,
            "body",
            batch["device_type"],
            batch["sequence_builder"],
            len(batch["jobs"]),
            backend_configuration=batch.get("backend_configuration"),
        )
        cloud.store.add_jobs(batch_id, jobs)
        cloud.runner.wake()
        return _batch_response(cloud.own_batch(caller, batch_id), full_jobs=True)

    def _matching_jobs(
        query: dict[str, Any], caller: Caller, batch_id: str
    ) -> list[dict[str, Any]]:
        filters = job_filters(query, with_batch=False)
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

    async def cancel_batch_jobs(call: Call) -> Response:
        caller = call.caller
        batch_id = call.path["batch_id"]
        cloud.own_batch(caller, batch_id)
        cancelled: list[Job] = []
        errors = JobsCancellationErrors()
        for job in _matching_jobs(call.query, caller, batch_id):
            if cloud.store.cancel_job(job["id"]):
                cloud.runner.cancel([job["id"]])
                cancelled.append(cloud.job_model(cloud.own_job(caller, job["id"])))
            else:
                errors[job["id"]] = f"Job {job['id']} is {job['status']}: it cannot be cancelled."
        return ok(JobsCancellationResponse, JobsCancellation(jobs=cancelled, errors=errors))

    async def rebatch(call: Call) -> Response:
        caller = call.caller
        batch_id = call.path["batch_id"]
        batch = cloud.own_batch(caller, batch_id)
        matching = _matching_jobs(call.query, caller, batch_id)
        if not matching:
            raise invalid("filters", f"no job of batch {batch_id} matches them; nothing to rerun.")
        cloud.check_device(batch["device_type"])
        cloud.check_quota(batch["project_id"], len(matching), 1)
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

    async def set_batch_tags(call: Call) -> Response:
        caller = call.caller
        batch_id = call.path["batch_id"]
        cloud.own_batch(caller, batch_id)
        tags = list(call.body)
        cloud.check_tags(tags, "body")
        cloud.store.set_tags(batch_id, list(dict.fromkeys(tags)))
        return _batch_response(cloud.own_batch(caller, batch_id), full_jobs=False)

    return [
        Operation("create_batch", create_batch),
        Operation("list_batches", list_batches),
        Operation("cancel_batches", cancel_batches),
        Operation("get_batch_v1", get_batch_v1),
        Operation("get_batch", get_batch),
        Operation("get_batch_status", get_batch_status),
        Operation("get_batch_full_results", get_batch_full_results),
        Operation("cancel_batch_v1", cancel_batch_v1),
        Operation("cancel_batch", cancel_batch),
        Operation("complete_batch_v1", complete_batch),
        Operation("complete_batch", complete_batch),
        Operation("add_jobs_v1", add_jobs),
        Operation("add_jobs", add_jobs),
        Operation("cancel_batch_jobs_v1", cancel_batch_jobs),
        Operation("cancel_batch_jobs", cancel_batch_jobs),
        Operation("rebatch", rebatch),
        Operation("set_batch_tags", set_batch_tags),
    ]
