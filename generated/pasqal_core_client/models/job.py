from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_status import JobStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.counter import Counter
    from ..models.job_result import JobResult
    from ..models.variables import Variables


T = TypeVar("T", bound="Job")


@_attrs_define
class Job:
    """One execution request of a batch's sequence.

    Attributes:
        id (str): The job's id.
        batch_id (str): The batch it belongs to.
        project_id (str): The project it is billed to.
        status (JobStatus): PENDING: queued; RUNNING: on the device; DONE: results available; ERROR: failed (see
            `errors`); CANCELED: cancelled.
        runs (int): How many runs (shots) were requested.
        created_at (str): Creation time (ISO 8601).
        updated_at (str): Last change (ISO 8601).
        user_id (str | Unset): Who created it.
        variables (None | Unset | Variables): The values its sequence's variables were given.
        errors (list[str] | None | Unset): Why the job failed, one message per error.
        result (Counter | None | Unset): Bitstring counts, inline in v1 responses of finished jobs.
        full_result (JobResult | None | Unset): Counts and raw runs, inline in some v1 responses.
        sequence (None | str | Unset): The job's own serialized sequence
        parent_id (None | str | Unset): The job this one was copied from by a rebatch.
        start_timestamp (None | str | Unset): When it started running (ISO 8601
        end_timestamp (None | str | Unset): When it finished (ISO 8601
    """

    id: str
    batch_id: str
    project_id: str
    status: JobStatus
    runs: int
    created_at: str
    updated_at: str
    user_id: str | Unset = UNSET
    variables: None | Unset | Variables = UNSET
    errors: list[str] | None | Unset = UNSET
    result: Counter | None | Unset = UNSET
    full_result: JobResult | None | Unset = UNSET
    sequence: None | str | Unset = UNSET
    parent_id: None | str | Unset = UNSET
    start_timestamp: None | str | Unset = UNSET
    end_timestamp: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.counter import Counter
        from ..models.job_result import JobResult
        from ..models.variables import Variables

        id = self.id

        batch_id = self.batch_id

        project_id = self.project_id

        status = self.status.value

        runs = self.runs

        created_at = self.created_at

        updated_at = self.updated_at

        user_id = self.user_id

        variables: dict[str, Any] | None | Unset
        if isinstance(self.variables, Unset):
            variables = UNSET
        elif isinstance(self.variables, Variables):
            variables = self.variables.to_dict()
        else:
            variables = self.variables

        errors: list[str] | None | Unset
        if isinstance(self.errors, Unset):
            errors = UNSET
        elif isinstance(self.errors, list):
            errors = self.errors

        else:
            errors = self.errors

        result: dict[str, Any] | None | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, Counter):
            result = self.result.to_dict()
        else:
            result = self.result

        full_result: dict[str, Any] | None | Unset
        if isinstance(self.full_result, Unset):
            full_result = UNSET
        elif isinstance(self.full_result, JobResult):
            full_result = self.full_result.to_dict()
        else:
            full_result = self.full_result

        sequence: None | str | Unset
        if isinstance(self.sequence, Unset):
            sequence = UNSET
        else:
            sequence = self.sequence

        parent_id: None | str | Unset
        if isinstance(self.parent_id, Unset):
            parent_id = UNSET
        else:
            parent_id = self.parent_id

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
                "batch_id": batch_id,
                "project_id": project_id,
                "status": status,
                "runs": runs,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if variables is not UNSET:
            field_dict["variables"] = variables
        if errors is not UNSET:
            field_dict["errors"] = errors
        if result is not UNSET:
            field_dict["result"] = result
        if full_result is not UNSET:
            field_dict["full_result"] = full_result
        if sequence is not UNSET:
            field_dict["sequence"] = sequence
        if parent_id is not UNSET:
            field_dict["parent_id"] = parent_id
        if start_timestamp is not UNSET:
            field_dict["start_timestamp"] = start_timestamp
        if end_timestamp is not UNSET:
            field_dict["end_timestamp"] = end_timestamp

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.counter import Counter
        from ..models.job_result import JobResult
        from ..models.variables import Variables

        d = dict(src_dict)
        id = d.pop("id")

        batch_id = d.pop("batch_id")

        project_id = d.pop("project_id")

        status = JobStatus(d.pop("status"))

        runs = d.pop("runs")

        created_at = d.pop("created_at")

        updated_at = d.pop("updated_at")

        user_id = d.pop("user_id", UNSET)

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

        def _parse_result(data: object) -> Counter | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = Counter.from_dict(data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Counter | None | Unset, data)

        result = _parse_result(d.pop("result", UNSET))

        def _parse_full_result(data: object) -> JobResult | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                full_result_type_0 = JobResult.from_dict(data)

                return full_result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobResult | None | Unset, data)

        full_result = _parse_full_result(d.pop("full_result", UNSET))

        def _parse_sequence(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sequence = _parse_sequence(d.pop("sequence", UNSET))

        def _parse_parent_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_id = _parse_parent_id(d.pop("parent_id", UNSET))

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

        job = cls(
            id=id,
            batch_id=batch_id,
            project_id=project_id,
            status=status,
            runs=runs,
            created_at=created_at,
            updated_at=updated_at,
            user_id=user_id,
            variables=variables,
            errors=errors,
            result=result,
            full_result=full_result,
            sequence=sequence,
            parent_id=parent_id,
            start_timestamp=start_timestamp,
            end_timestamp=end_timestamp,
        )

        job.additional_properties = d
        return job

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
