from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.j_send_status import JSendStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorResponse")


@_attrs_define
class ErrorResponse:
    """An error in the JSend envelope; `data` holds details such as the invalid fields, when the service gives them.

    Attributes:
        status (JSendStatus): `success` for a 2xx answer, `fail` when the request was refused (4xx), `error` when the
            service failed (5xx).
        message (str): A human summary: `OK.` on success, what went wrong otherwise.
        code (int | str): The HTTP status code repeated in the body; an integer, or a string of digits in some
            responses.
        data (Any | Unset): Details of the error (free form, any JSON value), or null.
    """

    status: JSendStatus
    message: str
    code: int | str
    data: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        message = self.message

        code: int | str
        code = self.code

        data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "message": message,
                "code": code,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = JSendStatus(d.pop("status"))

        message = d.pop("message")

        def _parse_code(data: object) -> int | str:
            return cast(int | str, data)

        code = _parse_code(d.pop("code"))

        data = d.pop("data", UNSET)

        error_response = cls(
            status=status,
            message=message,
            code=code,
            data=data,
        )

        error_response.additional_properties = d
        return error_response

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
