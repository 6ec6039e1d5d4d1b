from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.create_workload_request_config import CreateWorkloadRequestConfig


T = TypeVar("T", bound="CreateWorkloadRequest")


@_attrs_define
class CreateWorkloadRequest:
    """A new workload.

    Attributes:
        workload_type (str): What kind of work this is; the backend decides which it accepts.
        backend (str): The backend that runs it.
        config (CreateWorkloadRequestConfig): The backend's configuration, passed on as given.
        project_id (str): The project the workload is billed to.
    """

    workload_type: str
    backend: str
    config: CreateWorkloadRequestConfig
    project_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workload_type = self.workload_type

        backend = self.backend

        config = self.config.to_dict()

        project_id = self.project_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workload_type": workload_type,
                "backend": backend,
                "config": config,
                "project_id": project_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.create_workload_request_config import CreateWorkloadRequestConfig

        d = dict(src_dict)
        workload_type = d.pop("workload_type")

        backend = d.pop("backend")

        config = CreateWorkloadRequestConfig.from_dict(d.pop("config"))

        project_id = d.pop("project_id")

        create_workload_request = cls(
            workload_type=workload_type,
            backend=backend,
            config=config,
            project_id=project_id,
        )

        create_workload_request.additional_properties = d
        return create_workload_request

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
