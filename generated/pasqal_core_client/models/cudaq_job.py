from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.batch_status import BatchStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_full_results import BatchFullResults


T = TypeVar("T", bound="CudaqJob")


@_attrs_define
class CudaqJob:
    """A CUDA-Q job, which is a batch of one job.

    Attributes:
        id (str): The batch's id.
        status (BatchStatus): PENDING: queued; RUNNING: at least one job started; DONE: every job finished; ERROR: the
            batch failed; CANCELED: cancelled by a user; TIMED_OUT: an open batch left without new jobs
            for too long.
        result (BatchFullResults | None | Unset): Once DONE: job id to its results (`{"counter": {bitstring: count},
            ...}`), as the batch's `full_results`; null before.
    """

    id: str
    status: BatchStatus
    result: BatchFullResults | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.batch_full_results import BatchFullResults

        id = self.id

        status = self.status.value

        result: dict[str, Any] | None | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, BatchFullResults):
            result = self.result.to_dict()
        else:
            result = self.result

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
            }
        )
        if result is not UNSET:
            field_dict["result"] = result

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_full_results import BatchFullResults

        d = dict(src_dict)
        id = d.pop("id")

        status = BatchStatus(d.pop("status"))

        def _parse_result(data: object) -> BatchFullResults | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = BatchFullResults.from_dict(data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BatchFullResults | None | Unset, data)

        result = _parse_result(d.pop("result", UNSET))

        cudaq_job = cls(
            id=id,
            status=status,
            result=result,
        )

        cudaq_job.additional_properties = d
        return cudaq_job

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
