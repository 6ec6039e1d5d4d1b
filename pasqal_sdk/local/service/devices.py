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
from starlette.routing import BaseRoute

from pasqal_sdk.local import _emulators
from pasqal_sdk.local._cloud import LocalCloud, ok
from pasqal_sdk.local._http import ApiError
from pasqal_sdk.local._routing import Call, Router

__all__ = ["routes"]


def routes(cloud: LocalCloud, router: Router) -> list[BaseRoute]:
    """The routes of this resource, checked against the documents by `router`."""
    route = router.route

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
                for name in _emulators.devices()
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
                for name, specs in _emulators.public_device_specs().items()
                if name in servable
            ],
        )

    return [
        route("/api/v1/devices", "GET", list_devices),
        route("/api/v1/devices/specs", "GET", get_device_specs),
        route("/api/v1/devices/specs/{device_type}", "GET", get_device_spec),
        route("/api/v1/devices/public-specs", "GET", get_public_device_specs),
    ]
