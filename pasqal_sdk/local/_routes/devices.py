"""Devices: the device specifications, private and public."""

from __future__ import annotations

from pasqal_core_client.models import (
    DeviceSpecsResponse,
    DeviceSpecsResponseData,
    JSendStatus,
    PublicDeviceSpec,
    PublicDeviceSpecsResponse,
)
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from pasqal_sdk.local import _emulators
from pasqal_sdk.local._cloud import LocalCloud, Router, ok_response

__all__ = ["routes"]


def routes(cloud: LocalCloud, router: Router) -> list[BaseRoute]:
    """The routes of this resource, checked against the documents by `router`."""
    route = router.route

    async def get_device_specs(request: Request) -> Response:
        cloud.caller(request)
        return ok_response(
            DeviceSpecsResponse(
                status=JSendStatus.SUCCESS,
                message="OK.",
                code=200,
                data=DeviceSpecsResponseData.from_dict(_emulators.device_specs()),
            )
        )

    async def get_public_device_specs(request: Request) -> Response:
        return ok_response(
            PublicDeviceSpecsResponse(
                status=JSendStatus.SUCCESS,
                message="OK.",
                code=200,
                data=[
                    PublicDeviceSpec(device_type=name, specs=specs)
                    for name, specs in _emulators.device_specs().items()
                ],
            )
        )

    return [
        route("/api/v1/devices/specs", "GET", get_device_specs),
        route("/api/v1/devices/public-specs", "GET", get_public_device_specs),
    ]
