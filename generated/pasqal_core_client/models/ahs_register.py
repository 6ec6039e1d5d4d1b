from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ahs_register_filling_item import AhsRegisterFillingItem

T = TypeVar("T", bound="AhsRegister")


@_attrs_define
class AhsRegister:
    """Trap sites (metres) and which of them hold an atom.

    Attributes:
        sites (list[list[float | str]]): One [x, y] position per site, in metres.
        filling (list[AhsRegisterFillingItem]): One entry per site, 1 where an atom is.
    """

    sites: list[list[float | str]]
    filling: list[AhsRegisterFillingItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sites = []
        for sites_item_data in self.sites:
            sites_item = []
            for sites_item_item_data in sites_item_data:
                sites_item_item: float | str
                sites_item_item = sites_item_item_data
                sites_item.append(sites_item_item)

            sites.append(sites_item)

        filling = []
        for filling_item_data in self.filling:
            filling_item = filling_item_data.value
            filling.append(filling_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sites": sites,
                "filling": filling,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sites = []
        _sites = d.pop("sites")
        for sites_item_data in _sites:
            sites_item = []
            _sites_item = sites_item_data
            for sites_item_item_data in _sites_item:

                def _parse_sites_item_item(data: object) -> float | str:
                    return cast(float | str, data)

                sites_item_item = _parse_sites_item_item(sites_item_item_data)

                sites_item.append(sites_item_item)

            sites.append(sites_item)

        filling = []
        _filling = d.pop("filling")
        for filling_item_data in _filling:
            filling_item = AhsRegisterFillingItem(filling_item_data)

            filling.append(filling_item)

        ahs_register = cls(
            sites=sites,
            filling=filling,
        )

        ahs_register.additional_properties = d
        return ahs_register

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
