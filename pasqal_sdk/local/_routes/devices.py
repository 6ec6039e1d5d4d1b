"""Devices: the device specifications, private and public, of the device types that the
executor can run now (on a cluster with no GPU worker, no EMU_MPS)."""

from __future__ import annotations

from pasqal_core_client.models import (
    DeviceSpecsResponse,
    DeviceSpecsResponseData,
    PublicDeviceSpec,
    PublicDeviceSpecsResponse,
)
from starlette.responses import Response
from starlette.routing import BaseRoute

from pasqal_sdk.local._cloud import LocalCloud, ok
from pasqal_sdk.local._routing import Call, Router

__all__ = ["routes"]


def routes(cloud: LocalCloud, router: Router) -> list[BaseRoute]:
    """The routes of this resource, checked against the documents by `router`."""
    route = router.route

    async def get_device_specs(call: Call) -> Response:
        return ok(DeviceSpecsResponse, DeviceSpecsResponseData.from_dict(cloud.servable_devices()))

    async def get_public_device_specs(call: Call) -> Response:
        return ok(
            PublicDeviceSpecsResponse,
            [
                PublicDeviceSpec(device_type=name, specs=specs)
                for name, specs in cloud.servable_devices().items()
            ],
        )

    return [
        route("/api/v1/devices/specs", "GET", get_device_specs),
        route("/api/v1/devices/public-specs", "GET", get_public_device_specs),
    ]
