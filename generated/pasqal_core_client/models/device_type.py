from enum import Enum

from ..types import open_enum_member


class DeviceType(str, Enum):
    EMU_FREE = "EMU_FREE"
    EMU_FRESNEL = "EMU_FRESNEL"
    EMU_MPS = "EMU_MPS"
    EMU_SV = "EMU_SV"
    EMU_TN = "EMU_TN"
    FRESNEL = "FRESNEL"
    FRESNEL_CAN1 = "FRESNEL_CAN1"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def list(cls) -> list[str]:
        """Every value the document lists (the original SDK's `.list()`)."""
        return [member.value for member in cls]

    @classmethod
    def _missing_(cls, value: object) -> "DeviceType | None":
        """A value the document does not list yet: kept as a member of its own (tolerant reader)."""
        return open_enum_member(cls, value)
