"""A device type, a status and a filter parameter added to `openapi/core.yaml` work end to end
after `make generate`, with no hand edit: in a temporary copy of the repository, the SDK sends
them, the local cloud validates them (and still refuses what the documents don't list), and the
CLI lists them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
NEW_DEVICE = "EMU_NEWTON"
NEW_STATUS = "PAUSED"
NEW_FILTER = "label"

# Run in the copy, against a local cloud started from the copy (its documents, its generated
# clients).
SCRIPT = textwrap.dedent(
    f"""
    import json, os, sys
    import httpx
    import pasqal_core_client, pasqal_sdk
    from pulser import Pulse, Register, Sequence
    from pulser.devices import MockDevice
    from pasqal_core_client.api.batches import list_batches
    from pasqal_sdk import SDK, BatchFilters, InvalidConfigurationError
    from pasqal_sdk._filters import query
    from pasqal_sdk.device import DeviceType
    from pasqal_sdk.local.testing import LocalCloud
    from pasqal_sdk.utils.constants import BatchStatus

    register = Register.rectangle(1, 2, spacing=6.0, prefix="q")
    sequence = Sequence(register, MockDevice)
    sequence.declare_channel("ryd", "rydberg_global")
    sequence.add(Pulse.ConstantPulse(200, 1.0, 0, 0), "ryd")
    sequence.measure()
    seen = {{
        "sdk": pasqal_sdk.__file__,
        "generated": pasqal_core_client.__file__,
        "device_types": DeviceType.list(),
        "statuses": BatchStatus.list(),
        "query": {{k: [str(v) for v in vs] for k, vs in query(
            BatchFilters(status="{NEW_STATUS}", {NEW_FILTER}="x"), list_batches.sync_detailed
        ).items()}},
    }}
    try:
        BatchFilters({NEW_FILTER}=[3])
    except InvalidConfigurationError as error:
        seen["bad_filter"] = str(error)
    with LocalCloud(workers=1) as cloud:
        os.environ.update(cloud.env())
        with SDK() as sdk:
            batch = sdk.create_batch(
                sequence.to_abstract_repr(), [{{"runs": 10}}], device_type="{NEW_DEVICE}",
                wait=True,
            )
            job = batch.ordered_jobs[0]
            seen["batch"] = [str(batch.device_type), str(batch.status), job.result]
            listed = sdk.get_batches(BatchFilters(status=["{NEW_STATUS}"], {NEW_FILTER}=["x"]))
            seen["listed"] = [b.id for b in listed]
            headers = {{"Authorization": f"Bearer {{sdk.user_token()}}"}}
            body = {{
                "project_id": cloud.project_id,
                "sequence_builder": sequence.to_abstract_repr(),
                "jobs": [{{"runs": 1}}],
            }}
            seen["http"] = {{
                device: httpx.post(
                    cloud.core_url + "/api/v1/batches", headers=headers, timeout=60,
                    json={{**body, "device_type": device}},
                ).status_code
                for device in ("{NEW_DEVICE}", "EMU_UNLISTED")
            }}
    print(json.dumps(seen))
    """
)


def _copy_with_additions(tmp_path: Path) -> Path:
    """The repository's code and documents in `tmp_path`, with the additions in core.yaml."""
    copy = tmp_path / "repo"
    ignore = shutil.ignore_patterns("__pycache__", "_openapi")
    for folder in ("pasqal_sdk", "openapi"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=ignore)
    (copy / "scripts").mkdir()
    for script in ("generate.py", "unasync.py"):  # unasync.py: the sync twin, beside it
        shutil.copy2(ROOT / "scripts" / script, copy / "scripts" / script)
    core = copy / "openapi/core.yaml"
    spec = yaml.safe_load(core.read_text())
    schemas = spec["components"]["schemas"]
    schemas["DeviceType"]["enum"].append(NEW_DEVICE)
    schemas["EmulatorType"]["enum"].append(NEW_DEVICE)
    schemas["BatchStatus"]["enum"].append(NEW_STATUS)
    schemas["JobStatus"]["enum"].append(NEW_STATUS)
    (listing,) = [
        operation
        for item in spec["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and operation.get("operationId") == "list_batches"
    ]
    listing["parameters"].append(
        {
            "name": NEW_FILTER,
            "in": "query",
            "required": False,
            "description": "Only batches with one of these labels.",
            "style": "form",
            "explode": True,
            "schema": {"type": "array", "items": {"type": "string"}},
        }
    )
    core.write_text(yaml.safe_dump(spec, sort_keys=False))
    run = subprocess.run(
        [sys.executable, str(copy / "scripts/generate.py")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return copy


def _run(copy: Path, *args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    path = os.pathsep.join([str(copy / "generated"), str(copy)])
    env = {**os.environ, "PYTHONPATH": path, "COLUMNS": "300"}
    # In the copy: `python -c` and `-m` put the working directory first on the path.
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=copy,
        timeout=timeout,
    )


def test_a_device_type_a_status_and_a_filter_added_to_the_documents_work_end_to_end(
    tmp_path: Path,
) -> None:
    copy = _copy_with_additions(tmp_path)
    run = _run(copy, "-c", SCRIPT, timeout=300)
    assert run.returncode == 0, run.stderr
    seen: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["sdk"].startswith(str(copy))
    assert seen["generated"].startswith(str(copy))
    # The SDK's enumerations and filters are the documents'.
    assert NEW_DEVICE in seen["device_types"]
    assert NEW_STATUS in seen["statuses"]
    assert seen["query"] == {"status": [NEW_STATUS], NEW_FILTER: ["x"]}
    assert f"BatchFilters.{NEW_FILTER}" in seen["bad_filter"]
    # The local cloud takes the new device type, status and filter, and refuses an unlisted type.
    device, status, counts = seen["batch"]
    assert (device, status) == (NEW_DEVICE, "DONE")
    assert sum(counts.values()) == 10
    assert seen["listed"] == []
    assert seen["http"][NEW_DEVICE] < 300
    assert seen["http"]["EMU_UNLISTED"] == 422
    # The CLI lists them.
    cli = "from pasqal_sdk._cli import main; raise SystemExit(main(sys.argv[1:]))"
    shown = _run(copy, "-c", f"import sys; {cli}", "batches", "list", "--help", timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert NEW_DEVICE.lower() in shown.stdout.lower()
    assert NEW_STATUS.lower() in shown.stdout.lower()
