"""Shared helpers for the contract tests: the documents, their operations, the fixtures."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
OPENAPI = ROOT / "openapi"
# A copy of the real service's reference (API.md and recorded responses), kept in the repository
# so that a fresh clone tests with nothing beside it.
REFERENCE = Path(__file__).resolve().parent / "reference"
FIXTURES = REFERENCE / "fixtures"

# Fixture folders (the first segment of the recorded path) and the document serving them.
SERVICES = {"core-fast": "core.yaml", "account": "account.yaml"}
PACKAGES = {"core.yaml": "pasqal_core_client", "account.yaml": "pasqal_account_client"}
METHODS = ("get", "put", "post", "patch", "delete")


@cache
def document(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((OPENAPI / name).read_text())
    return loaded


@dataclass(frozen=True)
class Operation:
    document: str
    path: str
    method: str
    spec: dict[str, Any]

    @property
    def operation_id(self) -> str:
        return str(self.spec["operationId"])


def operations(name: str) -> Iterator[Operation]:
    for path, item in document(name)["paths"].items():
        for method in METHODS:
            if method in item:
                yield Operation(name, path, method, item[method])


def all_operations() -> list[Operation]:
    return [op for name in ("core.yaml", "account.yaml", "auth.yaml") for op in operations(name)]


def _template_regex(path: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)))


def find_operation(name: str, path: str, method: str) -> Operation | None:
    """The operation of document `name` whose path template matches a concrete path."""
    for op in operations(name):
        if op.method == method and _template_regex(op.path).fullmatch(path):
            return op
    return None


def schema_validator_input(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """A standalone JSON Schema: `schema` with the document's components beside it for $refs."""
    return {**schema, "components": document(name)["components"]}


def json_schema_of(name: str, op: Operation, status: str = "200") -> dict[str, Any]:
    response = op.spec["responses"][status]
    if "$ref" in response:
        response = document(name)["components"]["responses"][response["$ref"].split("/")[-1]]
    return schema_validator_input(name, response["content"]["application/json"]["schema"])


@dataclass(frozen=True)
class Fixture:
    """One recorded response: `kind` is `body`, `headers` or `download`."""

    file: Path
    document: str
    path: str
    method: str
    kind: str

    @property
    def id(self) -> str:
        return str(self.file.relative_to(FIXTURES))

    def load(self) -> Any:
        return json.loads(self.file.read_text())


def fixtures() -> list[Fixture]:
    found = []
    for file in sorted(FIXTURES.rglob("*.json")):
        service, *segments, name = file.relative_to(FIXTURES).parts
        path = "/" + "/".join(segments)
        if name == "result.json":
            # What a results link points to, stored beside the link's own response.
            found.append(Fixture(file, SERVICES[service], path, "get", "download"))
            continue
        match = re.fullmatch(r"_\.([A-Z]+)(_headers)?\.json", name)
        assert match, f"unexpected fixture name {file}"
        kind = "headers" if match.group(2) else "body"
        found.append(Fixture(file, SERVICES[service], path, match.group(1).lower(), kind))
    return found
