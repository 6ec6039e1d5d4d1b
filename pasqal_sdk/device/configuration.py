"""The emulator configurations under the original SDK's module
(`pasqal_cloud.device.configuration`): the same classes as in `pasqal_sdk.device`."""

from pasqal_sdk.device import (
    BaseConfig,
    EmuFreeConfig,
    EmuFresnelConfig,
    EmuTNConfig,
    InvalidConfiguration,
    ResultType,
)

__all__ = [
    "BaseConfig",
    "EmuFreeConfig",
    "EmuFresnelConfig",
    "EmuTNConfig",
    "InvalidConfiguration",
    "ResultType",
]
