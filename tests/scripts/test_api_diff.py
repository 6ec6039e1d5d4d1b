"""`make api-diff`: pairs of documents classified breaking or not, and the command's exit codes."""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.api_diff import diff, load_tree

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "api_diff.py"


def base() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "paths": {
            "/things": {
                "post": {
                    "operationId": "create_thing",
                    "parameters": [
                        {"name": "dry_run", "in": "query", "schema": {"type": "boolean"}}
                    ],
                    "requestBody": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/New"}}
                        }
                    },
                    "responses": {
                        "200": {
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Thing"}
                                }
                            }
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Status": {"type": "string", "enum": ["PENDING", "DONE"]},
                "New": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string", "maxLength": 50},
                        "size": {"type": "integer"},
                    },
                },
                "Thing": {
                    "type": "object",
                    "required": ["id", "status"],
                    "properties": {
                        "id": {"type": "string"},
                        "status": {"$ref": "#/components/schemas/Status"},
                        "note": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                    },
                },
            }
        },
    }


def changed(edit: Any) -> list[Any]:
    old = base()
    new = copy.deepcopy(old)
    edit(new)
    return diff({"x.yaml": old}, {"x.yaml": new})


def schemas(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["components"]["schemas"]


def operation(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["paths"]["/things"]["post"]


BREAKING = {
    "removed response field": lambda d: schemas(d)["Thing"]["properties"].pop("note"),
    "new required request field": lambda d: (
        schemas(d)["New"]["properties"].update(color={"type": "string"}),
        schemas(d)["New"]["required"].append("color"),
    ),
    "existing request field now required": lambda d: schemas(d)["New"]["required"].append("size"),
    "narrowed request type": lambda d: schemas(d)["New"]["properties"]["size"].update(
        type="string"
    ),
    "lowered maxLength": lambda d: schemas(d)["New"]["properties"]["name"].update(maxLength=10),
    "removed enum value": lambda d: schemas(d)["Status"]["enum"].remove("PENDING"),
    "removed operation": lambda d: d["paths"].pop("/things"),
    "new required parameter": lambda d: operation(d)["parameters"].append(
        {"name": "mode", "in": "query", "required": True, "schema": {"type": "string"}}
    ),
    "removed parameter": lambda d: operation(d)["parameters"].clear(),
    "response field no longer always present": lambda d: schemas(d)["Thing"]["required"].remove(
        "status"
    ),
    "nullable response field": lambda d: schemas(d)["Thing"]["properties"]["id"].update(
        type=["string", "null"]
    ),
}

NOT_BREAKING = {
    "added enum value": lambda d: schemas(d)["Status"]["enum"].append("PAUSED"),
    "added optional request field": lambda d: schemas(d)["New"]["properties"].update(
        color={"type": "string"}
    ),
    "added response field": lambda d: schemas(d)["Thing"]["properties"].update(
        eta={"type": "number"}
    ),
    "added operation": lambda d: d["paths"].update({"/other": {"get": {"operationId": "o"}}}),
    "added optional parameter": lambda d: operation(d)["parameters"].append(
        {"name": "verbose", "in": "query", "schema": {"type": "boolean"}}
    ),
    "widened request type": lambda d: schemas(d)["New"]["properties"]["size"].update(
        type=["integer", "string"]
    ),
    "raised maxLength": lambda d: schemas(d)["New"]["properties"]["name"].update(maxLength=99),
    "description only": lambda d: schemas(d)["Thing"].update(description="A thing."),
}


@pytest.mark.parametrize("case", sorted(BREAKING))
def test_breaking_changes_are_reported_as_breaking(case: str) -> None:
    changes = changed(BREAKING[case])
    assert changes, case
    assert any(c.breaking for c in changes), changes


@pytest.mark.parametrize("case", sorted(NOT_BREAKING))
def test_compatible_changes_are_reported_but_not_breaking(case: str) -> None:
    changes = changed(NOT_BREAKING[case])
    assert not any(c.breaking for c in changes), changes
    if case != "description only":
        assert changes, case


def test_a_change_names_where_it_is() -> None:
    (change,) = changed(BREAKING["removed enum value"])
    assert change.where == "x.yaml POST /things response 200.status enum"
    assert "PENDING" in change.detail


def test_the_real_documents_against_themselves_change_nothing() -> None:
    docs = load_tree(ROOT)
    assert set(docs) == {"core.yaml", "account.yaml", "auth.yaml"}
    assert diff(docs, copy.deepcopy(docs)) == []


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of openapi/, committed once."""
    shutil.copytree(ROOT / "openapi", tmp_path / "openapi")
    env = ["-c", "user.email=t@example.com", "-c", "user.name=t"]
    for command in (["init", "-q"], ["add", "openapi"], [*env, "commit", "-qm", "documents"]):
        subprocess.run(["git", *command], cwd=tmp_path, check=True, capture_output=True)
    return tmp_path


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args, "--root", str(repo)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_command_exits_0_1_and_2(repo: Path) -> None:
    unchanged = run(repo, "HEAD")
    assert unchanged.returncode == 0, unchanged.stderr
    assert "0 changes, 0 breaking" in unchanged.stdout

    core = repo / "openapi" / "core.yaml"
    doc = yaml.safe_load(core.read_text())
    doc["components"]["schemas"]["BatchStatus"]["enum"].append("PAUSED")
    core.write_text(yaml.safe_dump(doc, sort_keys=False))
    added = run(repo, "HEAD")
    assert added.returncode == 0, added.stdout
    assert "PAUSED" in added.stdout

    doc["components"]["schemas"]["Batch"]["properties"].pop("tags")
    core.write_text(yaml.safe_dump(doc, sort_keys=False))
    removed = run(repo, "HEAD")
    assert removed.returncode == 1
    assert "BREAKING" in removed.stdout
    assert ".tags" in removed.stdout

    unknown = run(repo, "no-such-ref")
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == "api-diff: unknown git ref 'no-such-ref'"

    core.write_text("openapi: [unclosed")
    invalid = run(repo, "HEAD")
    assert invalid.returncode == 2
    assert "core.yaml is not valid YAML" in invalid.stderr
    assert "Traceback" not in invalid.stderr
