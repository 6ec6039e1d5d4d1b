"""CUDA-Q jobs: an analog-Hamiltonian program run as a batch of one job, and its result."""

from __future__ import annotations

from typing import Any

from pasqal_core_client.models import (
    BatchFullResults,
    BatchStatus,
    CudaqJob,
    CudaqJobResponse,
)
from starlette.responses import Response

from pasqal_sdk.local.service.answers import ApiError, invalid, ok
from pasqal_sdk.local.service.cloud import CloudService
from pasqal_sdk.local.service.operations import Call, Operation
from pasqal_sdk.local.storage.results import batch_results
from pasqal_sdk.local.storage.store import NewJob
from pasqal_sdk.local.worker import cudaq as _cudaq
from pasqal_sdk.local.worker import emulators
from pasqal_sdk.local.worker.devices import devices

__all__ = ["operations"]

# Tag of the batches made from CUDA-Q programs, to find them among the others.
CUDAQ_TAG = "cudaq"


def operations(cloud: CloudService) -> list[Operation]:
    """The operations of this resource, by their operationId in the documents."""

    def _job(batch: dict[str, Any]) -> CudaqJob:
        done = batch["status"] == BatchStatus.DONE.value
        results = batch_results(cloud.results, batch["jobs"]) if done else None
        return CudaqJob(
            id=batch["id"],
            status=BatchStatus(batch["status"]),
            result=None if results is None else BatchFullResults.from_dict(results),
        )

    async def create_cudaq_job(call: Call) -> Response:
        caller = call.caller
        body = call.body  # its shape was checked against the documents
        project_id, machine, shots = str(body["project_id"]), str(body["machine"]), body["shots"]
        if project_id not in caller.project_ids:
            raise ApiError(
                403,
                f"project_id: you are not a member of project {project_id!r}: use one of your"
                " projects (GET /account/api/v1/projects).",
                {"field": "project_id", "project_id": project_id},
            )
        try:
            cloud.check_device(machine)
        except ApiError as error:
            data = {"field": "machine", "machine": machine}
            raise ApiError(error.status, f"machine: {error.message}", data) from None
        most = devices()[machine].max_runs
        if shots > most:
            raise invalid("shots", f"at most {most} on {machine}, not {shots}.")
        try:
            sequence = _cudaq.to_sequence(body["sequence"], machine)
            emulators.check_sequence(machine, sequence)
        except _cudaq.ProgramError as error:
            raise invalid(error.field, str(error).partition(": ")[2]) from error
        except emulators.SequenceError as error:
            raise invalid("sequence", str(error)) from error
        batch_id = cloud.store.create_batch(
            project_id=project_id,
            user_id=caller.user_id,
            device_type=machine,
            open_=False,
            sequence_builder=sequence,
            webhook=None,
            configuration=None,
            backend_configuration=None,
            tags=[CUDAQ_TAG],
            jobs=[NewJob(shots, None, None)],
        )
        cloud.runner.wake()
        return ok(CudaqJobResponse, _job(cloud.own_batch(caller, batch_id)))

    async def get_cudaq_job(call: Call) -> Response:
        return ok(CudaqJobResponse, _job(cloud.own_batch(call.caller, call.path["job_id"])))

    return [
        Operation("create_cudaq_job", create_cudaq_job),
        Operation("get_cudaq_job", get_cudaq_job),
    ]
