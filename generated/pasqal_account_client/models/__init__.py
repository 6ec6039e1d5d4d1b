"""Contains all the data models used in inputs/outputs.

Each model's module loads on first use of its name, so that importing one endpoint does not load
every model (a command line that makes one request starts faster).
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .access_grant import AccessGrant
    from .envelope import Envelope
    from .error_response import ErrorResponse
    from .j_send_status import JSendStatus
    from .person import Person
    from .project import Project
    from .project_count import ProjectCount
    from .project_list_response import ProjectListResponse
    from .project_status import ProjectStatus

_MODULES: dict[str, str] = {
    "AccessGrant": ".access_grant",
    "Envelope": ".envelope",
    "ErrorResponse": ".error_response",
    "JSendStatus": ".j_send_status",
    "Person": ".person",
    "Project": ".project",
    "ProjectCount": ".project_count",
    "ProjectListResponse": ".project_list_response",
    "ProjectStatus": ".project_status",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULES])


__all__ = (
    "AccessGrant",
    "Envelope",
    "ErrorResponse",
    "JSendStatus",
    "Person",
    "Project",
    "ProjectCount",
    "ProjectListResponse",
    "ProjectStatus",
)
