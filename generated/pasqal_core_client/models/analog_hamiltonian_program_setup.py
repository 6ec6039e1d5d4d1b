from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ahs_register import AhsRegister


T = TypeVar("T", bound="AnalogHamiltonianProgramSetup")


@_attrs_define
class AnalogHamiltonianProgramSetup:
    """The atoms.

    Attributes:
        ahs_register (AhsRegister): Trap sites (metres) and which of them hold an atom.
    """

    ahs_register: AhsRegister
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ahs_register = self.ahs_register.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ahs_register": ahs_register,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ahs_register import AhsRegister

        d = dict(src_dict)
        ahs_register = AhsRegister.from_dict(d.pop("ahs_register"))

        analog_hamiltonian_program_setup = cls(
            ahs_register=ahs_register,
        )

        analog_hamiltonian_program_setup.additional_properties = d
        return analog_hamiltonian_program_setup

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
