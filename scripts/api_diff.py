"""Compare the API documents at a git ref with the working tree, and say what breaks callers.

Usage: python scripts/api_diff.py [OLD_REF] [--root DIR] [--json]

Prints every added, removed and changed operation, parameter, field and enum value of the
documents that `openapi/generator.yaml` lists, each marked BREAKING (existing callers may fail)
or ok, grouped breaking first, then a summary line. Exit code: 0 when nothing breaks, 1 when
something does, 2 when the ref or a document can't be read.

Direction matters. A request schema is what callers send: narrowing it (a new required field, a
type or enum value removed, a bound tightened) breaks them, widening it doesn't. A response schema
is what callers read: a field removed or no longer always present, or a value of a type it didn't
have (nullable, number for integer), breaks them; a new field or enum value doesn't, since the
generated models keep unknown fields and read unknown enum values tolerantly. A removed enum value
breaks both ways: callers may send it, and its generated member is gone.

The core, `diff(old_docs, new_docs)`, is a pure function on parsed documents; only `main` reads
git and files.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
METHODS = ("get", "put", "post", "patch", "delete", "head", "options", "trace")
# Bounds on what is sent: raising a lower one or lowering an upper one narrows a request.
LOWER = ("minimum", "exclusiveMinimum", "minLength", "minItems")
UPPER = ("maximum", "exclusiveMaximum", "maxLength", "maxItems")
# Formats that give the generated field a Python type of its own (datetime, date, UUID, File).
TYPED_FORMATS = {"date-time", "date", "uuid", "binary"}
MAX_DEPTH = 12  # recursive schemas: compare this deep, no deeper


class DocumentError(Exception):
    """A ref or a document that can't be read (exit code 2)."""


@dataclasses.dataclass(frozen=True)
class Change:
    """One difference: added, removed or changed; where; whether it breaks callers; what."""

    kind: str
    location: str
    breaking: bool
    detail: str


def _dict(node: Any) -> dict[str, Any]:
    return node if isinstance(node, dict) else {}


def _types(schema: dict[str, Any]) -> set[str]:
    kind = schema.get("type")
    return set(kind) if isinstance(kind, list) else {kind} if isinstance(kind, str) else set()


def _covers(kind: str, kinds: set[str]) -> bool:
    return kind in kinds or (kind == "integer" and "number" in kinds)


def _shown(kinds: set[str]) -> str:
    return "|".join(sorted(kinds)) or "any"


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Differ:
    """Walks two versions of one document side by side."""

    def __init__(self, name: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.name, self.old, self.new = name, old, new
        self.changes: list[Change] = []
        self.described: set[tuple[str, str]] = set()
        self.active: set[tuple[Any, Any, bool]] = set()  # the named schemas being compared

    def add(self, kind: str, location: str, breaking: bool, detail: str) -> None:
        self.changes.append(Change(kind, f"{self.name} {location}", breaking, detail))

    def note(self, location: str, key: str, old: Any, new: Any) -> None:
        """A change that breaks no caller (description, summary, default, deprecated)."""
        if old == new:
            return
        if key in ("description", "summary"):
            # One edit to a shared component shows up once, not once per operation using it.
            if (str(old), str(new)) in self.described:
                return
            self.described.add((str(old), str(new)))
            detail = f"{key} {'added' if old is None else 'removed' if new is None else 'changed'}"
        else:
            detail = f"{key} {old!r} -> {new!r}"
        self.add("changed", location, False, detail)

    @staticmethod
    def resolve(doc: dict[str, Any], node: Any) -> tuple[Any, str | None]:
        """`node` with local `$ref`s followed, and the name of the first component it named."""
        name, seen = None, 0
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and seen < 50:
            ref: str = node["$ref"]
            target: Any = doc
            for part in ref.removeprefix("#/").split("/"):
                target = _dict(target).get(part.replace("~1", "/").replace("~0", "~"))
            name, node, seen = name or ref.rsplit("/", 1)[-1], target, seen + 1
        return node, name

    def flat(self, doc: dict[str, Any], node: Any) -> dict[str, Any]:
        """A schema with refs followed, `allOf` merged, a nullable `anyOf`/`oneOf` folded in
        (`[X, {type: null}]` is X, nullable), and other unions kept as `_union` variants."""
        node, name = self.resolve(doc, node)
        node = _dict(node)
        out = {k: v for k, v in node.items() if k not in ("allOf", "anyOf", "oneOf")}
        if name:
            out["_name"] = name
        kinds = _types(out)
        for part in node.get("allOf") or []:
            sub = self.flat(doc, part)
            sub.pop("_name", None)
            out["properties"] = {**_dict(out.get("properties")), **_dict(sub.get("properties"))}
            out["required"] = [*(out.get("required") or []), *(sub.get("required") or [])]
            kinds |= _types(sub)
            for key, value in sub.items():
                out.setdefault(key, value)
        for key in ("anyOf", "oneOf"):
            branches = [self.flat(doc, branch) for branch in node.get(key) or []]
            real = [branch for branch in branches if _types(branch) != {"null"}]
            if len(real) < len(branches):
                kinds.add("null")
            for branch in real:
                kinds |= _types(branch)
            if len(real) == 1:
                for sub_key, value in real[0].items():
                    out.setdefault(sub_key, value)
            elif real:
                out["_union"] = {b.get("_name") or f"#{i}": b for i, b in enumerate(real)}
        if out.get("nullable") is True and kinds:
            kinds.add("null")
        if not kinds and "properties" in out:
            kinds = {"object"}
        if not kinds and "items" in out:
            kinds = {"array"}
        out["type"] = sorted(kinds)
        if "const" in out and "enum" not in out:
            out["enum"] = [out["const"]]
        return out

    def schema(
        self, where: str, field: str, old: Any, new: Any, request: bool, depth: int = 0
    ) -> None:
        """Compare two schemas; `request` says whether callers send (True) or read (False) it."""
        a, b = self.flat(self.old, old), self.flat(self.new, new)
        pair = (a.get("_name"), b.get("_name"), request)
        if depth > MAX_DEPTH or (pair[0] and pair[1] and pair in self.active):
            return  # a schema within itself (a tree): compared once, at its first level
        self.active.add(pair)
        try:
            self.compare(where, field, a, b, request, depth)
        finally:
            self.active.discard(pair)

    def compare(
        self,
        where: str,
        field: str,
        a: dict[str, Any],
        b: dict[str, Any],
        request: bool,
        depth: int,
    ) -> None:
        at = f"{where}: {field}" if field else where
        self.note(at, "description", a.get("description"), b.get("description"))
        self.note(at, "default", a.get("default"), b.get("default"))
        self.note(at, "deprecated", a.get("deprecated"), b.get("deprecated"))
        ta, tb = _types(a), _types(b)
        if "_union" in a or "_union" in b:
            # The variants are compared one by one below; here only nullability.
            ta, tb = ta & {"null"}, tb & {"null"}
        if ta != tb:
            self.types(at, ta, tb, request)
        self.enums(at, a.get("enum"), b.get("enum"), request)
        self.constraints(at, a, b, request)
        if "_union" in a or "_union" in b:
            # Variants matched by name; a plain schema is a union of one.
            va = a.get("_union") or {a.get("_name") or "#0": a}
            vb = b.get("_union") or {b.get("_name") or "#0": b}
            for key in sorted(va.keys() - vb.keys(), key=str):
                self.add("removed", at, request, f"variant {key}")
            for key in sorted(vb.keys() - va.keys(), key=str):
                self.add("added", at, not request, f"variant {key}")
            for key in sorted(va.keys() & vb.keys()):
                self.schema(where, field, va[key], vb[key], request, depth + 1)
            return
        pa, pb = _dict(a.get("properties")), _dict(b.get("properties"))
        ra, rb = set(a.get("required") or []), set(b.get("required") or [])
        for prop in sorted(pa.keys() - pb.keys(), key=str):
            self.add("removed", f"{where}: {_join(field, prop)}", True, "field")
        for prop in sorted(pb.keys() - pa.keys(), key=str):
            required = prop in rb
            detail = "required field" if required else "optional field"
            self.add("added", f"{where}: {_join(field, prop)}", request and required, detail)
        for prop in sorted(pa.keys() & pb.keys()):
            path = _join(field, prop)
            if prop in rb - ra:
                detail = "now required" if request else "now always present"
                self.add("changed", f"{where}: {path}", request, detail)
            if prop in ra - rb:
                detail = "now optional" if request else "no longer always present"
                self.add("changed", f"{where}: {path}", not request, detail)
            self.schema(where, path, pa[prop], pb[prop], request, depth + 1)
        if "items" in a or "items" in b:
            items_a, items_b = a.get("items", {}), b.get("items", {})
            self.schema(where, f"{field}[]", items_a, items_b, request, depth + 1)
        xa, xb = a.get("additionalProperties"), b.get("additionalProperties")
        self.extras(where, field, xa, xb, request, depth)

    def types(self, at: str, ta: set[str], tb: set[str], request: bool) -> None:
        if not ta or not tb:  # one side takes any value
            breaking = not ta if request else not tb
        else:
            lost = {t for t in ta if not _covers(t, tb)}
            gained = {t for t in tb if not _covers(t, ta)}
            breaking = bool(lost) if request else bool(gained)
        if ta - {"null"} == tb - {"null"} and ta and tb:
            detail = "now nullable" if "null" in tb else "no longer nullable"
        else:
            detail = f"type {_shown(ta)} -> {_shown(tb)}"
        self.add("changed", at, breaking, detail)

    def enums(self, at: str, ea: Any, eb: Any, request: bool) -> None:
        if isinstance(ea, list) and isinstance(eb, list):
            keys_a = {json.dumps(v, sort_keys=True): v for v in ea}
            keys_b = {json.dumps(v, sort_keys=True): v for v in eb}
            for key in sorted(keys_a.keys() - keys_b.keys(), key=str):
                self.add("removed", at, True, f"enum value {keys_a[key]!r}")
            for key in sorted(keys_b.keys() - keys_a.keys(), key=str):
                self.add("added", at, False, f"enum value {keys_b[key]!r}")
        elif isinstance(eb, list):
            self.add("changed", at, request, f"now restricted to {eb!r}")
        elif isinstance(ea, list):
            self.add("changed", at, not request, "no longer restricted to an enum")

    def constraints(self, at: str, a: dict[str, Any], b: dict[str, Any], request: bool) -> None:
        for key in LOWER + UPPER:
            va, vb = a.get(key), b.get(key)
            if va == vb or not all(v is None or _number(v) for v in (va, vb)):
                continue
            narrower = vb is not None and (va is None or (vb > va if key in LOWER else vb < va))
            self.add("changed", at, request and narrower, f"{key} {va} -> {vb}")
        fa, fb = a.get("format"), b.get("format")
        if fa != fb:
            breaking = bool({fa, fb} & TYPED_FORMATS) or (request and fb is not None)
            self.add("changed", at, breaking, f"format {fa} -> {fb}")
        sa, sb = a.get("pattern"), b.get("pattern")
        if sa != sb:
            self.add("changed", at, request and sb is not None, f"pattern {sa!r} -> {sb!r}")

    def extras(self, where: str, field: str, xa: Any, xb: Any, request: bool, depth: int) -> None:
        """`additionalProperties`: a map's values, or whether unlisted fields are accepted."""
        at = f"{where}: {field}" if field else where
        if xb is False and xa is not False:
            self.add("changed", at, request, "unlisted fields no longer accepted")
        elif xa is False and xb is not False:
            self.add("changed", at, False, "unlisted fields now accepted")
        elif isinstance(xa, dict) or isinstance(xb, dict):
            self.schema(where, f"{field}{{}}", _dict(xa), _dict(xb), request, depth + 1)

    def operations(self) -> None:
        old_ops, new_ops = _operations(self.old), _operations(self.new)
        for key in sorted(old_ops.keys() - new_ops.keys(), key=str):
            self.add("removed", f"{key[0]} {old_ops[key][0]}", True, "operation")
        for key in sorted(new_ops.keys() - old_ops.keys(), key=str):
            self.add("added", f"{key[0]} {new_ops[key][0]}", False, "operation")
        for key in sorted(old_ops.keys() & new_ops.keys()):
            (_, old_item, old_op), (path, new_item, new_op) = old_ops[key], new_ops[key]
            where = f"{key[0]} {path}"
            id_a, id_b = old_op.get("operationId"), new_op.get("operationId")
            if id_a != id_b:
                self.add("changed", where, True, f"operationId {id_a} -> {id_b} (renamed function)")
            for note in ("summary", "description", "deprecated"):
                self.note(where, note, old_op.get(note), new_op.get(note))
            self.parameters(where, old_item, old_op, new_item, new_op)
            self.request_body(where, old_op.get("requestBody"), new_op.get("requestBody"))
            self.responses(where, _dict(old_op.get("responses")), _dict(new_op.get("responses")))

    def parameters(self, where: str, *sides: dict[str, Any]) -> None:
        pa = self.parameter_map(self.old, *sides[:2])
        pb = self.parameter_map(self.new, *sides[2:])
        for key in sorted(pa.keys() - pb.keys(), key=str):
            self.add("removed", f"{where} parameter {key[1]} ({key[0]})", True, "parameter")
        for key in sorted(pb.keys() - pa.keys(), key=str):
            required = pb[key].get("required") is True
            detail = "required parameter" if required else "optional parameter"
            self.add("added", f"{where} parameter {key[1]} ({key[0]})", required, detail)
        for key in sorted(pa.keys() & pb.keys()):
            at = f"{where} parameter {key[1]} ({key[0]})"
            was, now = pa[key].get("required") is True, pb[key].get("required") is True
            if was != now:
                self.add("changed", at, now, "now required" if now else "now optional")
            self.note(at, "description", pa[key].get("description"), pb[key].get("description"))
            self.schema(at, "", pa[key].get("schema"), pb[key].get("schema"), True)

    def parameter_map(
        self, doc: dict[str, Any], item: dict[str, Any], op: dict[str, Any]
    ) -> dict[tuple[str, str], dict[str, Any]]:
        found = {}
        for parameter in [*(item.get("parameters") or []), *(op.get("parameters") or [])]:
            resolved = _dict(self.resolve(doc, parameter)[0])
            found[(str(resolved.get("in", "?")), str(resolved.get("name", "?")))] = resolved
        return found

    def request_body(self, where: str, old: Any, new: Any) -> None:
        a, b = _dict(self.resolve(self.old, old)[0]), _dict(self.resolve(self.new, new)[0])
        at = f"{where} request body"
        if not a and not b:
            return
        if not a or not b:
            self.add("added" if b else "removed", at, not b or b.get("required") is True, "body")
            return
        was, now = a.get("required") is True, b.get("required") is True
        if was != now:
            self.add("changed", at, now, "now required" if now else "now optional")
        self.content(at, a, b, True)

    def responses(self, where: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        for status in sorted(old.keys() - new.keys(), key=str):
            breaking = str(status).startswith("2")
            self.add("removed", f"{where} response {status}", breaking, "response")
        for status in sorted(new.keys() - old.keys(), key=str):
            self.add("added", f"{where} response {status}", False, "response")
        for status in sorted(old.keys() & new.keys(), key=str):
            a = _dict(self.resolve(self.old, old[status])[0])
            b = _dict(self.resolve(self.new, new[status])[0])
            at = f"{where} response {status}"
            self.note(at, "description", a.get("description"), b.get("description"))
            self.content(at, a, b, False)

    def content(self, at: str, a: dict[str, Any], b: dict[str, Any], request: bool) -> None:
        """The bodies of a request or a response, media type by media type."""
        ca, cb = _dict(a.get("content")), _dict(b.get("content"))
        for media in sorted(ca.keys() - cb.keys(), key=str):
            self.add("removed", at, True, f"media type {media}")
        for media in sorted(cb.keys() - ca.keys(), key=str):
            self.add("added", at, False, f"media type {media}")
        for media in sorted(ca.keys() & cb.keys()):
            where = at if media == "application/json" else f"{at} ({media})"
            sa, sb = _dict(ca[media]).get("schema"), _dict(cb[media]).get("schema")
            self.schema(where, "", sa, sb, request)


def _join(field: str, prop: str) -> str:
    return f"{field}.{prop}" if field else prop


def _operations(doc: dict[str, Any]) -> dict[tuple[str, str], tuple[str, Any, Any]]:
    """(METHOD, path with its parameters unnamed) -> (path, path item, operation)."""
    return {
        (method.upper(), re.sub(r"\{[^}]*\}", "{}", str(path))): (str(path), item, item[method])
        for path, item in _dict(doc.get("paths")).items()
        for method in METHODS
        if isinstance(item, dict) and isinstance(item.get(method), dict)
    }


def diff(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> list[Change]:
    """Every change between two sets of parsed documents, keyed by file name."""
    changes: list[Change] = []
    for name in sorted(old.keys() | new.keys()):
        if name not in new:
            changes.append(Change("removed", name, True, "document"))
        elif name not in old:
            changes.append(Change("added", name, False, "document"))
        else:
            differ = _Differ(name, old[name], new[name])
            differ.operations()
            changes.extend(differ.changes)
    return changes


def report(changes: list[Change], against: str) -> str:
    """The text `make api-diff` prints: breaking changes first, then a summary line."""
    ordered = sorted(changes, key=lambda c: not c.breaking)  # stable: document order kept
    lines = [
        f"{'BREAKING' if c.breaking else 'ok':8} {c.kind:7} {c.location} -- {c.detail}"
        for c in ordered
    ]
    breaking = sum(c.breaking for c in changes)
    lines.append(f"{len(changes)} changes, {breaking} breaking ({against} -> working tree)")
    return "\n".join(lines)


def _yaml(name: str, text: bytes, where: str) -> Any:
    try:
        return yaml.safe_load(text.decode())
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        raise DocumentError(f"{where}: {name} is not valid YAML ({type(error).__name__})") from None


def _parse(name: str, text: bytes, where: str) -> dict[str, Any]:
    loaded = _yaml(name, text, where)
    if not isinstance(loaded, dict) or not str(loaded.get("openapi", "")).startswith("3."):
        raise DocumentError(f"{where}: {name} is not an OpenAPI 3 document")
    if not isinstance(loaded.get("paths", {}), dict):
        raise DocumentError(f"{where}: {name} has no `paths` mapping")
    return loaded


def load(read: Callable[[str], bytes | None], where: str) -> dict[str, dict[str, Any]]:
    """The documents `openapi/generator.yaml` lists, through `read(path) -> bytes | None`."""
    listing = read("openapi/generator.yaml")
    if listing is None:
        raise DocumentError(f"{where}: no openapi/generator.yaml")
    names = _dict(_yaml("openapi/generator.yaml", listing, where)).get("documents")
    if not isinstance(names, dict):
        raise DocumentError(f"{where}: openapi/generator.yaml has no `documents` mapping")
    docs = {}
    for name in map(str, names):
        text = read(f"openapi/{name}")
        if text is not None:
            docs[name] = _parse(name, text, where)
    return docs


def git_reader(root: Path, ref: str) -> Callable[[str], bytes | None]:
    """Reads files as they were at git `ref` (None for a file the ref doesn't have)."""
    check = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
        cwd=root,
        capture_output=True,
    )
    if check.returncode != 0:
        raise DocumentError(
            f"unknown git ref {ref!r}" if check.returncode == 1 else f"no git repository at {root}"
        )

    def read(path: str) -> bytes | None:
        shown = subprocess.run(["git", "show", f"{ref}:{path}"], cwd=root, capture_output=True)
        return shown.stdout if shown.returncode == 0 else None

    return read


def tree_reader(root: Path) -> Callable[[str], bytes | None]:
    """Reads files of the working tree (None for a missing one)."""
    return lambda path: (root / path).read_bytes() if (root / path).is_file() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", nargs="?", default="HEAD", help="git ref to compare with (HEAD)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository (this one)")
    parser.add_argument("--json", action="store_true", help="print the changes as JSON")
    args = parser.parse_args(argv)
    try:
        old = load(git_reader(args.root, args.old), args.old)
        new = load(tree_reader(args.root), "working tree")
    except (DocumentError, OSError) as error:
        print(f"api-diff: {error}", file=sys.stderr)
        return 2
    try:
        changes = diff(old, new)
    except RecursionError:  # `A: {allOf: [A]}`: no schema to compare
        print(
            "api-diff: a schema of the documents is made of itself (allOf/anyOf)", file=sys.stderr
        )
        return 2
    if args.json:
        print(json.dumps([dataclasses.asdict(c) for c in changes], indent=2))
    else:
        print(report(changes, args.old))
    return 1 if any(c.breaking for c in changes) else 0


if __name__ == "__main__":
    sys.exit(main())
