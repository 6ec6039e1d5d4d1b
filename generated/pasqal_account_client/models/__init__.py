"""Contains all the data models used in inputs/outputs"""

from .access_grant import AccessGrant
from .envelope import Envelope
from .error_response import ErrorResponse
from .j_send_status import JSendStatus
from .person import Person
from .project import Project
from .project_count import ProjectCount
from .project_list_response import ProjectListResponse
from .project_status import ProjectStatus

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
