"""The generated typed client, authenticated by the SDK: one call per API operation, typed
models in and out (settings as `configured.py`)."""

from __future__ import annotations

from pasqal_core_client.api.devices import get_device_specs
from pasqal_core_client.models import DeviceSpecsResponse

from pasqal_sdk import SDK


def main() -> None:
    with SDK() as sdk:
        answer = get_device_specs.sync(client=sdk.core_client)
        if isinstance(answer, DeviceSpecsResponse):
            print("device types:", sorted(answer.data.additional_properties))
        else:
            raise SystemExit(f"error: {answer}")


if __name__ == "__main__":
    main()
