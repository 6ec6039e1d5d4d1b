"""Contains some shared types for properties"""

import logging
import threading
from collections.abc import Callable, Mapping, MutableMapping
from enum import Enum
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


E = TypeVar("E", bound=Enum)


def _warn_unknown_enum_value(enum: type[Enum], value: object) -> None:
    logging.getLogger(__name__.rpartition(".")[0]).warning(
        "%s %r is not in the API document; kept as is", enum.__name__, value
    )


# Called once per enum and new value; a client library may point it at its own logger.
on_unknown_enum_value: Callable[[type[Enum], object], None] = _warn_unknown_enum_value
_open_enum_lock = threading.Lock()


def open_enum_member(enum: type[E], value: object) -> E | None:
    """A member of `enum` for a value the document does not list yet (open enums).

    The service may add a value (a status, a device type) before the document does: the value is
    kept as a member of its own, equal to its string, so that reading never fails on it. It is
    made once, reported once through `on_unknown_enum_value`, and reused after that.
    """
    base: type[Any] = str if issubclass(enum, str) else int
    if not isinstance(value, base) or isinstance(value, bool):
        return None
    with _open_enum_lock:
        known: dict[Any, E] = enum._value2member_map_  # type: ignore[assignment]
        member = known.get(value)
        if member is not None:
            return member
        member = base.__new__(enum, value)
        member._name_ = str(value)
        member._value_ = value
        known[value] = member
    on_unknown_enum_value(enum, value)
    return member


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "on_unknown_enum_value",
    "open_enum_member",
]
