from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.variables import Variables


T = TypeVar("T", bound="JobCreation")


@_attrs_define
class JobCreation:
    """A job to create.

    Attributes:
        runs (int | Unset): How many times the sequence is executed (shots). Absent (as Pulser's remote emulator
            backends send with no job parameters): the `default_num_shots` of the batch's `backend_configuration`, else
            1000.
        variables (None | Unset | Variables): Values for the sequence's declared variables; omit when it declares none.
        sequence (None | str | Unset): A serialized Pulser sequence for this job alone, replacing the batch's
            `sequence_builder`; null or absent (as the official `Batch.retry` sends): the batch's.
    """

    runs: int | Unset = UNSET
    variables: None | Unset | Variables = UNSET
    sequence: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.variables import Variables

        runs = self.runs

        variables: dict[str, Any] | None | Unset
        if isinstance(self.variables, Unset):
            variables = UNSET
        elif isinstance(self.variables, Variables):
            variables = self.variables.to_dict()
        else:
            variables = self.variables

        sequence: None | str | Unset
        if isinstance(self.sequence, Unset):
            sequence = UNSET
        else:
            sequence = self.sequence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if runs is not UNSET:
            field_dict["runs"] = runs
        if variables is not UNSET:
            field_dict["variables"] = variables
        if sequence is not UNSET:
            field_dict["sequence"] = sequence

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.variables import Variables

        d = dict(src_dict)
        runs = d.pop("runs", UNSET)

        def _parse_variables(data: object) -> None | Unset | Variables:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                variables_type_0 = Variables.from_dict(data)

                return variables_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | Variables, data)

        variables = _parse_variables(d.pop("variables", UNSET))

        def _parse_sequence(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sequence = _parse_sequence(d.pop("sequence", UNSET))

        job_creation = cls(
            runs=runs,
            variables=variables,
            sequence=sequence,
        )

        job_creation.additional_properties = d
        return job_creation

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
