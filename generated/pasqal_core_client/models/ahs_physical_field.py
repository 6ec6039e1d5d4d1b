from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ahs_time_series import AhsTimeSeries


T = TypeVar("T", bound="AhsPhysicalField")


@_attrs_define
class AhsPhysicalField:
    """A quantity's time series and its spatial pattern (only `uniform` runs here).

    Attributes:
        pattern (list[float | str] | str): `uniform`, or one factor per site (which a global channel cannot express:
            refused).
        time_series (AhsTimeSeries): Values at increasing times, linearly interpolated in between.
    """

    pattern: list[float | str] | str
    time_series: AhsTimeSeries
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pattern: list[float | str] | str
        if isinstance(self.pattern, list):
            pattern = []
            for pattern_type_1_item_data in self.pattern:
                pattern_type_1_item: float | str
                pattern_type_1_item = pattern_type_1_item_data
                pattern.append(pattern_type_1_item)

        else:
            pattern = self.pattern

        time_series = self.time_series.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pattern": pattern,
                "time_series": time_series,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ahs_time_series import AhsTimeSeries

        d = dict(src_dict)

        def _parse_pattern(data: object) -> list[float | str] | str:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                pattern_type_1 = []
                _pattern_type_1 = data
                for pattern_type_1_item_data in _pattern_type_1:

                    def _parse_pattern_type_1_item(data: object) -> float | str:
                        return cast(float | str, data)

                    pattern_type_1_item = _parse_pattern_type_1_item(pattern_type_1_item_data)

                    pattern_type_1.append(pattern_type_1_item)

                return pattern_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float | str] | str, data)

        pattern = _parse_pattern(d.pop("pattern"))

        time_series = AhsTimeSeries.from_dict(d.pop("time_series"))

        ahs_physical_field = cls(
            pattern=pattern,
            time_series=time_series,
        )

        ahs_physical_field.additional_properties = d
        return ahs_physical_field

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
