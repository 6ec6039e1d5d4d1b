"""Facade objects stand on the generated models: every property of the documents can be read on
them, and a property added to the documents reaches them after `make generate`, with no edit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from pasqal_account_client.models import Project as ProjectModel
from pasqal_core_client.models import Batch as BatchModel
from pasqal_core_client.models import Job as JobModel
from pasqal_core_client.models import Workload as WorkloadModel

from pasqal_sdk import Batch, Project, Workload
from pasqal_sdk._operations import BatchState, WorkloadState
from tests.contract._spec import FIXTURES, OPENAPI, document

ROOT = Path(__file__).resolve().parents[2]
BATCH_FIXTURE = (
    FIXTURES / "core-fast/api/v1/batches/00000000-0000-0000-0000-000000000001/_.GET.json"
)
WORKLOAD_FIXTURE = (
    FIXTURES / "core-fast/api/v2/workloads/00000000-0000-0000-0000-000000000001/_.GET.json"
)
PROJECTS_FIXTURE = FIXTURES / "account/api/v1/projects/_.GET.json"

# Names the facade computes on purpose (the original SDK's types); the wire value is on `.model`.
COMPUTED = {
    "Batch": {"jobs", "job_ids", "configuration"},
    "Job": {"variables", "errors", "result", "full_result"},
    "Workload": {"config", "errors", "result"},
    "Project": set(),
}


def _data(file: Path) -> Any:
    return json.loads(file.read_text())["data"]


def facades() -> dict[str, tuple[Any, type, str]]:
    """One facade object of each kind, its generated model class and its document."""
    batch_model = BatchModel.from_dict(_data(BATCH_FIXTURE))
    batch = Batch(None, BatchState(batch_model, {}))  # type: ignore[arg-type]
    workload = Workload(None, WorkloadState(WorkloadModel.from_dict(_data(WORKLOAD_FIXTURE)), None))  # type: ignore[arg-type]
    project = Project(ProjectModel.from_dict(_data(PROJECTS_FIXTURE)[0]))
    return {
        "Batch": (batch, BatchModel, "core.yaml"),
        "Job": (batch.ordered_jobs[0], JobModel, "core.yaml"),
        "Workload": (workload, WorkloadModel, "core.yaml"),
        "Project": (project, ProjectModel, "account.yaml"),
    }


def _attribute(model_class: type, wire_name: str) -> str:
    """The generated attribute of a wire property (the generator appends `_` to keywords)."""
    names = {field.name for field in attrs.fields(model_class)}
    for candidate in (wire_name, f"{wire_name}_"):
        if candidate in names:
            return candidate
    raise AssertionError(f"{model_class.__name__} has no attribute for {wire_name!r}")


@pytest.mark.parametrize("schema", sorted(COMPUTED))
def test_every_property_of_the_documents_is_read_on_the_facade(schema: str) -> None:
    facade, model_class, name = facades()[schema]
    properties = document(name)["components"]["schemas"][schema]["properties"]
    assert isinstance(facade.model, model_class)
    for wire_name in properties:
        attribute = _attribute(model_class, wire_name)
        assert hasattr(facade, attribute), f"{schema}.{attribute} is missing on the facade"
        if attribute not in COMPUTED[schema]:
            assert getattr(facade, attribute) is getattr(facade.model, attribute)


def test_unknown_names_still_raise_attribute_error() -> None:
    batch = facades()["Batch"][0]
    with pytest.raises(AttributeError, match="no attribute 'no_such_field'"):
        _ = batch.no_such_field


def test_computed_names_keep_the_original_sdk_types() -> None:
    kinds = facades()
    batch, job = kinds["Batch"][0], kinds["Job"][0]
    assert batch.jobs == {job.id: job}
    assert batch.job_ids == [job.id]
    assert job.variables == {"Omega_max": 14.4, "last_target": "q1", "ts": [200, 500]}
    assert job.result == {"1001": 12, "0110": 35, "1111": 1}
    assert job.errors == []
    assert kinds["Workload"][0].config == {"test1": "test1", "test2": 2}


def _regenerate_with_a_new_field(tmp_path: Path) -> Path:
    specs = tmp_path / "openapi"
    shutil.copytree(OPENAPI, specs)
    core = specs / "core.yaml"
    spec = yaml.safe_load(core.read_text())
    schemas = spec["components"]["schemas"]
    schemas["Batch"]["properties"]["estimated_duration_s"] = {
        "type": "number",
        "description": "How long the batch is expected to run.",
    }
    schemas["BatchStatus"]["enum"].append("PAUSED")
    core.write_text(yaml.safe_dump(spec, sort_keys=False))
    out = tmp_path / "generated"
    out.mkdir()
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/generate.py"),
            "--specs",
            str(specs),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return out


def test_a_property_added_to_the_documents_reaches_the_facade_after_regenerating(
    tmp_path: Path,
) -> None:
    generated = _regenerate_with_a_new_field(tmp_path)
    data = {**_data(BATCH_FIXTURE), "estimated_duration_s": 12.5, "status": "PAUSED"}
    script = textwrap.dedent(
        f"""
        import json, logging
        import pasqal_core_client
        from pasqal_core_client.models import Batch as BatchModel, BatchStatus
        from pasqal_sdk import Batch
        from pasqal_sdk._operations import BatchState

        warnings = []
        logging.getLogger("pasqal_sdk").addHandler(logging.Handler())
        logging.getLogger("pasqal_sdk").handlers[-1].emit = warnings.append
        model = BatchModel.from_dict(json.loads({json.dumps(data)!r}))
        batch = Batch(None, BatchState(model, {{}}))
        print(json.dumps({{
            "package": pasqal_core_client.__file__,
            "value": batch.estimated_duration_s,
            "typed": "estimated_duration_s" not in batch.model.additional_properties,
            "status_is_member": batch.status is BatchStatus.PAUSED,
            "warnings": len(warnings),
        }}))
        """
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(generated), str(ROOT)])}
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    assert seen["package"].startswith(str(generated))
    assert seen["value"] == 12.5
    assert seen["typed"] is True
    assert seen["status_is_member"] is True
    assert seen["warnings"] == 0
