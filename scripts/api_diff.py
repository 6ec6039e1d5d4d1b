"""Compare the API documents at a git ref with the working tree, and say what breaks callers.

Usage: python scripts/api_diff.py [OLD_REF] [--root DIR] [--json]

Prints every added, removed and changed operation, parameter, field and enum value of
`openapi/*.yaml`, each marked BREAKING (existing callers may fail: a removed operation or field,
a new required request field or parameter, a narrowed request type, a removed enum value, a
response field that may now be missing or of another type) or ok. Exit code: 0 when nothing
breaks, 1 when something does, 2 when a ref or a document can't be read.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ("core.yaml", "account.yaml", "auth.yaml")
METHODS = ("get", "put", "post", "patch", "delete")
# Bounds a request must respect: raising a lower one or lowering an upper one narrows it.
LOWER = ("minimum", "exclusiveMinimum", "minLength", "minItems")
UPPER = ("maximum", "exclusiveMaximum", "maxLength", "maxItems")


class DocumentError(Exception):
    """A ref or a document that can't be read (exit code 2)."""


@dataclasses.dataclass(frozen=True)
class Change:
    """One difference: what kind, where, whether it breaks existing callers, and the detail."""

    kind: str  # added, removed, changed
    where: str
    breaking: bool
    detail: str


class _Differ:
    """Walks two versions of one document side by side (sans-I/O: dicts in, changes out)."""

    def __init__(self, name: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.name, self.old, self.new = name, old, new
        self.changes: list[Change] = []

    def add(self, kind: str, where: str, breaking: bool, detail: str) -> None:
        self.changes.append(Change(kind, f"{self.name} {where}", breaking, detail))

    @staticmethod
    def resolve(doc: dict[str, Any], node: Any) -> Any:
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < 50:
            target: Any = doc
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target.get(part, {}) if isinstance(target, dict) else {}
            node, seen = target, seen + 1
        return node

    def flat(self, doc: dict[str, Any], node: Any) -> dict[str, Any]:
        """A schema with refs followed, `allOf` merged and nullable `anyOf`/`oneOf` folded in."""
        node = self.resolve(doc, node)
        if not isinstance(node, dict):
            return {}
        out = {k: v for k, v in node.items() if k not in ("allOf", "anyOf", "oneOf")}
        types = set(_types(out))
        for part in node.get("allOf", []):
            sub = self.flat(doc, part)
            out.setdefault("properties", {}).update(sub.get("properties", {}))
            out["required"] = sorted({*out.get("required", []), *sub.get("required", [])})
            types |= set(_types(sub))
        for key in ("anyOf", "oneOf"):
            branches = [self.flat(doc, b) for b in node.get(key, [])]
            real = [b for b in branches if _types(b) != ["null"]]
            if len(real) < len(branches):
                types.add("null")
            if len(real) == 1:
                merged = {k: v for k, v in real[0].items() if k != "type"}
                out.update({k: v for k, v in merged.items() if k not in out})
                types |= set(_types(real[0]))
            elif real:
                for branch in real:
                    types |= set(_types(branch))
        if types:
            out["type"] = sorted(types)
        return out

    def schema(self, where: str, old: Any, new: Any, request: bool, depth: int = 0) -> None:
        if depth > 12:
            return
        a, b = self.flat(self.old, old), self.flat(self.new, new)
        ta, tb = set(_types(a)), set(_types(b))
        if ta and tb and ta != tb:
            lost, gained = ta - tb, tb - ta
            breaks = bool(lost) if request else bool(gained) or ("null" in gained)
            detail = f"type {sorted(ta)} -> {sorted(tb)}"
            self.add("changed", where, breaks, detail)
        ea, eb = a.get("enum"), b.get("enum")
        if isinstance(ea, list) and isinstance(eb, list):
            for value in sorted(set(map(str, ea)) - set(map(str, eb))):
                self.add("removed", f"{where} enum", True, f"value {value!r}")
            for value in sorted(set(map(str, eb)) - set(map(str, ea))):
                self.add("added", f"{where} enum", False, f"value {value!r}")
        for key in LOWER + UPPER:
            va, vb = a.get(key), b.get(key)
            if va != vb and (va is not None or vb is not None):
                narrower = vb is not None and (va is None or (vb > va if key in LOWER else vb < va))
                self.add("changed", f"{where} {key}", request and narrower, f"{va} -> {vb}")
        pa, pb = a.get("properties", {}), b.get("properties", {})
        ra, rb = set(a.get("required", [])), set(b.get("required", []))
        for prop in sorted(set(pa) - set(pb)):
            self.add("removed", f"{where}.{prop}", True, "field removed")
        for prop in sorted(set(pb) - set(pa)):
            required = prop in rb
            self.add(
                "added",
                f"{where}.{prop}",
                request and required,
                "required field" if required else "optional field",
            )
        for prop in sorted(set(pa) & set(pb)):
            path = f"{where}.{prop}"
            if request and prop in rb - ra:
                self.add("changed", path, True, "now required")
            if not request and prop in ra - rb:
                self.add("changed", path, True, "no longer always present")
            self.schema(path, pa[prop], pb[prop], request, depth + 1)
        if "items" in a or "items" in b:
            self.schema(f"{where}[]", a.get("items", {}), b.get("items", {}), request, depth + 1)

    def operations(self) -> None:
        old_ops, new_ops = _operations(self.old), _operations(self.new)
        for key in sorted(set(old_ops) - set(new_ops)):
            self.add("removed", " ".join(key), True, "operation removed")
        for key in sorted(set(new_ops) - set(old_ops)):
            self.add("added", " ".join(key), False, "operation added")
        for key in sorted(set(old_ops) & set(new_ops)):
            self.operation(" ".join(key), old_ops[key], new_ops[key])

    def operation(self, where: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        pa, pb = self.parameters(self.old, old), self.parameters(self.new, new)
        for key in sorted(set(pa) - set(pb)):
            self.add("removed", f"{where} parameter {key[1]}", True, "parameter removed")
        for key in sorted(set(pb) - set(pa)):
            required = bool(pb[key].get("required"))
            self.add(
                "added",
                f"{where} parameter {key[1]}",
                required,
                "required parameter" if required else "optional parameter",
            )
        for key in sorted(set(pa) & set(pb)):
            path = f"{where} parameter {key[1]}"
            if pb[key].get("required") and not pa[key].get("required"):
                self.add("changed", path, True, "now required")
            self.schema(path, pa[key].get("schema", {}), pb[key].get("schema", {}), True)
        body_a, body_b = (
            _json_body(self.resolve(self.old, old.get("requestBody", {}))),
            _json_body(self.resolve(self.new, new.get("requestBody", {}))),
        )
        if body_a is not None or body_b is not None:
            self.schema(f"{where} request", body_a or {}, body_b or {}, True)
        for status in sorted(set(old.get("responses", {})) & set(new.get("responses", {}))):
            if not status.startswith("2"):
                continue
            ra = _json_body(self.resolve(self.old, old["responses"][status]))
            rb = _json_body(self.resolve(self.new, new["responses"][status]))
            if ra is not None and rb is not None:
                self.schema(f"{where} response {status}", ra, rb, False)

    def parameters(self, doc: dict[str, Any], op: dict[str, Any]) -> dict[tuple[str, str], Any]:
        found = {}
        for parameter in op.get("parameters", []):
            resolved = self.resolve(doc, parameter)
            found[(resolved.get("in", "?"), resolved.get("name", "?"))] = resolved
        return found


def _types(schema: dict[str, Any]) -> list[str]:
    kind = schema.get("type")
    return sorted(kind) if isinstance(kind, list) else ([kind] if isinstance(kind, str) else [])


def _json_body(node: Any) -> Any:
    content = node.get("content", {}) if isinstance(node, dict) else {}
    media = content.get("application/json") or next(iter(content.values()), None)
    return None if media is None else media.get("schema", {})


def _operations(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method.upper(), path): item[method]
        for path, item in (doc.get("paths") or {}).items()
        for method in METHODS
        if isinstance(item, dict) and method in item
    }


def diff(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> list[Change]:
    """Every change between two sets of documents (by file name)."""
    changes: list[Change] = []
    for name in sorted(set(old) | set(new)):
        if name not in new:
            changes.append(Change("removed", name, True, "document removed"))
        elif name not in old:
            changes.append(Change("added", name, False, "document added"))
        else:
            differ = _Differ(name, old[name], new[name])
            differ.operations()
            changes.extend(differ.changes)
    return changes


def _parse(name: str, text: str, where: str) -> dict[str, Any]:
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise DocumentError(
            f"{where}: {name} is not valid YAML ({error.__class__.__name__})"
        ) from None
    if not isinstance(loaded, dict) or "openapi" not in loaded:
        raise DocumentError(f"{where}: {name} is not an OpenAPI document")
    return loaded


def load_ref(root: Path, ref: str) -> dict[str, dict[str, Any]]:
    """The documents as they were at git `ref`."""
    check = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    if check.returncode != 0:
        raise DocumentError(f"unknown git ref {ref!r}")
    docs = {}
    for name in DOCUMENTS:
        shown = subprocess.run(
            ["git", "show", f"{ref}:openapi/{name}"], cwd=root, capture_output=True, text=True
        )
        if shown.returncode == 0:
            docs[name] = _parse(name, shown.stdout, ref)
    return docs


def load_tree(root: Path) -> dict[str, dict[str, Any]]:
    """The documents of the working tree."""
    return {
        name: _parse(name, (root / "openapi" / name).read_text(), "working tree")
        for name in DOCUMENTS
        if (root / "openapi" / name).is_file()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", nargs="?", default="HEAD", help="git ref to compare with")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository")
    parser.add_argument("--json", action="store_true", help="print the changes as JSON")
    args = parser.parse_args(argv)
    try:
        changes = diff(load_ref(args.root, args.old), load_tree(args.root))
    except (DocumentError, OSError) as error:
        print(f"api-diff: {error}", file=sys.stderr)
        return 2
    breaking = [c for c in changes if c.breaking]
    if args.json:
        print(json.dumps([dataclasses.asdict(c) for c in changes], indent=2))
    else:
        for change in sorted(changes, key=lambda c: (not c.breaking, c.where)):
            mark = "BREAKING" if change.breaking else "ok      "
            print(f"{mark} {change.kind:8} {change.where}: {change.detail}")
        print(f"{len(changes)} changes, {len(breaking)} breaking (against {args.old})")
    return 1 if breaking else 0


if __name__ == "__main__":
    sys.exit(main())
