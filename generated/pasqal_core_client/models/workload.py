from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.workload_status import WorkloadStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.workload_config import WorkloadConfig
    from ..models.workload_result_type_0 import WorkloadResultType0


T = TypeVar("T", bound="Workload")


@_attrs_define
class Workload:
    """A unit of work run by a named backend.

    Attributes:
        id (str): The workload's id.
        project_id (str): The project it is billed to.
        status (WorkloadStatus): The lifecycle of a workload: as a job's.
        backend (str): The backend that runs it.
        workload_type (str): What kind of work it is.
        config (WorkloadConfig | Unset): The configuration it was created with.
        result (None | Unset | WorkloadResultType0): The result, inline when small.
        result_link (None | str | Unset): A download URL for the result
        errors (list[str] | None | Unset): Why it failed.
        created_at (str | Unset): Creation time (ISO 8601).
        updated_at (str | Unset): Last change (ISO 8601).
        start_timestamp (None | str | Unset): When it started.
        end_timestamp (None | str | Unset): When it finished.
    """

    id: str
    project_id: str
    status: WorkloadStatus
    backend: str
    workload_type: str
    config: WorkloadConfig | Unset = UNSET
    result: None | Unset | WorkloadResultType0 = UNSET
    result_link: None | str | Unset = UNSET
    errors: list[str] | None | Unset = UNSET
    created_at: str | Unset = UNSET
    updated_at: str | Unset = UNSET
    start_timestamp: None | str | Unset = UNSET
    end_timestamp: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.workload_result_type_0 import WorkloadResultType0

        id = self.id

        project_id = self.project_id

        status = self.status.value

        backend = self.backend

        workload_type = self.workload_type

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        result: dict[str, Any] | None | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, WorkloadResultType0):
            result = self.result.to_dict()
        else:
            result = self.result

        result_link: None | str | Unset
        if isinstance(self.result_link, Unset):
            result_link = UNSET
        else:
            result_link = self.result_link

        errors: list[str] | None | Unset
        if isinstance(self.errors, Unset):
            errors = UNSET
        elif isinstance(self.errors, list):
            errors = self.errors

        else:
            errors = self.errors

        created_at = self.created_at

        updated_at = self.updated_at

        start_timestamp: None | str | Unset
        if isinstance(self.start_timestamp, Unset):
            start_timestamp = UNSET
        else:
            start_timestamp = self.start_timestamp

        end_timestamp: None | str | Unset
        if isinstance(self.end_timestamp, Unset):
            end_timestamp = UNSET
        else:
            end_timestamp = self.end_timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "project_id": project_id,
                "status": status,
                "backend": backend,
                "workload_type": workload_type,
            }
        )
        if config is not UNSET:
            field_dict["config"] = config
        if result is not UNSET:
            field_dict["result"] = result
        if result_link is not UNSET:
            field_dict["result_link"] = result_link
        if errors is not UNSET:
            field_dict["errors"] = errors
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if start_timestamp is not UNSET:
            field_dict["start_timestamp"] = start_timestamp
        if end_timestamp is not UNSET:
            field_dict["end_timestamp"] = end_timestamp

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.workload_config import WorkloadConfig
        from ..models.workload_result_type_0 import WorkloadResultType0

        d = dict(src_dict)
        id = d.pop("id")

        project_id = d.pop("project_id")

        status = WorkloadStatus(d.pop("status"))

        backend = d.pop("backend")

        workload_type = d.pop("workload_type")

        _config = d.pop("config", UNSET)
        config: WorkloadConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = WorkloadConfig.from_dict(_config)

        def _parse_result(data: object) -> None | Unset | WorkloadResultType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = WorkloadResultType0.from_dict(data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WorkloadResultType0, data)

        result = _parse_result(d.pop("result", UNSET))

        def _parse_result_link(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        result_link = _parse_result_link(d.pop("result_link", UNSET))

        def _parse_errors(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                errors_type_0 = cast(list[str], data)

                return errors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        errors = _parse_errors(d.pop("errors", UNSET))

        created_at = d.pop("created_at", UNSET)

        updated_at = d.pop("updated_at", UNSET)

        def _parse_start_timestamp(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        start_timestamp = _parse_start_timestamp(d.pop("start_timestamp", UNSET))

        def _parse_end_timestamp(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        end_timestamp = _parse_end_timestamp(d.pop("end_timestamp", UNSET))

        workload = cls(
            id=id,
            project_id=project_id,
            status=status,
            backend=backend,
            workload_type=workload_type,
            config=config,
            result=result,
            result_link=result_link,
            errors=errors,
            created_at=created_at,
            updated_at=updated_at,
            start_timestamp=start_timestamp,
            end_timestamp=end_timestamp,
        )

        workload.additional_properties = d
        return workload

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
