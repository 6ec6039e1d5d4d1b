from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ahs_driving_field import AhsDrivingField
    from ..models.analog_hamiltonian_program_hamiltonian_local_detuning_item import (
        AnalogHamiltonianProgramHamiltonianLocalDetuningItem,
    )


T = TypeVar("T", bound="AnalogHamiltonianProgramHamiltonian")


@_attrs_define
class AnalogHamiltonianProgramHamiltonian:
    """The drive.

    Attributes:
        driving_fields (list[AhsDrivingField]): The driving fields (exactly one runs here).
        local_detuning (list[AnalogHamiltonianProgramHamiltonianLocalDetuningItem] | Unset): Local detuning fields
            (refused unless empty).
    """

    driving_fields: list[AhsDrivingField]
    local_detuning: list[AnalogHamiltonianProgramHamiltonianLocalDetuningItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        driving_fields = []
        for driving_fields_item_data in self.driving_fields:
            driving_fields_item = driving_fields_item_data.to_dict()
            driving_fields.append(driving_fields_item)

        local_detuning: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.local_detuning, Unset):
            local_detuning = []
            for local_detuning_item_data in self.local_detuning:
                local_detuning_item = local_detuning_item_data.to_dict()
                local_detuning.append(local_detuning_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "drivingFields": driving_fields,
            }
        )
        if local_detuning is not UNSET:
            field_dict["localDetuning"] = local_detuning

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ahs_driving_field import AhsDrivingField
        from ..models.analog_hamiltonian_program_hamiltonian_local_detuning_item import (
            AnalogHamiltonianProgramHamiltonianLocalDetuningItem,
        )

        d = dict(src_dict)
        driving_fields = []
        _driving_fields = d.pop("drivingFields")
        for driving_fields_item_data in _driving_fields:
            driving_fields_item = AhsDrivingField.from_dict(driving_fields_item_data)

            driving_fields.append(driving_fields_item)

        _local_detuning = d.pop("localDetuning", UNSET)
        local_detuning: list[AnalogHamiltonianProgramHamiltonianLocalDetuningItem] | Unset = UNSET
        if _local_detuning is not UNSET:
            local_detuning = []
            for local_detuning_item_data in _local_detuning:
                local_detuning_item = (
                    AnalogHamiltonianProgramHamiltonianLocalDetuningItem.from_dict(
                        local_detuning_item_data
                    )
                )

                local_detuning.append(local_detuning_item)

        analog_hamiltonian_program_hamiltonian = cls(
            driving_fields=driving_fields,
            local_detuning=local_detuning,
        )

        analog_hamiltonian_program_hamiltonian.additional_properties = d
        return analog_hamiltonian_program_hamiltonian

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
