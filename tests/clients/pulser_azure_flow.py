"""pulser-azure's device list against a local cloud (run in the pulser-azure venv, with
`PASQAL_CLOUD_BASE_URL` set to its core API): `AzureConnection.fetch_available_devices` reads
every entry of the public specs with `Device.from_abstract_repr`. No Azure workspace is needed
for it, so the connection is made without one. Prints `PULSER AZURE FLOW OK` last."""

from __future__ import annotations

import warnings

warnings.simplefilter("ignore")

from pulser.devices import Device  # noqa: E402
from pulser_azure.connection import AzureConnection  # noqa: E402

connection = AzureConnection.__new__(AzureConnection)  # the device list needs no workspace
specs = connection._get_device_specs()
assert specs, "no public specs"
read = {entry["device_type"]: Device.from_abstract_repr(entry["specs"]) for entry in specs}
devices = connection.fetch_available_devices()
print("public specs:", sorted(read), "azure targets:", sorted(devices), flush=True)
assert devices, "no QPU among the public specs"
print("PULSER AZURE FLOW OK")
