from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.analog_hamiltonian_program_hamiltonian import (
        AnalogHamiltonianProgramHamiltonian,
    )
    from ..models.analog_hamiltonian_program_setup import AnalogHamiltonianProgramSetup


T = TypeVar("T", bound="AnalogHamiltonianProgram")


@_attrs_define
class AnalogHamiltonianProgram:
    """An analog-Hamiltonian program as CUDA-Q's `pasqal` target sends it (the Braket AHS
    layout): the register, and one global driving field. Local detuning is refused.

        Attributes:
            setup (AnalogHamiltonianProgramSetup): The atoms.
            hamiltonian (AnalogHamiltonianProgramHamiltonian): The drive.
    """

    setup: AnalogHamiltonianProgramSetup
    hamiltonian: AnalogHamiltonianProgramHamiltonian
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        setup = self.setup.to_dict()

        hamiltonian = self.hamiltonian.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "setup": setup,
                "hamiltonian": hamiltonian,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.analog_hamiltonian_program_hamiltonian import (
            AnalogHamiltonianProgramHamiltonian,
        )
        from ..models.analog_hamiltonian_program_setup import (
            AnalogHamiltonianProgramSetup,
        )

        d = dict(src_dict)
        setup = AnalogHamiltonianProgramSetup.from_dict(d.pop("setup"))

        hamiltonian = AnalogHamiltonianProgramHamiltonian.from_dict(d.pop("hamiltonian"))

        analog_hamiltonian_program = cls(
            setup=setup,
            hamiltonian=hamiltonian,
        )

        analog_hamiltonian_program.additional_properties = d
        return analog_hamiltonian_program

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
