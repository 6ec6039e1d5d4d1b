"""The SDK's enumerations, filters and limits are read from the documents, never restated."""

from __future__ import annotations

import dataclasses
import importlib
import re
from pathlib import Path
from typing import Any

import pytest
from pasqal_core_client.api.batches import list_batches
from pasqal_core_client.models import DeviceType as GeneratedDeviceType

import pasqal_sdk
import pasqal_sdk.utils.filters
from pasqal_sdk import InvalidConfigurationError, InvalidDeviceTypeError
from pasqal_sdk._filters import PAGING, parameters, query
from pasqal_sdk._operations import MAX_PAGE
from tests.contract._spec import document

ROOT = Path(__file__).resolve().parents[2]
FILTERS = ("BatchFilters", "JobFilters", "RebatchFilters", "CancelJobFilters")
# The listing operations and the filters that select their items.
LISTINGS = {"list_batches": "BatchFilters", "list_jobs": "JobFilters"}


def _query_parameters(operation_id: str) -> list[dict[str, Any]]:
    spec = document("core.yaml")
    declared = spec["components"]["parameters"]
    for item in spec["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                found = [
                    declared[p["$ref"].rpartition("/")[2]] if "$ref" in p else p
                    for p in operation.get("parameters", [])
                ]
                return [p for p in found if p["in"] == "query"]
    raise AssertionError(f"no operation {operation_id}")


@pytest.mark.parametrize("name", FILTERS)
def test_each_filter_has_one_implementation_at_both_public_paths(name: str) -> None:
    assert getattr(pasqal_sdk, name) is getattr(pasqal_sdk.utils.filters, name)


@pytest.mark.parametrize(("operation_id", "name"), sorted(LISTINGS.items()))
def test_every_query_parameter_of_a_listing_is_a_filter_field(operation_id: str, name: str) -> None:
    fields = {f.name for f in dataclasses.fields(getattr(pasqal_sdk, name))}
    for parameter in _query_parameters(operation_id):
        if parameter["name"] not in PAGING:
            assert parameter["name"] in fields, f"{name} has no field {parameter['name']!r}"


@pytest.mark.parametrize("name", FILTERS)
def test_every_filter_field_is_a_declared_query_parameter(name: str) -> None:
    cls = getattr(pasqal_sdk, name)
    declared = parameters(cls._operation)
    assert {f.name for f in dataclasses.fields(cls)} == set(declared)


def test_the_query_is_what_the_operation_declares() -> None:
    filters = pasqal_sdk.BatchFilters(status="DONE", device_type="EMU_FREE", open=False)
    sent = query(filters, list_batches.sync_detailed)
    assert set(sent) == {"status", "device_type", "open_"}
    assert sent["device_type"] == [GeneratedDeviceType.EMU_FREE]
    with pytest.raises(InvalidDeviceTypeError, match="TOASTER"):
        query(pasqal_sdk.BatchFilters(device_type="TOASTER"), list_batches.sync_detailed)
    with pytest.raises(InvalidConfigurationError, match="SLEEPING"):
        query(pasqal_sdk.BatchFilters(status=["SLEEPING"]), list_batches.sync_detailed)


def test_the_page_size_is_the_documents_limit() -> None:
    for operation_id in LISTINGS:
        (limit,) = [p for p in _query_parameters(operation_id) if p["name"] == "limit"]
        # MAX_PAGE is read from the generated default: the documents keep it the maximum too.
        assert limit["schema"]["default"] == limit["schema"]["maximum"] == MAX_PAGE


def test_device_enumerations_are_the_generated_ones() -> None:
    device = importlib.import_module("pasqal_sdk.device")
    models = importlib.import_module("pasqal_core_client.models")
    for name in ("DeviceType", "EmulatorType", "ResultType", "Precision"):
        assert getattr(device, name) is getattr(models, name)
    emulators = set(models.EmulatorType.list())
    assert set(device.QPU_DEVICE_TYPES) == set(models.DeviceType.list()) - emulators


# The documents' enumerations that a hand-written module could be tempted to copy.
_ENUMS = (
    "DeviceType",
    "EmulatorType",
    "ResultType",
    "Precision",
    "BatchStatus",
    "JobStatus",
    "QueuePriority",
)


def _quoted(value: str) -> str:
    return rf"""['"]{value}['"]"""


def test_no_hand_written_module_restates_an_enumeration_of_the_documents() -> None:
    """No class with two members named for values (`EMU_FREE = "EMU_FREE"`), and no literal
    list of three values or more (`("DONE", "ERROR", "CANCELED")`, SQL's `IN ('DONE', ...)`),
    outside generated/."""
    schemas = document("core.yaml")["components"]["schemas"]
    copies = []
    for module in sorted((ROOT / "pasqal_sdk").rglob("*.py")):
        text = module.read_text()
        for enum in _ENUMS:
            values = schemas[enum]["enum"]
            members = [
                v for v in values if re.search(rf"^\s+[A-Z_0-9]+ = {_quoted(v)}", text, re.M)
            ]
            any_value = "|".join(_quoted(v) for v in values)
            listed = re.findall(rf"(?:{any_value})(?:\s*,\s*(?:{any_value})){{2,}}", text)
            if len(members) >= 2 or listed:
                copies.append(f"{module.relative_to(ROOT)}: {enum} {members or listed}")
    assert not copies, copies
