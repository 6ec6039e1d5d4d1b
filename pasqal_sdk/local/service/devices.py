"""Devices: their availability, and the device specifications, private, public and one by
one, of the device types that the executor can run now (on a cluster with no GPU worker, no
EMU_MPS)."""

from __future__ import annotations

from pasqal_core_client.models import (
    Device,
    DeviceListResponse,
    DeviceSpecResponse,
    DeviceSpecsResponse,
    DeviceSpecsResponseData,
    PublicDeviceSpec,
    PublicDeviceSpecsResponse,
)
from starlette.responses import Response

from pasqal_sdk.local.service.answers import ApiError, ok
from pasqal_sdk.local.service.cloud import CloudService
from pasqal_sdk.local.service.operations import Call, Operation
from pasqal_sdk.local.worker.devices import devices, public_device_specs

__all__ = ["operations"]


def operations(cloud: CloudService) -> list[Operation]:
    """The operations of this resource, by their operationId in the documents."""

    async def list_devices(call: Call) -> Response:
        wanted = call.query.get("device_type")
        servable = cloud.servable_devices()
        return ok(
            DeviceListResponse,
            [
                Device(
                    device_type=name,
                    status="UP" if name in servable else "DOWN",
                    availability="ACTIVE" if name in servable else "INACTIVE",
                )
                for name in devices()
                if wanted is None or name == wanted
            ],
        )

    async def get_device_specs(call: Call) -> Response:
        return ok(DeviceSpecsResponse, DeviceSpecsResponseData.from_dict(cloud.servable_devices()))

    async def get_device_spec(call: Call) -> Response:
        device_type = call.path["device_type"]
        specs = cloud.servable_devices()
        if device_type not in specs:
            raise ApiError(
                404,
                f"device_type: no device {device_type!r} here; the devices with specifications"
                f" are {sorted(specs)}.",
                {"field": "device_type", "device_type": device_type},
            )
        return ok(
            DeviceSpecResponse, PublicDeviceSpec(device_type=device_type, specs=specs[device_type])
        )

    async def get_public_device_specs(call: Call) -> Response:
        servable = cloud.servable_devices()
        return ok(
            PublicDeviceSpecsResponse,
            [
                PublicDeviceSpec(device_type=name, specs=specs)
                for name, specs in public_device_specs().items()
                if name in servable
            ],
        )

    return [
        Operation("list_devices", list_devices),
        Operation("get_device_specs", get_device_specs),
        Operation("get_device_spec", get_device_spec),
        Operation("get_public_device_specs", get_public_device_specs),
    ]
