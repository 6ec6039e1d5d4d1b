from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.batch_status import BatchStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_configuration import BatchConfiguration
    from ..models.batch_jobs_count_per_status import BatchJobsCountPerStatus
    from ..models.job import Job


T = TypeVar("T", bound="Batch")


@_attrs_define
class Batch:
    """A group of jobs sharing one sequence and one device.

    Attributes:
        id (str): The batch's id.
        project_id (str): The project it is billed to.
        device_type (str): The target device (a `DeviceType` value; other strings may appear).
        status (BatchStatus): PENDING: queued; RUNNING: at least one job started; DONE: every job finished; ERROR: the
            batch failed; CANCELED: cancelled by a user; TIMED_OUT: an open batch left without new jobs
            for too long.
        created_at (str): Creation time (ISO 8601).
        updated_at (str): Last change (ISO 8601).
        user_id (str | Unset): Who created it.
        open_ (bool | Unset): Whether jobs may still be added.
        complete (bool | Unset): The opposite of `open` (kept for old clients).
        priority (int | Unset): Scheduling priority: higher runs first.
        sequence_builder (None | str | Unset): The serialized Pulser sequence.
        webhook (None | str | Unset): URL notified when the batch finishes.
        configuration (BatchConfiguration | None | Unset): The emulator configuration it was created with.
        backend_configuration (None | str | Unset): Serialized Pulser backend configuration.
        device_status (None | str | Unset): The device's availability when last checked.
        parent_id (None | str | Unset): The batch this one was rebatched from.
        tags (list[str] | None | Unset): Free labels.
        start_datetime (None | str | Unset): When its first job started.
        end_datetime (None | str | Unset): When it finished.
        jobs (list[Job] | Unset): The jobs in full (v1 and mutating operations).
        job_ids (list[str] | Unset): The ids of its jobs (v2 and listings).
        jobs_count (int | Unset): How many jobs it holds.
        jobs_count_per_status (BatchJobsCountPerStatus | Unset): How many of its jobs are in each status.
    """

    id: str
    project_id: str
    device_type: str
    status: BatchStatus
    created_at: str
    updated_at: str
    user_id: str | Unset = UNSET
    open_: bool | Unset = UNSET
    complete: bool | Unset = UNSET
    priority: int | Unset = UNSET
    sequence_builder: None | str | Unset = UNSET
    webhook: None | str | Unset = UNSET
    configuration: BatchConfiguration | None | Unset = UNSET
    backend_configuration: None | str | Unset = UNSET
    device_status: None | str | Unset = UNSET
    parent_id: None | str | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    start_datetime: None | str | Unset = UNSET
    end_datetime: None | str | Unset = UNSET
    jobs: list[Job] | Unset = UNSET
    job_ids: list[str] | Unset = UNSET
    jobs_count: int | Unset = UNSET
    jobs_count_per_status: BatchJobsCountPerStatus | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.batch_configuration import BatchConfiguration

        id = self.id

        project_id = self.project_id

        device_type = self.device_type

        status = self.status.value

        created_at = self.created_at

        updated_at = self.updated_at

        user_id = self.user_id

        open_ = self.open_

        complete = self.complete

        priority = self.priority

        sequence_builder: None | str | Unset
        if isinstance(self.sequence_builder, Unset):
            sequence_builder = UNSET
        else:
            sequence_builder = self.sequence_builder

        webhook: None | str | Unset
        if isinstance(self.webhook, Unset):
            webhook = UNSET
        else:
            webhook = self.webhook

        configuration: dict[str, Any] | None | Unset
        if isinstance(self.configuration, Unset):
            configuration = UNSET
        elif isinstance(self.configuration, BatchConfiguration):
            configuration = self.configuration.to_dict()
        else:
            configuration = self.configuration

        backend_configuration: None | str | Unset
        if isinstance(self.backend_configuration, Unset):
            backend_configuration = UNSET
        else:
            backend_configuration = self.backend_configuration

        device_status: None | str | Unset
        if isinstance(self.device_status, Unset):
            device_status = UNSET
        else:
            device_status = self.device_status

        parent_id: None | str | Unset
        if isinstance(self.parent_id, Unset):
            parent_id = UNSET
        else:
            parent_id = self.parent_id

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        start_datetime: None | str | Unset
        if isinstance(self.start_datetime, Unset):
            start_datetime = UNSET
        else:
            start_datetime = self.start_datetime

        end_datetime: None | str | Unset
        if isinstance(self.end_datetime, Unset):
            end_datetime = UNSET
        else:
            end_datetime = self.end_datetime

        jobs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.jobs, Unset):
            jobs = []
            for jobs_item_data in self.jobs:
                jobs_item = jobs_item_data.to_dict()
                jobs.append(jobs_item)

        job_ids: list[str] | Unset = UNSET
        if not isinstance(self.job_ids, Unset):
            job_ids = self.job_ids

        jobs_count = self.jobs_count

        jobs_count_per_status: dict[str, Any] | Unset = UNSET
        if not isinstance(self.jobs_count_per_status, Unset):
            jobs_count_per_status = self.jobs_count_per_status.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "project_id": project_id,
                "device_type": device_type,
                "status": status,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if open_ is not UNSET:
            field_dict["open"] = open_
        if complete is not UNSET:
            field_dict["complete"] = complete
        if priority is not UNSET:
            field_dict["priority"] = priority
        if sequence_builder is not UNSET:
            field_dict["sequence_builder"] = sequence_builder
        if webhook is not UNSET:
            field_dict["webhook"] = webhook
        if configuration is not UNSET:
            field_dict["configuration"] = configuration
        if backend_configuration is not UNSET:
            field_dict["backend_configuration"] = backend_configuration
        if device_status is not UNSET:
            field_dict["device_status"] = device_status
        if parent_id is not UNSET:
            field_dict["parent_id"] = parent_id
        if tags is not UNSET:
            field_dict["tags"] = tags
        if start_datetime is not UNSET:
            field_dict["start_datetime"] = start_datetime
        if end_datetime is not UNSET:
            field_dict["end_datetime"] = end_datetime
        if jobs is not UNSET:
            field_dict["jobs"] = jobs
        if job_ids is not UNSET:
            field_dict["job_ids"] = job_ids
        if jobs_count is not UNSET:
            field_dict["jobs_count"] = jobs_count
        if jobs_count_per_status is not UNSET:
            field_dict["jobs_count_per_status"] = jobs_count_per_status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_configuration import BatchConfiguration
        from ..models.batch_jobs_count_per_status import BatchJobsCountPerStatus
        from ..models.job import Job

        d = dict(src_dict)
        id = d.pop("id")

        project_id = d.pop("project_id")

        device_type = d.pop("device_type")

        status = BatchStatus(d.pop("status"))

        created_at = d.pop("created_at")

        updated_at = d.pop("updated_at")

        user_id = d.pop("user_id", UNSET)

        open_ = d.pop("open", UNSET)

        complete = d.pop("complete", UNSET)

        priority = d.pop("priority", UNSET)

        def _parse_sequence_builder(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sequence_builder = _parse_sequence_builder(d.pop("sequence_builder", UNSET))

        def _parse_webhook(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        webhook = _parse_webhook(d.pop("webhook", UNSET))

        def _parse_configuration(data: object) -> BatchConfiguration | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                configuration_type_0 = BatchConfiguration.from_dict(data)

                return configuration_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BatchConfiguration | None | Unset, data)

        configuration = _parse_configuration(d.pop("configuration", UNSET))

        def _parse_backend_configuration(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        backend_configuration = _parse_backend_configuration(d.pop("backend_configuration", UNSET))

        def _parse_device_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        device_status = _parse_device_status(d.pop("device_status", UNSET))

        def _parse_parent_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_id = _parse_parent_id(d.pop("parent_id", UNSET))

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_start_datetime(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        start_datetime = _parse_start_datetime(d.pop("start_datetime", UNSET))

        def _parse_end_datetime(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        end_datetime = _parse_end_datetime(d.pop("end_datetime", UNSET))

        _jobs = d.pop("jobs", UNSET)
        jobs: list[Job] | Unset = UNSET
        if _jobs is not UNSET:
            jobs = []
            for jobs_item_data in _jobs:
                jobs_item = Job.from_dict(jobs_item_data)

                jobs.append(jobs_item)

        job_ids = cast(list[str], d.pop("job_ids", UNSET))

        jobs_count = d.pop("jobs_count", UNSET)

        _jobs_count_per_status = d.pop("jobs_count_per_status", UNSET)
        jobs_count_per_status: BatchJobsCountPerStatus | Unset
        if isinstance(_jobs_count_per_status, Unset):
            jobs_count_per_status = UNSET
        else:
            jobs_count_per_status = BatchJobsCountPerStatus.from_dict(_jobs_count_per_status)

        batch = cls(
            id=id,
            project_id=project_id,
            device_type=device_type,
            status=status,
            created_at=created_at,
            updated_at=updated_at,
            user_id=user_id,
            open_=open_,
            complete=complete,
            priority=priority,
            sequence_builder=sequence_builder,
            webhook=webhook,
            configuration=configuration,
            backend_configuration=backend_configuration,
            device_status=device_status,
            parent_id=parent_id,
            tags=tags,
            start_datetime=start_datetime,
            end_datetime=end_datetime,
            jobs=jobs,
            job_ids=job_ids,
            jobs_count=jobs_count,
            jobs_count_per_status=jobs_count_per_status,
        )

        batch.additional_properties = d
        return batch

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
