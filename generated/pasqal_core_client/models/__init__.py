"""Contains all the data models used in inputs/outputs.

Each model's module loads on first use of its name, so that importing one endpoint does not load
every model (a command line that makes one request starts faster).
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .add_jobs_content_encoding import AddJobsContentEncoding
    from .add_jobs_v1_content_encoding import AddJobsV1ContentEncoding
    from .ahs_driving_field import AhsDrivingField
    from .ahs_physical_field import AhsPhysicalField
    from .ahs_register import AhsRegister
    from .ahs_register_filling_item import AhsRegisterFillingItem
    from .ahs_time_series import AhsTimeSeries
    from .analog_hamiltonian_program import AnalogHamiltonianProgram
    from .analog_hamiltonian_program_hamiltonian import (
        AnalogHamiltonianProgramHamiltonian,
    )
    from .analog_hamiltonian_program_hamiltonian_local_detuning_item import (
        AnalogHamiltonianProgramHamiltonianLocalDetuningItem,
    )
    from .analog_hamiltonian_program_setup import AnalogHamiltonianProgramSetup
    from .batch import Batch
    from .batch_cancellation_v1_response import BatchCancellationV1Response
    from .batch_configuration import BatchConfiguration
    from .batch_full_results import BatchFullResults
    from .batch_full_results_response import BatchFullResultsResponse
    from .batch_jobs_count_per_status import BatchJobsCountPerStatus
    from .batch_list_response import BatchListResponse
    from .batch_response import BatchResponse
    from .batch_status import BatchStatus
    from .batch_status_info import BatchStatusInfo
    from .batch_status_info_jobs_count_per_status import (
        BatchStatusInfoJobsCountPerStatus,
    )
    from .batch_status_response import BatchStatusResponse
    from .batches_cancellation import BatchesCancellation
    from .batches_cancellation_errors import BatchesCancellationErrors
    from .batches_cancellation_response import BatchesCancellationResponse
    from .cancel_batches_request import CancelBatchesRequest
    from .counter import Counter
    from .create_batch_content_encoding import CreateBatchContentEncoding
    from .create_batch_request import CreateBatchRequest
    from .create_cudaq_job_request import CreateCudaqJobRequest
    from .create_job_request import CreateJobRequest
    from .create_workload_request import CreateWorkloadRequest
    from .create_workload_request_config import CreateWorkloadRequestConfig
    from .cudaq_job import CudaqJob
    from .cudaq_job_response import CudaqJobResponse
    from .device import Device
    from .device_list_response import DeviceListResponse
    from .device_spec_response import DeviceSpecResponse
    from .device_specs_response import DeviceSpecsResponse
    from .device_specs_response_data import DeviceSpecsResponseData
    from .device_type import DeviceType
    from .emulator_type import EmulatorType
    from .envelope import Envelope
    from .error_response import ErrorResponse
    from .final_batch_status import FinalBatchStatus
    from .final_job_status import FinalJobStatus
    from .j_send_status import JSendStatus
    from .job import Job
    from .job_creation import JobCreation
    from .job_list_response import JobListResponse
    from .job_response import JobResponse
    from .job_result import JobResult
    from .job_status import JobStatus
    from .job_status_info import JobStatusInfo
    from .job_status_response import JobStatusResponse
    from .jobs_cancellation import JobsCancellation
    from .jobs_cancellation_errors import JobsCancellationErrors
    from .jobs_cancellation_response import JobsCancellationResponse
    from .order_by_direction import OrderByDirection
    from .pagination import Pagination
    from .precision import Precision
    from .public_device_spec import PublicDeviceSpec
    from .public_device_specs_response import PublicDeviceSpecsResponse
    from .queue_priority import QueuePriority
    from .result_type import ResultType
    from .results_link import ResultsLink
    from .results_link_response import ResultsLinkResponse
    from .variables import Variables
    from .workload import Workload
    from .workload_config import WorkloadConfig
    from .workload_response import WorkloadResponse
    from .workload_result_type_0 import WorkloadResultType0
    from .workload_status import WorkloadStatus

_MODULES: dict[str, str] = {
    "AddJobsContentEncoding": ".add_jobs_content_encoding",
    "AddJobsV1ContentEncoding": ".add_jobs_v1_content_encoding",
    "AhsDrivingField": ".ahs_driving_field",
    "AhsPhysicalField": ".ahs_physical_field",
    "AhsRegister": ".ahs_register",
    "AhsRegisterFillingItem": ".ahs_register_filling_item",
    "AhsTimeSeries": ".ahs_time_series",
    "AnalogHamiltonianProgram": ".analog_hamiltonian_program",
    "AnalogHamiltonianProgramHamiltonian": ".analog_hamiltonian_program_hamiltonian",
    "AnalogHamiltonianProgramHamiltonianLocalDetuningItem": ".analog_hamiltonian_program_hamiltonian_local_detuning_item",
    "AnalogHamiltonianProgramSetup": ".analog_hamiltonian_program_setup",
    "Batch": ".batch",
    "BatchCancellationV1Response": ".batch_cancellation_v1_response",
    "BatchConfiguration": ".batch_configuration",
    "BatchFullResults": ".batch_full_results",
    "BatchFullResultsResponse": ".batch_full_results_response",
    "BatchJobsCountPerStatus": ".batch_jobs_count_per_status",
    "BatchListResponse": ".batch_list_response",
    "BatchResponse": ".batch_response",
    "BatchStatus": ".batch_status",
    "BatchStatusInfo": ".batch_status_info",
    "BatchStatusInfoJobsCountPerStatus": ".batch_status_info_jobs_count_per_status",
    "BatchStatusResponse": ".batch_status_response",
    "BatchesCancellation": ".batches_cancellation",
    "BatchesCancellationErrors": ".batches_cancellation_errors",
    "BatchesCancellationResponse": ".batches_cancellation_response",
    "CancelBatchesRequest": ".cancel_batches_request",
    "Counter": ".counter",
    "CreateBatchContentEncoding": ".create_batch_content_encoding",
    "CreateBatchRequest": ".create_batch_request",
    "CreateCudaqJobRequest": ".create_cudaq_job_request",
    "CreateJobRequest": ".create_job_request",
    "CreateWorkloadRequest": ".create_workload_request",
    "CreateWorkloadRequestConfig": ".create_workload_request_config",
    "CudaqJob": ".cudaq_job",
    "CudaqJobResponse": ".cudaq_job_response",
    "Device": ".device",
    "DeviceListResponse": ".device_list_response",
    "DeviceSpecResponse": ".device_spec_response",
    "DeviceSpecsResponse": ".device_specs_response",
    "DeviceSpecsResponseData": ".device_specs_response_data",
    "DeviceType": ".device_type",
    "EmulatorType": ".emulator_type",
    "Envelope": ".envelope",
    "ErrorResponse": ".error_response",
    "FinalBatchStatus": ".final_batch_status",
    "FinalJobStatus": ".final_job_status",
    "JSendStatus": ".j_send_status",
    "Job": ".job",
    "JobCreation": ".job_creation",
    "JobListResponse": ".job_list_response",
    "JobResponse": ".job_response",
    "JobResult": ".job_result",
    "JobStatus": ".job_status",
    "JobStatusInfo": ".job_status_info",
    "JobStatusResponse": ".job_status_response",
    "JobsCancellation": ".jobs_cancellation",
    "JobsCancellationErrors": ".jobs_cancellation_errors",
    "JobsCancellationResponse": ".jobs_cancellation_response",
    "OrderByDirection": ".order_by_direction",
    "Pagination": ".pagination",
    "Precision": ".precision",
    "PublicDeviceSpec": ".public_device_spec",
    "PublicDeviceSpecsResponse": ".public_device_specs_response",
    "QueuePriority": ".queue_priority",
    "ResultType": ".result_type",
    "ResultsLink": ".results_link",
    "ResultsLinkResponse": ".results_link_response",
    "Variables": ".variables",
    "Workload": ".workload",
    "WorkloadConfig": ".workload_config",
    "WorkloadResponse": ".workload_response",
    "WorkloadResultType0": ".workload_result_type_0",
    "WorkloadStatus": ".workload_status",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULES])


__all__ = (
    "AddJobsContentEncoding",
    "AddJobsV1ContentEncoding",
    "AhsDrivingField",
    "AhsPhysicalField",
    "AhsRegister",
    "AhsRegisterFillingItem",
    "AhsTimeSeries",
    "AnalogHamiltonianProgram",
    "AnalogHamiltonianProgramHamiltonian",
    "AnalogHamiltonianProgramHamiltonianLocalDetuningItem",
    "AnalogHamiltonianProgramSetup",
    "Batch",
    "BatchCancellationV1Response",
    "BatchConfiguration",
    "BatchesCancellation",
    "BatchesCancellationErrors",
    "BatchesCancellationResponse",
    "BatchFullResults",
    "BatchFullResultsResponse",
    "BatchJobsCountPerStatus",
    "BatchListResponse",
    "BatchResponse",
    "BatchStatus",
    "BatchStatusInfo",
    "BatchStatusInfoJobsCountPerStatus",
    "BatchStatusResponse",
    "CancelBatchesRequest",
    "Counter",
    "CreateBatchContentEncoding",
    "CreateBatchRequest",
    "CreateCudaqJobRequest",
    "CreateJobRequest",
    "CreateWorkloadRequest",
    "CreateWorkloadRequestConfig",
    "CudaqJob",
    "CudaqJobResponse",
    "Device",
    "DeviceListResponse",
    "DeviceSpecResponse",
    "DeviceSpecsResponse",
    "DeviceSpecsResponseData",
    "DeviceType",
    "EmulatorType",
    "Envelope",
    "ErrorResponse",
    "FinalBatchStatus",
    "FinalJobStatus",
    "Job",
    "JobCreation",
    "JobListResponse",
    "JobResponse",
    "JobResult",
    "JobsCancellation",
    "JobsCancellationErrors",
    "JobsCancellationResponse",
    "JobStatus",
    "JobStatusInfo",
    "JobStatusResponse",
    "JSendStatus",
    "OrderByDirection",
    "Pagination",
    "Precision",
    "PublicDeviceSpec",
    "PublicDeviceSpecsResponse",
    "QueuePriority",
    "ResultsLink",
    "ResultsLinkResponse",
    "ResultType",
    "Variables",
    "Workload",
    "WorkloadConfig",
    "WorkloadResponse",
    "WorkloadResultType0",
    "WorkloadStatus",
)
