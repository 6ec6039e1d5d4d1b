from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.batch_status import BatchStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_status_info_jobs_count_per_status import (
        BatchStatusInfoJobsCountPerStatus,
    )


T = TypeVar("T", bound="BatchStatusInfo")


@_attrs_define
class BatchStatusInfo:
    """A batch's status without its jobs.

    Attributes:
        status (BatchStatus): PENDING: queued; RUNNING: at least one job started; DONE: every job finished; ERROR: the
            batch failed; CANCELED: cancelled by a user; TIMED_OUT: an open batch left without new jobs
            for too long.
        jobs_count_per_status (BatchStatusInfoJobsCountPerStatus | Unset): How many of its jobs are in each status.
    """

    status: BatchStatus
    jobs_count_per_status: BatchStatusInfoJobsCountPerStatus | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        jobs_count_per_status: dict[str, Any] | Unset = UNSET
        if not isinstance(self.jobs_count_per_status, Unset):
            jobs_count_per_status = self.jobs_count_per_status.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if jobs_count_per_status is not UNSET:
            field_dict["jobs_count_per_status"] = jobs_count_per_status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_status_info_jobs_count_per_status import (
            BatchStatusInfoJobsCountPerStatus,
        )

        d = dict(src_dict)
        status = BatchStatus(d.pop("status"))

        _jobs_count_per_status = d.pop("jobs_count_per_status", UNSET)
        jobs_count_per_status: BatchStatusInfoJobsCountPerStatus | Unset
        if isinstance(_jobs_count_per_status, Unset):
            jobs_count_per_status = UNSET
        else:
            jobs_count_per_status = BatchStatusInfoJobsCountPerStatus.from_dict(
                _jobs_count_per_status
            )

        batch_status_info = cls(
            status=status,
            jobs_count_per_status=jobs_count_per_status,
        )

        batch_status_info.additional_properties = d
        return batch_status_info

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
