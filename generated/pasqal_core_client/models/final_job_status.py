from enum import Enum

from ..types import open_enum_member


class FinalJobStatus(str, Enum):
    CANCELED = "CANCELED"
    DONE = "DONE"
    ERROR = "ERROR"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "FinalJobStatus | None":
        """A value the document does not list yet: kept as a member of its own (tolerant reader)."""
        return open_enum_member(cls, value)
