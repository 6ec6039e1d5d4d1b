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

from pasqal_core_client.models.device_type import DeviceType
from pasqal_core_client.models.emulator_type import EmulatorType
from pasqal_core_client.models.precision import Precision
from pasqal_core_client.models.result_type import ResultType

from pasqal_sdk._errors import InvalidConfigurationError, InvalidDeviceTypeError

# The enumerations are the generated ones (`pasqal_core_client.models`), read from the documents:
# a device type or result type added to `openapi/core.yaml` is known after `make generate`.
# They are open: a value the documents don't list yet is read as a member of its own (and
# refused where the SDK sends it).
E = TypeVar("E", bound=enum.Enum)

__all__ = [
    "DEFAULT_RUNS",
    "BaseConfig",
    "DeviceType",
    "DeviceTypeName",
    "EmuFreeConfig",
    "EmuFresnelConfig",
    "EmuTNConfig",
    "EmulatorType",
    "InvalidConfiguration",
    "Precision",
    "ResultType",
    "device_type_value",
]


DeviceTypeName = DeviceType
"""The original SDK's name of `DeviceType`: the same enumeration."""

# The QPUs a sequence can name as its device: the device types that are not emulators (the
# emulators are asked for by `emulator=`).
QPU_DEVICE_TYPES = tuple(d.value for d in DeviceType if d.value not in EmulatorType.list())

# Runs (shots) of a job that gives none, when the batch's backend configuration names none
# either (the documents' `JobCreation.runs`: "else 1000"); the SDK and the local cloud both
# read it here.
DEFAULT_RUNS = 1000
"""Runs of a job that gives none, where its batch's configuration names none either."""


def listed_member(cls: type[E], value: object, what: str) -> E:
    """The member of a generated (open) enumeration that `value` (a member or its value) names,
    refusing a value the documents don't list: what is sent must be listed, what is read may be
    new. An unlisted device type is an InvalidDeviceTypeError, any other value an
    InvalidConfigurationError; `what` says where it was given."""
    text = value.value if isinstance(value, enum.Enum) else value
    listed = {str(member.value): member for member in cls}
    if not isinstance(text, str) or text not in listed:
        error = InvalidDeviceTypeError if cls is DeviceType else InvalidConfigurationError
        raise error(f"{what}: unknown {cls.__name__} {value!r}; known: {', '.join(listed)}")
    return listed[text]


def device_type_value(value: DeviceType | EmulatorType | str) -> str:
    """The wire value of a device type; an unknown name raises InvalidDeviceTypeError.

    Args:
        value: A `DeviceType`, an `EmulatorType`, or a device type's name.
    """
    text = value.value if isinstance(value, enum.Enum) else str(value)
    if text not in DeviceType.list():
        known = ", ".join(DeviceType.list())
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
        chosen = (ResultType.COUNTER,) if self.result_types is None else self.result_types
        types = tuple(listed_member(ResultType, item, "result_types") for item in chosen)
        object.__setattr__(self, "result_types", types)
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
        if self.precision not in Precision.list():
            known = ", ".join(repr(p) for p in Precision.list())
            raise InvalidConfigurationError(
                f"precision must be one of {known}, got {self.precision!r}"
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
