from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.j_send_status import JSendStatus

if TYPE_CHECKING:
    from ..models.batch import Batch
    from ..models.jobs_cancellation import JobsCancellation


T = TypeVar("T", bound="BatchCancellationV1Response")


@_attrs_define
class BatchCancellationV1Response:
    """
    Attributes:
        status (JSendStatus): `success` for a 2xx answer, `fail` when the request was refused (4xx), `error` when the
            service failed (5xx).
        message (str): A human summary: `OK.` on success, what went wrong otherwise.
        code (int | str): The HTTP status code repeated in the body; an integer, or a string of digits in some
            responses.
        data (Batch | JobsCancellation):
    """

    status: JSendStatus
    message: str
    code: int | str
    data: Batch | JobsCancellation
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.batch import Batch

        status = self.status.value

        message = self.message

        code: int | str
        code = self.code

        data: dict[str, Any]
        if isinstance(self.data, Batch):
            data = self.data.to_dict()
        else:
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
        from ..models.batch import Batch
        from ..models.jobs_cancellation import JobsCancellation

        d = dict(src_dict)
        status = JSendStatus(d.pop("status"))

        message = d.pop("message")

        def _parse_code(data: object) -> int | str:
            return cast(int | str, data)

        code = _parse_code(d.pop("code"))

        def _parse_data(data: object) -> Batch | JobsCancellation:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_0 = Batch.from_dict(data)

                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            data_type_1 = JobsCancellation.from_dict(data)

            return data_type_1

        data = _parse_data(d.pop("data"))

        batch_cancellation_v1_response = cls(
            status=status,
            message=message,
            code=code,
            data=data,
        )

        batch_cancellation_v1_response.additional_properties = d
        return batch_cancellation_v1_response

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
