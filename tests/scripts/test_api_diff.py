"""`make api-diff`: pairs of documents classified breaking or not, and the command's exit codes."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.api_diff import Change, diff, load, tree_reader

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "api_diff.py"
OP = "x.yaml POST /things/{thing_id}"


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def json_body(schema: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {**extra, "content": {"application/json": {"schema": schema}}}


def base() -> dict[str, Any]:
    """A small document shaped like openapi/core.yaml: parameters and responses by `$ref`, an
    `allOf` envelope, nullable fields as `anyOf [X, {type: null}]` and `type: [X, "null"]`."""
    return {
        "openapi": "3.1.0",
        "paths": {
            "/things/{thing_id}": {
                "post": {
                    "operationId": "update_thing",
                    "parameters": [
                        {"$ref": "#/components/parameters/ThingId"},
                        {"name": "dry_run", "in": "query", "schema": {"type": "boolean"}},
                        {
                            "name": "mode",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                    ],
                    "requestBody": json_body(ref("Update")),
                    "responses": {
                        "200": json_body(ref("ThingResponse"), description="The thing."),
                        "404": {"$ref": "#/components/responses/NotFound"},
                    },
                }
            }
        },
        "components": {
            "parameters": {
                "ThingId": {
                    "name": "thing_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string"},
                }
            },
            "responses": {"NotFound": json_body(ref("Envelope"), description="No such thing.")},
            "schemas": {
                "Status": {"type": "string", "enum": ["PENDING", "DONE"]},
                "Color": {"type": "string", "enum": ["RED", "BLUE"]},
                "Envelope": {
                    "type": "object",
                    "required": ["message"],
                    "properties": {"message": {"type": "string"}},
                },
                "Update": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string", "maxLength": 50},
                        "size": {"type": "integer", "minimum": 0},
                        "color": ref("Color"),
                        "label": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                        "parts": {"type": "array", "items": ref("Part")},
                    },
                },
                "Part": {
                    "type": "object",
                    "properties": {"weight": {"type": "number"}, "count": {"type": "integer"}},
                },
                "Thing": {
                    "type": "object",
                    "required": ["id", "status"],
                    "properties": {
                        "id": {"type": "string"},
                        "status": ref("Status"),
                        "note": {"type": ["string", "null"]},
                        "parts": {"type": "array", "items": ref("Part")},
                    },
                },
                "ThingResponse": {
                    "allOf": [
                        ref("Envelope"),
                        {
                            "type": "object",
                            "required": ["data"],
                            "properties": {"data": ref("Thing")},
                        },
                    ]
                },
            },
        },
    }


def changed(edit: Callable[[dict[str, Any]], object]) -> list[Change]:
    old = base()
    new = copy.deepcopy(old)
    edit(new)
    return diff({"x.yaml": old}, {"x.yaml": new})


def schemas(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["components"]["schemas"]


def props(doc: dict[str, Any], schema: str) -> dict[str, Any]:
    return schemas(doc)[schema]["properties"]


def operation(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["paths"]["/things/{thing_id}"]["post"]


def param(doc: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in operation(doc)["parameters"] if p.get("name") == name)


# Each case: the edit, where the change is reported (after OP unless it names its document), and
# what it says.
Case = tuple[Callable[[dict[str, Any]], object], str, str]
BREAKING: dict[str, Case] = {
    "removed response field": (
        lambda d: props(d, "Thing").pop("note"),
        " response 200: data.note",
        "field",
    ),
    "removed field of a nested component": (
        lambda d: props(d, "Part").pop("weight"),
        " response 200: data.parts[].weight",
        "field",
    ),
    "new required request field": (
        lambda d: (
            props(d, "Update").update(shape={"type": "string"}),
            schemas(d)["Update"]["required"].append("shape"),
        ),
        " request body: shape",
        "required field",
    ),
    "request field now required": (
        lambda d: schemas(d)["Update"]["required"].append("size"),
        " request body: size",
        "now required",
    ),
    "narrowed request type": (
        lambda d: props(d, "Update")["size"].update(type="string"),
        " request body: size",
        "type integer -> string",
    ),
    "integer for number in a request": (
        lambda d: props(d, "Part")["weight"].update(type="integer"),
        " request body: parts[].weight",
        "type number -> integer",
    ),
    "request field no longer nullable": (
        lambda d: props(d, "Update").update(label={"type": "string"}),
        " request body: label",
        "no longer nullable",
    ),
    "lowered maxLength": (
        lambda d: props(d, "Update")["name"].update(maxLength=10),
        " request body: name",
        "maxLength 50 -> 10",
    ),
    "raised minimum": (
        lambda d: props(d, "Update")["size"].update(minimum=1),
        " request body: size",
        "minimum 0 -> 1",
    ),
    "removed enum value of a response": (
        lambda d: schemas(d)["Status"]["enum"].remove("PENDING"),
        " response 200: data.status",
        "enum value 'PENDING'",
    ),
    "removed enum value of a request": (
        lambda d: schemas(d)["Color"]["enum"].remove("BLUE"),
        " request body: color",
        "enum value 'BLUE'",
    ),
    "removed operation": (lambda d: d["paths"].clear(), "", "operation"),
    "renamed operation": (
        lambda d: operation(d).update(operationId="edit_thing"),
        "",
        "operationId update_thing -> edit_thing",
    ),
    "new required parameter": (
        lambda d: operation(d)["parameters"].append(
            {"name": "limit", "in": "query", "required": True, "schema": {"type": "integer"}}
        ),
        " parameter limit (query)",
        "required parameter",
    ),
    "removed parameter": (
        lambda d: operation(d)["parameters"].remove(param(d, "dry_run")),
        " parameter dry_run (query)",
        "parameter",
    ),
    "parameter now required": (
        lambda d: param(d, "dry_run").update(required=True),
        " parameter dry_run (query)",
        "now required",
    ),
    "narrowed parameter type": (
        lambda d: param(d, "mode").update(schema={"type": "string", "enum": ["a", "b"]}),
        " parameter mode (query)",
        "now restricted to ['a', 'b']",
    ),
    "response field no longer always present": (
        lambda d: schemas(d)["Thing"]["required"].remove("status"),
        " response 200: data.status",
        "no longer always present",
    ),
    "nullable response field": (
        lambda d: props(d, "Thing")["id"].update(type=["string", "null"]),
        " response 200: data.id",
        "now nullable",
    ),
    "number for integer in a response": (
        lambda d: props(d, "Part")["count"].update(type="number"),
        " response 200: data.parts[].count",
        "type integer -> number",
    ),
    "new variant of a response": (
        lambda d: props(d, "Thing").update(status={"anyOf": [ref("Status"), ref("Color")]}),
        " response 200: data.status",
        "variant Color",
    ),
    "removed success response": (
        lambda d: operation(d)["responses"].pop("200"),
        " response 200",
        "response",
    ),
    "removed request media type": (
        lambda d: operation(d).update(
            requestBody={"content": {"application/x-www-form-urlencoded": {"schema": {}}}}
        ),
        " request body",
        "media type application/json",
    ),
    "request body now required": (
        lambda d: operation(d)["requestBody"].update(required=True),
        " request body",
        "now required",
    ),
    "removed field of an error response": (
        lambda d: props(d, "Envelope").pop("message"),
        " response 404: message",
        "field",
    ),
}

NOT_BREAKING: dict[str, Case] = {
    "added enum value of a response": (
        lambda d: schemas(d)["Status"]["enum"].append("PAUSED"),
        " response 200: data.status",
        "enum value 'PAUSED'",
    ),
    "added enum value of a request": (
        lambda d: schemas(d)["Color"]["enum"].append("GREEN"),
        " request body: color",
        "enum value 'GREEN'",
    ),
    "added optional request field": (
        lambda d: props(d, "Update").update(shape={"type": "string"}),
        " request body: shape",
        "optional field",
    ),
    "added response field": (
        lambda d: props(d, "Thing").update(eta={"type": "number"}),
        " response 200: data.eta",
        "optional field",
    ),
    "added required response field": (
        lambda d: (
            props(d, "Thing").update(eta={"type": "number"}),
            schemas(d)["Thing"]["required"].append("eta"),
        ),
        " response 200: data.eta",
        "required field",
    ),
    "added operation": (
        lambda d: d["paths"].update({"/other": {"get": {"operationId": "other"}}}),
        "x.yaml GET /other",
        "operation",
    ),
    "added optional parameter": (
        lambda d: operation(d)["parameters"].append(
            {"name": "verbose", "in": "query", "schema": {"type": "boolean"}}
        ),
        " parameter verbose (query)",
        "optional parameter",
    ),
    "parameter now optional": (
        lambda d: param(d, "mode").pop("required"),
        " parameter mode (query)",
        "now optional",
    ),
    "widened request type": (
        lambda d: props(d, "Update")["size"].update(type=["integer", "string"]),
        " request body: size",
        "type integer -> integer|string",
    ),
    "number for integer in a request": (
        lambda d: props(d, "Update")["size"].update(type="number"),
        " request body: size",
        "type integer -> number",
    ),
    "nullable request field": (
        lambda d: props(d, "Update")["name"].update(type=["string", "null"]),
        " request body: name",
        "now nullable",
    ),
    "raised maxLength": (
        lambda d: props(d, "Update")["name"].update(maxLength=99),
        " request body: name",
        "maxLength 50 -> 99",
    ),
    "request field now optional": (
        lambda d: schemas(d)["Update"]["required"].clear(),
        " request body: name",
        "now optional",
    ),
    "response field now always present": (
        lambda d: schemas(d)["Thing"]["required"].append("note"),
        " response 200: data.note",
        "now always present",
    ),
    "response field no longer nullable": (
        lambda d: props(d, "Thing")["note"].update(type="string"),
        " response 200: data.note",
        "no longer nullable",
    ),
    "description": (
        lambda d: props(d, "Thing")["id"].update(description="The thing's id."),
        " response 200: data.id",
        "description added",
    ),
    "added error response": (
        lambda d: operation(d)["responses"].update({"409": {"description": "Conflict."}}),
        " response 409",
        "response",
    ),
    "removed error response": (
        lambda d: operation(d)["responses"].pop("404"),
        " response 404",
        "response",
    ),
}


def assert_reported(changes: list[Change], case: Case, breaking: bool) -> None:
    _, where, detail = case
    location = where if where.startswith("x.yaml") else OP + where
    match = [c for c in changes if c.location == location and detail in c.detail]
    assert match, changes
    assert all(c.breaking is breaking for c in match), match


@pytest.mark.parametrize("name", sorted(BREAKING))
def test_breaking_changes_are_reported_as_breaking(name: str) -> None:
    changes = changed(BREAKING[name][0])
    assert_reported(changes, BREAKING[name], breaking=True)


@pytest.mark.parametrize("name", sorted(NOT_BREAKING))
def test_compatible_changes_are_reported_but_not_breaking(name: str) -> None:
    changes = changed(NOT_BREAKING[name][0])
    assert_reported(changes, NOT_BREAKING[name], breaking=False)
    assert not [c for c in changes if c.breaking]


def test_a_renamed_path_parameter_is_the_same_operation() -> None:
    def rename(d: dict[str, Any]) -> None:
        d["paths"]["/things/{id}"] = d["paths"].pop("/things/{thing_id}")
        d["components"]["parameters"]["ThingId"]["name"] = "id"

    changes = changed(rename)
    assert {(c.kind, c.location, c.breaking) for c in changes} == {
        ("removed", "x.yaml POST /things/{id} parameter thing_id (path)", True),
        ("added", "x.yaml POST /things/{id} parameter id (path)", True),
    }


def test_a_shared_description_edit_is_reported_once() -> None:
    changes = changed(lambda d: props(d, "Part")["weight"].update(description="In kg."))
    assert [(c.location, c.detail) for c in changes] == [
        (OP + " request body: parts[].weight", "description added")
    ]


def test_a_schema_within_itself_is_compared_once() -> None:
    old = base()
    props(old, "Part")["parts"] = {"type": "array", "items": ref("Part")}
    new = copy.deepcopy(old)
    props(new, "Part")["count"]["type"] = "string"
    changes = diff({"x.yaml": old}, {"x.yaml": new})
    assert [(c.location, c.breaking) for c in changes] == [
        (OP + " request body: parts[].count", True),
        (OP + " response 200: data.parts[].count", True),
    ]


def test_identical_documents_change_nothing() -> None:
    assert changed(lambda d: None) == []


def real_documents() -> dict[str, dict[str, Any]]:
    return load(tree_reader(ROOT), "working tree")


def test_the_real_documents_against_themselves_change_nothing() -> None:
    docs = real_documents()
    assert set(docs) == set(
        yaml.safe_load((ROOT / "openapi/generator.yaml").read_text())["documents"]
    )
    assert diff(docs, copy.deepcopy(docs)) == []


def test_the_worked_example_of_the_docs_breaks_nothing() -> None:
    """docs/regenerating.md: an optional `estimated_duration_s` on `Batch`."""
    old = real_documents()
    new = copy.deepcopy(old)
    new["core.yaml"]["components"]["schemas"]["Batch"]["properties"]["estimated_duration_s"] = {
        "type": "number",
        "description": "How long the batch is expected to run, in seconds.",
    }
    changes = diff(old, new)
    assert changes
    assert not [c for c in changes if c.breaking]
    assert {c.detail for c in changes} == {"optional field"}
    locations = {c.location for c in changes}
    assert "core.yaml GET /api/v2/batches/{batch_id} response 200: data.estimated_duration_s" in (
        locations
    )
    assert "core.yaml GET /api/v1/batches response 200: data[].estimated_duration_s" in locations


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of openapi/, committed once."""
    shutil.copytree(ROOT / "openapi", tmp_path / "openapi")
    identity = ["-c", "user.email=t@example.com", "-c", "user.name=t"]
    for command in (["init", "-q"], ["add", "openapi"], [*identity, "commit", "-qm", "documents"]):
        subprocess.run(["git", *command], cwd=tmp_path, check=True, capture_output=True)
    return tmp_path


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args, "--root", str(repo)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def edit_core(repo: Path, edit: Callable[[dict[str, Any]], object]) -> None:
    core = repo / "openapi" / "core.yaml"
    doc = yaml.safe_load(core.read_text())
    edit(doc)
    core.write_text(yaml.safe_dump(doc, sort_keys=False))


def test_the_command_exits_0_without_breaking_changes(repo: Path) -> None:
    unchanged = run(repo, "HEAD")
    assert (unchanged.returncode, unchanged.stderr) == (0, "")
    assert unchanged.stdout == "0 changes, 0 breaking (HEAD -> working tree)\n"

    edit_core(repo, lambda d: d["components"]["schemas"]["BatchStatus"]["enum"].append("PAUSED"))
    added = run(repo, "HEAD")
    assert added.returncode == 0, added.stdout
    lines = added.stdout.splitlines()
    assert all(line.startswith("ok ") for line in lines[:-1])
    assert "core.yaml GET /api/v2/batches/{batch_id} response 200: data.status" in added.stdout
    assert "enum value 'PAUSED'" in added.stdout
    assert lines[-1] == f"{len(lines) - 1} changes, 0 breaking (HEAD -> working tree)"


def test_the_command_exits_1_on_a_breaking_change(repo: Path) -> None:
    edit_core(repo, lambda d: d["components"]["schemas"]["Batch"]["properties"].pop("tags"))
    removed = run(repo, "HEAD")
    assert removed.returncode == 1
    assert (
        "BREAKING removed core.yaml GET /api/v2/batches/{batch_id} response 200: data.tags -- field"
        in removed.stdout.splitlines()
    )

    as_json = run(repo, "HEAD", "--json")
    assert as_json.returncode == 1
    changes = json.loads(as_json.stdout)
    assert changes
    assert all(c["breaking"] and c["detail"] == "field" for c in changes)
    assert set(changes[0]) == {"kind", "location", "breaking", "detail"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("openapi: [unclosed", "api-diff: working tree: core.yaml is not valid YAML (ParserError)"),
        (
            "title: not a document\n",
            "api-diff: working tree: core.yaml is not an OpenAPI 3 document",
        ),
        (
            "openapi: 3.1.0\npaths: [1]\n",
            "api-diff: working tree: core.yaml has no `paths` mapping",
        ),
    ],
)
def test_the_command_exits_2_on_an_invalid_document(repo: Path, text: str, message: str) -> None:
    (repo / "openapi" / "core.yaml").write_text(text)
    invalid = run(repo, "HEAD")
    assert (invalid.returncode, invalid.stdout) == (2, "")
    assert invalid.stderr == message + "\n"


def test_the_command_exits_2_on_an_unknown_ref(repo: Path) -> None:
    unknown = run(repo, "no-such-ref")
    assert (unknown.returncode, unknown.stdout) == (2, "")
    assert unknown.stderr == "api-diff: unknown git ref 'no-such-ref'\n"


def test_the_command_exits_2_outside_a_repository(tmp_path: Path) -> None:
    outside = run(tmp_path, "HEAD")
    assert outside.returncode == 2
    assert outside.stderr == f"api-diff: no git repository at {tmp_path}\n"
