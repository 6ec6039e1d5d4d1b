from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.project_status import ProjectStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.access_grant import AccessGrant
    from ..models.person import Person
    from ..models.project_count import ProjectCount


T = TypeVar("T", bound="Project")


@_attrs_define
class Project:
    """A project, the unit that owns batches and is billed for them.

    Attributes:
        id (str): The project's id (a UUID).
        name (str): Display name.
        project_id (str | Unset): The same id
        description (None | str | Unset): Free description.
        company (None | str | Unset): The company that owns the project.
        project_status (ProjectStatus | Unset): Whether the project may submit work.
        project_type (str | Unset): The kind of project, e.g. `STARTER`, `INTERNAL`.
        package (None | str | Unset): The commercial package, e.g. `LEARN_BY_CODING`.
        queue_priority (str | Unset): The queue priority of the project's batches, e.g. `LOW` or `FREE`.
        allowed_device_types (list[str] | Unset): The device types the project may submit to.
        allowed_workload_types (list[str] | Unset): The workload types the project may submit.
        additional_access_grants (list[AccessGrant] | Unset): Extra permissions per role.
        count (ProjectCount | Unset): Members by state: `ACTIVE_ADMIN`, `ACTIVE_MEMBER`, `PENDING`.
        main_admin (Person | Unset): A person attached to a project (main admin, account manager); `N/A` where not
            disclosed.
        account_manager (Person | Unset): A person attached to a project (main admin, account manager); `N/A` where not
            disclosed.
        email_domain (None | str | Unset): The e-mail domain whose users may join.
        last_activity_date (None | str | Unset): Last submission in the project (ISO 8601).
    """

    id: str
    name: str
    project_id: str | Unset = UNSET
    description: None | str | Unset = UNSET
    company: None | str | Unset = UNSET
    project_status: ProjectStatus | Unset = UNSET
    project_type: str | Unset = UNSET
    package: None | str | Unset = UNSET
    queue_priority: str | Unset = UNSET
    allowed_device_types: list[str] | Unset = UNSET
    allowed_workload_types: list[str] | Unset = UNSET
    additional_access_grants: list[AccessGrant] | Unset = UNSET
    count: ProjectCount | Unset = UNSET
    main_admin: Person | Unset = UNSET
    account_manager: Person | Unset = UNSET
    email_domain: None | str | Unset = UNSET
    last_activity_date: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        project_id = self.project_id

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        company: None | str | Unset
        if isinstance(self.company, Unset):
            company = UNSET
        else:
            company = self.company

        project_status: str | Unset = UNSET
        if not isinstance(self.project_status, Unset):
            project_status = self.project_status.value

        project_type = self.project_type

        package: None | str | Unset
        if isinstance(self.package, Unset):
            package = UNSET
        else:
            package = self.package

        queue_priority = self.queue_priority

        allowed_device_types: list[str] | Unset = UNSET
        if not isinstance(self.allowed_device_types, Unset):
            allowed_device_types = self.allowed_device_types

        allowed_workload_types: list[str] | Unset = UNSET
        if not isinstance(self.allowed_workload_types, Unset):
            allowed_workload_types = self.allowed_workload_types

        additional_access_grants: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.additional_access_grants, Unset):
            additional_access_grants = []
            for additional_access_grants_item_data in self.additional_access_grants:
                additional_access_grants_item = additional_access_grants_item_data.to_dict()
                additional_access_grants.append(additional_access_grants_item)

        count: dict[str, Any] | Unset = UNSET
        if not isinstance(self.count, Unset):
            count = self.count.to_dict()

        main_admin: dict[str, Any] | Unset = UNSET
        if not isinstance(self.main_admin, Unset):
            main_admin = self.main_admin.to_dict()

        account_manager: dict[str, Any] | Unset = UNSET
        if not isinstance(self.account_manager, Unset):
            account_manager = self.account_manager.to_dict()

        email_domain: None | str | Unset
        if isinstance(self.email_domain, Unset):
            email_domain = UNSET
        else:
            email_domain = self.email_domain

        last_activity_date: None | str | Unset
        if isinstance(self.last_activity_date, Unset):
            last_activity_date = UNSET
        else:
            last_activity_date = self.last_activity_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
            }
        )
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if description is not UNSET:
            field_dict["description"] = description
        if company is not UNSET:
            field_dict["company"] = company
        if project_status is not UNSET:
            field_dict["project_status"] = project_status
        if project_type is not UNSET:
            field_dict["project_type"] = project_type
        if package is not UNSET:
            field_dict["package"] = package
        if queue_priority is not UNSET:
            field_dict["queue_priority"] = queue_priority
        if allowed_device_types is not UNSET:
            field_dict["allowed_device_types"] = allowed_device_types
        if allowed_workload_types is not UNSET:
            field_dict["allowed_workload_types"] = allowed_workload_types
        if additional_access_grants is not UNSET:
            field_dict["additional_access_grants"] = additional_access_grants
        if count is not UNSET:
            field_dict["count"] = count
        if main_admin is not UNSET:
            field_dict["main_admin"] = main_admin
        if account_manager is not UNSET:
            field_dict["account_manager"] = account_manager
        if email_domain is not UNSET:
            field_dict["email_domain"] = email_domain
        if last_activity_date is not UNSET:
            field_dict["last_activity_date"] = last_activity_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.access_grant import AccessGrant
        from ..models.person import Person
        from ..models.project_count import ProjectCount

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        project_id = d.pop("project_id", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_company(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        company = _parse_company(d.pop("company", UNSET))

        _project_status = d.pop("project_status", UNSET)
        project_status: ProjectStatus | Unset
        if isinstance(_project_status, Unset):
            project_status = UNSET
        else:
            project_status = ProjectStatus(_project_status)

        project_type = d.pop("project_type", UNSET)

        def _parse_package(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        package = _parse_package(d.pop("package", UNSET))

        queue_priority = d.pop("queue_priority", UNSET)

        allowed_device_types = cast(list[str], d.pop("allowed_device_types", UNSET))

        allowed_workload_types = cast(list[str], d.pop("allowed_workload_types", UNSET))

        _additional_access_grants = d.pop("additional_access_grants", UNSET)
        additional_access_grants: list[AccessGrant] | Unset = UNSET
        if _additional_access_grants is not UNSET:
            additional_access_grants = []
            for additional_access_grants_item_data in _additional_access_grants:
                additional_access_grants_item = AccessGrant.from_dict(
                    additional_access_grants_item_data
                )

                additional_access_grants.append(additional_access_grants_item)

        _count = d.pop("count", UNSET)
        count: ProjectCount | Unset
        if isinstance(_count, Unset):
            count = UNSET
        else:
            count = ProjectCount.from_dict(_count)

        _main_admin = d.pop("main_admin", UNSET)
        main_admin: Person | Unset
        if isinstance(_main_admin, Unset):
            main_admin = UNSET
        else:
            main_admin = Person.from_dict(_main_admin)

        _account_manager = d.pop("account_manager", UNSET)
        account_manager: Person | Unset
        if isinstance(_account_manager, Unset):
            account_manager = UNSET
        else:
            account_manager = Person.from_dict(_account_manager)

        def _parse_email_domain(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email_domain = _parse_email_domain(d.pop("email_domain", UNSET))

        def _parse_last_activity_date(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_activity_date = _parse_last_activity_date(d.pop("last_activity_date", UNSET))

        project = cls(
            id=id,
            name=name,
            project_id=project_id,
            description=description,
            company=company,
            project_status=project_status,
            project_type=project_type,
            package=package,
            queue_priority=queue_priority,
            allowed_device_types=allowed_device_types,
            allowed_workload_types=allowed_workload_types,
            additional_access_grants=additional_access_grants,
            count=count,
            main_admin=main_admin,
            account_manager=account_manager,
            email_domain=email_domain,
            last_activity_date=last_activity_date,
        )

        project.additional_properties = d
        return project

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
