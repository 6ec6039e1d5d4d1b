from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

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
    `with_noise`. Further keys are passed on to the emulator as given. A null value (as the
    official configs send for what they leave unset) means the emulator's default.

        Attributes:
            strict_validation (bool | None | Unset): Refuse (rather than adapt) a sequence that does not fit the device
                exactly.
            result_types (list[ResultType] | None | Unset): Which results to produce.
            dt (float | None | Unset): Time step of the tensor-network emulator, in ns (default 10.0).
            precision (None | Precision | Unset): Numerical precision of the tensor-network emulator (default normal).
            max_bond_dim (int | None | Unset): Largest bond dimension of the tensor-network emulator (default 500).
            with_noise (bool | None | Unset): EMU_FREE: add the device's SPAM noise to the simulation.
    """

    strict_validation: bool | None | Unset = UNSET
    result_types: list[ResultType] | None | Unset = UNSET
    dt: float | None | Unset = UNSET
    precision: None | Precision | Unset = UNSET
    max_bond_dim: int | None | Unset = UNSET
    with_noise: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        strict_validation: bool | None | Unset
        if isinstance(self.strict_validation, Unset):
            strict_validation = UNSET
        else:
            strict_validation = self.strict_validation

        result_types: list[str] | None | Unset
        if isinstance(self.result_types, Unset):
            result_types = UNSET
        elif isinstance(self.result_types, list):
            result_types = []
            for result_types_type_0_item_data in self.result_types:
                result_types_type_0_item = result_types_type_0_item_data.value
                result_types.append(result_types_type_0_item)

        else:
            result_types = self.result_types

        dt: float | None | Unset
        if isinstance(self.dt, Unset):
            dt = UNSET
        else:
            dt = self.dt

        precision: None | str | Unset
        if isinstance(self.precision, Unset):
            precision = UNSET
        elif isinstance(self.precision, Precision):
            precision = self.precision.value
        else:
            precision = self.precision

        max_bond_dim: int | None | Unset
        if isinstance(self.max_bond_dim, Unset):
            max_bond_dim = UNSET
        else:
            max_bond_dim = self.max_bond_dim

        with_noise: bool | None | Unset
        if isinstance(self.with_noise, Unset):
            with_noise = UNSET
        else:
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

        def _parse_strict_validation(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        strict_validation = _parse_strict_validation(d.pop("strict_validation", UNSET))

        def _parse_result_types(data: object) -> list[ResultType] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                result_types_type_0 = []
                _result_types_type_0 = data
                for result_types_type_0_item_data in _result_types_type_0:
                    result_types_type_0_item = ResultType(result_types_type_0_item_data)

                    result_types_type_0.append(result_types_type_0_item)

                return result_types_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ResultType] | None | Unset, data)

        result_types = _parse_result_types(d.pop("result_types", UNSET))

        def _parse_dt(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        dt = _parse_dt(d.pop("dt", UNSET))

        def _parse_precision(data: object) -> None | Precision | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                precision_type_0 = Precision(data)

                return precision_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Precision | Unset, data)

        precision = _parse_precision(d.pop("precision", UNSET))

        def _parse_max_bond_dim(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_bond_dim = _parse_max_bond_dim(d.pop("max_bond_dim", UNSET))

        def _parse_with_noise(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        with_noise = _parse_with_noise(d.pop("with_noise", UNSET))

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
