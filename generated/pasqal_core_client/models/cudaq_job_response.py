from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.j_send_status import JSendStatus

if TYPE_CHECKING:
    from ..models.cudaq_job import CudaqJob


T = TypeVar("T", bound="CudaqJobResponse")


@_attrs_define
class CudaqJobResponse:
    """
    Attributes:
        status (JSendStatus): `success` for a 2xx answer, `fail` when the request was refused (4xx), `error` when the
            service failed (5xx).
        message (str): A human summary: `OK.` on success, what went wrong otherwise.
        code (int | str): The HTTP status code repeated in the body; an integer, or a string of digits in some
            responses.
        data (CudaqJob): A CUDA-Q job, which is a batch of one job.
    """

    status: JSendStatus
    message: str
    code: int | str
    data: CudaqJob
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        message = self.message

        code: int | str
        code = self.code

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "message": message,
                "code": code,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cudaq_job import CudaqJob

        d = dict(src_dict)
        status = JSendStatus(d.pop("status"))

        message = d.pop("message")

        def _parse_code(data: object) -> int | str:
            return cast(int | str, data)

        code = _parse_code(d.pop("code"))

        data = CudaqJob.from_dict(d.pop("data"))

        cudaq_job_response = cls(
            status=status,
            message=message,
            code=code,
            data=data,
        )

        cudaq_job_response.additional_properties = d
        return cudaq_job_response

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
