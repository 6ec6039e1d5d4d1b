"""Jobs: list, create (legacy), read, cancel, and their results links."""

from __future__ import annotations

from typing import Any

from pasqal_core_client.models import (
    CreateJobRequest,
    JobListResponse,
    JobResponse,
    JobStatus,
    JobStatusInfo,
    JobStatusResponse,
    Pagination,
    ResultsLink,
    ResultsLinkResponse,
)
from starlette.responses import Response

from pasqal_sdk.local.service.answers import ApiError, ok
from pasqal_sdk.local.service.cloud import CloudService
from pasqal_sdk.local.service.operations import Call, Operation
from pasqal_sdk.local.service.queries import job_filters, query_page
from pasqal_sdk.local.storage.results import RESULTS_LINK_TTL
from pasqal_sdk.local.storage.store import (
    JOB_ORDER,
)

__all__ = ["operations"]


def operations(cloud: CloudService) -> list[Operation]:
    """The operations of this resource, by their operationId in the documents."""

    def _list_jobs(call: Call, v1: bool) -> Response:
        caller = call.caller
        filters = job_filters(call.query, with_batch=True)
        page = query_page(call.query, JOB_ORDER, default_descending=False)
        jobs, total = cloud.store.list_jobs(filters, page, caller.project_ids)
        response = ok(
            JobListResponse,
            [cloud.job_model(j, with_results=v1) for j in jobs],
            pagination=Pagination(start=page.offset, end=page.offset + len(jobs), total=total),
        )
        if not v1:
            first = page.offset + 1 if jobs else 0
            response.headers["Content-Range"] = f"{first}-{page.offset + len(jobs)}/{total}"
        return response

    async def list_jobs(call: Call) -> Response:
        return _list_jobs(call, v1=False)

    async def list_jobs_v1(call: Call) -> Response:
        return _list_jobs(call, v1=True)

    async def create_job_v1(call: Call) -> Response:
        caller = call.caller
        payload = call.body
        request_model = CreateJobRequest.from_dict(
            {k: v for k, v in payload.items() if k in ("batch_id", "runs", "variables")}
        )
        batch = cloud.own_batch(caller, request_model.batch_id)
        raw = {k: v for k, v in payload.items() if k in ("runs", "variables")}
        jobs = cloud.parse_jobs(
            [raw],
            "body",
            batch["device_type"],
            batch["sequence_builder"],
            len(batch["jobs"]),
            backend_configuration=batch.get("backend_configuration"),
        )
        if not batch["open"]:
            raise ApiError(409, f"Batch {batch['id']} is closed: add jobs to an open batch.")
        (job_id,) = cloud.store.add_jobs(batch["id"], jobs)
        cloud.runner.wake()
        return _job_response(cloud.own_job(caller, job_id))

    def _job_response(
        job: dict[str, Any], *, with_results: bool = False, with_sequence: bool = False
    ) -> Response:
        return ok(
            JobResponse,
            cloud.job_model(job, with_results=with_results, with_sequence=with_sequence),
        )

    async def get_job(call: Call) -> Response:
        caller = call.caller
        return _job_response(cloud.own_job(caller, call.path["job_id"]), with_sequence=True)

    async def get_job_v1(call: Call) -> Response:
        caller = call.caller
        return _job_response(cloud.own_job(caller, call.path["job_id"]), with_results=True)

    async def get_job_status(call: Call) -> Response:
        caller = call.caller
        job = cloud.own_job(caller, call.path["job_id"])
        return ok(JobStatusResponse, JobStatusInfo(status=JobStatus(job["status"])))

    async def cancel_job(call: Call) -> Response:
        caller = call.caller
        job_id = call.path["job_id"]
        job = cloud.own_job(caller, job_id)
        if not cloud.store.cancel_job(job_id):
            raise ApiError(
                409,
                f"Job {job_id} is {job['status']}: only pending or running jobs can be cancelled.",
                {"status": job["status"]},
            )
        cloud.runner.cancel([job_id])
        return _job_response(cloud.own_job(caller, job_id))

    async def get_job_results_link(call: Call) -> Response:
        caller = call.caller
        job_id = call.path["job_id"]
        job = cloud.own_job(caller, job_id)
        if not job["has_result"]:
            # No results yet: a null link, as the official client expects while it polls.
            return ok(ResultsLinkResponse, ResultsLink(results_link=None))
        user = cloud.store.user_by_id(caller.user_id) or {}
        generation = int(user.get("token_generation") or 0)
        token = cloud.signer.results_token(job_id, RESULTS_LINK_TTL, caller.user_id, generation)
        link = f"{cloud.config.public_url.rstrip('/')}/results/{token}"
        return ok(ResultsLinkResponse, ResultsLink(results_link=link))

    return [
        Operation("list_jobs_v1", list_jobs_v1),
        Operation("create_job_v1", create_job_v1),
        Operation("list_jobs", list_jobs),
        Operation("get_job_v1", get_job_v1),
        Operation("get_job", get_job),
        Operation("get_job_status", get_job_status),
        Operation("cancel_job_v1", cancel_job),
        Operation("cancel_job", cancel_job),
        Operation("get_job_results_link", get_job_results_link),
    ]
