from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.counter import Counter


T = TypeVar("T", bound="JobResult")


@_attrs_define
class JobResult:
    """A job's results: the document behind a results link, and `full_result` in v1 responses.

    Attributes:
        counter (Counter | Unset): Bitstring to how many runs measured it.
        raw (list[str] | Unset): One bitstring per run, in order.
        serialised_results (Any | Unset): Pulser results serialized with `abstract_repr` (string), where the backend
            produces them.
    """

    counter: Counter | Unset = UNSET
    raw: list[str] | Unset = UNSET
    serialised_results: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        counter: dict[str, Any] | Unset = UNSET
        if not isinstance(self.counter, Unset):
            counter = self.counter.to_dict()

        raw: list[str] | Unset = UNSET
        if not isinstance(self.raw, Unset):
            raw = self.raw

        serialised_results = self.serialised_results

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if counter is not UNSET:
            field_dict["counter"] = counter
        if raw is not UNSET:
            field_dict["raw"] = raw
        if serialised_results is not UNSET:
            field_dict["serialised_results"] = serialised_results

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.counter import Counter

        d = dict(src_dict)
        _counter = d.pop("counter", UNSET)
        counter: Counter | Unset
        if isinstance(_counter, Unset):
            counter = UNSET
        else:
            counter = Counter.from_dict(_counter)

        raw = cast(list[str], d.pop("raw", UNSET))

        serialised_results = d.pop("serialised_results", UNSET)

        job_result = cls(
            counter=counter,
            raw=raw,
            serialised_results=serialised_results,
        )

        job_result.additional_properties = d
        return job_result

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
