from enum import Enum

from ..types import open_enum_member


class WorkloadStatus(str, Enum):
    CANCELED = "CANCELED"
    DONE = "DONE"
    ERROR = "ERROR"
    PENDING = "PENDING"
    RUNNING = "RUNNING"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def list(cls) -> list[str]:
        """Every value the document lists (the original SDK's `.list()`)."""
        return [member.value for member in cls]

    @classmethod
    def _missing_(cls, value: object) -> "WorkloadStatus | None":
        """A value the document does not list yet: kept as a member of its own (tolerant reader)."""
        return open_enum_member(cls, value)
