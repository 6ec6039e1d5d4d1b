from enum import Enum


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
