from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AhsTimeSeries")


@_attrs_define
class AhsTimeSeries:
    """Values at increasing times, linearly interpolated in between.

    Attributes:
        times (list[float | str]): Times in seconds, from 0 to the program's end.
        values (list[float | str]): One value per time: rad/s for amplitude and detuning, rad for phase.
    """

    times: list[float | str]
    values: list[float | str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        times = []
        for times_item_data in self.times:
            times_item: float | str
            times_item = times_item_data
            times.append(times_item)

        values = []
        for values_item_data in self.values:
            values_item: float | str
            values_item = values_item_data
            values.append(values_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "times": times,
                "values": values,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        times = []
        _times = d.pop("times")
        for times_item_data in _times:

            def _parse_times_item(data: object) -> float | str:
                return cast(float | str, data)

            times_item = _parse_times_item(times_item_data)

            times.append(times_item)

        values = []
        _values = d.pop("values")
        for values_item_data in _values:

            def _parse_values_item(data: object) -> float | str:
                return cast(float | str, data)

            values_item = _parse_values_item(values_item_data)

            values.append(values_item)

        ahs_time_series = cls(
            times=times,
            values=values,
        )

        ahs_time_series.additional_properties = d
        return ahs_time_series

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
