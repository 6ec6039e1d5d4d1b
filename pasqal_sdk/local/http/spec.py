"""The local cloud's one request validator, driven by the same OpenAPI documents as the clients.

Path parameters, query parameters and bodies are checked against their operation's schemas in
`openapi/` (JSON Schema 2020-12, as OpenAPI 3.1 uses), so the server accepts exactly what the
documents allow; handlers then keep only the rules a schema can't say. A refusal is a 422 (400
for a body that can't be parsed) naming the field path, what was expected and what was received.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections.abc import Callable, Mapping
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import yaml
from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError, best_match
from starlette.requests import Request

from pasqal_sdk.local.http.bodies import check_list_sizes, parse_json, read_body
from pasqal_sdk.local.service.answers import ApiError
from pasqal_sdk.local.service.queries import instant

__all__ = ["DOCUMENTS", "Checked", "Operation", "document", "find", "operation"]

DOCUMENTS = ("core.yaml", "account.yaml", "auth.yaml")
METHODS = ("get", "put", "post", "patch", "delete")
# The `x-server` name of the local cloud in the documents' `servers`, as `x-honoured-by` names it.
LOCAL_SERVER = "local-cloud"
# Headers the body reader decodes itself (and names in its own 400 when unknown).
_READ_WITH_BODY = frozenset({("header", "Content-Encoding")})
# JSON Schema counts 10.0 as an integer; the service (and Python's models) don't.
_STRICT_TYPES = Draft202012Validator.TYPE_CHECKER.redefine(
    "integer", lambda _checker, value: isinstance(value, int) and not isinstance(value, bool)
)
_Validator: Any = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, type_checker=_STRICT_TYPES
)
_JSON = "application/json"
_FORM = "application/x-www-form-urlencoded"


def _document_text(name: str) -> str:
    """A document as shipped in the wheel (`_openapi/`), or from the repository's `openapi/`."""
    packaged = resources.files("pasqal_sdk.local").joinpath("_openapi").joinpath(name)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return (Path(__file__).resolve().parents[3] / "openapi" / name).read_text(encoding="utf-8")


@cache
def document(name: str) -> dict[str, Any]:
    """One OpenAPI document, parsed once."""
    loaded: dict[str, Any] = yaml.safe_load(_document_text(name))
    return loaded


# The formats the documents use that say something to check (`password` only annotates).
_FORMATS = FormatChecker(formats=())
_FORMATS.checks("date-time")(lambda value: not isinstance(value, str) or instant(value) is not None)


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
_SIGNS = {"minimum": ">=", "exclusiveMinimum": ">", "maximum": "<=", "exclusiveMaximum": "<"}


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
    kind = str(error.validator)
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
    elif kind in _SIGNS:
        what = f"expected a number {_SIGNS[kind]} {rule}, {got}."
    elif kind == "minItems":
        count = "one item" if rule == 1 else f"{rule} items"
        what = f"expected at least {count}, {got}."
    elif kind == "format":
        what = f"expected a {rule} (ISO 8601, e.g. 2024-01-31T12:00:00Z), {got}."
    elif kind in ("maxItems", "minLength", "maxLength"):
        what = f"{error.message} ({kind} {rule})."
    else:
        what = f"{error.message}; {got}."
    return ApiError(422, f"{field}: {what}", {"field": field, "rule": kind})


def _target(name: str, ref: str) -> Any:
    """What the local reference `ref` (`#/components/...`) names in document `name`."""
    target: Any = document(name)
    for part in ref.lstrip("#/").split("/"):
        target = target[part]
    return target


def _resolved(name: str, node: dict[str, Any]) -> dict[str, Any]:
    """`node` with a local `$ref` followed (parameters and parameter schemas)."""
    while "$ref" in node:
        node = _target(name, node["$ref"])
    return node


# Keywords whose values are data, not schemas: no `$ref` in them is followed.
_DATA_KEYWORDS = frozenset({"enum", "const", "default", "example", "examples"})


def _inlined(name: str, node: Any, following: tuple[str, ...] = ()) -> Any:
    """`node` (a schema of document `name`) with its local `$ref`s replaced by what they name,
    recursively; a reference inside what it names (recursion) is left as it is. A `$ref` beside
    other keywords becomes `allOf: [target]` beside them, as JSON Schema 2020-12 reads it."""
    if isinstance(node, list):
        return [_inlined(name, item, following) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/") and ref not in following:
        resolved = _inlined(name, _target(name, ref), (*following, ref))
        rest = {
            key: _inlined(name, value, following) for key, value in node.items() if key != "$ref"
        }
        return {"allOf": [resolved], **rest} if rest else resolved
    return {
        key: value if key in _DATA_KEYWORDS else _inlined(name, value, following)
        for key, value in node.items()
    }


_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")


def _scalar(text: str, schema: dict[str, Any]) -> Any:
    """A parameter's text as the JSON value its schema's type describes; left a string (which
    the schema then refuses, naming the type) when it isn't one."""
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "integer" in kinds and _INTEGER.fullmatch(text):
        return int(text)
    if "number" in kinds and _NUMBER.fullmatch(text) and math.isfinite(float(text)):
        return float(text)
    if "boolean" in kinds and text.lower() in ("true", "false"):
        return text.lower() == "true"
    return text


def _checked(check: Callable[[Any], Any], value: Any, prefix: str) -> Any:
    """`value` if the validator `check` allows it, else the 422 naming the first problem."""
    error = best_match(check(value))
    if error is not None:
        raise _refusal(prefix, error)
    return value


@dataclasses.dataclass(frozen=True)
class Checked:
    """A request its operation's document allows: typed path and query values, the body."""

    path: dict[str, Any]
    query: dict[str, Any]
    body: Any = None
    headers: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Received:
    """A request whose head its operation's document allows, and its body's bytes unparsed."""

    path: dict[str, Any]
    query: dict[str, Any]
    headers: dict[str, Any]
    media: str
    raw: bytes


@dataclasses.dataclass(frozen=True, eq=False)
class Operation:
    """One operation of the documents and the validators of its request."""

    document: str
    path: str
    method: str
    spec: dict[str, Any]
    # The path item's own `parameters`, shared by its operations.
    shared: tuple[dict[str, Any], ...] = ()

    def _validator(self, schema: dict[str, Any]) -> Callable[[Any], Any]:
        # The local `$ref`s inlined (the same schema, checked twice as fast: jsonschema resolves
        # a reference per item of a list); `components` stays for the recursive ones.
        root = {
            **_inlined(self.document, schema),
            "components": document(self.document).get("components", {}),
        }
        return _Validator(root, format_checker=_FORMATS).iter_errors  # type: ignore[no-any-return]

    @cached_property
    def secured(self) -> bool:
        """Whether the operation needs an access token (its `security`, else the document's)."""
        return bool(self.spec.get("security", document(self.document).get("security", [])))

    @cached_property
    def honours_idempotency_key(self) -> bool:
        """Whether the documents declare `Idempotency-Key` on it as honoured by the local cloud."""
        found = self._parameters.get(("header", "Idempotency-Key"))
        return found is not None and LOCAL_SERVER in found[0].get("x-honoured-by", [])

    @cached_property
    def _parameters(self) -> dict[tuple[str, str], tuple[dict[str, Any], dict[str, Any], Any]]:
        """(in, name) to the parameter, its schema and the schema's validator; the operation's
        own override the path item's."""
        found = {}
        for node in (*self.shared, *self.spec.get("parameters", [])):
            parameter = _resolved(self.document, node)
            schema = _resolved(self.document, parameter.get("schema", {}))
            found[parameter["in"], parameter["name"]] = (parameter, schema, self._validator(schema))
        return found

    @cached_property
    def _media(self) -> dict[str, Callable[[Any], Any]]:
        """The request body's media types and their schemas' validators."""
        content = self.spec.get("requestBody", {}).get("content", {})
        return {media: self._validator(value["schema"]) for media, value in content.items()}

    def check_body(self, body: Any, prefix: str = "", media: str = _JSON) -> Any:
        """`body` if the operation's schema allows it, else the 422 naming the first problem."""
        check = self._media.get(media)
        return body if check is None else _checked(check, body, prefix)

    def check_parameters(self, where: str, values: Callable[[str], list[str]]) -> dict[str, Any]:
        """The `where` ("path" or "query") parameters the operation declares, typed from the
        texts `values(name)` gives and checked against their schemas (defaults filled in)."""
        checked: dict[str, Any] = {}
        for (place, name), (parameter, schema, check) in self._parameters.items():
            if place != where or (place, name) in _READ_WITH_BODY:
                continue
            raw = values(name)
            if not raw:
                if parameter.get("required"):
                    raise ApiError(
                        422,
                        f"{name}: the {where} parameter is required.",
                        {"field": name, "rule": "required"},
                    )
                if "default" in schema:
                    checked[name] = schema["default"]
                continue
            if schema.get("type") == "array":
                items = _resolved(self.document, schema.get("items", {}))
                value: Any = [_scalar(text, items) for text in raw]
            elif len(raw) > 1:
                raise ApiError(
                    422,
                    f"{name}: the {where} parameter takes one value, given once; got {len(raw)}.",
                    {"field": name, "rule": "single"},
                )
            else:
                value = _scalar(raw[0], schema)
            checked[name] = _checked(check, value, name)
        return checked

    def _media_type(self, request: Request) -> str:
        """The declared media type the request's Content-Type names (`application/*+json` is
        JSON; no header is the only declared type, or JSON: JSON clients don't all send one),
        else a 415 naming those the operation takes."""
        sent = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if sent in self._media:
            return sent
        if not sent and len(self._media) == 1:
            return next(iter(self._media))
        if (not sent or (sent.startswith("application/") and sent.endswith("+json"))) and (
            _JSON in self._media
        ):
            return _JSON
        raise ApiError(
            415,
            f"Content-Type must be one of {sorted(self._media)}, not {sent or 'absent'!r}.",
            {"content_type": sent, "accepted": sorted(self._media)},
        )

    def _parse_and_check(self, raw: bytes, media: str, max_items: int = 0) -> Any:
        if media == _FORM:
            try:
                body: Any = dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
            except UnicodeDecodeError as error:
                raise ApiError(400, f"The form body is not valid UTF-8: {error}") from error
        else:
            body = parse_json(raw)
            check_list_sizes(body, max_items)
        return self.check_body(body, media=media)

    def _check_head(
        self, request: Request
    ) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
        path = self.check_parameters("path", lambda name: _one(request.path_params, name))
        query = self.check_parameters("query", request.query_params.getlist)
        headers = self.check_parameters("header", request.headers.getlist)
        return path, query, headers

    def check_bodiless(self, request: Request) -> Checked:
        """`check` for an operation that takes no body: its path, query and header values."""
        path, query, headers = self._check_head(request)
        return Checked(path, query, headers=headers)

    async def receive(self, request: Request, limit: int) -> Received:
        """The request's path, query and header values checked, and its body read (within
        `limit` bytes) but not yet parsed: `checked` parses and checks it, off the event loop."""
        path, query, headers = self._check_head(request)
        media = self._media_type(request) if self._media else _JSON
        raw = await read_body(request, limit) if self._media else b""
        return Received(path, query, headers, media, raw)

    def checked(self, received: Received, max_items: int = 0) -> Checked:
        """A received request with its body parsed and checked against the document (no list
        over `max_items`): the 422 naming the first problem, else the values."""
        body = (
            self._parse_and_check(received.raw, received.media, max_items) if self._media else None
        )
        return Checked(received.path, received.query, body, received.headers)


def _one(values: Mapping[str, Any], name: str) -> list[str]:
    return [str(values[name])] if name in values else []


@cache
def _operations() -> dict[str, Operation]:
    found: dict[str, Operation] = {}
    for name in DOCUMENTS:
        for path, item in document(name).get("paths", {}).items():
            shared = tuple(item.get("parameters", []))
            for method in METHODS:
                if method in item:
                    spec = item[method]
                    found[spec["operationId"]] = Operation(name, path, method, spec, shared)
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
