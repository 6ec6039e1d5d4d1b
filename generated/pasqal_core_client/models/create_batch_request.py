from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.device_type import DeviceType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_configuration import BatchConfiguration
    from ..models.job_creation import JobCreation


T = TypeVar("T", bound="CreateBatchRequest")


@_attrs_define
class CreateBatchRequest:
    """A new batch.

    Attributes:
        jobs (list[JobCreation]): The first jobs (may be empty for an open batch).
        project_id (str): The project the batch is billed to.
        sequence_builder (None | str | Unset): The sequence as a Pulser abstract representation (JSON string); null when
            every job carries its own `sequence`.
        open_ (bool | Unset): Whether more jobs may be added later; close the batch with the complete operation.
            Default: False.
        device_type (DeviceType | None | Unset): The device that runs the batch. Null or absent (as Pulser's QPUBackend
            sends): the QPU the sequence was built for, when `sequence_builder` names a real device; a sequence on a virtual
            device (MockDevice, AnalogDevice, ...) then needs an emulator and is refused with a 422.
        webhook (None | str | Unset): A URL that receives a POST of the batch when it finishes.
        configuration (BatchConfiguration | None | Unset): The emulator configuration (emulator device types only).
        backend_configuration (None | str | Unset): A serialized Pulser backend configuration (`EmulationConfig`), for
            emulators that take one.
        tags (list[str] | Unset): Free labels to find the batch by later.
    """

    jobs: list[JobCreation]
    project_id: str
    sequence_builder: None | str | Unset = UNSET
    open_: bool | Unset = False
    device_type: DeviceType | None | Unset = UNSET
    webhook: None | str | Unset = UNSET
    configuration: BatchConfiguration | None | Unset = UNSET
    backend_configuration: None | str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.batch_configuration import BatchConfiguration

        jobs = []
        for jobs_item_data in self.jobs:
            jobs_item = jobs_item_data.to_dict()
            jobs.append(jobs_item)

        project_id = self.project_id

        sequence_builder: None | str | Unset
        if isinstance(self.sequence_builder, Unset):
            sequence_builder = UNSET
        else:
            sequence_builder = self.sequence_builder

        open_ = self.open_

        device_type: None | str | Unset
        if isinstance(self.device_type, Unset):
            device_type = UNSET
        elif isinstance(self.device_type, DeviceType):
            device_type = self.device_type.value
        else:
            device_type = self.device_type

        webhook: None | str | Unset
        if isinstance(self.webhook, Unset):
            webhook = UNSET
        else:
            webhook = self.webhook

        configuration: dict[str, Any] | None | Unset
        if isinstance(self.configuration, Unset):
            configuration = UNSET
        elif isinstance(self.configuration, BatchConfiguration):
            configuration = self.configuration.to_dict()
        else:
            configuration = self.configuration

        backend_configuration: None | str | Unset
        if isinstance(self.backend_configuration, Unset):
            backend_configuration = UNSET
        else:
            backend_configuration = self.backend_configuration

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "jobs": jobs,
                "project_id": project_id,
            }
        )
        if sequence_builder is not UNSET:
            field_dict["sequence_builder"] = sequence_builder
        if open_ is not UNSET:
            field_dict["open"] = open_
        if device_type is not UNSET:
            field_dict["device_type"] = device_type
        if webhook is not UNSET:
            field_dict["webhook"] = webhook
        if configuration is not UNSET:
            field_dict["configuration"] = configuration
        if backend_configuration is not UNSET:
            field_dict["backend_configuration"] = backend_configuration
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_configuration import BatchConfiguration
        from ..models.job_creation import JobCreation

        d = dict(src_dict)
        jobs = []
        _jobs = d.pop("jobs")
        for jobs_item_data in _jobs:
            jobs_item = JobCreation.from_dict(jobs_item_data)

            jobs.append(jobs_item)

        project_id = d.pop("project_id")

        def _parse_sequence_builder(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sequence_builder = _parse_sequence_builder(d.pop("sequence_builder", UNSET))

        open_ = d.pop("open", UNSET)

        def _parse_device_type(data: object) -> DeviceType | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                device_type_type_0 = DeviceType(data)

                return device_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeviceType | None | Unset, data)

        device_type = _parse_device_type(d.pop("device_type", UNSET))

        def _parse_webhook(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        webhook = _parse_webhook(d.pop("webhook", UNSET))

        def _parse_configuration(data: object) -> BatchConfiguration | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                configuration_type_0 = BatchConfiguration.from_dict(data)

                return configuration_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BatchConfiguration | None | Unset, data)

        configuration = _parse_configuration(d.pop("configuration", UNSET))

        def _parse_backend_configuration(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        backend_configuration = _parse_backend_configuration(d.pop("backend_configuration", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        create_batch_request = cls(
            jobs=jobs,
            project_id=project_id,
            sequence_builder=sequence_builder,
            open_=open_,
            device_type=device_type,
            webhook=webhook,
            configuration=configuration,
            backend_configuration=backend_configuration,
            tags=tags,
        )

        create_batch_request.additional_properties = d
        return create_batch_request

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
