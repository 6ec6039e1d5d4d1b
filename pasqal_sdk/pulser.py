"""Pulser's remote backends on top of pasqal_sdk: the names and constructors of the official
`pasqal_cloud` package, so that migrating is one changed import.

Extra keyword arguments of `PasqalCloudConnection` (`endpoints`, `auth0`, `token_provider`,
`profile`, ...) go to `SDK`.

Example:
    ```python
    from pulser import QPUBackend
    from pasqal_sdk.pulser import PasqalCloudConnection, RemoteEmuFreeBackend

    connection = PasqalCloudConnection()  # settings from ~/.pasqal/config or PASQAL_*
    results = QPUBackend(sequence, connection).run([{"runs": 500}], wait=True)
    print(results[0].bitstring_counts)

    with (backend := RemoteEmuFreeBackend(sequence, connection)).open_batch():
        first = backend.run([{"runs": 100}])   # jobs go to one open batch
    ```
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, cast

import pulser
from pulser.backend import BitStrings, EmulationConfig, EmulatorBackend, Results
from pulser.backend.remote import (
    BatchStatus,
    JobParams,
    JobStatus,
    RemoteBackend,
    RemoteConnection,
    RemoteResults,
    RemoteResultsError,
)
from pulser.devices import Device
from pulser.json.abstract_repr.deserializer import deserialize_device
from pulser.json.utils import make_json_compatible
from pulser.result import SampledResult

from pasqal_sdk._resources import pulser_results_of
from pasqal_sdk._sync.client import SDK
from pasqal_sdk._sync.jobs import Job
from pasqal_sdk.device import DEFAULT_RUNS, DeviceType, EmulatorType

__all__ = [
    "PasqalCloudConnection",
    "RemoteEmuFreeBackend",
    "RemoteEmulatorBackend",
    "RemoteMPSBackend",
    "RemoteSVBackend",
]


class PasqalCloudConnection(RemoteConnection):
    """Pulser's connection to Pasqal Cloud, through a pasqal_sdk `SDK`.

    Args:
        username: Your username (default: from the configuration).
        password: Your password (default: from the configuration, else prompted).
        project_id: The project batches go to (default: from the configuration).
        region: The region (`fr`, `sa`, ...; default: from the configuration, else `fr`).
        kwargs: Passed to `SDK`: `endpoints`, `auth0`, `token_provider`, `profile`, ...
    """

    def __init__(
        self,
        username: str = "",
        password: str = "",
        project_id: str = "",
        region: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.sdk = SDK(
            username or None,
            password or None,
            project_id=project_id or None,
            region=region,
            **kwargs,
        )
        self._devices: dict[str, Device] | None = None

    def submit(
        self,
        sequence: pulser.Sequence[Any],
        wait: bool = False,
        open: bool = False,
        batch_id: str | None = None,
        device_type: DeviceType | EmulatorType | str | None = None,
        backend_configuration: EmulationConfig[Any] | None = None,
        **kwargs: Any,
    ) -> RemoteResults:
        """Send the sequence's jobs (`job_params`) to a new batch, or to the open `batch_id`.

        Args:
            sequence: The Pulser sequence.
            wait: Return once the jobs have finished.
            open: Keep the new batch open for more jobs.
            batch_id: An open batch to add the jobs to (instead of a new batch).
            device_type: The device to run on (default: the sequence's device).
            backend_configuration: The emulation configuration, for an emulator.
            kwargs: `job_params`: the jobs, as dicts with `runs` and `variables`.
        """
        sequence = self._add_measurement_to_sequence(sequence)
        jobs = [dict(job) for job in make_json_compatible(kwargs.get("job_params") or [])]
        for job in jobs:
            job.setdefault("runs", _default_runs(backend_configuration))
            if sequence.is_parametrized() or sequence.is_register_mappable():
                sequence.build(**(job.get("variables") or {}))  # fails early on bad variables
        if batch_id:
            before = set(self._get_job_ids(batch_id))
            batch = self.sdk.add_jobs(batch_id, jobs)
            new_ids = [job_id for job_id in batch.job_ids if job_id not in before]
            if wait:  # for these jobs only: an open batch finishes only once closed
                self.sdk.wait_all([job for job in batch.ordered_jobs if job.id in new_ids])
        else:
            config = backend_configuration.to_abstract_repr() if backend_configuration else None
            batch = self.sdk.create_batch(
                sequence.to_abstract_repr(),
                jobs,
                device_type=device_type or self._device_type_of(sequence),
                backend_configuration=config,
                open=open,
                wait=wait,
            )
            new_ids = list(batch.job_ids)
        return RemoteResults(batch.id, self, job_ids=new_ids)

    def get_results(self, batch_id: str, job_ids: list[str] | None = None) -> RemoteResults:
        """The results of a batch's jobs (`job_ids`, in that order; all jobs by default).

        Args:
            batch_id: The batch's id.
            job_ids: Which of its jobs, in the order wanted (None: all of them).
        """
        return RemoteResults(batch_id, self, job_ids=job_ids)

    def fetch_available_devices(self) -> dict[str, Device]:
        """The Pulser devices of the service, by device type."""
        if self._devices is None:
            specs = self.sdk.get_device_specs_dict()
            self._devices = {
                name: cast(Device, deserialize_device(spec)) for name, spec in specs.items()
            }
        return dict(self._devices)

    def supports_open_batch(self) -> bool:
        return True

    def _device_type_of(self, sequence: pulser.Sequence[Any]) -> str:
        """The service's device type whose device the sequence was built for (else FRESNEL)."""
        name = sequence.device.name
        devices = self.fetch_available_devices()
        if name in devices:
            return str(name)
        for device_type, device in devices.items():
            if device.name == name:
                return device_type
        return str(DeviceType.FRESNEL)

    def _close_batch(self, batch_id: str) -> None:
        self.sdk.close_batch(batch_id)

    def _get_job_ids(self, batch_id: str) -> list[str]:
        return list(self.sdk.get_batch(batch_id, fetch_results=False).job_ids)

    def _get_batch_status(self, batch_id: str) -> BatchStatus:
        return BatchStatus[self.sdk.get_batch(batch_id, fetch_results=False).status]

    def _query_job_progress(self, batch_id: str) -> Mapping[str, tuple[JobStatus, Results | None]]:
        batch = self.sdk.get_batch(batch_id)
        builder = (
            pulser.Sequence.from_abstract_repr(batch.sequence_builder)
            if batch.sequence_builder
            else None
        )
        return {
            job.id: (_job_status(job.status), _pulser_result(job, builder))
            for job in batch.ordered_jobs
        }

    def _fetch_result(self, batch_id: str, job_ids: list[str] | None) -> tuple[Results, ...]:
        progress = self._query_job_progress(batch_id)
        results = []
        for job_id in progress if job_ids is None else job_ids:
            status, result = progress[job_id]
            if status in (JobStatus.PENDING, JobStatus.RUNNING):
                raise RemoteResultsError(f"job {job_id} has no result yet: it is {status.name}")
            if result is None:
                raise RemoteResultsError(f"job {job_id} has no result ({status.name})")
            results.append(result)
        return tuple(results)


def _default_runs(config: EmulationConfig[Any] | None) -> int:
    shots = getattr(config, "default_num_shots", None)
    return int(shots) if isinstance(shots, int) and shots > 0 else DEFAULT_RUNS  # the one home


def _job_status(status: str) -> JobStatus:
    # Statuses Pulser does not know (CANCELING) count as still running.
    return JobStatus.__members__.get(status, JobStatus.RUNNING)


def _pulser_result(job: Job, builder: pulser.Sequence[Any] | None) -> Results | None:
    """The job's result as Pulser gives it: its serialised `Results` when the service sent one,
    else a `SampledResult` of its counts over the register's atoms."""
    serialised = pulser_results_of(job.full_result)
    if serialised is not None:
        return cast(Results, serialised)
    if job.result is None or builder is None:
        return None
    variables = job.variables or {}
    built = builder.build(**variables) if variables else builder
    qubits = list(builder.get_register(include_mappable=True).qubit_ids)
    size = len(variables["qubits"]) if "qubits" in variables else None
    return SampledResult(
        atom_order=tuple(qubits[:size]),
        meas_basis=built.get_measurement_basis(),
        bitstring_counts=job.result,
    )


class RemoteEmulatorBackend(RemoteBackend, EmulatorBackend):  # type: ignore[misc]
    """A Pasqal Cloud emulator as a Pulser backend: `run(job_params, wait)` sends a batch.

    Args:
        sequence: The sequence to run.
        connection: A `PasqalCloudConnection`.
        config: The emulation configuration (default: `default_config`).
        mimic_qpu: Whether to check the sequence as a QPU would.
    """

    _device_type: ClassVar[EmulatorType]
    default_config: ClassVar[EmulationConfig[Any]]

    def __init__(
        self,
        sequence: pulser.Sequence[Any],
        connection: RemoteConnection,
        *,
        config: EmulationConfig[Any] | None = None,
        mimic_qpu: bool = False,
    ) -> None:
        RemoteBackend.__init__(self, sequence, connection, mimic_qpu=mimic_qpu)
        EmulatorBackend.__init__(self, sequence, config=config, mimic_qpu=mimic_qpu)

    def run(self, job_params: list[JobParams] | None = None, wait: bool = False) -> RemoteResults:
        """Run the jobs (one job of `default_config`'s shots when none are given).

        Args:
            job_params: The jobs, as dicts with `runs` and `variables`.
            wait: Return once the jobs have finished.
        """
        return super().run(job_params=job_params if job_params is not None else [{}], wait=wait)

    def _submit_kwargs(self) -> dict[str, Any]:
        return {
            "batch_id": self._batch_id,
            "device_type": self._device_type,
            "backend_configuration": self._config,
        }


class RemoteEmuFreeBackend(RemoteEmulatorBackend):
    """Runs sequences on EMU_FREE (pulser-simulation's QuTiP emulator) in Pasqal Cloud."""

    default_config = EmulationConfig(observables=[BitStrings()])
    _device_type = EmulatorType.EMU_FREE


class RemoteMPSBackend(RemoteEmulatorBackend):
    """Runs sequences on EMU_MPS (matrix product states, from emu-mps) in Pasqal Cloud."""

    default_config = EmulationConfig(
        observables=[BitStrings()],
        num_gpus_to_use=1,
        autosave_dt=float("inf"),
        optimize_qubit_ordering=True,
    )
    _device_type = EmulatorType.EMU_MPS


class RemoteSVBackend(RemoteEmulatorBackend):
    """Runs sequences on EMU_SV (state vectors, from emu-sv) in Pasqal Cloud."""

    default_config = EmulationConfig(observables=[BitStrings()])
    _device_type = EmulatorType.EMU_SV
