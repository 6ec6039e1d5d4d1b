from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.device_type import DeviceType

if TYPE_CHECKING:
    from ..models.analog_hamiltonian_program import AnalogHamiltonianProgram


T = TypeVar("T", bound="CreateCudaqJobRequest")


@_attrs_define
class CreateCudaqJobRequest:
    """A CUDA-Q analog program to run.

    Attributes:
        machine (DeviceType): A device that accepts batches. EMU_* are emulators; FRESNEL and FRESNEL_CAN1 are QPUs.
        shots (int): How many runs.
        project_id (str): The project the batch is billed to.
        sequence (AnalogHamiltonianProgram | str): The program, as a JSON object or (older CUDA-Q releases) that object
            serialized as a string.
    """

    machine: DeviceType
    shots: int
    project_id: str
    sequence: AnalogHamiltonianProgram | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.analog_hamiltonian_program import AnalogHamiltonianProgram

        machine = self.machine.value

        shots = self.shots

        project_id = self.project_id

        sequence: dict[str, Any] | str
        if isinstance(self.sequence, AnalogHamiltonianProgram):
            sequence = self.sequence.to_dict()
        else:
            sequence = self.sequence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "machine": machine,
                "shots": shots,
                "project_id": project_id,
                "sequence": sequence,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.analog_hamiltonian_program import AnalogHamiltonianProgram

        d = dict(src_dict)
        machine = DeviceType(d.pop("machine"))

        shots = d.pop("shots")

        project_id = d.pop("project_id")

        def _parse_sequence(data: object) -> AnalogHamiltonianProgram | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sequence_type_0 = AnalogHamiltonianProgram.from_dict(data)

                return sequence_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AnalogHamiltonianProgram | str, data)

        sequence = _parse_sequence(d.pop("sequence"))

        create_cudaq_job_request = cls(
            machine=machine,
            shots=shots,
            project_id=project_id,
            sequence=sequence,
        )

        create_cudaq_job_request.additional_properties = d
        return create_cudaq_job_request

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
