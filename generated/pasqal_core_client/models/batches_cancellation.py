from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.batch import Batch
    from ..models.batches_cancellation_errors import BatchesCancellationErrors


T = TypeVar("T", bound="BatchesCancellation")


@_attrs_define
class BatchesCancellation:
    """Outcome of a bulk cancel.

    Attributes:
        batches (list[Batch]): The batches that were cancelled.
        errors (BatchesCancellationErrors): Batch id to the reason it was not cancelled.
    """

    batches: list[Batch]
    errors: BatchesCancellationErrors
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        batches = []
        for batches_item_data in self.batches:
            batches_item = batches_item_data.to_dict()
            batches.append(batches_item)

        errors = self.errors.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "batches": batches,
                "errors": errors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch import Batch
        from ..models.batches_cancellation_errors import BatchesCancellationErrors

        d = dict(src_dict)
        batches = []
        _batches = d.pop("batches")
        for batches_item_data in _batches:
            batches_item = Batch.from_dict(batches_item_data)

            batches.append(batches_item)

        errors = BatchesCancellationErrors.from_dict(d.pop("errors"))

        batches_cancellation = cls(
            batches=batches,
            errors=errors,
        )

        batches_cancellation.additional_properties = d
        return batches_cancellation

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
