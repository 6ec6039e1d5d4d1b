"""The filters of listings, job cancellations and rebatches, as the original SDK names them.

`BatchFilters`, `JobFilters`, `RebatchFilters` and `CancelJobFilters` take the fields of their
`pasqal_cloud.utils.filters` namesakes, by keyword. Each list-valued filter takes one value or a
list of them (the service matches any of them): ids as strings or `uuid.UUID`s, statuses as
strings or enumeration members. Values are checked and normalized when the filter is built, so
a bad one fails before anything is sent: an id that is not a UUID raises
`InvalidConfigurationError`, as does a date that is neither a `datetime` nor an ISO 8601
string. Afterwards every list-valued field holds a list of strings (ids in canonical form) or
None.

The documents decide what a filter is: each class reads its operation's declared query
parameters (`QUERY_PARAMETERS` and the types of the generated function), checks each field by
the parameter's type, and sends what the operation declares. A query parameter added to
`openapi/core.yaml` is a field of its filter after `make generate`, with no edit here (typed
`Any` until it is declared below as well).

Example:
    ```python
    sdk.get_batches(filters=BatchFilters(status=BatchStatus.DONE, tag="calibration"))
    sdk.rebatch(batch_id, RebatchFilters(status=["ERROR", "CANCELED"], min_runs=100))
    ```
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import functools
import inspect
import sys
import typing
import uuid
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any, ClassVar, TypeVar

from pasqal_core_client.api.batches import cancel_batch_jobs, list_batches, rebatch
from pasqal_core_client.api.jobs import list_jobs
from pasqal_core_client.types import Unset

from pasqal_sdk._errors import InvalidConfigurationError
from pasqal_sdk.device import listed_member

__all__ = [
    "PAGING",
    "BatchFilters",
    "CancelJobFilters",
    "JobFilters",
    "Parameter",
    "RebatchFilters",
    "parameters",
    "query",
]

Id = str | uuid.UUID
Ids = Id | Sequence[Id] | None
Value = str | enum.Enum
Values = Value | Sequence[Value] | None
DateLike = datetime.datetime | str | None

# The query parameters of listings that page and order them: set by the listing, not a filter.
PAGING = frozenset({"offset", "limit", "order_by", "order_by_direction"})

_EXPECTED = {
    "uuids": "a UUID",
    "strings": "a string or an enumeration member",
    "text": "a string or an enumeration member",
    "date": "a datetime or an ISO 8601 string",
    "count": "an integer",
    "flag": "a bool",
}


@dataclasses.dataclass(frozen=True)
class Parameter:
    """A query parameter as the generated function takes it.

    Attributes:
        keyword: The generated function's keyword (`open_` for `open`).
        kind: How a filter value is checked: `uuids`, `strings` (lists), `text` (one string),
            `date`, `count` or `flag`.
        enum: The generated enumeration of its values, if the documents give one.
    """

    keyword: str
    kind: str
    enum: type[enum.Enum] | None = None


def _kind(hint: Any) -> tuple[str, type[enum.Enum] | None]:
    """A parameter's kind and enumeration, from its generated type (`list[DeviceType] | Unset`;
    the documents' `format: uuid` ids are `list[UUID]`)."""
    types = [t for t in typing.get_args(hint) or (hint,) if t is not Unset]
    found = types[0] if len(types) == 1 else str
    listed = typing.get_origin(found) is list
    item = typing.get_args(found)[0] if listed else found
    values = item if isinstance(item, type) and issubclass(item, enum.Enum) else None
    if listed:
        return ("uuids" if item is uuid.UUID else "strings"), values
    if found is datetime.datetime:
        return "date", None
    if found is bool:
        return "flag", None
    if found is int:
        return "count", None
    return "text", values


@functools.cache
def parameters(operation: ModuleType) -> dict[str, Parameter]:
    """The filter parameters a generated operation declares, by wire name (paging left out)."""
    hints = typing.get_type_hints(operation._get_kwargs)
    declared: dict[str, str] = operation.QUERY_PARAMETERS
    found = {}
    for keyword, wire in declared.items():
        if wire not in PAGING:
            found[wire] = Parameter(keyword, *_kind(hints[keyword]))
    return found


def _items(value: Any) -> list[Any] | None:
    """One value or several as a list; no value (None, empty) as None."""
    if value is None:
        return None
    if isinstance(value, (str, enum.Enum, uuid.UUID)):
        return [value] if value != "" else None
    if isinstance(value, Sequence):
        return list(value) or None
    return [value]


def _text(item: Any) -> str | None:
    """A filter value's text: a string, an enumeration member's value, a UUID's canonical form."""
    if isinstance(item, enum.Enum):
        item = item.value
    if isinstance(item, (str, uuid.UUID)):
        return str(item)
    return None


def _uuid(item: Any) -> str | None:
    """`item` in canonical UUID form, or None when it is not a UUID."""
    if isinstance(item, uuid.UUID):
        return str(item)
    try:
        return str(uuid.UUID(item)) if isinstance(item, str) else None
    except ValueError:
        return None


def _date(value: Any) -> datetime.datetime | None:
    """A `datetime`, or an ISO 8601 string read as one (a trailing Z is UTC)."""
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str):
        text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
        try:
            return datetime.datetime.fromisoformat(text)
        except ValueError:
            return None
    return None


class _Invalid(Exception):  # noqa: N818 (internal: never leaves this module)
    """`item`, a filter value or one of a list of them, is not what its field takes."""

    def __init__(self, item: Any) -> None:
        super().__init__(item)
        self.item = item


def _normalized(kind: str, value: Any) -> Any:
    """`value` (not None) checked as a `kind` and normalized; `_Invalid` names what is wrong."""
    if kind == "flag" and not isinstance(value, bool):
        raise _Invalid(value)
    if kind == "count" and (isinstance(value, bool) or not isinstance(value, int)):
        raise _Invalid(value)
    if kind == "date":
        date = _date(value)
        if date is None:
            raise _Invalid(value)
        return date
    if kind == "text":
        text = _text(value)
        if text is None:
            raise _Invalid(value)
        return text
    if kind not in ("uuids", "strings"):
        return value
    read = _uuid if kind == "uuids" else _text
    texts = []
    for item in _items(value) or []:
        text = read(item)
        if text is None:
            raise _Invalid(item)
        texts.append(text)
    return texts or None


FiltersT = TypeVar("FiltersT")


def _declared_by(operation: ModuleType) -> Callable[[type[FiltersT]], type[FiltersT]]:
    """Class decorator (under `@dataclass`): the filters of `operation`, with a field (typed
    `Any`, default None) for each of its query parameters that the class does not declare."""

    def decorate(cls: type[FiltersT]) -> type[FiltersT]:
        own = inspect.get_annotations(cls)
        inherited = {name for base in cls.__mro__[1:] for name in inspect.get_annotations(base)}
        added = [
            wire for wire in parameters(operation) if wire not in own and wire not in inherited
        ]
        for wire in added:
            setattr(cls, wire, None)
        cls.__annotations__ = {**own, **dict.fromkeys(added, "Any")}
        cls._operation = operation  # type: ignore[attr-defined]
        return cls

    return decorate


@dataclasses.dataclass(frozen=True, kw_only=True)
class _Filters:
    """What every filter has: ids and a creation-date range; the checks of every field."""

    _operation: ClassVar[ModuleType]

    id: Ids = None
    start_date: DateLike = None
    end_date: DateLike = None

    def __post_init__(self) -> None:
        declared = parameters(self._operation)
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            parameter = declared.get(f.name)
            if value is None or parameter is None:
                continue
            try:
                normalized = _normalized(parameter.kind, value)
            except _Invalid as invalid:
                raise InvalidConfigurationError(
                    f"{type(self).__name__}.{f.name}: {invalid.item!r} is not"
                    f" {_EXPECTED[parameter.kind]}"
                ) from None
            object.__setattr__(self, f.name, normalized)


def query(filters: Any, operation: Callable[..., Any]) -> dict[str, Any]:
    """The keyword arguments of a generated operation (its `sync_detailed`, say) for `filters`:
    the fields the operation declares as query parameters, as their generated types. Fields it
    does not declare (a `JobFilters.batch_id` for `rebatch`) are left out."""
    kwargs: dict[str, Any] = {}
    if filters is None:
        return kwargs
    declared = parameters(sys.modules[operation.__module__])
    for f in dataclasses.fields(filters):
        value = getattr(filters, f.name)
        parameter = declared.get(f.name)
        if value is None or parameter is None:
            continue
        values = parameter.enum
        if values is not None:
            where = f"{type(filters).__name__}.{f.name}"
            if isinstance(value, list):
                value = [listed_member(values, item, where) for item in value]
            else:
                value = listed_member(values, value, where)
        kwargs[parameter.keyword] = value
    return kwargs


@dataclasses.dataclass(frozen=True, kw_only=True)
class _JobSelection(_Filters):
    """What the job filters share: a range of runs."""

    min_runs: int | None = None
    max_runs: int | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
@_declared_by(list_batches)
class BatchFilters(_Filters):
    """Filters of `get_batches`: by id, project, user, device type, status, `open`, queue
    priority, tag, and creation dates (`start_date` <= created <= `end_date`); a list matches
    any of its values.

    Args:
        id: Their ids.
        start_date: Created at or after this time.
        end_date: Created at or before this time.
        project_id: The projects they belong to (default: the SDK's project).
        user_id: The users who created them.
        device_type: Their device types (`"EMU_FREE"`, ...).
        status: Their statuses (`"DONE"`, ...).
        open: Whether they still accept jobs.
        queue_priority: Their queue priorities.
        tag: Their tags.
    """

    project_id: Ids = None
    user_id: str | Sequence[str] | None = None
    device_type: Values = None
    status: Values = None
    open: bool | None = None
    queue_priority: Values = None
    tag: str | Sequence[str] | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
@_declared_by(list_jobs)
class JobFilters(_JobSelection):
    """Filters of `get_jobs` (and of `cancel_jobs` and `rebatch`, which take the fields their
    operations declare): by id, project, user, batch, status, runs, whether the job has
    errors, and creation dates; a list matches any of its values.

    Args:
        id: Their ids.
        start_date: Created at or after this time.
        end_date: Created at or before this time.
        min_runs: At least this many runs.
        max_runs: At most this many runs.
        project_id: The projects they belong to (default: the SDK's project).
        user_id: The users who created them.
        batch_id: The batches they belong to.
        status: Their statuses (`"DONE"`, `"ERROR"`, ...).
        errors: Whether they have errors.
    """

    project_id: Ids = None
    user_id: str | Sequence[str] | None = None
    batch_id: Ids = None
    status: Values = None
    errors: bool | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
@_declared_by(rebatch)
class RebatchFilters(_JobSelection):
    """Which jobs of a batch `rebatch` copies: by id, status, runs and creation dates."""

    status: Values = None


@dataclasses.dataclass(frozen=True, kw_only=True)
@_declared_by(cancel_batch_jobs)
class CancelJobFilters(_JobSelection):
    """Which jobs of a batch `cancel_jobs` cancels: by id, runs and creation dates."""
