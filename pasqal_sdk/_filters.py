"""The filters of listings, job cancellations and rebatches, as the original SDK names them.

`BatchFilters`, `JobFilters`, `RebatchFilters` and `CancelJobFilters` take the fields of their
`pasqal_cloud.utils.filters` namesakes, by keyword. Each list-valued filter takes one value or a
list of them (the service matches any of them): ids as strings or `uuid.UUID`s, statuses as
strings or enumeration members. Values are checked and normalized when the filter is built, so
a bad one fails before anything is sent: an id that is not a UUID raises
`InvalidConfigurationError`, as does a date that is neither a `datetime` nor an ISO 8601
string. Afterwards every list-valued field holds a list of strings (ids in canonical form) or
None.

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
import uuid
from collections.abc import Sequence
from typing import Any

from pasqal_sdk._errors import InvalidConfigurationError

__all__ = ["BatchFilters", "CancelJobFilters", "JobFilters", "RebatchFilters"]

Id = str | uuid.UUID
Ids = Id | Sequence[Id] | None
Value = str | enum.Enum
Values = Value | Sequence[Value] | None
DateLike = datetime.datetime | str | None


# How each field's value is checked, by name (the same name means the same thing in every filter).
_KINDS = {
    **dict.fromkeys(("id", "project_id", "batch_id"), "uuids"),
    **dict.fromkeys(("user_id", "device_type", "status", "queue_priority", "tag"), "strings"),
    **dict.fromkeys(("start_date", "end_date"), "date"),
    **dict.fromkeys(("min_runs", "max_runs"), "count"),
    **dict.fromkeys(("open", "errors"), "flag"),
}
_EXPECTED = {
    "uuids": "a UUID",
    "strings": "a string or an enumeration member",
    "date": "a datetime or an ISO 8601 string",
    "count": "an integer",
    "flag": "a bool",
}


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


@dataclasses.dataclass(frozen=True, kw_only=True)
class _Filters:
    """What every filter has: ids and a creation-date range; the checks of every field."""

    id: Ids = None
    start_date: DateLike = None
    end_date: DateLike = None

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if value is None:
                continue
            kind = _KINDS[f.name]
            try:
                normalized = _normalized(kind, value)
            except _Invalid as invalid:
                raise InvalidConfigurationError(
                    f"{type(self).__name__}.{f.name}: {invalid.item!r} is not {_EXPECTED[kind]}"
                ) from None
            object.__setattr__(self, f.name, normalized)


@dataclasses.dataclass(frozen=True, kw_only=True)
class _JobSelection(_Filters):
    """What the job filters share: a range of runs."""

    min_runs: int | None = None
    max_runs: int | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class BatchFilters(_Filters):
    """Filters of `get_batches`: by id, project, user, device type, status, `open`, queue
    priority, tag, and creation dates (`start_date` <= created <= `end_date`)."""

    project_id: Ids = None
    user_id: str | Sequence[str] | None = None
    device_type: Values = None
    status: Values = None
    open: bool | None = None
    queue_priority: Values = None
    tag: str | Sequence[str] | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class JobFilters(_JobSelection):
    """Filters of `get_jobs`: by id, project, user, batch, status, runs, whether the job has
    errors, and creation dates."""

    project_id: Ids = None
    user_id: str | Sequence[str] | None = None
    batch_id: Ids = None
    status: Values = None
    errors: bool | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class RebatchFilters(_JobSelection):
    """Which jobs of a batch `rebatch` copies: by id, status, runs and creation dates."""

    status: Values = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class CancelJobFilters(_JobSelection):
    """Which jobs of a batch `cancel_jobs` cancels: by id, runs and creation dates."""
