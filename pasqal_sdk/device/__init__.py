"""Device types and emulator configurations.

Configurations are checked when they are built, so a bad value fails before anything is sent.

Example:
    ```python
    from pasqal_sdk.device import EmulatorType, EmuTNConfig

    sdk.create_batch(seq, jobs, emulator=EmulatorType.EMU_TN,
                     configuration=EmuTNConfig(dt=10.0, precision="normal", max_bond_dim=100))
    ```
"""

from __future__ import annotations

import dataclasses
import enum
import json
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from pasqal_sdk._errors import InvalidConfigurationError, InvalidDeviceTypeError

__all__ = [
    "BaseConfig",
    "DeviceType",
    "DeviceTypeName",
    "EmuFreeConfig",
    "EmuFresnelConfig",
    "EmuTNConfig",
    "EmulatorType",
    "InvalidConfiguration",
    "ResultType",
    "device_type_value",
]


class _WireEnum(str, enum.Enum):
    """A string enumeration that prints as its wire value."""

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def list(cls) -> list[str]:
        """Every wire value (as the original SDK's enumerations give them)."""
        return [member.value for member in cls]


class DeviceType(_WireEnum):
    """Every device that accepts batches: EMU_* are emulators, the others QPUs."""

    EMU_FREE = "EMU_FREE"
    EMU_TN = "EMU_TN"
    EMU_MPS = "EMU_MPS"
    EMU_SV = "EMU_SV"
    EMU_FRESNEL = "EMU_FRESNEL"
    FRESNEL = "FRESNEL"
    FRESNEL_CAN1 = "FRESNEL_CAN1"


DeviceTypeName = DeviceType
"""The original SDK's name of `DeviceType`: the same enumeration."""


class EmulatorType(_WireEnum):
    """The cloud emulators (the original SDK's `emulator=` argument)."""

    EMU_FREE = "EMU_FREE"
    EMU_TN = "EMU_TN"
    EMU_MPS = "EMU_MPS"
    EMU_SV = "EMU_SV"
    EMU_FRESNEL = "EMU_FRESNEL"


class ResultType(_WireEnum):
    """What an emulator returns."""

    COUNTER = "counter"
    RUN = "run"
    SAMPLE = "sample"
    EXPECTATION = "expectation"


def device_type_value(value: DeviceType | EmulatorType | str) -> str:
    """The wire value of a device type; an unknown name raises InvalidDeviceTypeError.

    Args:
        value: A `DeviceType`, an `EmulatorType`, or a device type's name.
    """
    text = value.value if isinstance(value, enum.Enum) else str(value)
    if text not in DeviceType.__members__:
        known = ", ".join(DeviceType.__members__)
        raise InvalidDeviceTypeError(f"unknown device type {text!r}; known: {known}")
    return text


InvalidConfiguration = InvalidConfigurationError
"""The original SDK's name of the error a bad configuration raises."""


@dataclasses.dataclass(frozen=True)
class BaseConfig:
    """Fields every emulator takes; `extra_config` keys are merged into the sent dict.

    `result_types=None` and `extra_config=None` (the original SDK's defaults) mean the defaults:
    counts only, nothing extra.

    Attributes:
        strict_validation: Have the emulator reject, rather than adapt, what it cannot run.
        extra_config: More keys sent in the configuration, as given.
        result_types: What the results hold (default: counts only).

    Raises:
        InvalidConfigurationError: A value is invalid, or `extra_config` sets a field.
    """

    strict_validation: bool = False
    extra_config: Mapping[str, Any] | None = dataclasses.field(default_factory=dict)
    result_types: Sequence[ResultType | str] | None = (ResultType.COUNTER,)

    def __post_init__(self) -> None:
        types = []
        for item in (ResultType.COUNTER,) if self.result_types is None else self.result_types:
            try:
                types.append(ResultType(item))
            except ValueError:
                known = ", ".join(r.value for r in ResultType)
                raise InvalidConfigurationError(
                    f"unknown result type {item!r}; known: {known}"
                ) from None
        object.__setattr__(self, "result_types", tuple(types))
        if not isinstance(self.strict_validation, bool):
            raise InvalidConfigurationError("strict_validation must be a bool")
        extra = dict(self.extra_config or {})
        overridden = sorted(set(extra) & {f.name for f in dataclasses.fields(self)})
        if overridden:
            raise InvalidConfigurationError(
                f"extra_config may not set the configuration's own fields {overridden}"
            )
        object.__setattr__(self, "extra_config", extra)

    def to_dict(self) -> dict[str, Any]:
        """The configuration as the service expects it."""
        data: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            if f.name == "extra_config":
                continue
            value = getattr(self, f.name)
            if f.name == "result_types":
                value = [ResultType(v).value for v in value]
            data[f.name] = value
        data.update(self.extra_config or {})
        return data

    @classmethod
    def from_dict(cls: type[ConfigT], conf: Mapping[str, Any]) -> ConfigT:
        """The configuration of this class that `conf` describes (what `to_dict` gives back).

        Keys that are not fields of the class go to `extra_config`; `conf` is left untouched.

        Args:
            conf: A configuration dict, as `to_dict` gives or the service sends.
        """
        names = {f.name for f in dataclasses.fields(cls)} - {"extra_config"}
        fields = {key: value for key, value in conf.items() if key in names}
        extra = {key: value for key, value in conf.items() if key not in names}
        return cls(**fields, extra_config=extra)


ConfigT = TypeVar("ConfigT", bound=BaseConfig)


@dataclasses.dataclass(frozen=True)
class EmuTNConfig(BaseConfig):
    """EMU_TN (tensor network): time step `dt` in ns, `precision`, `max_bond_dim`.

    Attributes:
        strict_validation: Have the emulator reject, rather than adapt, what it cannot run.
        extra_config: More keys sent in the configuration, as given.
        result_types: What the results hold (default: counts only).
        dt: The time step, in ns.
        precision: `"low"`, `"normal"` or `"high"`.
        max_bond_dim: The largest bond dimension of the tensor network.
    """

    dt: float = 10.0
    precision: str = "normal"
    max_bond_dim: int = 500

    def __post_init__(self) -> None:
        super().__post_init__()
        if isinstance(self.dt, bool) or not isinstance(self.dt, (int, float)) or self.dt <= 0:
            raise InvalidConfigurationError(f"dt must be a positive number of ns, got {self.dt!r}")
        if self.precision not in ("low", "normal", "high"):
            raise InvalidConfigurationError(
                f"precision must be 'low', 'normal' or 'high', got {self.precision!r}"
            )
        if (
            isinstance(self.max_bond_dim, bool)
            or not isinstance(self.max_bond_dim, int)
            or self.max_bond_dim <= 0
        ):
            raise InvalidConfigurationError(
                f"max_bond_dim must be a positive integer, got {self.max_bond_dim!r}"
            )


@dataclasses.dataclass(frozen=True)
class EmuFreeConfig(BaseConfig):
    """EMU_FREE (exact simulation): `with_noise` turns the device's noise model on.

    Attributes:
        strict_validation: Have the emulator reject, rather than adapt, what it cannot run.
        extra_config: More keys sent in the configuration, as given.
        result_types: What the results hold (default: counts only).
        with_noise: Simulate the device's noise model.
    """

    with_noise: bool = False

    def __post_init__(self) -> None:
        super().__post_init__()
        if not isinstance(self.with_noise, bool):
            raise InvalidConfigurationError(f"with_noise must be a bool, got {self.with_noise!r}")


@dataclasses.dataclass(frozen=True)
class EmuFresnelConfig(BaseConfig):
    """EMU_FRESNEL (FRESNEL's noisy emulation): the common fields only.

    Attributes:
        strict_validation: Have the emulator reject, rather than adapt, what it cannot run.
        extra_config: More keys sent in the configuration, as given.
        result_types: What the results hold (default: counts only).
    """


# The QPUs a sequence can name as its device; the emulators are asked for by `emulator=`.
QPU_DEVICE_TYPES = ("FRESNEL", "FRESNEL_CAN1")


def device_type_of(serialized: str) -> str:
    """The QPU device type a serialized sequence was built for (the default target of a batch).

    A virtual device (MockDevice, ...) or one that isn't a Pasqal QPU (AnalogDevice, ...) is
    refused: the batch would need an emulator, and picking one silently would misroute it.
    """
    try:
        device = json.loads(serialized).get("device")
    except (ValueError, AttributeError, RecursionError):
        device = None
    name = device.get("name") if isinstance(device, dict) else device
    virtual = isinstance(device, dict) and device.get("is_virtual") is True
    wire = str(name).upper() if isinstance(name, str) else None
    if wire in QPU_DEVICE_TYPES and not virtual:
        return wire
    kind = "virtual device" if virtual else "device"
    described = f"the {kind} {name!r}" if isinstance(name, str) else "no device"
    raise InvalidDeviceTypeError(
        f"the sequence names {described}, which is not a Pasqal QPU"
        f" ({', '.join(QPU_DEVICE_TYPES)}): pass emulator=EmulatorType.EMU_FREE (or another"
        " emulator) or device_type=... to choose where the batch runs"
    )
