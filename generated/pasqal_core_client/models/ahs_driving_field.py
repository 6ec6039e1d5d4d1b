from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ahs_physical_field import AhsPhysicalField


T = TypeVar("T", bound="AhsDrivingField")


@_attrs_define
class AhsDrivingField:
    """The global drive (Rabi amplitude, detuning and phase).

    Attributes:
        amplitude (AhsPhysicalField): A quantity's time series and its spatial pattern (only `uniform` runs here).
        detuning (AhsPhysicalField): A quantity's time series and its spatial pattern (only `uniform` runs here).
        phase (AhsPhysicalField): A quantity's time series and its spatial pattern (only `uniform` runs here).
    """

    amplitude: AhsPhysicalField
    detuning: AhsPhysicalField
    phase: AhsPhysicalField
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amplitude = self.amplitude.to_dict()

        detuning = self.detuning.to_dict()

        phase = self.phase.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amplitude": amplitude,
                "detuning": detuning,
                "phase": phase,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ahs_physical_field import AhsPhysicalField

        d = dict(src_dict)
        amplitude = AhsPhysicalField.from_dict(d.pop("amplitude"))

        detuning = AhsPhysicalField.from_dict(d.pop("detuning"))

        phase = AhsPhysicalField.from_dict(d.pop("phase"))

        ahs_driving_field = cls(
            amplitude=amplitude,
            detuning=detuning,
            phase=phase,
        )

        ahs_driving_field.additional_properties = d
        return ahs_driving_field

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
