from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ResultsLink")


@_attrs_define
class ResultsLink:
    """Where to download a job's results.

    Attributes:
        results_link (None | str): A presigned URL; GET it without credentials to obtain a `JobResult`. Null while the
            job has no results.
    """

    results_link: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        results_link: None | str
        results_link = self.results_link

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "results_link": results_link,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_results_link(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        results_link = _parse_results_link(d.pop("results_link"))

        results_link = cls(
            results_link=results_link,
        )

        results_link.additional_properties = d
        return results_link

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
