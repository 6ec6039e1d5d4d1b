from enum import Enum

from ..types import open_enum_member


class JSendStatus(str, Enum):
    ERROR = "error"
    FAIL = "fail"
    SUCCESS = "success"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def list(cls) -> list[str]:
        """Every value the document lists (the original SDK's `.list()`)."""
        return [member.value for member in cls]

    @classmethod
    def _missing_(cls, value: object) -> "JSendStatus | None":
        """A value the document does not list yet: kept as a member of its own (tolerant reader)."""
        return open_enum_member(cls, value)
