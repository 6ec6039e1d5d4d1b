"""The local cloud's one request validator, driven by the same OpenAPI documents as the clients.

Request bodies and query parameters are checked against their operation's schema in `openapi/`
(JSON Schema 2020-12, as OpenAPI 3.1 uses), so the server accepts exactly what the documents
allow; handlers then keep only the rules a schema can't say. A refusal is a 422 (400 for a body
that isn't JSON) naming the field path, what was expected and what was received.
"""

from __future__ import annotations

import dataclasses
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError, best_match
from starlette.requests import Request

from pasqal_sdk.local._http import ApiError, read_json

__all__ = ["DOCUMENTS", "Operation", "document", "find", "operation"]

DOCUMENTS = ("core.yaml", "account.yaml", "auth.yaml")
METHODS = ("get", "put", "post", "patch", "delete")
# JSON Schema counts 10.0 as an integer; the service (and Python's models) don't.
_STRICT_TYPES = Draft202012Validator.TYPE_CHECKER.redefine(
    "integer", lambda _checker, value: isinstance(value, int) and not isinstance(value, bool)
)
_Validator: Any = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, type_checker=_STRICT_TYPES
)
# Large bodies are checked off the event loop (see `Operation.body`).
_THREAD_ABOVE_BYTES = 256 * 1024


def _document_text(name: str) -> str:
    """A document as shipped in the wheel (`_openapi/`), or from the repository's `openapi/`."""
    packaged = resources.files("pasqal_sdk.local").joinpath("_openapi").joinpath(name)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return (Path(__file__).resolve().parents[2] / "openapi" / name).read_text(encoding="utf-8")


@cache
def document(name: str) -> dict[str, Any]:
    """One OpenAPI document, parsed once."""
    loaded: dict[str, Any] = yaml.safe_load(_document_text(name))
    return loaded


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _shown(value: Any) -> str:
    text = json.dumps(value, default=str, ensure_ascii=True)
    return text if len(text) <= 60 else text[:57] + "..."


_NAMES = {
    "object": "a JSON object",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "null": "null",
}


def _path(prefix: str, error: ValidationError) -> str:
    where = prefix or (
        "body" if error.absolute_path and isinstance(error.absolute_path[0], int) else ""
    )
    for part in error.absolute_path:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    return where or "body"


def _refusal(prefix: str, error: ValidationError) -> ApiError:
    """The 422 for one schema error: the field path, what was expected, what was received."""
    while error.validator in ("anyOf", "oneOf") and error.context:
        # A nullable field: the reason is in the branch that isn't `{type: null}`.
        branches = [e for e in error.context if e.validator_value != "null"]
        if not branches:
            break
        error = best_match(branches) or branches[0]
    field = _path(prefix, error)
    got = f"got {_json_type(error.instance)} {_shown(error.instance)}"
    kind = error.validator
    rule: Any = error.validator_value
    if kind == "required":
        present = error.instance if isinstance(error.instance, dict) else {}
        missing = next((k for k in rule if k not in present), "a field")
        what = f"missing the required field {missing!r}."
    elif kind == "type":
        names = rule if isinstance(rule, list) else [rule]
        what = f"expected {' or '.join(_NAMES.get(str(n), str(n)) for n in names)}, {got}."
    elif kind == "enum":
        what = f"expected one of {list(rule)}, {got}."
    elif kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        sign = {"minimum": ">=", "exclusiveMinimum": ">", "maximum": "<=", "exclusiveMaximum": "<"}
        what = f"expected a number {sign[str(kind)]} {rule}, {got}."
    elif kind == "minItems":
        count = "one item" if rule == 1 else f"{rule} items"
        what = f"expected at least {count}, {got}."
    elif kind in ("maxItems", "minLength", "maxLength"):
        what = f"{error.message} ({kind} {rule})."
    else:
        what = f"{error.message}; {got}."
    return ApiError(422, f"{field}: {what}", {"field": field})


@dataclasses.dataclass(frozen=True, eq=False)
class Operation:
    """One operation of the documents and the validators of its request."""

    document: str
    path: str
    method: str
    spec: dict[str, Any]

    def _validator(self, schema: dict[str, Any]) -> Any:
        root = {**schema, "components": document(self.document).get("components", {})}
        return _Validator(root)

    @property
    def _body_validator(self) -> Any:
        content = self.spec.get("requestBody", {}).get("content", {})
        media = content.get("application/json")
        return None if media is None else _validators(self, "body", json.dumps(media["schema"]))

    def check_body(self, body: Any, prefix: str = "") -> Any:
        """`body` if the operation's schema allows it, else the 422 naming the first problem."""
        validator = self._body_validator
        if validator is not None:
            error = best_match(validator.iter_errors(body))
            if error is not None:
                raise _refusal(prefix, error)
        return body

    async def body(self, request: Request, limit: int) -> Any:
        """The request's JSON body, read within `limit` bytes and checked against the schema."""
        from starlette.concurrency import run_in_threadpool

        body = await read_json(request, limit)
        if int(request.headers.get("content-length") or 0) > _THREAD_ABOVE_BYTES:
            return await run_in_threadpool(self.check_body, body)
        return self.check_body(body)

    def check_query(self, request: Request) -> dict[str, Any]:
        """The query parameters the operation declares, typed and checked against their schemas."""
        declared = {
            p["name"]: p
            for p in (_resolved(self.document, p) for p in self.spec.get("parameters", []))
            if p.get("in") == "query"
        }
        values: dict[str, Any] = {}
        for name, parameter in declared.items():
            raw = request.query_params.getlist(name)
            if not raw:
                if parameter.get("required"):
                    raise ApiError(422, f"{name}: is required.", {"field": name})
                continue
            schema = _resolved(self.document, parameter.get("schema", {}))
            value = _from_query(raw, schema)
            validator = _validators(self, f"query:{name}", json.dumps(schema))
            error = best_match(validator.iter_errors(value))
            if error is not None:
                raise _refusal(name, error)
            values[name] = value
        return values


def _resolved(name: str, node: dict[str, Any]) -> dict[str, Any]:
    """`node` with a local `$ref` followed (parameters and parameter schemas)."""
    while "$ref" in node:
        target: Any = document(name)
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def _from_query(raw: list[str], schema: dict[str, Any]) -> Any:
    """Query strings as the JSON values their schema describes (numbers, booleans, lists)."""
    types = schema.get("type")
    if types == "array":
        item = schema.get("items", {})
        return [_scalar(v, item.get("type")) for v in raw]
    return _scalar(raw[-1], types)


def _scalar(text: str, kind: Any) -> Any:
    kinds = kind if isinstance(kind, list) else [kind]
    if "integer" in kinds:
        try:
            return int(text)
        except ValueError:
            return text
    if "number" in kinds:
        try:
            return float(text)
        except ValueError:
            return text
    if "boolean" in kinds and text.lower() in ("true", "false"):
        return text.lower() == "true"
    return text


@cache
def _validators(op: Operation, key: str, schema: str) -> Any:
    del key  # part of the cache key only
    return op._validator(json.loads(schema))


@cache
def _operations() -> dict[str, Operation]:
    found: dict[str, Operation] = {}
    for name in DOCUMENTS:
        for path, item in document(name).get("paths", {}).items():
            for method in METHODS:
                if method in item:
                    spec = item[method]
                    found[spec["operationId"]] = Operation(name, path, method, spec)
    return found


def operation(operation_id: str) -> Operation:
    """The operation of that id in the documents (a KeyError names an id that isn't there)."""
    return _operations()[operation_id]


def find(name: str, path: str, method: str) -> Operation:
    """The operation of document `name` at a path template and method (a route's own)."""
    for op in _operations().values():
        if op.document == name and op.path == path and op.method == method.lower():
            return op
    raise LookupError(f"{method} {path} is not an operation of {name}")
