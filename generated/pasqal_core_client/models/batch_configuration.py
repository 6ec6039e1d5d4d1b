from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.precision import Precision
from ..models.result_type import ResultType
from ..types import UNSET, Unset

T = TypeVar("T", bound="BatchConfiguration")


@_attrs_define
class BatchConfiguration:
    """The emulator configuration of a batch. Every emulator accepts `strict_validation` and
    `result_types`; EMU_TN/EMU_MPS read `dt`, `precision` and `max_bond_dim`; EMU_FREE reads
    `with_noise`. Further keys are passed on to the emulator as given.

        Attributes:
            strict_validation (bool | Unset): Refuse (rather than adapt) a sequence that does not fit the device exactly.
            result_types (list[ResultType] | Unset): Which results to produce.
            dt (float | Unset): Time step of the tensor-network emulator, in ns (default 10.0).
            precision (Precision | Unset): Precision of the tensor-network emulator's truncations.
            max_bond_dim (int | Unset): Largest bond dimension of the tensor-network emulator (default 500).
            with_noise (bool | Unset): EMU_FREE: add the device's SPAM noise to the simulation.
    """

    strict_validation: bool | Unset = UNSET
    result_types: list[ResultType] | Unset = UNSET
    dt: float | Unset = UNSET
    precision: Precision | Unset = UNSET
    max_bond_dim: int | Unset = UNSET
    with_noise: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        strict_validation = self.strict_validation

        result_types: list[str] | Unset = UNSET
        if not isinstance(self.result_types, Unset):
            result_types = []
            for result_types_item_data in self.result_types:
                result_types_item = result_types_item_data.value
                result_types.append(result_types_item)

        dt = self.dt

        precision: str | Unset = UNSET
        if not isinstance(self.precision, Unset):
            precision = self.precision.value

        max_bond_dim = self.max_bond_dim

        with_noise = self.with_noise

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if strict_validation is not UNSET:
            field_dict["strict_validation"] = strict_validation
        if result_types is not UNSET:
            field_dict["result_types"] = result_types
        if dt is not UNSET:
            field_dict["dt"] = dt
        if precision is not UNSET:
            field_dict["precision"] = precision
        if max_bond_dim is not UNSET:
            field_dict["max_bond_dim"] = max_bond_dim
        if with_noise is not UNSET:
            field_dict["with_noise"] = with_noise

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        strict_validation = d.pop("strict_validation", UNSET)

        _result_types = d.pop("result_types", UNSET)
        result_types: list[ResultType] | Unset = UNSET
        if _result_types is not UNSET:
            result_types = []
            for result_types_item_data in _result_types:
                result_types_item = ResultType(result_types_item_data)

                result_types.append(result_types_item)

        dt = d.pop("dt", UNSET)

        _precision = d.pop("precision", UNSET)
        precision: Precision | Unset
        if isinstance(_precision, Unset):
            precision = UNSET
        else:
            precision = Precision(_precision)

        max_bond_dim = d.pop("max_bond_dim", UNSET)

        with_noise = d.pop("with_noise", UNSET)

        batch_configuration = cls(
            strict_validation=strict_validation,
            result_types=result_types,
            dt=dt,
            precision=precision,
            max_bond_dim=max_bond_dim,
            with_noise=with_noise,
        )

        batch_configuration.additional_properties = d
        return batch_configuration

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
